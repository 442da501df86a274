//! Structured-identifier detectors: NHS/CHI and National Insurance numbers,
//! postcodes, phone numbers, email addresses, identifying URLs, vehicle
//! registrations, flat positions, case references, day-precision dates and
//! exact ages.
//!
//! Each detector is one linear pass over the text with automata compiled
//! once in `new`; candidates are then checked in Rust (checksums, calendar
//! dates, context words), which keeps the regexes small and fast.

mod age;
mod age_bracket;
mod age_initials;
mod age_moment;
mod age_notation;
mod call_sign;
mod date;
mod device_id;
mod dotted_day;
mod eircode;
mod email;
mod email_at;
mod flat;
mod foreign_month;
mod grid_ref;
mod grouped_number;
mod handle;
mod house_line;
mod iban;
mod id_column;
mod labelled_code;
mod lookalike_phone;
mod nhs_chi;
mod ni_number;
mod ordinal_day;
mod phone;
mod postcode;
mod reference;
mod repeated;
mod series;
mod spaced_cued;
mod spoken_phone;
mod url;
pub(crate) mod util;
mod vehicle;
mod vessel;
mod what3words;
mod world_phone;

pub use age::Age;
pub use date::Date;
pub use email::Email;
pub use flat::FlatPosition;
pub use grid_ref::GridReference;
pub use handle::Handle;
pub use iban::Iban;
pub use nhs_chi::NhsChi;
pub use ni_number::NiNumber;
pub use phone::Phone;
pub use postcode::Postcode;
pub use reference::Reference;
pub use repeated::RepeatedIdentifier;
pub use url::Url;
pub use vehicle::Vehicle;
pub use world_phone::WorldPhone;

use super::Detector;

/// Every structured-identifier detector, ready to scan.
pub fn detectors() -> Vec<Box<dyn Detector>> {
    vec![
        Box::new(NhsChi::new()),
        Box::new(NiNumber::new()),
        Box::new(Postcode::new()),
        Box::new(Phone::new()),
        Box::new(WorldPhone::new()),
        Box::new(Email::new()),
        Box::new(Url::new()),
        Box::new(Handle::new()),
        Box::new(Vehicle::new()),
        Box::new(FlatPosition::new()),
        Box::new(Reference::new()),
        Box::new(GridReference),
        Box::new(Iban),
        Box::new(Date::new()),
        Box::new(Age::new()),
        // Last: it reads what the others found.
        Box::new(RepeatedIdentifier),
    ]
}

/// A rule file's `find` that searches only the text's digit windows.
#[cfg(test)]
type WindowedFind = fn(&str, &[(usize, usize)], &mut Vec<crate::gate::Hit>);

/// What a rule file's `find(text, windows, hits)` finds in `text`, given
/// the whole text as its one digit window.
#[cfg(test)]
fn texts_found_in_windows(find: WindowedFind, text: &str) -> Vec<&str> {
    let mut hits = Vec::new();
    find(text, &[(0, text.len())], &mut hits);
    hits.sort_by_key(|h| h.start);
    hits.iter().map(|h| &text[h.start..h.end]).collect()
}

/// What a rule file's `find(text, hits)` finds in `text`, in order: the
/// rule files' tests read their results so.
#[cfg(test)]
fn texts_found(find: fn(&str, &mut Vec<crate::gate::Hit>), text: &str) -> Vec<&str> {
    let mut hits = Vec::new();
    find(text, &mut hits);
    hits.sort_by_key(|h| h.start);
    hits.iter().map(|h| &text[h.start..h.end]).collect()
}

