//! Vehicle registrations. The current GB format (`AB12 CDE`) is distinctive
//! enough to flag on its own, in upper or lower case, with or without the
//! space. The older prefix (`A123 BCD`), suffix (`ABC 123D`) and Northern
//! Irish (`AIZ 1234`) formats look like acronyms and section numbers, so
//! they are flagged only where a vehicle word nearby makes them unambiguous.

use regex::Regex;

use super::util::{
    captures_near_digits, char_after, char_before, eq_any, has_ascii_digit, words_before,
};
use crate::findings::Kind;
use crate::gate::{Detector, Hit, PreparedText};

pub struct Vehicle {
    re: Regex,
    /// Irish (`191-D-12345`) and other countries' plates (`WX 12345`,
    /// `B 123 ABC`, `M-AB 1234`, `12-ABC-3`).
    foreign: Regex,
}

/// Irish county and city codes, which make `NNN-C-NNNN` a plate.
const IRISH_CODES: &[&str] = &[
    "C", "CE", "CN", "CW", "D", "DL", "G", "KE", "KK", "KY", "L", "LD", "LH", "LK", "LM", "LS",
    "MH", "MN", "MO", "OY", "RN", "SO", "T", "TN", "TS", "W", "WD", "WH", "WX", "WW",
];

const MESSAGE: &str =
    "This looks like a vehicle registration, which leads to a registered keeper and places a person at a scene.";

/// Words that make an older-format plate unambiguous.
const CUES: &[&str] = &[
    "registration",
    "registrations",
    "reg",
    "registered",
    "plated",
    "keeper",
    "plate",
    "plates",
    "numberplate",
    "vrm",
    "vehicle",
    "vehicles",
    "car",
    "cars",
    "van",
    "taxi",
    "cab",
    "motorbike",
    "motorcycle",
    "moped",
    "lorry",
    "truck",
    "drove",
    "driven",
    "driving",
    "driver",
    "hatchback",
    "saloon",
    "estate",
    "4x4",
    "suv",
    "pickup",
    "minibus",
];

/// Three-letter words and acronyms that follow `XX99` in ordinary text
/// (`FY22 CPC`, `in22 the`): not the letters of a plate.
const NOT_PLATE_LETTERS: &[&str] = &[
    "THE", "AND", "FOR", "WAS", "HAD", "BUT", "NOT", "ARE", "WHO", "MAY", "ALL", "ANY", "ONE",
    "TWO", "SIX", "TEN", "PER", "VIA", "ITS", "HIS", "HER", "DAY", "NEW", "OLD", "CPC", "COG",
    "IRD", "NHS", "GPS", "SCR", "CSO", "CSE", "ADP", "PVG", "LAC", "ASP", "ACT", "SSI", "HMP",
    "YOI", "PDF", "CAN", "OUR", "OUT", "NOW", "SET", "ISO", "BSI", "SSI", "PAS",
];

