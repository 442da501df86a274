//! Identifiers in a table's id column: a record system's export names the
//! column once ("Pt ID", "member_id", "Case ref", "Claim No") and then
//! gives a patient's, a member's or a case's number on every row with
//! nothing beside it ("P10338  | KOWALCZYK, Filip | …"). Under such a
//! header, in a pipe table or a CSV block, each row's value in that column
//! is the record's own number.
//!
//! A header has no digit and at least three cells; the rows that follow
//! have as many cells. A value needs three digits or more and a letter or
//! five digits, so a row count ("| No | 12 |") is no identifier.
//!
//! An ages column ("child_ages", "Age") is read the same way for ages
//! finer than a year ("\"9, 7, 4, 8m\"", "9 months"), and a staff or user
//! column ("staff_id", "Entered by") for logins ("kmcinnes", "j.boyle"):
//! a worker's login is their name run together. A column of vehicle
//! registrations ("reg", "VRM", "plate") holds plates of any country's
//! format ("LX-72-KT", "DN 4412 PL"), each leading to a keeper.

use super::util::has_ascii_digit;
use crate::findings::Kind;
use crate::gate::Hit;

const LOGIN_MESSAGE: &str =
    "This is a login in a table's staff or user column, a worker's name run together; use a role such as Practitioner A.";
const MESSAGE: &str =
    "This is a value in a table's id column, a record's own number that leads to one person or case; leave it out.";
const NAME_MESSAGE: &str =
    "This is a value in a table's names column, a person's name as a register gives it; use a role such as Child A.";
const PLATE_MESSAGE: &str =
    "This is a value in a table's registration column, a vehicle's plate that leads to its keeper; leave it out.";
const DATE_MESSAGE: &str =
    "This is a value in a table's date column, a day and month that dates an event in a child's life; give the month and year at most.";
const AGE_MESSAGE: &str =
    "This looks like an exact age finer than a year, which narrows down who the child is; give whole years or an age band.";

/// Words of a header cell that name an id column.
const ID_WORDS: &[&str] = &["id", "ref", "reference", "urn", "crn", "pnr"];
/// Words of a header cell that say whose record its number is: a
/// member's, a pupil's, a card's ("squad_no", "Pupil no.", "card_last4").
/// Under them a short code is the person's own ("J07", "7731").
const PERSON_RECORD_WORDS: &[&str] = &[
    "member",
    "squad",
    "player",
    "pupil",
    "student",
    "patient",
    "client",
    "customer",
    "tenant",
    "account",
    "card",
    "candidate",
    "applicant",
    "household",
    "locker",
    "badge",
    "log",
    "incident",
    "case",
    "caller",
    "passenger",
    "guest",
    "room",
    "response",
    "respondent",
    "submission",
    "entry",
];
/// Last words of a header cell that name a number column ("Claim No").
const NUMBER_WORDS: &[&str] = &["no", "number", "num", "nr"];

/// Cells of `line` (which starts at byte `offset`) split by `delimiter`,
/// as byte ranges, with a pipe table's outer bars dropped.
fn cells(line: &str, offset: usize, delimiter: u8) -> Vec<(usize, usize)> {
    let bytes = line.as_bytes();
    let (mut from, mut to) = (0, bytes.len());
    if delimiter == b'|' {
        while from < to && bytes[from] == b' ' {
            from += 1;
        }
        // Outer bars come in pairs: a plain table without a leading bar
        // ends a row with an empty last cell ("| 9 Jan 2015 |").
        let leading = bytes.get(from) == Some(&b'|');
        if leading {
            from += 1;
        }
        while to > from && matches!(bytes[to - 1], b' ' | b'\r') {
            to -= 1;
        }
        if leading && to > from && bytes[to - 1] == b'|' {
            to -= 1;
        }
    }
    let mut out = Vec::new();
    let mut start = from;
    let mut quoted = false;
    for (k, &b) in bytes.iter().enumerate().take(to).skip(from) {
        if b == b'"' && delimiter == b',' {
            quoted = !quoted;
        } else if b == delimiter && !quoted {
            out.push((offset + start, offset + k));
            start = k + 1;
        }
    }
    out.push((offset + start, offset + to));
    out
}

