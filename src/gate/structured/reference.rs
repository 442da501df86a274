//! Case and reference numbers: police crime and incident numbers, social
//! work and SCRA case numbers, court and Procurator Fiscal references,
//! housing and benefit application numbers.
//!
//! Two ways in: a clearly structured multi-part form with a real serial
//! (`CP/2021/0456`, `PS-20220314-0123`, `21-0045127`), or any number with a
//! serial introduced by a cue word (`case ref 123456`, `crime reference
//! number 0458/2021`). Review ids (`EX-2024-01`), years, year ranges and
//! statute citations have no serial of four digits and pass.

use super::util::{char_after, char_before, eq_any, has_ascii_digit, words_before};
use crate::findings::Kind;
use crate::gate::{Detector, Hit, PreparedText};

/// Has no automaton: tokens are found by a byte loop that starts only at
/// digits, which is cheaper than a regex whose first class is any letter.
pub struct Reference;

/// Words that introduce a reference number.
const CUES: &[&str] = &[
    "ref",
    "refs",
    "reference",
    "references",
    "case",
    "crime",
    "incident",
    "file",
    "log",
    "occurrence",
    "application",
    "claim",
    "petition",
    "warrant",
    "number",
    "no",
    "nos",
    "num",
    "nr",
    "docket",
    "complaint",
    "referral",
    "record",
    "report",
    "id",
    "identifier",
    "urn",
    "storm",
    "cr",
    "pf",
    "scra",
    "tenancy",
    "account",
    // As account is written in notes and on forms ("acct ACC-HOUS-114").
    "acct",
    "acc",
    // A trade's registration ("Gas Safe reg 548112").
    "reg",
    "notice",
    // A hospital's clinic code names a consultant's session a child
    // attends ("Clinic: GPOP-ARD-M04").
    "clinic",
    // Case management and incident systems by name: "Datix 48213",
    // "SWIS 2271904", "NRM referral", "custody record".
    "swis",
    "carefirst",
    "mosaic",
    "eclipse",
    "datix",
    "pulse",
    "nrm",
    "custody",
    "chronos",
    "ipr",
    "ids",
    "scn",
    "candidate",
    "arc",
    "brp",
    "ho",
    "uan",
    // A taxi's licence plate or a driver's badge number leads to one
    // licensed driver: "vehicle plate 1043", "badge 2231".
    "plate",
    "badge",
    // A contractor's or an interpreting service's job, a removal quote, a
    // data sharing agreement: "job 61522", "agreement DSA-2021-14".
    "job",
    // A taxi's or an interpreter's booking leads to the passenger or the
    // family it was made for: "Carron Cabs, booking 4471".
    "booking",
    "quote",
    "agreement",
    // Evidence logged by the police: "images 0311-01 to -07", "production
    // PZC/117", "exhibit ZC-03-24/1", a phone's "IMEI ending 4471".
    "image",
    "images",
    "photo",
    "photos",
    "photograph",
    "photographs",
    "exhibit",
    "exhibits",
    "production",
    "productions",
    "imei",
    "form",
    // A log's own sheet: "lost-child sheet LC-03".
    "sheet",
    // A school transport route or contract's code leads to the children
    // on it: "route WI-ASN-07", "contract SCH-BUS-09".
    "route",
    "contract",
    // A code a helpline, a filter or an IT service gives out, an asset's
    // tag, a ticket: "Report Remove code: RR-7QK2-HP91", "asset
    // KHS-LIB-PC-07", "ticket 104482".
    "code",
    "codes",
    "asset",
    "serial",
    "ticket",
    "licence",
    "license",
    "tracking",
    // A receipt's number leads to the payer: "2 nights paid, receipt 4471".
    "receipt",
    // A police officer's collar number and a hospital worker's bleep or
    // pager lead to one person: "PC Sandhu, collar 4417", "bleep 2288".
    "collar",
    "bleep",
    "pager",
    // A home's energy supply and a phone's SIM lead to the household and
    // the user: "MPAN 18 0000 5530 221", "gas meter G4K00772113", "SIM
    // ICCID 8944 1100 …", a benefit system's "batch SCG-2025-08-EK".
    "mpan",
    "mprn",
    "meter",
    "iccid",
    "batch",
    // An airline's booking code and linked bookings, a subject access or
    // other request's number: "PNR: NIA7QX2", "Linked bookings NIA5KP9",
    // "subject access request SAR-PV-2025-07".
    "pnr",
    // "Kirkcaldy Sheriff Court F123/24": a court's own case number.
    "court",
    "invoice",
    "invoices",
    "voucher",
    "vouchers",
    // An auction's lot, a file's folder ("legal folder, LEGAL/2025/14").
    "lot",
    "folder",
    // A banned list's entry, a worker's badge.
    "entry",
    "badge",
    // A grave's number in a cemetery's register.
    "lair",
    // A holiday let's or a marketplace's listing number ("Listing #55120934").
    "listing",
    "bookings",
    "request",
];

/// Police ranks: a number after a rank and a name is the officer's
/// warrant or collar number ("DC E. Rattray 20447").
const RANKS: &[&str] = &[
    "PC",
    "DC",
    "DS",
    "DI",
    "DCI",
    "PS",
    "Sgt",
    "Insp",
    "Constable",
    "Sergeant",
    "Inspector",
];

/// Words that may sit between a cue and the number ("reference number was
/// recorded as").
const FILLERS: &[&str] = &[
    // "ref for this matter: KS-SG-2023-07".
    "for",
    "this",
    "matter",
    "ending",
    "number",
    "no",
    "num",
    "nr",
    "ref",
    "reference",
    "id",
    "is",
    "was",
    "were",
    "recorded",
    "logged",
    "as",
    "given",
    "quoted",
    "listed",
    "under",
    "code",
    "the",
    "its",
    "their",
    "our",
    "your",
    "police",
    "court",
    "sheriff",
    "scra",
    "pf",
    "crime",
    "incident",
    "case",
    "file",
];

/// The kinds of review a review id names (learning review, significant
/// case review, child practice review, domestic homicide review…).
const REVIEW_KINDS: &[&str] = &[
    "lr", "lrr", "scr", "cpr", "cspr", "icr", "sar", "dhr", "sfr", "lre",
];