/// "reg starts SN67 something", "plate began SY18…": a plate's first
/// half after its cue, as a witness gives it. With the area and the age
/// it narrows a car to a few hundred, and a local reader to one.
fn partial_plates(text: &str, hits: &mut Vec<Hit>, from: usize) {
    use std::sync::OnceLock;
    static RE: OnceLock<Regex> = OnceLock::new();
    if !(text.contains("reg") || text.contains("Reg") || text.contains("plate")) {
        return;
    }
    let re = RE.get_or_init(|| {
        Regex::new(r#"(?i:\b(?:reg(?:istration)?|(?:number\s?)?plate))(?:(?:\s+(?i:but))?(?:\s+(?i:it|which))?\s+(?i:starts?|starting|started|began|begins|beginning|partially|partly))?(?:\s+(?i:noted|given|seen|recorded|read))?(?:\s+(?i:with|as))?\s*:?\s+["“']?([A-Z]{2}[ \u{a0}]?[0-9]{2})\b"#)
            .expect("partial plate pattern compiles")
    });
    let mut found = Vec::new();
    for caps in re.captures_iter(text) {
        let part = caps.get(1).expect("group 1");
        let l = letters(part.as_str());
        if l[..2].contains(['I', 'Q', 'Z']) {
            continue;
        }
        if hits[from..]
            .iter()
            .any(|h| h.start < part.end() && part.start() < h.end)
        {
            continue;
        }
        found.push((part.start(), part.end()));
    }
    for (s, e) in found {
        hits.push(
            Hit::new(s, e, Kind::Vehicle, "vehicle-partial-registration", MESSAGE).uncertain(),
        );
    }
}

impl Vehicle {
    pub fn new() -> Vehicle {
        let re = Regex::new(concat!(
            r"(?P<cur>[A-Z]{2}[ \u{a0}]?[0-9]{2}[ \u{a0}]?[A-Z]{3}|[a-z]{2}[0-9]{2}[ \u{a0}]?[a-z]{3})",
            r"|(?P<suf>[A-Z]{3}[ \u{a0}]?[0-9]{1,3}[ \u{a0}]?[A-Z])",
            r"|(?P<pre>[A-Z][0-9]{1,3}[ \u{a0}]?[A-Z]{3})",
            r"|(?P<ni>[A-Z]{1,3}[ \u{a0}]?[0-9]{1,4})",
        ))
        .expect("vehicle regex");
        let foreign = Regex::new(concat!(
            r"(?P<ie>[0-9]{2,3}-[A-Z]{1,2}-[0-9]{1,6})",
            r"|(?-u:\b)(?P<any>[A-Z0-9]{1,4}(?:[ \u{a0}\-][A-Z0-9]{1,5}){1,2})(?-u:\b)",
        ))
        .expect("foreign vehicle regex");
        Vehicle { re, foreign }
    }
}

impl Default for Vehicle {
    fn default() -> Self {
        Vehicle::new()
    }
}

fn cue_nearby(text: &str, start: usize) -> bool {
    words_before(text, start, 80)
        .take(10)
        .any(|w| eq_any(w, CUES))
}

/// Adds the range from 14 bytes before `at` to 16 after, widened to
/// whitespace at both ends, to `out`, merged with the last range when
/// they meet (spots come in order).
fn widen_into(bytes: &[u8], at: usize, out: &mut Vec<(usize, usize)>) {
    let mut s = at.saturating_sub(14);
    while s > 0 && !bytes[s - 1].is_ascii_whitespace() {
        s -= 1;
    }
    let mut e = (at + 16).min(bytes.len());
    while e < bytes.len() && !bytes[e].is_ascii_whitespace() {
        e += 1;
    }
    match out.last_mut() {
        Some(last) if s <= last.1 => last.1 = last.1.max(e),
        _ => out.push((s, e)),
    }
}

/// Short ranges round every capital letter next to a digit (directly, or
/// across one space or hyphen) inside `windows`, merged, starting and
/// ending on whitespace: where a plate of another country can be.
fn capital_by_digit(bytes: &[u8], spots: &[usize]) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = Vec::new();
    for &j in spots {
        let (a, b) = (bytes[j - 1], bytes[j]);
        let c = if matches!(b, b' ' | b'-') {
            bytes[j + 1]
        } else {
            b
        };
        if !(a.is_ascii_uppercase() || c.is_ascii_uppercase()) {
            continue;
        }
        widen_into(bytes, j, &mut out);
    }
    out
}