/// What the whole age detector finds in `text`: the age rule files'
/// tests read their results so.
#[cfg(test)]
fn ages_found(text: &str) -> Vec<String> {
    use crate::gate::Detector;
    let mut hits = Vec::new();
    Age::new().scan(text, &mut hits);
    hits.into_iter()
        .map(|h| text[h.start..h.end].to_string())
        .collect()
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;
    use crate::findings::Kind;
    use crate::gate::Hit;

    const OUR_KINDS: [Kind; 11] = [
        Kind::NhsNumber,
        Kind::ChiNumber,
        Kind::NiNumber,
        Kind::Postcode,
        Kind::Phone,
        Kind::Email,
        Kind::Url,
        Kind::Vehicle,
        Kind::Reference,
        Kind::Date,
        Kind::Age,
    ];

    fn scan_all(text: &str) -> Vec<Hit> {
        let mut hits = Vec::new();
        for d in detectors() {
            d.scan(text, &mut hits);
        }
        hits
    }

    fn describe(text: &str, hits: &[Hit]) -> String {
        hits.iter()
            .map(|h| format!("{}/{} {:?}", h.kind, h.rule, &text[h.start..h.end]))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// The sample corpus the tests own (`tests/fixtures/samples`).
    fn samples_path() -> PathBuf {
        PathBuf::from(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/samples/pii-lines.tsv"
        ))
    }

    /// Checks one line: a planted identifier of `kind` must be hit where
    /// `pii` is; a clean line (or one whose identifier is someone else's
    /// kind) must give no hit at all. Returns a failure description.
    fn check_line(kind: &str, line: &str, pii: &str) -> Option<String> {
        let hits = scan_all(line);
        match Kind::parse(kind) {
            Some(k) if OUR_KINDS.contains(&k) => {
                let at = line.find(pii).expect("pii is a substring of its line");
                let span = (at, at + pii.len());
                let ok = hits
                    .iter()
                    .any(|h| h.kind == k && h.start < span.1 && span.0 < h.end);
                (!ok).then(|| {
                    format!(
                        "missed {kind} {pii:?} in {line:?}; got [{}]",
                        describe(line, &hits)
                    )
                })
            }
            // A flat position is part of an address line's address.
            other => (!hits.iter().all(|h| Some(h.kind) == other)).then(|| {
                format!(
                    "false positive on {kind} line {line:?}: [{}]",
                    describe(line, &hits)
                )
            }),
        }
    }

    #[test]
    fn every_sample_line_of_our_kinds_is_found_and_every_other_line_passes() {
        let path = samples_path();
        let tsv = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
        let mut rows = 0;
        let mut failures = Vec::new();
        for row in tsv.lines().skip(1).filter(|l| !l.trim().is_empty()) {
            let mut cols = row.split('\t');
            let (kind, line, pii) = (
                cols.next().unwrap_or(""),
                cols.next().unwrap_or(""),
                cols.next().unwrap_or(""),
            );
            rows += 1;
            failures.extend(check_line(kind, line, pii));
        }
        assert_eq!(rows, 200, "the sample file should hold 200 rows");
        assert!(
            failures.is_empty(),
            "{} sample failures:\n{}",
            failures.len(),
            failures.join("\n")
        );
    }

    /// The digit-bound detectors search only near digits, sharing one set
    /// of windows per text (as the gate runs them): every sample line of
    /// every kind must still give its hits when it sits in the middle of a
    /// long text whose other digits are far away, so that windows split.
    #[test]
    fn sample_lines_inside_long_text_give_the_same_hits() {
        let filler = "the agencies met often and shared what they knew about the family \
                      in 2019 and the review heard from every practitioner involved with care "
            .repeat(4);
        let tsv = std::fs::read_to_string(samples_path()).expect("pii-lines.tsv");
        let mut checked = 0;
        for row in tsv.lines().skip(1).filter(|l| !l.trim().is_empty()) {
            let line = row.split('\t').nth(1).unwrap_or("");
            let alone: Vec<(Kind, &str)> = scan_all(line)
                .iter()
                .map(|h| (h.kind, &line[h.start..h.end]))
                .collect();
            let text = format!("{filler}\n{line}\n{filler}");
            let prepared = crate::gate::PreparedText::new(&text);
            let mut hits = Vec::new();
            for d in detectors() {
                d.scan_prepared(&prepared, &mut hits);
            }
            let offset = filler.len() + 1;
            let inside: Vec<(Kind, &str)> = hits
                .iter()
                .filter(|h| h.start >= offset && h.end <= offset + line.len())
                .map(|h| (h.kind, &text[h.start..h.end]))
                .collect();
            assert_eq!(inside, alone, "{line:?} inside a long text");
            checked += 1;
        }
        assert_eq!(checked, 200);
    }

    /// Published-style prose of our own, none of which names anyone.
    const CLEAN_PROSE: &[&str] = &[
        "The Chief Officers Group commissioned this Learning Review in March 2023 on the recommendation of the Child Protection Committee.",
        "The review covered the period from April 2020 to September 2022 and followed the national guidance published in 2021 and updated in 2023.",
        "Under section 11 of the Children (Scotland) Act 1995 and Part 5 of the Children and Young People (Scotland) Act 2014, agencies share a duty.",
        "Section 67 of the Children's Hearings (Scotland) Act 2011 (2011 asp 1) sets out the grounds for referral to the Reporter.",
        "See https://www.gov.scot/publications/national-guidance-child-protection-scotland-2021/ and https://www.legislation.gov.uk/asp/2011/1/contents for the law.",
        "In 2021/22 the CPC received 12 requests, and in the financial year 2023-24 it received 17; between 2019 and 2022 there were 47 missed appointments.",
        "Health Visitor 1 made 23 home visits over 18 months and the interagency referral discussion took place within 24 hours.",
        "Child C was aged 15 when first reported missing; at 16, Child C could refuse some services; the peer group were aged between 12 and 15.",
        "The funded nursery place provided 1,140 hours a year and attendance fell from 92% to 61% over the school year.",
        "Mother may have felt that agencies did not listen, and the Review Team may return to this in 2026.",
        "Practitioners said they would march the family through the process; the report in May 2022 agreed.",
        "Strategy 3 is due for review in 2026-09, with progress reported to the COG by March 2027 and an audit in 09/2026.",
        "The review (EX-2024-01) drew on the earlier review SA-2023-01 and on Version 2.1 of the protocol approved in 2022.",
        "Sibling 1, Sibling 2 and Practitioner B were interviewed; Worker 2 completed the chronology and Worker 3 reviewed it.",
        "A 12-week parenting programme was offered every 3 months, and the plan was reviewed at 6 months and again after 12 months.",
        "Police Scotland shared 14 concern reports over two years, and the Review Team read 1,240 pages from seven agencies.",
        "The concern report was graded as medium risk, and no IRD was held before the child protection planning meeting.",
        "Paragraph 3.2.14 of the guidance describes the IRD; paragraphs 4.1 to 4.7 describe the child protection planning meeting.",
        "The M8 and the A9 were closed that winter, and the family could not reach the hospital; pupils in S4 and P7 were affected.",
        "The learning sessions were attended by 11 practitioners from 6 agencies over two days in autumn 2022.",
        "In the Review Team's view, this was a system issue; the case was reviewed in 2022 and the case files ran to 1240 pages.",
        "The Learning Review report runs to 38 pages with 6 appendices, and the summary is 4 pages long.",
        "Mother was referred at 20 weeks' gestation and the pre-birth assessment was completed at 30 weeks into the pregnancy.",
        "Father was sentenced at the High Court in 2023; the Crown Office and Procurator Fiscal Service was consulted on timing.",
        "The GP saw Mother 9 times in 12 months; each missing episode lasted between one and three nights.",
        "Two and a half hours a week of family support were offered for six months, then reduced to 90 minutes.",
        "The Scottish Government's 2021 guidance, the SSI 2021/123 regulations and the Covid-19 restrictions all applied.",
        "A total of 1,500 children were on the register nationally, a rate of 2.1 per 1,000, compared with 2.5 in 2019-20.",
        "The chronology ran to 212 entries from 2019 to 2023, with 24/7 cover provided by the out-of-hours team.",
        "Child A was under one year old, Child B was 3 years old and Child C was aged sixteen.",
        "Childline (0800 1111), the NSPCC helpline (0808 800 5000) and Police Scotland (101) were listed in the leaflet.",
        "Over Christmas the family had little contact with services, and by the new year the case was closed.",
        "The Review Team met on four occasions between October and December, and the final meeting was in January.",
        "Between 2 and 3 children in every 1,000 were on the register; in 14 of the 32 areas the rate fell.",
        "The age of criminal responsibility in Scotland is 12, and young people aged 16 or 17 may be referred to the Reporter.",
        "More than half of the 120 practitioners surveyed had less than 5 years' experience, and a third had more than 10.",
        "The chronology noted 4 missed appointments in the first 6 weeks and 3 in the following 3 months.",
        "Practitioners described the first 1,001 days as critical, and the health visiting pathway sets contacts at 6 to 8 weeks.",
        "Scottish Government guidance (SG/2021/123) and the Care Inspectorate's 2019-20 report informed the strategy.",
    ];

    #[test]
    fn clean_published_prose_gives_no_hits() {
        let failures: Vec<String> = CLEAN_PROSE
            .iter()
            .filter_map(|line| check_line("clean", line, ""))
            .collect();
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    /// Our own planted identifiers, written differently from the samples.
    const PLANTED: &[(&str, &str, &str)] = &[
        (
            "chi-number",
            "The school nurse noted CHI 110615-4321 on the health plan.",
            "110615-4321",
        ),
        (
            "chi-number",
            "Her CHI was given as 31 12 09 1234 in the referral.",
            "31 12 09 1234",
        ),
        (
            "nhs-number",
            "The NHS number 943 476 5919 appeared in the minutes.",
            "943 476 5919",
        ),
        (
            "nhs-number",
            "A transposed number, 999 123 4567, was on the form.",
            "999 123 4567",
        ),
        (
            "ni-number",
            "The claim used insurance number ZX 12 34 56 D for Father.",
            "ZX 12 34 56 D",
        ),
        (
            "ni-number",
            "Benefit records show tn 01 02 87 m as a temporary number.",
            "tn 01 02 87 m",
        ),
        (
            "postcode",
            "The family had moved to eh12 5ab before the referral.",
            "eh12 5ab",
        ),
        (
            "postcode",
            "Father was traced to an address in G41 3SQ.",
            "G41 3SQ",
        ),
        (
            "postcode",
            "The map link was https://maps.example.org/?q=KY11%204DL shared by text.",
            "KY11%204DL",
        ),
        (
            "phone",
            "Mother's mobile number is 07700 900 123, the referral said.",
            "07700 900 123",
        ),
        (
            "phone",
            "The school rang 0131-496-0000 and left a message.",
            "0131-496-0000",
        ),
        (
            "phone",
            "Grandmother's number, +44 (0) 141 496 0555, was on file.",
            "+44 (0) 141 496 0555",
        ),
        (
            "email",
            "Practitioner A wrote to dad.kerr77@example.net twice.",
            "dad.kerr77@example.net",
        ),
        (
            "url",
            "Child D posted videos at https://www.tiktok.com/@kd_2012_xo under a false age.",
            "https://www.tiktok.com/@kd_2012_xo",
        ),
        (
            "url",
            "The adult's profile was facebook.com/gary.mcleish.9 according to police.",
            "facebook.com/gary.mcleish.9",
        ),
        (
            "url",
            "The form at https://forms.example.org/submit?name=kayden&dob=2015-06-11 was shared.",
            "https://forms.example.org/submit?name=kayden&dob=2015-06-11",
        ),
        (
            "vehicle",
            "A van, YX21 ABF, was seen outside the school gates.",
            "YX21 ABF",
        ),
        (
            "vehicle",
            "Police checked the registration gn66ptk on the database.",
            "gn66ptk",
        ),
        (
            "reference",
            "The Reporter allocated SCRA ref 2021/004512 to the case.",
            "2021/004512",
        ),
        (
            "reference",
            "Police incident number PS-20220314-0123 was linked to the flat.",
            "PS-20220314-0123",
        ),
        (
            "reference",
            "Housing file no. 88213 recorded the repairs.",
            "88213",
        ),
        (
            "date",
            "The child protection planning meeting met on Thursday 2nd June to review the plan.",
            "Thursday 2nd June",
        ),
        (
            "date",
            "Child B was excluded from school on 9/11/2022 after the incident.",
            "9/11/2022",
        ),
        ("date", "By 1 Feb Mother had moved out.", "1 Feb"),
        (
            "date",
            "The hearing was on the 22nd of August, 2022.",
            "22nd of August, 2022",
        ),
        (
            "date",
            "A referral logged 2023-01-05 09:30 was not screened.",
            "2023-01-05 09:30",
        ),
        (
            "date",
            "Father was released on October 3rd and returned home.",
            "October 3rd",
        ),
        (
            "age",
            "At 9 months, Child A weighed less than at birth.",
            "At 9 months",
        ),
        (
            "age",
            "The baby, just 11 days old, was discharged home.",
            "11 days old",
        ),
        (
            "age",
            "Child F was aged one year and two months at the referral.",
            "one year and two months",
        ),
        (
            "age",
            "A six-week-old infant was brought to the hospital.",
            "six-week-old",
        ),
        (
            "age",
            "Sibling 3 (18 months) was in the car.",
            "Sibling 3 (18 months",
        ),
    ];

    #[test]
    fn planted_identifiers_in_our_own_prose_are_found() {
        let failures: Vec<String> = PLANTED
            .iter()
            .filter_map(|(k, line, pii)| check_line(k, line, pii))
            .collect();
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    /// The sample good site is clean published text (about 10,000 words):
    /// its Markdown bodies and every quoted front matter string must pass.
    /// TOML dates (`published = 2025-06-02`) are not strings and are
    /// checked by validation, not the gate.
    #[test]
    fn the_sample_good_site_gives_no_hits() {
        let beside = PathBuf::from(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/samples/good-site/content"
        ));
        let root = beside;
        let quoted = regex::Regex::new(r#""((?:[^"\\]|\\.)*)""#).expect("quoted string regex");
        let mut files = 0;
        let mut failures = Vec::new();
        for section in ["reports", "summaries"] {
            let dir = std::fs::read_dir(root.join(section))
                .unwrap_or_else(|e| panic!("cannot read {section}: {e}"));
            for entry in dir {
                let path = entry.expect("dir entry").path();
                let text = std::fs::read_to_string(&path).expect("sample file");
                let (front, body) = text
                    .trim_start_matches("+++")
                    .split_once("\n+++")
                    .expect("front matter");
                files += 1;
                let strings = quoted
                    .captures_iter(front)
                    .map(|c| c.get(1).expect("group").as_str());
                for piece in strings.chain(std::iter::once(body)) {
                    let hits = scan_all(piece);
                    if !hits.is_empty() {
                        failures.push(format!("{}: [{}]", path.display(), describe(piece, &hits)));
                    }
                }
            }
        }
        assert!(
            files >= 8,
            "expected the sample reports and summaries, found {files}"
        );
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    #[test]
    fn every_detector_has_a_distinct_name() {
        let mut names: Vec<&str> = detectors().iter().map(|d| d.name()).collect();
        let count = names.len();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), count);
        assert_eq!(count, 16);
    }

    #[test]
    fn hits_are_on_char_boundaries_in_non_ascii_text() {
        let text =
            "Siobhán’s “mobile” — 07700 900481 — on 3 März? On 14 March 2022 at CHI 1503214567 ½";
        for h in scan_all(text) {
            assert!(
                text.is_char_boundary(h.start) && text.is_char_boundary(h.end),
                "{h:?}"
            );
            assert!(h.start < h.end);
        }
    }
}