/// Words before a number that make it a citation or a standard identifier,
/// never a case reference.
const CITATION_WORDS: &[&str] = &[
    "isbn", "issn", "doi", "ssi", "asp", "ukpga", "sasp", "ukdsi", "iso", "bs", "en",
];

impl Reference {
    pub fn new() -> Reference {
        Reference
    }
}

/// Maximal runs of letters and digits joined by `/` or `-` that hold a
/// digit, as `(start, end)` byte ranges with separators trimmed off the ends.
fn tokens<'a>(
    text: &'a str,
    digits: &'a super::util::Digits<'_>,
) -> impl Iterator<Item = (usize, usize)> + 'a {
    let bytes = text.as_bytes();
    let is_tok = |b: u8| b.is_ascii_alphanumeric() || b == b'/' || b == b'-';
    let mut i = 0;
    std::iter::from_fn(move || {
        if let Some(digit) = digits.next(i) {
            i = digit;
            let mut start = i;
            while start > 0 && is_tok(bytes[start - 1]) {
                start -= 1;
            }
            let mut end = i;
            while end < bytes.len() && is_tok(bytes[end]) {
                end += 1;
            }
            i = end;
            while start < end && matches!(bytes[start], b'/' | b'-') {
                start += 1;
            }
            while end > start && matches!(bytes[end - 1], b'/' | b'-') {
                end -= 1;
            }
            return Some((start, end));
        }
        None
    })
}

impl Default for Reference {
    fn default() -> Self {
        Reference::new()
    }
}

/// A year a record could carry: 1960 to 2039. "1902" after "25" in
/// `P-DA-25-1902` is a serial, not a year.
fn is_year(part: &str) -> bool {
    part.len() == 4
        && part.bytes().all(|b| b.is_ascii_digit())
        && part
            .parse::<u32>()
            .is_ok_and(|y| (1960..=2039).contains(&y))
}

fn all_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// A numeric date like 03/06/2021 or 2022-09-15 (the date detector's).
fn date_shaped(token: &str, parts: &[&str]) -> bool {
    // One separator throughout, as dates are written: `24-25/019` (a
    // school year and a serial) is no date.
    let one_separator = !(token.contains('/') && token.contains('-'));
    // A day and a month in either order, or a month after a year:
    // `10-88-3321` is a property's number.
    let value = |p: &str| p.parse::<u32>().unwrap_or(99);
    let day_month = |a: &str, b: &str| {
        a.len() <= 2
            && b.len() <= 2
            && (1..=31).contains(&value(a))
            && (1..=31).contains(&value(b))
            && (value(a) <= 12 || value(b) <= 12)
    };
    one_separator
        && parts.len() == 3
        && parts.iter().all(|p| all_digits(p))
        && ((day_month(parts[0], parts[1]) && matches!(parts[2].len(), 2 | 4))
            || (parts[0].len() == 4 && parts[1].len() <= 2 && (1..=12).contains(&value(parts[1]))))
}

/// Length of the longest digit run in a part, ignoring a letter prefix
/// (`B1472` has a serial of 4).
fn serial_len(part: &str) -> usize {
    if is_year(part) {
        return 0;
    }
    let mut best = 0;
    let mut run = 0;
    for b in part.bytes() {
        if b.is_ascii_digit() {
            run += 1;
            best = best.max(run);
        } else {
            run = 0;
        }
    }
    // A year with a letter glued on (`FY2021`) is no serial either.
    let digits: String = part.chars().filter(char::is_ascii_digit).collect();
    if is_year(&digits) {
        return 0;
    }
    best
}

/// One to four capitals then digits only: `CS2003012345`.
fn capital_prefix(token: &str) -> bool {
    let letters = token.bytes().take_while(u8::is_ascii_uppercase).count();
    (1..=4).contains(&letters) && all_digits(&token[letters..])
}

#[derive(PartialEq)]
enum Verdict {
    Structured,
    /// Seven digits or more alone: an id unless it closes a journal
    /// citation (`373(1754), 20170268`) or is money.
    Bare,
    NeedsCue {
        adjacent_only: bool,
    },
    Pass,
}