/// Short ranges round every ASCII digit in `windows` that has an ASCII
/// letter before it (directly, or across one space or no-break space),
/// merged, starting and ending on whitespace: every British plate has such
/// a digit, and a match is at most 11 bytes, 5 before the digit and 8
/// after, so searching these ranges finds what searching the windows does.
/// Most windows are prose round a year or a count, and hold none.
fn letter_before_digit(
    bytes: &[u8],
    windows: &[(usize, usize)],
    digit_bits: &super::util::Digits<'_>,
) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = Vec::new();
    for &(from, to) in windows {
        let mut at = from;
        while let Some(d) = digit_bits.next_before(at, to) {
            at = d + 1;
            let before = |k: usize| d.checked_sub(k).map(|i| bytes[i]);
            let lettered = |b: Option<u8>| b.is_some_and(|b| b.is_ascii_alphabetic());
            let spot = lettered(before(1))
                || (before(1) == Some(b' ') && lettered(before(2)))
                || (before(1) == Some(0xA0) && before(2) == Some(0xC2) && lettered(before(3)));
            if !spot {
                continue;
            }
            widen_into(bytes, d, &mut out);
        }
    }
    out
}

/// A vehicle word just after ("WX 12345, a Polish-registered Audi").
fn cue_after(text: &str, end: usize) -> bool {
    super::util::words_after(text, end, 48)
        .take(5)
        .any(|w| eq_any(w, CUES))
}

/// Another country's plate near a vehicle word: groups of capitals and
/// digits with both in it, 5 to 9 of them, none a word or acronym of
/// ordinary text.
fn foreign_plate(s: &str) -> bool {
    let alnum = s.chars().filter(char::is_ascii_alphanumeric).count();
    let letters = s.chars().filter(char::is_ascii_alphabetic).count();
    let groups: Vec<&str> = s.split([' ', '\u{a0}', '-']).collect();
    (5..=9).contains(&alnum)
        && letters >= 1
        && letters < alnum
        && !groups.iter().any(|g| {
            g.len() >= 3 && g.chars().all(|c| c.is_ascii_alphabetic()) && NOT_PLATE_LETTERS.contains(g)
        })
        // "2021 2022", "ISO 9001": a year or a standard, not a plate.
        && !groups.iter().any(|g| g.len() == 4 && (g.starts_with("19") || g.starts_with("20")) && g.chars().all(|c| c.is_ascii_digit()))
}

fn letters(s: &str) -> String {
    s.chars()
        .filter(char::is_ascii_alphabetic)
        .collect::<String>()
        .to_ascii_uppercase()
}