/// The words of a header cell, split at anything but letters and digits
/// and where a lower-case letter meets a capital ("ResponseID").
fn header_words(cell: &str) -> impl Iterator<Item = &str> {
    cell.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .flat_map(|w| {
            let b = w.as_bytes();
            let mut cuts = vec![0];
            cuts.extend(
                (1..b.len())
                    .filter(|&k| b[k - 1].is_ascii_lowercase() && b[k].is_ascii_uppercase()),
            );
            cuts.push(b.len());
            (0..cuts.len() - 1).map(move |k| &w[cuts[k]..cuts[k + 1]])
        })
}

fn any_word_in(cell: &str, list: &[&str]) -> bool {
    header_words(cell).any(|w| list.iter().any(|l| w.eq_ignore_ascii_case(l)))
}

fn id_header(cell: &str) -> bool {
    any_word_in(cell, ID_WORDS)
        || header_words(cell)
            .last()
            .is_some_and(|w| NUMBER_WORDS.iter().any(|l| w.eq_ignore_ascii_case(l)))
        || cell.trim().ends_with('#')
        || last_digits_header(cell)
}

/// "card_last4", "Last 4": the last digits of a card or an account.
fn last_digits_header(cell: &str) -> bool {
    let words: Vec<&str> = header_words(cell).collect();
    words.iter().any(|w| w.eq_ignore_ascii_case("last4"))
        || words
            .windows(2)
            .any(|w| w[0].eq_ignore_ascii_case("last") && w[1] == "4")
}

/// An id column whose header says the number is a person's or a
/// record's own ("squad_no", "LOG#", "card_last4").
fn person_record_header(cell: &str) -> bool {
    id_header(cell)
        && (any_word_in(cell, PERSON_RECORD_WORDS)
            || cell.trim().ends_with('#')
            || last_digits_header(cell))
}

/// A short code under such a header: a letter and two digits ("J07"),
/// four digits that are no year ("7731", "2517"), no date or amount.
fn person_record_value(value: &str) -> bool {
    let digits = value.bytes().filter(u8::is_ascii_digit).count();
    let letters = value.bytes().filter(u8::is_ascii_alphabetic).count();
    let year = value.len() == 4
        && value
            .parse::<u32>()
            .is_ok_and(|y| (1960..=2039).contains(&y));
    (2..=12).contains(&value.len())
        && value
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-')
        && digits >= 2
        && (letters > 0 || digits >= 4)
        && !year
}

/// A header cell that names who made a record by their login: "user",
/// "username", "staff_id", "agent login", "entered_by". A header in words
/// ("Staff group", "Led by") holds words, not logins.
fn login_header(cell: &str) -> bool {
    let trimmed = cell.trim().as_bytes();
    any_word_in(cell, &["login", "username", "userid", "user"])
        || (any_word_in(cell, &["staff", "agent", "operator", "adviser", "advisor"])
            && any_word_in(cell, &["id", "login"]))
        || (trimmed.len() > 3 && trimmed[trimmed.len() - 3..].eq_ignore_ascii_case(b"_by"))
}

/// A login: one lower-case word of letters, perhaps with digits, a dot or
/// an underscore ("kmcinnes", "j.boyle", "tnaz2"); "SYSTEM" or "web" in
/// capitals is no person, and a lone short word is no login.
fn login_value(value: &str) -> bool {
    (3..=32).contains(&value.len())
        && value.starts_with(|c: char| c.is_ascii_lowercase())
        && value
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'.' | b'_'))
}

/// A header cell that names a column of people: "child", "client",
/// "applicant", "first_name", "collected by". A register's export gives
/// one person a row there, whatever their name looks like ("Tolu",
/// "Hope Sinclair").
fn name_header(cell: &str) -> bool {
    let words: Vec<String> = header_words(cell).map(str::to_ascii_lowercase).collect();
    let whole =
        |list: &[&str]| words.len() <= 2 && words.iter().any(|w| list.contains(&w.as_str()));
    // "child_age", "child_dob", "parent_email" hold no name.
    let other = words.iter().any(|w| {
        matches!(
            w.as_str(),
            "age"
                | "ages"
                | "dob"
                | "email"
                | "phone"
                | "tel"
                | "mobile"
                | "id"
                | "no"
                | "ref"
                | "address"
                | "postcode"
                | "school"
                | "count"
                | "number"
                | "type"
                | "role"
        )
    });
    !other
        && (whole(&[
            "name",
            "names",
            "child",
            "children",
            "client",
            "applicant",
            "pupil",
            "forename",
            "surname",
            "firstname",
            "lastname",
            "guest",
            "parent",
            "carer",
            "collector",
            "member",
        ]) || words.windows(2).any(|w| {
            matches!(
                w[0].as_str(),
                "first" | "last" | "full" | "given" | "family"
            ) && w[1] == "name"
        }))
}