fn judge(token: &str) -> Verdict {
    let parts: Vec<&str> = token.split(['/', '-']).collect();
    let total_digits = token.bytes().filter(u8::is_ascii_digit).count();
    let numeric = parts.iter().all(|p| all_digits(p));
    if date_shaped(token, &parts) {
        return Verdict::Pass;
    }
    // Phone numbers and ten-digit NHS/CHI runs belong to other detectors.
    // Their separators are spaces, hyphens or dots, never slashes.
    if numeric
        && !token.contains('/')
        && (total_digits == 10 || (token.starts_with('0') && total_digits == 11))
    {
        return Verdict::Pass;
    }
    let mut best_serial = parts.iter().map(|p| serial_len(p)).max().unwrap_or(0);
    // A code carries its year once: after a two-digit year (`Q-23-1977`)
    // four digits that could be a year are the serial.
    if parts.len() >= 3
        && is_year(parts[parts.len() - 1])
        && parts[parts.len() - 2].len() == 2
        && all_digits(parts[parts.len() - 2])
        && !parts[0].is_empty()
        && parts[0].bytes().all(|b| b.is_ascii_uppercase())
    {
        best_serial = best_serial.max(4);
    }
    let has_letters = token.bytes().any(|b| b.is_ascii_alphabetic());
    if parts.len() >= 2 {
        // Parts in capitals (`SW-GCC-114872`, `EH-4472-1022-S`) are the
        // prefixes of a code; only a part with a lowercase letter is a word.
        let words = parts
            .iter()
            .filter(|p| {
                p.bytes().all(|b| b.is_ascii_alphabetic())
                    && p.bytes().any(|b| b.is_ascii_lowercase())
            })
            .count();
        // `BS EN 1176-1`, `ISBN 978-…`; a slashed code with a year in it
        // (`EN/2022/117`, an enforcement notice) is a case's own.
        if eq_any(parts[0], CITATION_WORDS)
            && !(token.contains('/') && parts.iter().any(|p| is_year(p)))
            && !agency_code(&parts)
        {
            return Verdict::Pass;
        }
        // `10-month-old`, `one-to-one` and the like are words, not references.
        // A long part in capitals is a system's name (`SMOOTHWALL-77410`).
        let wordy = parts.iter().any(|p| {
            p.len() > 5
                && p.bytes().all(|b| b.is_ascii_alphabetic())
                && p.bytes().any(|b| b.is_ascii_lowercase())
        }) || words >= 2;
        if wordy {
            return Verdict::Pass;
        }
        if best_serial >= 4 && (has_letters || best_serial >= 5 || parts.len() >= 3 || !numeric) {
            return Verdict::Structured;
        }
        // Prefixes in capitals and a short serial: `PF/SUDI/WI/23/007`, or
        // a zero-padded serial after a capital (`S-022`, `DOC-0147`): the
        // padding is a register's, nobody writes a quantity so.
        let capitals =
            |p: &&str| (1..=5).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_uppercase());
        let coded = parts.iter().filter(|p| capitals(p)).count() >= 2 && parts.len() >= 4;
        // "B-24-062": a capital, a year's two digits, a padded serial.
        let padded = (parts.len() == 2
            && capitals(&parts[0])
            && parts[1].len() >= 3
            && parts[1].starts_with('0')
            && all_digits(parts[1]))
            || (parts.len() == 3
                && capitals(&parts[0])
                && parts[1].len() == 2
                && all_digits(parts[1])
                && parts[2].len() >= 3
                && parts[2].starts_with('0')
                && all_digits(parts[2]));
        if best_serial >= 3 && (coded || padded) {
            return Verdict::Structured;
        }
        // A route's or a contract's short code (`SEL-07`), a police
        // production's label (`PR-7`): capitals and a number of one or two
        // digits, a reference right after its cue only.
        if parts.len() == 2
            && capitals(&parts[0])
            && parts[0].len() >= 2
            && (1..=2).contains(&parts[1].len())
            && all_digits(parts[1])
        {
            return Verdict::NeedsCue {
                adjacent_only: true,
            };
        }
        // `0458/2021`, `2022/1234`, `123/21` need a cue word.
        if best_serial >= 3 {
            return Verdict::NeedsCue {
                adjacent_only: false,
            };
        }
        // An agency's code of three parts or more with a prefix in
        // capitals and only a year and a short number (`LBMG-SEA-2023-02`,
        // `BPP-RI-22-07`, `ALL/27AC/2023`): the shape of a review id too,
        // so a reference only right after "ref" or the like.
        // A review id has one prefix, or names the kind of review
        // (`EX-2024-01`, `EA-LR-2023-01`): those are public.
        let prefix =
            |p: &&str| (2..=6).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_uppercase());
        let mixed = |p: &&str| {
            p.bytes().any(|b| b.is_ascii_digit()) && p.bytes().any(|b| b.is_ascii_uppercase())
        };
        // Review ids join their parts with hyphens; a slashed code with a
        // review's letters is a file's own ("Your ref: CS/LR/2024/07").
        let review_kind = !token.contains('/') && parts.iter().any(|p| eq_any(p, REVIEW_KINDS));
        let prefixes = parts.iter().filter(|p| prefix(p)).count();
        // One prefix, a year and a number (`DSA-2021-14`) is the shape of
        // a review id as well: right after a cue only, as above.
        let dated = parts.len() == 3 && prefix(&parts[0]) && is_year(parts[1]);
        // Two prefixes, a two-digit year and a serial (`CP-APS-25-05`, a
        // school's child protection log): a review id carries its year in
        // four digits, so this is a file's own number.
        let short_year_code = parts.len() >= 4
            && prefixes >= 2
            && parts[..parts.len() - 2].iter().all(prefix)
            && parts[parts.len() - 2].len() == 2
            && all_digits(parts[parts.len() - 2])
            && (2..=5).contains(&parts[parts.len() - 1].len())
            && all_digits(parts[parts.len() - 1]);
        if short_year_code && !review_kind {
            return Verdict::Structured;
        }
        if parts.len() >= 3
            && parts.iter().all(|p| !p.is_empty())
            && prefixes >= 1
            && (prefixes >= 2 || parts.iter().any(mixed) || dated)
            && parts
                .iter()
                .any(|p| p.bytes().any(|b| b.is_ascii_digit()) && !is_year(p))
            && !review_kind
        {
            return Verdict::NeedsCue {
                adjacent_only: true,
            };
        }
        // An officer's initials and three numbers or more (`ZC-03-24/1`,
        // an exhibit label): right after a cue only.
        if parts.len() >= 4 && prefix(&parts[0]) && parts[1..].iter().all(|p| all_digits(p)) {
            return Verdict::NeedsCue {
                adjacent_only: true,
            };
        }
        // A court's or an agency's short case number and its year
        // (`F47/24`, a sheriff court's family action; `B123/2023`): after
        // a cue only, as a school class and year (`P7/24`) is written so too.
        if parts.len() == 2
            && token.contains('/')
            && parts[0].len() >= 2
            && capital_prefix(parts[0])
            && (parts[1].len() == 2 && all_digits(parts[1]) || is_year(parts[1]))
        {
            return Verdict::NeedsCue {
                adjacent_only: false,
            };
        }
        // A sheriff court's case number, a letter for the kind of case and
        // a serial over its year (`F123/24`, `B45/2023`): after a cue.
        if parts.len() == 2
            && token.contains('/')
            && parts[0].len() >= 3
            && parts[0].as_bytes()[0].is_ascii_uppercase()
            && all_digits(&parts[0][1..])
            && (parts[1].len() == 2 && all_digits(parts[1]) || is_year(parts[1]))
        {
            return Verdict::NeedsCue {
                adjacent_only: false,
            };
        }
        // Short numbers with a letter for a suffix (`44/19-K`): a file's
        // own code, right after "ref" or the like.
        if parts.len() >= 3
            && total_digits >= 4
            && parts.last().is_some_and(|p| {
                (1..=3).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_uppercase())
            })
        {
            return Verdict::NeedsCue {
                adjacent_only: true,
            };
        }
        return Verdict::Pass;
    }
    // Single part: `118274`, `CR0193847`. A system's id is a capital
    // prefix glued to a long serial (`CS2003012345`, `CR0193847`), or a
    // bare run of seven digits or more: prose writes other numbers that
    // long with separators.
    if best_serial >= 6 && capital_prefix(token) {
        return Verdict::Structured;
    }
    if licence_like(token) {
        return Verdict::Structured;
    }
    if numeric && total_digits >= 7 {
        return Verdict::Bare;
    }
    if best_serial >= 6 || (has_letters && best_serial >= 4) {
        return Verdict::NeedsCue {
            adjacent_only: false,
        };
    }
    if best_serial >= 4 || staff_code(token) || super::util::booking_code(token) {
        return Verdict::NeedsCue {
            adjacent_only: true,
        };
    }
    Verdict::Pass
}