impl Detector for Vehicle {
    fn name(&self) -> &'static str {
        "vehicle"
    }

    fn scan(&self, text: &str, hits: &mut Vec<Hit>) {
        self.scan_prepared(&PreparedText::new(text), hits)
    }

    fn scan_prepared(&self, prepared: &PreparedText<'_>, hits: &mut Vec<Hit>) {
        let text = prepared.text;
        super::vessel::find(text, hits);
        if !has_ascii_digit(text) {
            return;
        }
        let first_new = hits.len();
        let windows = super::util::windows_of(prepared);
        for caps in captures_near_digits(
            &self.re,
            text,
            &letter_before_digit(text.as_bytes(), windows, &super::util::digits_of(prepared)),
        ) {
            let whole = caps.get(0).expect("match");
            let glued = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
            if glued(char_before(text, whole.start())) || glued(char_after(text, whole.end())) {
                continue;
            }
            let s = whole.as_str();
            let rule = if caps.name("cur").is_some() {
                let l = letters(s);
                // Memory tags never use I, Q or Z in their first two letters.
                let tag_ok = !l[..2].contains(['I', 'Q', 'Z']);
                if !tag_ok || NOT_PLATE_LETTERS.contains(&&l[2..]) {
                    continue;
                }
                "vehicle-registration"
            } else if caps.name("suf").is_some() {
                let l = letters(s);
                if !cue_nearby(text, whole.start()) || NOT_PLATE_LETTERS.contains(&&l[..3]) {
                    continue;
                }
                "vehicle-suffix-registration"
            } else if caps.name("pre").is_some() {
                let first = s.as_bytes()[0];
                if matches!(first, b'I' | b'O' | b'Q' | b'U' | b'Z')
                    || !cue_nearby(text, whole.start())
                {
                    continue;
                }
                "vehicle-prefix-registration"
            } else {
                // Northern Irish marks always carry an I or Z in the last two
                // letters (the county code), e.g. AIZ 1234, LFZ 123.
                let l = letters(s);
                let code = &l[l.len().saturating_sub(2)..];
                if l.len() < 2
                    || !(code.contains('I') || code.ends_with('Z'))
                    || !cue_nearby(text, whole.start())
                {
                    continue;
                }
                "vehicle-ni-registration"
            };
            hits.push(Hit::new(
                whole.start(),
                whole.end(),
                Kind::Vehicle,
                rule,
                MESSAGE,
            ));
        }
        let gb = hits.len();
        // Other countries' plates are searched only in windows that hold a
        // vehicle word or an Irish `-D-` shape: any capitals and digits
        // match the pattern, and most windows have neither.
        // Another country's plate has a capital next to a digit (maybe
        // across a space or hyphen): `WX 12345`, `B 123`, `12-ABC`. Only
        // the few places where one is are searched, not every window.
        let spots = capital_by_digit(text.as_bytes(), super::util::letter_digit(prepared));
        for caps in captures_near_digits(&self.foreign, text, &spots) {
            let whole = caps.get(0).expect("match");
            if hits[gb.min(first_new)..]
                .iter()
                .any(|h| h.start < whole.end() && whole.start() < h.end)
            {
                continue;
            }
            let glued = |c: Option<char>| {
                c.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '-' || c == '/')
            };
            if glued(char_before(text, whole.start())) || glued(char_after(text, whole.end())) {
                continue;
            }
            let s = whole.as_str();
            let rule = if caps.name("ie").is_some() {
                let code = s.split('-').nth(1).unwrap_or("");
                if !IRISH_CODES.contains(&code) {
                    continue;
                }
                "vehicle-irish-registration"
            } else {
                if !foreign_plate(s)
                    || !(cue_nearby(text, whole.start()) || cue_after(text, whole.end()))
                {
                    continue;
                }
                "vehicle-foreign-registration"
            };
            hits.push(Hit::new(
                whole.start(),
                whole.end(),
                Kind::Vehicle,
                rule,
                MESSAGE,
            ));
        }
        partial_plates(text, hits, first_new);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<String> {
        let mut hits = Vec::new();
        Vehicle::new().scan(text, &mut hits);
        assert!(hits.iter().all(|h| h.kind == Kind::Vehicle));
        hits.into_iter()
            .map(|h| text[h.start..h.end].to_string())
            .collect()
    }

    #[test]
    fn a_plates_first_half_after_its_cue_is_found() {
        assert_eq!(found("a black Golf, reg starts SN67 something"), ["SN67"]);
        assert_eq!(found("Registration: SY18 (rest not seen)"), ["SY18"]);
        assert_eq!(
            found("missed the full plate but it started SG71, a white van"),
            ["SG71"]
        );
        assert_eq!(
            found("silver Skoda, reg partially noted as \"SN18 ?FD\","),
            ["SN18"]
        );
        assert_eq!(found("client noted partial reg \"SJ68 …\" later"), ["SJ68"]);
        assert!(found("the reg 2024 guidance and plate 12 of the atlas").is_empty());
    }

    #[test]
    fn current_format_plates_are_found_in_any_case_and_spacing() {
        assert_eq!(found("registration SV99 KZX, was seen"), vec!["SV99 KZX"]);
        assert_eq!(
            found("Police stopped sn97xrw on the motorway"),
            vec!["sn97xrw"]
        );
        assert_eq!(found("The vehicle SA98 LPT was linked"), vec!["SA98 LPT"]);
        assert_eq!(
            found("- a car, registration SV98 LPT, seen"),
            vec!["SV98 LPT"]
        );
        assert_eq!(found("seen AB12CDE twice"), vec!["AB12CDE"]);
        // Spaced after its area letters as well, as some write it.
        assert_eq!(found("a grey Kia SF 19 WNP outside"), vec!["SF 19 WNP"]);
        assert!(found("see NHS 24 and ACT 10 THE rules").is_empty());
    }

    #[test]
    fn older_and_northern_irish_plates_are_found_next_to_a_vehicle_word() {
        assert_eq!(
            found("a blue car, registration P123 ABC, outside"),
            vec!["P123 ABC"]
        );
        assert_eq!(found("an old van (ABC 123D) outside"), vec!["ABC 123D"]);
        assert_eq!(
            found("a taxi registered AIZ 1234 in Belfast"),
            vec!["AIZ 1234"]
        );
    }

    #[test]
    fn other_countries_plates_are_found_near_a_vehicle_word() {
        assert_eq!(
            found("a car with Irish plates 191-D-12345 was seen"),
            vec!["191-D-12345"]
        );
        assert_eq!(found("seen again: 12-KY-345 outside"), vec!["12-KY-345"]);
        assert_eq!(found("a Polish car WX 12345 too"), vec!["WX 12345"]);
        assert_eq!(
            found("- CJ 81 XTM, Romanian-plated Ford"),
            vec!["CJ 81 XTM"]
        );
        assert_eq!(
            found("The Romanian registration B 123 ABC was noted"),
            vec!["B 123 ABC"]
        );
        assert_eq!(found("a German car, M-AB 1234, parked"), vec!["M-AB 1234"]);
        assert_eq!(found("the van's plate 12-ABC-3 was read"), vec!["12-ABC-3"]);
        assert_eq!(
            found("KR 5Y123 (a Polish-registered Audi)"),
            vec!["KR 5Y123"]
        );
    }

    #[test]
    fn codes_near_vehicle_words_that_are_not_plates_pass() {
        for s in [
            "The car seat guidance (CPC 2023) and ISO 9001 apply.",
            "He was driving in 2021 2022 and at 10 30 pm.",
            "The van had a child seat; EX-2024-01 covers it.",
            "A taxi was used for Year 10 and S4 pupils.",
        ] {
            assert!(found(s).is_empty(), "{s}: {:?}", found(s));
        }
    }

    /// Searching round the digits with a letter before them finds every
    /// match, group by group, that the plain search of the text finds.
    #[test]
    fn letter_before_digit_ranges_find_what_the_whole_search_finds() {
        use crate::gate::test_texts::{capture_spans, random_texts};
        let re = Vehicle::new().re;
        let pieces = [
            "AB", "SV", "KZX", "P", "ABC", "A", "sn", "xrw", "b", "12", "3", "1234", "99", "123D",
            " ", " ", "\u{a0}", "\n", "-", ".", "é", "x", "word", "the car ", "2019",
        ];
        for text in random_texts(&pieces, 0x51ab_7e11_5eed, 40).take(20_000) {
            let windows = crate::gate::structured::util::digit_windows(&text);
            let digit_bits = crate::gate::structured::util::Digits::of(&text);
            let ranges = letter_before_digit(text.as_bytes(), &windows, &digit_bits);
            assert_eq!(
                capture_spans(captures_near_digits(&re, &text, &ranges)),
                capture_spans(re.captures_iter(&text).collect()),
                "{text:?}"
            );
        }
    }

    #[test]
    fn acronyms_section_numbers_and_roads_pass() {
        assert!(found("In FY22 CPC members met.").is_empty());
        assert!(found("Section 67 of the Act 2011 and Part 5 apply.").is_empty());
        assert!(found("The A9 and M8 were closed; CPC 2023 report.").is_empty());
        assert!(found("Pupils in S4 and P7 took part in PSE 2 lessons.").is_empty());
        assert!(found("ABC 123D without any context").is_empty());
        assert!(found("hash 9fab12cdef01 here").is_empty());
    }
}