/// A person's name in a names column: one to four words, the first a
/// capital's, no digit ("Hope Sinclair", "Mrs Adebayo F.", "Tolu").
fn name_value(value: &str) -> bool {
    let words = value.split_whitespace().count();
    (1..=4).contains(&words)
        && value.len() <= 48
        && value.starts_with(|c: char| c.is_uppercase())
        && !value
            .bytes()
            .any(|b| b.is_ascii_digit() || matches!(b, b'@' | b'/' | b'?'))
        && !matches!(value, "N/A" | "None" | "Unknown" | "TBC" | "Yes" | "No")
}

/// A header cell that names a column of number plates.
fn plate_header(cell: &str) -> bool {
    any_word_in(
        cell,
        &["reg", "registration", "vrm", "plate", "numberplate"],
    )
}

/// A plate of any country: capitals and digits, both, in at most three
/// groups, four to ten of them.
fn plate_value(value: &str) -> bool {
    let alnum = value.bytes().filter(u8::is_ascii_alphanumeric).count();
    (4..=10).contains(&alnum)
        && value.split([' ', '-']).count() <= 3
        && value
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b' ' || b == b'-')
        && value.bytes().any(|b| b.is_ascii_uppercase())
        && value.bytes().any(|b| b.is_ascii_digit())
}

/// A header cell that names a column of dates.
fn date_header(cell: &str) -> bool {
    any_word_in(cell, &["date", "dated", "day"])
}

/// A day and month in digits, with a year or without ("09.03", "3/2",
/// "14-06-25"): in a date column, no section number or score.
fn date_value(value: &str) -> bool {
    let parts: Vec<&str> = value.split(['.', '/', '-']).collect();
    let number = |p: &str, max: u32| {
        (1..=2).contains(&p.len())
            && p.bytes().all(|b| b.is_ascii_digit())
            && (1..=max).contains(&p.parse::<u32>().unwrap_or(0))
    };
    (2..=3).contains(&parts.len())
        && number(parts[0], 31)
        && number(parts[1], 12)
        && parts
            .get(2)
            .is_none_or(|y| matches!(y.len(), 2 | 4) && y.bytes().all(|b| b.is_ascii_digit()))
}

fn age_header(cell: &str) -> bool {
    any_word_in(cell, &["age", "ages"])
}

/// The ages finer than a year in an ages cell ("9, 7, 4, 8m", "2y 4m"
/// is found by the age rules): a number and a unit of months or weeks.
fn ages_in(cell: &str, offset: usize, out: &mut Vec<(usize, usize)>) {
    const UNITS: &[&str] = &[
        "months", "month", "mths", "mth", "mos", "mo", "weeks", "week", "wks", "wk", "m", "w",
    ];
    let bytes = cell.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_digit() || (i > 0 && bytes[i - 1].is_ascii_alphanumeric()) {
            i += 1;
            continue;
        }
        let digits = bytes[i..].iter().take_while(|b| b.is_ascii_digit()).count();
        let after = &cell[i + digits..];
        let gap = after.len() - after.trim_start_matches(' ').len();
        let unit = UNITS.iter().find(|u| {
            after[gap..].starts_with(*u)
                && !after[gap + u.len()..].starts_with(|c: char| c.is_ascii_alphanumeric())
        });
        if let (true, Some(u)) = (digits <= 2, unit) {
            out.push((offset + i, offset + i + digits + gap + u.len()));
        }
        i += digits;
    }
}

fn id_value(value: &str) -> bool {
    // A booking's code ("LG8K2P") has few digits but letters after them.
    if super::util::booking_code(value) {
        return true;
    }
    let digits = value.bytes().filter(u8::is_ascii_digit).count();
    let letters = value.bytes().any(|b| b.is_ascii_alphabetic());
    (3..=30).contains(&value.len())
        && digits >= 3
        && (letters || digits >= 5)
        // A code of at most three words, or a number in spaced groups
        // ("1501 2234 8876 1123", a PVG scheme number).
        && (value.split(' ').count() <= 3
            || value.split(' ').all(|g| (3..=5).contains(&g.len()) && g.bytes().all(|b| b.is_ascii_digit())))
        // A code, not a phrase: "6 of 17" in a count's column.
        && !value
            .split(' ')
            .any(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_lowercase()))
        && !value.contains(['@', '/'])
}