/// A long code in capitals and digits that changes between them three
/// times or more (`ASANT753021K99XL`, a driving licence number; a
/// vehicle's or a device's serial): nothing in prose is written so, and a
/// licence number spells its holder's name and birth date.
fn licence_like(token: &str) -> bool {
    let bytes = token.as_bytes();
    let digits = bytes.iter().filter(|b| b.is_ascii_digit()).count();
    let changes = bytes
        .windows(2)
        .filter(|w| w[0].is_ascii_digit() != w[1].is_ascii_digit())
        .count();
    (12..=20).contains(&bytes.len())
        && bytes
            .iter()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
        && digits >= 5
        && bytes.len() - digits >= 3
        && changes >= 3
}

/// `ASP-GC-24-8821`: a statute's letters as the first of two prefixes in
/// capitals before a serial of four digits. An act is cited "asp 10" or
/// "2007 asp 14", never so; an adult protection referral is numbered so.
fn agency_code(parts: &[&str]) -> bool {
    parts.len() >= 3
        && (1..=5).contains(&parts[1].len())
        && parts[1].bytes().all(|b| b.is_ascii_uppercase())
        && parts.iter().any(|p| p.len() >= 4 && all_digits(p))
}

/// `LP204`, `MD418`: two or three capitals and three digits, a staff or
/// call handler's id after its label ("CH-ID LP204"). One capital is a
/// road (`A835`).
fn staff_code(token: &str) -> bool {
    let caps = token.bytes().take_while(u8::is_ascii_uppercase).count();
    (2..=3).contains(&caps) && token.len() == caps + 3 && all_digits(&token[caps..])
}

/// `NG-2021-03`, `DSA-2021-14`: one capital prefix, a year, a number.
fn review_id_shape(token: &str) -> bool {
    // A review id is part of a URL and holds no slash (`EAC/2024/031` is
    // an appeal's own number).
    let parts: Vec<&str> = token.split(['/', '-']).collect();
    !token.contains('/')
        && parts.len() == 3
        && (2..=6).contains(&parts[0].len())
        && parts[0].bytes().all(|b| b.is_ascii_uppercase())
        && is_year(parts[1])
        && all_digits(parts[2])
        && parts[2].len() <= 3
}

/// Words around a review id that say a review is meant.
const REVIEW_WORDS: &[&str] = &[
    "review",
    "reviews",
    "reviewed",
    "learning",
    "inquiry",
    "lr",
    "lrs",
    "scr",
    "scrs",
    "cpr",
    "icr",
    "report",
    "published",
    "summary",
    "briefing",
];

/// "Learning from review EA-2014-01", "(ref NG-2021-03), a learning
/// review": a review id's shape is a review's public name only where the
/// sentence speaks of a review; "(ref VF-2023-091 — threatening
/// behaviour)" is a record's own.
fn about_a_review(text: &str, start: usize, end: usize) -> bool {
    let line_start = text[..start].rfind('\n').map_or(0, |k| k + 1);
    let from = crate::source::floor_char_boundary(text, start.saturating_sub(160).max(line_start));
    let line_end = text[end..].find('\n').map_or(text.len(), |k| end + k);
    let to = crate::source::floor_char_boundary(text, (end + 80).min(line_end));
    text[from..to]
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| eq_any(w, REVIEW_WORDS))
}

/// A cue right before that names a case's own kind of record.
fn named_cue(text: &str, start: usize) -> bool {
    words_before(text, start, 24).next().is_some_and(|w| {
        eq_any(
            w,
            &[
                "agreement",
                "job",
                "case",
                "log",
                "incident",
                "crime",
                "warrant",
                "claim",
                "application",
                "file",
                "tenancy",
                "account",
                "notice",
                "complaint",
                "referral",
                "exhibit",
                "production",
                "images",
                "photos",
            ],
        )
    })
}

/// Whether a cue word introduces the token: within a few words, with only
/// filler words between when `adjacent_only`.
fn cued(text: &str, start: usize, adjacent_only: bool) -> bool {
    // A system's short name in capitals right before: `SW 2271904`, `CF
    // 3307742`, `PULSE 22847719`, `SCRA 123456`.
    let before = &text[..start];
    if let Some(word) = before.strip_suffix(' ') {
        let caps = word
            .bytes()
            .rev()
            .take_while(u8::is_ascii_uppercase)
            .count();
        let edge = word[..word.len() - caps]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric());
        if (2..=6).contains(&caps) && edge {
            return true;
        }
    }
    // A worker's own code in brackets after their name: "(Kirsty,
    // CC114)", "(Darren, CC087)".
    if let Some(head) = before.strip_suffix(", ") {
        let name_len = head
            .bytes()
            .rev()
            .take_while(u8::is_ascii_alphabetic)
            .count();
        let name = &head[head.len() - name_len..];
        if name_len >= 2
            && name.starts_with(|c: char| c.is_ascii_uppercase())
            && head[..head.len() - name_len].ends_with('(')
            && text[start..].contains(')')
        {
            return true;
        }
    }
    // A rank, then only a name's capitalised words or initials.
    for (k, w) in words_before(text, start, 40).take(4).enumerate() {
        if k > 0 && RANKS.contains(&w) {
            return true;
        }
        if !w.starts_with(|c: char| c.is_ascii_uppercase()) || RANKS.contains(&w) {
            break;
        }
    }
    for (k, w) in words_before(text, start, 60).take(5).enumerate() {
        if eq_any(w, CUES) {
            return true;
        }
        if adjacent_only && !eq_any(w, FILLERS) {
            return false;
        }
        if k >= 3 {
            break;
        }
    }
    false
}