/// The header's columns whose cell `names` says what they hold.
fn columns_where(text: &str, header: &[(usize, usize)], names: fn(&str) -> bool) -> Vec<usize> {
    header
        .iter()
        .enumerate()
        .filter(|&(_, &(s, e))| names(&text[s..e]))
        .map(|(k, _)| k)
        .collect()
}

/// Adds to `out` the value of each of `columns` in `row` (trimmed of
/// spaces and `quotes`) that `holds` accepts.
fn values_in(
    text: &str,
    row: &[(usize, usize)],
    columns: &[usize],
    quotes: &[char],
    holds: fn(&str) -> bool,
    out: &mut Vec<(usize, usize)>,
) {
    for &k in columns {
        let (s, e) = row[k];
        let raw = &text[s..e];
        let value = raw.trim().trim_matches(quotes).trim();
        if holds(value) {
            let vs = s + raw.find(value).unwrap_or(0);
            out.push((vs, vs + value.len()));
        }
    }
}

/// A table being read: its delimiter, its number of cells, and the
/// columns of ids, of ages and of logins.
struct Table {
    delimiter: u8,
    width: usize,
    ids: Vec<usize>,
    person_ids: Vec<usize>,
    names: Vec<usize>,
    ages: Vec<usize>,
    logins: Vec<usize>,
    plates: Vec<usize>,
    dates: Vec<usize>,
}

/// `text.split_inclusive('\n')`, by the memchr crate's search: the
/// standard library's for a char reads a word at a time, and this rule
/// splits every text into lines.
fn lines_inclusive(text: &str) -> impl Iterator<Item = &str> {
    let mut start = 0;
    let mut newlines = memchr::memchr_iter(b'\n', text.as_bytes());
    std::iter::from_fn(move || {
        let end = newlines.next().map_or(text.len(), |nl| nl + 1);
        if start >= end {
            return None;
        }
        let line = &text[start..end];
        start = end;
        Some(line)
    })
}

/// Adds the values of the text's tables' id columns to `hits`.
pub(super) fn find(text: &str, hits: &mut Vec<Hit>) {
    // Every table this rule reads holds a delimiter and a digit.
    if !has_ascii_digit(text) || memchr::memchr2(b'|', b',', text.as_bytes()).is_none() {
        return;
    }
    let mut table: Option<Table> = None;
    let mut offset = 0;
    let mut found = Vec::new();
    let mut ages = Vec::new();
    let mut logins = Vec::new();
    let mut names = Vec::new();
    let mut plates = Vec::new();
    let mut dates = Vec::new();
    for line in lines_inclusive(text) {
        let body = line.trim_end_matches(['\n', '\r']);
        let here = offset;
        offset += line.len();
        let separator = !body.trim().is_empty()
            && body
                .bytes()
                .all(|b| matches!(b, b'-' | b'|' | b'+' | b':' | b' ' | b'=' | b'\t'));
        if separator && table.is_some() {
            continue;
        }
        if let Some(t) = &table {
            let row = cells(body, here, t.delimiter);
            if row.len() == t.width && !body.trim().is_empty() {
                values_in(text, &row, &t.logins, &['"'], login_value, &mut logins);
                values_in(text, &row, &t.names, &['"', '*'], name_value, &mut names);
                for &k in &t.ages {
                    let (s, e) = row[k];
                    ages_in(&text[s..e], s, &mut ages);
                }
                values_in(text, &row, &t.dates, &['"', '*'], date_value, &mut dates);
                values_in(text, &row, &t.plates, &['"'], plate_value, &mut plates);
                values_in(text, &row, &t.ids, &['"'], id_value, &mut found);
                values_in(
                    text,
                    &row,
                    &t.person_ids,
                    &['"'],
                    person_record_value,
                    &mut found,
                );
                continue;
            }
            table = None;
        }
        let delimiter = if memchr::memchr(b'|', body.as_bytes()).is_some() {
            b'|'
        } else if memchr::memchr_iter(b',', body.as_bytes()).nth(2).is_some() {
            b','
        } else {
            continue;
        };
        // A header's digits belong to its words ("card_last4"); a row's
        // stand alone (dates, amounts, numbers).
        let row_digits = body
            .as_bytes()
            .windows(2)
            .any(|w| w[1].is_ascii_digit() && !(w[0].is_ascii_alphanumeric() || w[0] == b'_'))
            || body.starts_with(|c: char| c.is_ascii_digit());
        if row_digits {
            continue;
        }
        // A sentence with three commas is no CSV header: a header's cells
        // are short names ("staff_id", "Date of referral"), and it holds
        // no sentence's full stop.
        if delimiter == b','
            && (body.len() / (memchr::memchr_iter(b',', body.as_bytes()).count() + 1) > 32
                || body.contains(". "))
        {
            continue;
        }
        let header = cells(body, here, delimiter);
        if header.len() < 3 {
            continue;
        }
        let plate_columns = columns_where(text, &header, plate_header);
        let date_columns = columns_where(text, &header, date_header);
        let mut columns = columns_where(text, &header, id_header);
        columns.retain(|k| !plate_columns.contains(k));
        let person_ids = columns_where(text, &header, person_record_header);
        columns.retain(|k| !person_ids.contains(k));
        let age_columns = columns_where(text, &header, age_header);
        let login_columns = columns_where(text, &header, login_header);
        let name_columns = columns_where(text, &header, name_header);
        if !columns.is_empty()
            || !person_ids.is_empty()
            || !name_columns.is_empty()
            || !age_columns.is_empty()
            || !login_columns.is_empty()
            || !plate_columns.is_empty()
            || !date_columns.is_empty()
        {
            table = Some(Table {
                delimiter,
                width: header.len(),
                ids: columns,
                person_ids,
                names: name_columns,
                ages: age_columns,
                logins: login_columns,
                plates: plate_columns,
                dates: date_columns,
            });
        }
    }
    super::util::push_uncovered(hits, 0, logins, |s, e| {
        Hit::new(s, e, Kind::PersonName, "login-column", LOGIN_MESSAGE).uncertain()
    });
    super::util::push_uncovered(hits, 0, names, |s, e| {
        Hit::new(s, e, Kind::PersonName, "name-column", NAME_MESSAGE).uncertain()
    });
    super::util::push_uncovered(hits, 0, dates, |s, e| {
        Hit::new(s, e, Kind::Date, "date-column", DATE_MESSAGE).uncertain()
    });
    super::util::push_uncovered(hits, 0, plates, |s, e| {
        Hit::new(s, e, Kind::Vehicle, "plate-column", PLATE_MESSAGE)
    });
    super::util::push_uncovered(hits, 0, ages, |s, e| {
        Hit::new(s, e, Kind::Age, "age-column", AGE_MESSAGE).uncertain()
    });
    super::util::push_uncovered(hits, 0, found, |s, e| {
        Hit::new(s, e, Kind::Reference, "id-column", MESSAGE).uncertain()
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_split_as_the_standard_library_splits_them() {
        for text in
            crate::gate::test_texts::random_texts(&["a", "\n", "\r", "é", " ", "|"], 0x1d_c01, 12)
                .take(5000)
        {
            assert_eq!(
                lines_inclusive(&text).collect::<Vec<_>>(),
                text.split_inclusive('\n').collect::<Vec<_>>(),
                "{text:?}"
            );
        }
    }

    fn found(text: &str) -> Vec<&str> {
        let mut hits = Vec::new();
        find(text, &mut hits);
        hits.iter().map(|h| &text[h.start..h.end]).collect()
    }

    #[test]
    fn values_under_an_id_header_are_found() {
        let plain = "Pt ID   | Name             | DOB        | Flag\n--------+------------------+------------+-----\nP10338  | KOWALCZYK, Filip | 21.11.2018 | RED\nP11902  | AHMED, Rafiq     | 9 Jan 2015 |\n";
        assert_eq!(
            found(plain),
            ["KOWALCZYK, Filip", "AHMED, Rafiq", "P10338", "P11902"]
        );
        let md = "| Case ref | Worker | Outcome |\n|---|---|---|\n| HX-44120 | Ailsa | closed |\n";
        assert_eq!(found(md), ["HX-44120"]);
        let csv = "member_id,first_name,squad,fee\nMB20771,Zuza,Dev 2,40\n";
        assert_eq!(found(csv), ["Zuza", "MB20771"]);
        let pvg = "| Coach | Role | PVG scheme no. | Checked |\n|---|---|---|---|\n| Dan Roy | U10 coach | 1501 2234 8876 1123 | 11-03-2023 |\n";
        assert_eq!(found(pvg), ["1501 2234 8876 1123"]);
        let bookings = "pupil,route,booking_ref,escort\nEilidh,flight,LG8K2P,none\n";
        assert_eq!(found(bookings), ["Eilidh", "LG8K2P"]);
        let plates = "date,reg,make,people\n22/05/2025,DN 4412 PL,Skoda,4\n24/05/2025,LX-72-KT,Renault,2\n24/05/2025,none seen,-,1\n";
        assert_eq!(
            found(plates),
            [
                "22/05/2025",
                "24/05/2025",
                "24/05/2025",
                "DN 4412 PL",
                "LX-72-KT"
            ]
        );
        let squad = "squad_no,name,dob,school\nJ07,Magnus H,2013-02-11,Sound Primary\nJ10,Tyrese O,2013-07-22,Bell's Brae\n";
        assert_eq!(found(squad), ["Magnus H", "Tyrese O", "J07", "J10"]);
        let log = "LOG# | date       | notes\n-----+------------+------\n2517 | 07/04/2025 | dog loose\n2025 | 08/04/2025 | none\n";
        assert_eq!(found(log), ["07/04/2025", "08/04/2025", "2517"]);
        let cards = "date,branch,card_last4,type,amount\n2025-10-14,214733,7731,DEPOSIT,420.00\n";
        assert_eq!(found(cards), ["7731"]);
        let survey = "ResponseID,StartTime,Name,Class\n1041,2024-11-12 09:14:22,Kai P,2C2\n";
        assert_eq!(found(survey), ["Kai P", "1041"]);
        let flights = "date,flight,pnr,seat\n2025-07-19,BT0651 RIX,K7Q2LM,12A\n";
        assert_eq!(found(flights), ["K7Q2LM"]);
        let bookings = "booking_id,client,child,child_age,venue\nCB-118,Hope Sinclair,Tolu,6,home\nCB-119,Mrs Adebayo F.,Ava,5,N/A\n";
        assert_eq!(
            found(bookings),
            [
                "Hope Sinclair",
                "Tolu",
                "Mrs Adebayo F.",
                "Ava",
                "CB-118",
                "CB-119"
            ]
        );
        let actions = "| Rec no. | Action | Lead | Due |\n|---|---|---|---|\n| R12 | Train staff | CPC | 2025 |\n| 1.2 | Audit | NHS | 2026 |\n";
        assert!(found(actions).is_empty(), "{:?}", found(actions));
        let visits = "| Date | Who | Family | Note |\n|---|---|---|---|\n| 09.03 | JIS | R | heard shouting |\n| 4.2 | JIS | R | 3.2 visits |\n";
        assert_eq!(found(visits), ["09.03", "4.2"]);
    }

    #[test]
    fn ages_finer_than_a_year_in_an_ages_column_are_found() {
        let csv = "voucher_id,client_name,hh_children,child_ages,postcode\nEH-1,Ewa,4,\"9, 7, 4, 8m\",EH6\nEH-2,Ola,4,\"9,7,4,9 months\",EH6\n";
        let mut hits = Vec::new();
        find(csv, &mut hits);
        let ages: Vec<&str> = hits
            .iter()
            .filter(|h| h.kind == Kind::Age)
            .map(|h| &csv[h.start..h.end])
            .collect();
        assert_eq!(ages, ["8m", "9 months"]);
    }

    #[test]
    fn logins_under_a_staff_or_user_column_are_found() {
        let csv = "row,when,channel,staff_id,action,detail\n1,2021-03-02 10:01,WEB,SYSTEM,NOTE,\"auto, none\"\n2,2021-03-02 10:04,STORE 7,rdunbar2,NOTE,\"called back, left msg\"\n";
        let mut hits = Vec::new();
        find(csv, &mut hits);
        let logins: Vec<&str> = hits
            .iter()
            .filter(|h| h.kind == Kind::PersonName)
            .map(|h| &csv[h.start..h.end])
            .collect();
        assert_eq!(logins, ["rdunbar2"]);
        // A header in words holds words.
        let plain = "| Action | Led by | Due |\n|---|---|---|\n| Audit | partners | 2025 |\n";
        assert!(found(plain).is_empty(), "{:?}", found(plain));
    }

    #[test]
    fn counts_and_tables_without_an_id_column_pass() {
        let counts =
            "| No | Area | Reviews |\n|---|---|---|\n| 12 | Fife | 3 |\n| 101 | Angus | 2 |\n";
        assert!(found(counts).is_empty(), "{:?}", found(counts));
        let plain = "| Year | Reviews | Published |\n|---|---|---|\n| 2024 | 10345 | 4 |\n";
        assert!(found(plain).is_empty(), "{:?}", found(plain));
        let plain = "| Measure | Ref no | Share |\n|---|---|---|\n| Attended | 6 of 17 | 35% |\n";
        assert!(found(plain).is_empty(), "{:?}", found(plain));
    }
}