/// `Job #48812`, `ticket #104482`, `ref #2025-0221-6631`: four digits or
/// more (in groups, not a date) after a number
/// sign that a cue word names (a list's `#1` and a hashtag have none).
fn numbered_after_cue(text: &str, start: usize, end: usize) -> bool {
    let sign = start - 1;
    let token = &text[start..end];
    let parts: Vec<&str> = token.split(['-', '/']).collect();
    // Digits, or a code of its own shape ("Export job #EXP-7781-Q").
    let coded = parts.iter().all(|p| all_digits(p)) || !matches!(judge(token), Verdict::Pass);
    // A record's number in a system ("#40236 (Lacatus)", a household's
    // or a ticket's id) needs no cue once it has five digits, or four
    // that are no year: a list's "#3" and a hashtag's "#2024" have none.
    let system_number =
        all_digits(token) && (token.len() >= 5 || (token.len() == 4 && !is_year(token)));
    end - start >= 4
        && coded
        && !date_shaped(token, &parts)
        && !char_after(text, end).is_some_and(char::is_alphanumeric)
        && char_before(text, sign).is_some_and(|c| {
            c.is_whitespace() || system_number && matches!(c, '(' | ',' | ';' | '|')
        })
        && (system_number
            || words_before(text, sign, 24)
                .next()
                .is_some_and(|w| eq_any(w, CUES)))
}

/// `373(1754), 20170268` (an article number after volume and issue) or
/// `£2500000`.
fn journal_or_money(text: &str, start: usize) -> bool {
    let before = text[..start].trim_end();
    // The issue in brackets is a number (`373(1754),`); a word in
    // brackets (`5513029 (family), 5513030`) closes a list of ids.
    let issue = before.strip_suffix("),").is_some_and(|b| {
        let near = &b.as_bytes()[b.len().saturating_sub(16)..];
        let b = std::str::from_utf8(near).unwrap_or("");
        b.rsplit_once('(').is_some_and(|(_, inside)| {
            all_digits(inside.trim_matches(|c: char| c == '-' || c == ' '))
        })
    });
    issue || before.ends_with(['£', '$', '€']) || before.ends_with("pp.")
}

fn citation(text: &str, start: usize) -> bool {
    let mut back = words_before(text, start, 32);
    let (first, second) = (back.next().unwrap_or(""), back.next().unwrap_or(""));
    eq_any(first, CITATION_WORDS)
        || eq_any(second, CITATION_WORDS)
        // A publication's number in a series: "Research Report
        // DCSF-RR124", "Working Paper 31", "Research Findings No. 52".
        || (eq_any(second, PUBLICATION_SERIES)
            && eq_any(first, &["report", "reports", "paper", "papers", "brief", "briefing", "findings", "series"]))
}

/// The first word of a publication series' name: "Research Report",
/// "Working Paper", "Occasional Paper", "Policy Briefing".
const PUBLICATION_SERIES: &[&str] = &[
    "research",
    "working",
    "occasional",
    "discussion",
    "policy",
    "technical",
    "statistical",
    "briefing",
];

const MESSAGE: &str = "This looks like a case or reference number, which links straight to one family's records in an agency's system.";

/// The end of `ddd ddd ddd` starting at `start`, alone (no digit group
/// before or after it).
fn three_threes(text: &str, start: usize) -> Option<usize> {
    let b = text.as_bytes();
    if spaced_digits_before(text, start) {
        return None;
    }
    let end = start + 11;
    let shape = b.get(start..end)?;
    let ok = shape.iter().enumerate().all(|(k, c)| {
        if k == 3 || k == 7 {
            *c == b' '
        } else {
            c.is_ascii_digit()
        }
    });
    let after_ok =
        b.get(end).is_none_or(|c| !c.is_ascii_alphanumeric()) && !spaced_digits_after(text, end);
    (ok && after_ok).then_some(end)
}

fn spaced_digits_before(text: &str, i: usize) -> bool {
    let b = &text.as_bytes()[..i];
    b.len() >= 2 && b[b.len() - 1] == b' ' && b[b.len() - 2].is_ascii_digit()
}

fn spaced_digits_after(text: &str, i: usize) -> bool {
    let b = &text.as_bytes()[i..];
    b.len() >= 2 && b[0] == b' ' && b[1].is_ascii_digit()
}

impl Detector for Reference {
    fn name(&self) -> &'static str {
        "reference"
    }

    fn scan(&self, text: &str, hits: &mut Vec<Hit>) {
        self.scan_prepared(&PreparedText::new(text), hits)
    }

    fn scan_prepared(&self, prepared: &PreparedText<'_>, hits: &mut Vec<Hit>) {
        let text = prepared.text;
        if !has_ascii_digit(text) {
            return;
        }
        let digits = super::util::digits_of(prepared);
        super::grouped_number::find(text, &digits, hits);
        super::call_sign::find(text, hits);
        super::labelled_code::find(text, hits);
        super::device_id::find(text, &digits, hits);
        super::id_column::find(text, hits);
        // Codes that needed a cue and had none: the same code is a
        // reference wherever else the text writes it once a cue has shown
        // it is one (`ref WL-CAMHS-23-2019`, then the code alone in a
        // table).
        let mut uncued: Vec<(usize, usize)> = Vec::new();
        let found_from = hits.len();
        for (start, end) in tokens(text, &digits) {
            let before = char_before(text, start);
            let after = char_after(text, end);
            if before == Some('#') && numbered_after_cue(text, start, end) {
                hits.push(
                    Hit::new(start - 1, end, Kind::Reference, "cued-reference", MESSAGE)
                        .uncertain(),
                );
                continue;
            }
            // Inside a domain, decimal, email, path or larger token: not a
            // reference of its own (URLs are judged by the URL detector).
            if before.is_some_and(|c| {
                c.is_alphanumeric()
                    || matches!(
                        c,
                        '.' | '@' | '_' | '/' | '\\' | ':' | '=' | '&' | '#' | '+'
                    )
            }) || after.is_some_and(|c| c.is_alphanumeric() || matches!(c, '@' | '_' | '%'))
            {
                continue;
            }
            if after == Some('.') && text[end + 1..].starts_with(|c: char| c.is_ascii_digit()) {
                continue;
            }
            let token = &text[start..end];
            // A plain number beside other digit groups is one piece of a
            // spaced phone, NHS or NI number, which other detectors own.
            // Twelve digits or more are no group of a phone, NHS or NI
            // number (a platform's user id, "…_2012 1099128734509973504").
            if all_digits(token)
                && token.len() < 12
                && (spaced_digits_before(text, start) || spaced_digits_after(text, end))
            {
                // Nine digits in threes after a cue (`SCN: 104 882 917`, a
                // candidate number): no phone, NHS or NI number has that
                // shape.
                if let Some(group_end) = three_threes(text, start) {
                    if cued(text, start, false) {
                        hits.push(
                            Hit::new(start, group_end, Kind::Reference, "cued-reference", MESSAGE)
                                .uncertain(),
                        );
                    }
                }
                continue;
            }
            let verdict = judge(token);
            let rule = match verdict {
                Verdict::Pass => continue,
                Verdict::Structured => "structured-reference",
                Verdict::Bare => {
                    if journal_or_money(text, start) {
                        continue;
                    }
                    "structured-reference"
                }
                // A prefix, a year and a short number (`NG-2021-03`) is a
                // review id after "ref"; only a cue naming what the code
                // is makes it a case's own ("agreement DSA-2021-14").
                Verdict::NeedsCue { .. }
                    if review_id_shape(token)
                        && !named_cue(text, start)
                        && about_a_review(text, start, end) =>
                {
                    continue
                }
                Verdict::NeedsCue { adjacent_only } => {
                    // The next in a list of ids after a cued one: "refs:
                    // 44120, 44121 and 44122".
                    let listed = hits.len() > found_from
                        && hits.last().is_some_and(|h| {
                            h.kind == Kind::Reference
                                && h.end <= start
                                && matches!(
                                    &text[h.end..start],
                                    ", " | " and " | ", and " | " & " | "; " | " or "
                                )
                        });
                    if !listed && !cued(text, start, adjacent_only) {
                        if token.bytes().any(|b| b.is_ascii_alphabetic()) {
                            uncued.push((start, end));
                        }
                        continue;
                    }
                    "cued-reference"
                }
            };
            // `ASP ref ASP/GC/2022/3019`: a coded case number, though its
            // prefix is a statute's; `SSI 2021/123` has no letters.
            let own_code = token.contains('/')
                && token.bytes().any(|b| b.is_ascii_alphabetic())
                && token.split('/').any(is_year);
            if !own_code && citation(text, start) {
                continue;
            }
            hits.push(Hit::new(start, end, Kind::Reference, rule, MESSAGE).uncertain());
        }
        super::series::continuations(text, hits, found_from);
        // After the runs the loop judged, so a number it found is not
        // found twice.
        super::spaced_cued::find(text, &digits, hits, 0);
        if uncued.is_empty() || hits.len() == found_from {
            return;
        }
        let cued_codes: std::collections::HashSet<&str> = hits[found_from..]
            .iter()
            .filter(|h| h.rule == "cued-reference")
            .map(|h| &text[h.start..h.end])
            .collect();
        for (start, end) in uncued {
            if cued_codes.contains(&text[start..end]) {
                hits.push(
                    Hit::new(start, end, Kind::Reference, "cued-reference", MESSAGE).uncertain(),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn agency_codes_staff_ids_and_route_codes_are_found() {
        let found = |t: &str| {
            let mut hits = Vec::new();
            Reference::new().scan(t, &mut hits);
            hits.iter()
                .map(|h| t[h.start..h.end].to_string())
                .collect::<Vec<_>>()
        };
        assert_eq!(
            found("Referral by police (ASP-NL-23-5107)."),
            ["ASP-NL-23-5107"]
        );
        assert_eq!(found("Handler (ID TW719) took the call."), ["TW719"]);
        assert_eq!(found("Pupils on route FK-SEN-03 were late."), ["FK-SEN-03"]);
        assert_eq!(found("Our ref: HL/LR/2023/11"), ["HL/LR/2023/11"]);
        assert!(found("Our ref: HL-LR-2023-11").is_empty());
        assert!(found("Under the 2007 asp 10 and BS EN 1176-1, on the A835 route.").is_empty());
        assert!(found("The learning review LR-2024-03 is published.").is_empty());
        // A slash never joins a review id's parts: an appeal's number.
        assert_eq!(found("registered (ref PAC/2025/044) and"), ["PAC/2025/044"]);
        assert_eq!(found("Remove code: QT-8WK4-ZN27 given"), ["QT-8WK4-ZN27"]);
        assert_eq!(found("(asset GHS-ICT-LT-14): laptop"), ["GHS-ICT-LT-14"]);
        assert_eq!(
            found("Web filter ref NETSWEEPER-20931"),
            ["NETSWEEPER-20931"]
        );
        assert_eq!(
            found("Taxi job #55120 and ticket #104482."),
            ["#55120", "#104482"]
        );
        assert!(found("Item #1 and #2024 trends, see #12").is_empty());
        assert!(found("a ten-month-old and a follow-up 2024").is_empty());
    }

    use super::*;

    fn found(text: &str) -> Vec<String> {
        let mut hits = Vec::new();
        Reference::new().scan(text, &mut hits);
        assert!(hits.iter().all(|h| h.kind == Kind::Reference));
        hits.into_iter()
            .map(|h| text[h.start..h.end].to_string())
            .collect()
    }

    #[test]
    fn a_unit_call_sign_is_found() {
        assert_eq!(
            found("Crew call sign: B07-2, arrived 02:14."),
            vec!["B07-2"]
        );
        assert_eq!(found("Unit callsign 4411 attended."), vec!["4411"]);
        assert!(found("Staff call signs were agreed.").is_empty());
    }

    #[test]
    fn structured_multi_part_references_are_found_without_a_cue() {
        assert_eq!(found("logged as CR/0193847/21."), vec!["CR/0193847/21"]);
        assert_eq!(found("opened SW/22/01873 today"), vec!["SW/22/01873"]);
        assert_eq!(
            found("file CP/2021/0456 and SW-2019-12345"),
            vec!["CP/2021/0456", "SW-2019-12345"]
        );
        assert_eq!(
            found("incident PS-20220314-0123 was"),
            vec!["PS-20220314-0123"]
        );
        assert_eq!(found("was recorded as PS/7731/22."), vec!["PS/7731/22"]);
        assert_eq!(found("was B1472/21 at the sheriff court"), vec!["B1472/21"]);
        assert_eq!(
            found("application HA-553-2019-0081."),
            vec!["HA-553-2019-0081"]
        );
        assert_eq!(found("the referral was 21-0045127."), vec!["21-0045127"]);
    }

    #[test]
    fn numbers_introduced_by_a_cue_word_are_found() {
        assert_eq!(
            found("The incident report (number 118274) described"),
            vec!["118274"]
        );
        assert_eq!(found("Case ref 123456 was"), vec!["123456"]);
        assert_eq!(found("PF ref. 2022/1234 was"), vec!["2022/1234"]);
        assert_eq!(
            found("crime reference number 0458/2021 was"),
            vec!["0458/2021"]
        );
        assert_eq!(found("Case No. 5521 was"), vec!["5521"]);
        assert_eq!(
            found("under SCRA reference 2023/045678."),
            vec!["2023/045678"]
        );
    }

    #[test]
    fn system_ids_by_their_prefix_or_their_length_are_found() {
        assert_eq!(found("SWIS numbers SW 2271904 (Katie)"), vec!["2271904"]);
        assert_eq!(
            found("ids CF 3307741 (A), CF 3307742 (B)."),
            vec!["3307741", "3307742"]
        );
        assert_eq!(
            found("from the Garda (PULSE 22847719) that"),
            vec!["22847719"]
        );
        assert_eq!(
            found("IDs: Tyler 2271449; Ruby 2271450."),
            vec!["2271449", "2271450"]
        );
        assert_eq!(found("registration CS2003012345)"), vec!["CS2003012345"]);
        assert_eq!(found("(notice EN/2022/117)"), vec!["EN/2022/117"]);
        assert_eq!(
            found("adult at risk, ref ASP/MV/2021/4410)"),
            vec!["ASP/MV/2021/4410"]
        );
        assert_eq!(
            found("the fiscal's PF/FAI/NL/24/012 file"),
            vec!["PF/FAI/NL/24/012"]
        );
        assert_eq!(found("| D-047 | School file |"), vec!["D-047"]);
        assert_eq!(found("Candidate number: 310 552 908."), vec!["310 552 908"]);
        assert!(found("a score of 104 882 917 and 3 points").is_empty());
        assert!(found("*Transactions B*, 373(1754), 20170268.").is_empty());
        assert!(found("a grant of £2500000 over 1000 days; BS EN 1176").is_empty());
        assert_eq!(
            found("ids: 7730112 (mother), 7730113 (baby)"),
            vec!["7730112", "7730113"]
        );
    }

    #[test]
    fn coded_references_after_a_cue_and_wherever_else_they_stand() {
        assert_eq!(
            found("logged (ref KCH-IR-21-04); see KCH-IR-21-04 below. Taxi plate 2271."),
            vec!["KCH-IR-21-04", "KCH-IR-21-04", "2271"]
        );
        assert_eq!(found("lease ref RTL/14B/2022 signed"), vec!["RTL/14B/2022"]);
        assert_eq!(
            found("Case refs: 44120, 44121 and 44122. In 2019 and 2020, 4412 pupils."),
            vec!["44120", "44121", "44122"]
        );
        assert!(found("Review HCPC-LR-2023-06 and FK-LR-2022-02 were published.").is_empty());
        assert!(
            found("(ref EA-LR-2023-01), (ref SG-CP-2021) and (ref NG-2021-03) reviews").is_empty()
        );
        assert!(found("a 3-D model, the A-B-C scale and T-21-0 score").is_empty());
        assert_eq!(
            found("Taxi on the council's acct TXC-SOC-0921; seen at Clinic: RHC-NEU-B07."),
            vec!["TXC-SOC-0921", "RHC-NEU-B07"]
        );
        assert!(found("The clinic on Ward 2B and the acc. and emergency team").is_empty());
        assert_eq!(
            found("Household ids: #30144 (Moir), #30187 (Nowak) and #4471."),
            vec!["#30144", "#30187", "#4471"]
        );
        assert!(found("Item #3 of the plan; #2024 was a hard year; #12 and #100.").is_empty());
        assert_eq!(
            found("Logged as HS-CPL-24-117 by the depute."),
            vec!["HS-CPL-24-117"]
        );
        assert!(found("Reviews DG-SCR-2018-01 and GC-LS-24-02 were published.").len() <= 1);
    }

    #[test]
    fn long_codes_that_switch_between_letters_and_digits_are_found() {
        assert_eq!(
            found("RA-1;Ms Ann Moir;MOIRA753021K99XL;card"),
            vec!["MOIRA753021K99XL"]
        );
        assert_eq!(
            found("licence DUFFY861104C9RT seen"),
            vec!["DUFFY861104C9RT"]
        );
        assert_eq!(
            found("> AGENT (Kirsty, CC114): Repairs, you're speaking to Kirsty."),
            vec!["CC114"]
        );
        assert!(found("(Scotland, 2024) and (Table, A12) and (ages, 12)").is_empty());
        assert_eq!(
            found("see lost-child sheet LC-03 at the tent"),
            vec!["LC-03"]
        );
        assert_eq!(
            found("pixelwolf_2012 1099128734509973504."),
            vec!["1099128734509973504"]
        );
        assert!(found("COVID19 and H1N1 and ISO27001 and the PDF2024A1B form").is_empty());
    }

    #[test]
    fn review_ids_years_ranges_and_citations_pass() {
        assert!(found("This review (EX-2024-01) and SA-2023-01 follow").is_empty());
        assert!(found("In 2021/22 and 2023-24, and 2019-2021, the CPC met").is_empty());
        assert!(
            found("Section 67 of the Children's Hearings (Scotland) Act 2011; 2011 asp 1")
                .is_empty()
        );
        assert!(found("SSI 2021/123 and ISBN 978-1-78851-123-4").is_empty());
        assert!(found(
            "(2009) *Disproportionality*. Research Report DCSF-RR124. London: DCSF. Working Paper 3114."
        )
        .is_empty());
        assert_eq!(found("see the police report 44871/22"), ["44871/22"]);
        assert_eq!(
            found("Ref mum gave me: F47/24. Court confirmed F47/24 is live."),
            ["F47/24", "F47/24"]
        );
        assert!(found("pupils in P7/24 and the F47/24 form").is_empty());
        assert!(
            found("The case was reviewed in 2022 and the case files ran to 1240 pages.").is_empty()
        );
        assert!(found("a 10-month-old and a 12-week programme over 24/7 cover").is_empty());
        assert!(found("on 03/06/2021 and 2022-09-15 and 0141-496-0988").is_empty());
        assert!(found("Covid-19 and the 1,140 hours and version 2.1").is_empty());
        assert!(found("see https://www.legislation.gov.uk/asp/2011/1/contents").is_empty());
        assert!(
            found("Mother's mobile number is 07700 900481 and NHS number 999 234 5675").is_empty()
        );
    }

    #[test]
    fn evidence_labels_after_their_cue_are_found() {
        assert_eq!(
            found("Photographed (images 2207-03 to -11); production KLM/214."),
            ["2207-03", "KLM/214"]
        );
        assert_eq!(
            found("Phone (IMEI ending 90311) as exhibit TR-11-23/4."),
            ["90311", "TR-11-23/4"]
        );
        assert!(found("TR-11-23/4 was the score.").is_empty());
    }

    #[test]
    fn job_numbers_officers_numbers_and_named_codes_are_found() {
        assert_eq!(found("the interpreter (job 48817) attended"), vec!["48817"]);
        assert_eq!(found("Signed: PC J. Mowat 31207"), vec!["31207"]);
        assert_eq!(
            found("under tenancy agreement HSA-2020-07."),
            vec!["HSA-2020-07"]
        );
        assert_eq!(found("school log no. 23-24/112"), vec!["23-24/112"]);
        assert_eq!(found("Our ref: 52/11-B"), vec!["52/11-B"]);
        // A review id's shape after "ref" is a review's only where the
        // sentence speaks of one; otherwise it is the record's own.
        assert!(found("the learning review (ref NG-2021-03) found").is_empty());
        assert_eq!(
            found("flags: do not visit alone (ref VF-2023-091 — threats by a visitor)"),
            ["VF-2023-091"]
        );
        assert_eq!(found("Gas Safe reg 548112, boiler passed"), ["548112"]);
        assert_eq!(found("Property ref:     PROP 10-88-3321"), ["10-88-3321"]);
        assert_eq!(found("(DA Unit ref P-DA-25-1902). Not"), ["P-DA-25-1902"]);
        assert_eq!(
            found("Kirk Session ref for this matter: KS-SG-2023-07   Service"),
            ["KS-SG-2023-07"]
        );
        assert!(found("three PCs and 24 officers").is_empty());
    }

    #[test]
    fn short_route_codes_serials_after_a_year_and_grouped_numbers_after_a_sign() {
        assert_eq!(found("complaint about bus route KLN-04 today"), ["KLN-04"]);
        // Without its cue the same shape is a grade or a model.
        assert!(found("the LAC-09 form was late").is_empty());
        assert_eq!(found("Query Z-19-2004 | opened"), ["Z-19-2004"]);
        assert_eq!(
            found("the CEOP ref #2031-0417-2209 was given"),
            ["#2031-0417-2209"]
        );
        assert!(found("the ref #2024-03-11 meeting").is_empty());
        assert_eq!(found("paid cash, receipt 88213, no name"), ["88213"]);
    }

    #[test]
    fn collar_and_bleep_numbers_supply_numbers_and_productions_are_found() {
        assert_eq!(found("PC Gurpreet Sandhu (BPC), collar 4417"), ["4417"]);
        assert_eq!(found("Ext 23417 / bleep 2288"), ["2288"]);
        assert_eq!(
            found("(PAYG smart, gas meter G4K00772113)"),
            ["G4K00772113"]
        );
        assert_eq!(found("**Productions:** PR-7 (handset)"), ["PR-7"]);
        assert_eq!(
            found("applications in batch SCG-2025-08-EK (East)"),
            ["SCG-2025-08-EK"]
        );
        assert!(found("Section PR-7 of the guidance covers it.").is_empty());
    }

    #[test]
    fn booking_codes_are_found_after_their_cue() {
        assert_eq!(found("Flights held under PNR ZK4QPM."), ["ZK4QPM"]);
        assert_eq!(
            found("Her booking reference was QX7HNA (return)."),
            ["QX7HNA"]
        );
        assert_eq!(found("booking ref NIA7QX2, two seats"), ["NIA7QX2"]);
        assert_eq!(found("**Booking HMX4QZ72KD** · Guest"), ["HMX4QZ72KD"]);
        assert_eq!(found("4 guests · Listing #55120934"), ["#55120934"]);
        assert_eq!(
            found("case ref given as Kirkcaldy Sheriff Court F123/24. Copy"),
            ["F123/24"]
        );
        assert!(found("Figure F123/24 shows the trend.").is_empty());
        assert_eq!(found("Export job #EXP-7781-Q"), ["#EXP-7781-Q"]);
        assert_eq!(found("| B-24-062 | SN4D | unallocated |"), ["B-24-062"]);
        assert_eq!(
            found("police auction lot PA/FK/2024/33 |"),
            ["PA/FK/2024/33"]
        );
        assert!(found("See step #1 and list #A-2 of the plan.").is_empty());
        assert_eq!(
            found("by purchase order (invoice CSM-2025-311 and CSM-2025-338)."),
            ["CSM-2025-311", "CSM-2025-338"]
        );
        assert!(found("The COVID19 guidance and the FY2021 return.").is_empty());
        assert!(found("Seat 14C on flight LM7QX.").is_empty());
    }
}
