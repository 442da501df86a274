//! Exact ages finer than a year: "2 years 3 months", "aged 14 weeks", "six
//! weeks old", "10-month-old", "at 7 months", "three and a half", "4½".
//!
//! Whole-year ages ("aged 15", "At 16") are allowed by the guidance, and
//! durations ("over 18 months", "for six months", "a 12-week programme") are
//! not ages at all, so each pattern needs an age cue: "aged", "old", "of
//! age", a child as subject, or a compound of years and months.

use aho_corasick::{AhoCorasick, MatchKind};
use regex::Regex;

use super::util::{
    char_after, eq_any, has_ascii_digit, next_word, starts_word, words_after, words_before,
    DURATION_CUES, NUMBER_WORDS,
};
use crate::findings::Kind;
use crate::gate::{Detector, Hit, PreparedText};

pub struct Age {
    re: Regex,
    /// The same alternation, matching only where a search starts.
    anchored: Regex,
    /// Key words (in lower case) one of which every accepted age holds.
    keys: Keys,
    /// "wk", the fractions and the two letters that fold to ASCII ones.
    rare: Keys,
}

/// Literal keys, searched with Teddy alone where the CPU has it (without
/// the automaton that confirms each candidate), else with Aho-Corasick.
struct Keys {
    packed: Option<aho_corasick::packed::Searcher>,
    automaton: AhoCorasick,
}

impl Keys {
    fn new(patterns: &[&str]) -> Keys {
        let packed = aho_corasick::packed::Config::new()
            .match_kind(aho_corasick::packed::MatchKind::LeftmostFirst)
            .builder()
            .extend(patterns)
            .build();
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostFirst)
            .build(patterns)
            .expect("age keys");
        Keys { packed, automaton }
    }

    /// Each match as (start, pattern index), in order.
    fn each(&self, haystack: &[u8], mut f: impl FnMut(usize, usize)) {
        match &self.packed {
            Some(searcher) => searcher
                .find_iter(haystack)
                .for_each(|m| f(m.start(), m.pattern().as_usize())),
            None => self
                .automaton
                .find_iter(haystack)
                .for_each(|m| f(m.start(), m.pattern().as_usize())),
        }
    }
}

const MESSAGE: &str =
    "This looks like an exact age finer than a year, which narrows down who the child is; give whole years or an age band.";

/// Words just before "at N months" that make it a review point.
const REVIEW_CUES: &[&str] = &[
    "reviewed",
    "review",
    "reviews",
    "audited",
    "audit",
    "evaluated",
    "evaluation",
    "followed",
    "contact",
    "contacts",
    "visits",
    "checks",
];

/// Words in the clause before "at N months" that make it a point at which
/// a plan is checked: "audit of ten assessments at 12 months".
const REPORT_CUES: &[&str] = &[
    "report",
    "reported",
    "reporting",
    "reports",
    "audits",
    "measured",
    "monitored",
    "assessed",
    "checked",
    "check",
    "evaluate",
    "revisit",
    "revisited",
    "repeated",
    "repeat",
    "survey",
    "resurvey",
];

/// "at 12 months", "at twenty-four months": a count of months that is a
/// whole number of years.
fn whole_years_in_months(matched: &str) -> bool {
    let lower = matched.to_ascii_lowercase();
    if !lower.contains("month") && !lower.contains("mth") {
        return false;
    }
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let value = |w: &str| -> Option<u32> {
        w.parse().ok().or(match w {
            "twelve" => Some(12),
            "twenty" => Some(20),
            "thirty" => Some(30),
            "forty" => Some(40),
            "four" => Some(4),
            "six" => Some(6),
            "eight" => Some(8),
            _ => None,
        })
    };
    let mut total = 0;
    for w in &words {
        if w.starts_with("month") || w.starts_with("mth") {
            break;
        }
        if let Some(v) = value(w) {
            total += v;
        }
    }
    total > 0 && total % 12 == 0
}

/// Words after "at N weeks" that make it a stage of pregnancy or a schedule.
const NOT_AGE_AFTER: &[&str] = &[
    "gestation",
    "gestational",
    "pregnant",
    "pregnancy",
    "into",
    "intervals",
    "interval",
    "review",
    "reviews",
    "later",
    "after",
    "post",
    "notice",
    "apart",
];

/// Words shortly before "at N weeks" that make it a stage of pregnancy.
const PREGNANCY_BEFORE: &[&str] = &[
    "pregnant",
    "pregnancy",
    "booked",
    "booking",
    "antenatal",
    "gestation",
    "scan",
];

/// Units that make a number a point in time ("at six weeks, 13 months").
const TIME_UNITS: &[&str] = &[
    "day", "days", "week", "weeks", "wk", "wks", "month", "months", "mth", "mths", "year", "years",
];

/// Milestones a child reached at an age: "walked at 13 months". Only the
/// past tense: "babies start crawling at around nine months" is guidance.
const MILESTONE_VERBS: &[&str] = &[
    "walked", "crawled", "sat", "stood", "rolled", "smiled", "talked", "babbled", "weaned",
    "cruised",
];

/// Child words that, as the subject of "was N months", make it an age.
const CHILD_WORDS: &[&str] = &[
    "he", "she", "baby", "infant", "toddler", "newborn", "child", "sibling", "son", "daughter",
    "twins", "brother", "sister", "boy", "girl",
];

impl Age {
    pub fn new() -> Age {
        // The teens before the units they begin with: the first
        // alternative that matches wins, and "aged seven" (the unit is
        // optional) would end the match inside "aged seventeen months".
        let n = r"(?:[0-9]{1,2}|(?i:thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|thirty|forty|fifty))";
        // The second number of a compound: never "a" ("four days a week"
        // is a frequency, not an age).
        let n2 = n.replace("a|an|", "");
        let frac = r"(?:[ \u{a0}]?[½¼¾]|\.5|[ \u{a0}\-]+(?i:and)[ \u{a0}\-]+(?:(?i:a)[ \u{a0}\-]+(?i:half|quarter)|(?:(?i:three)|3)[ \u{a0}\-]+(?i:quarters)|[½¼¾]))";
        let sp = r"[ \u{a0}]+";
        let year = r"(?i:years?|yrs?)";
        let tail = r"(?:[ \u{a0}]+(?i:and[ \u{a0}]+a[ \u{a0}]+bit|now|tomorrow|today|next[ \u{a0}]+week|last[ \u{a0}]+week|on[ \u{a0}]+(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)))";
        let fine_word = r"(?i:months?|mths?|weeks?|wks?|days?)";
        let alternatives = [
            // "2 years 3 months", "13 years and 8 months old".
            format!(
                r"(?P<comp>{n}[ \u{{a0}}\-]?{year}(?-u:\b)(?:,|{sp}(?i:and)|{sp}&)?[ \u{{a0}}]*{n2}[ \u{{a0}}\-]?{fine_word}(?-u:\b)(?:[ \u{{a0}}\-]+(?i:old))?)"
            ),
            // "2y 4m", "1yr 3mths": one-letter units only after digits, as
            // "a year and…" would otherwise read as "a year, an d".
            r"(?P<compact>[0-9]{1,2}[ \u{a0}]?(?i:y|yrs?)[ \u{a0}]?,?[ \u{a0}]?[0-9]{1,2}[ \u{a0}]?(?i:m|mths?|mos?|w|wks?)(?-u:\b))".to_string(),
            // "3 months and 2 weeks", "6 weeks 3 days".
            format!(
                r"(?P<comp2>{n}[ \u{{a0}}\-]?{fine_word}(?-u:\b)(?:,|{sp}(?i:and)|{sp}&)?[ \u{{a0}}]*{n2}[ \u{{a0}}\-]?{fine_word}(?-u:\b)(?:[ \u{{a0}}\-]+(?i:old))?)"
            ),
            // "aged 14 weeks", "age 2½", "at the age of 18 months".
            format!(
                r"(?P<aged>(?i:aged|age|ages|at the age of|at age)){sp}(?:(?i:of|just|about|around|approximately|only|nearly|almost){sp})?{n}(?:(?P<aged_and>{sp}(?i:and|&){sp}{n2}[ \u{{a0}}\-]?{fine_word}(?-u:\b))|(?P<aged_frac>{frac})?(?:[ \u{{a0}}\-]?(?P<aged_unit>{fine_word}|{year})(?-u:\b))?)"
            ),
            // "at 7 months", "At 7 months old".
            format!(
                r"(?P<at>(?i:at)){sp}(?:(?i:just|about|around|approximately|only|nearly|almost){sp})?{n}(?:{frac})?[ \u{{a0}}\-]?{fine_word}(?-u:\b)(?P<at_old>[ \u{{a0}}\-]+(?i:old|of age))?"
            ),
            // "six weeks old", "10-month-old", "4½-year-old", "3 months of age".
            format!(
                r"(?P<old>{n}(?P<old_frac>{frac})?[ \u{{a0}}\-]?(?P<old_unit>{fine_word}|(?i:years?|year)|{year})[ \u{{a0}}\-]+(?i:old|of{sp}age))"
            ),
            // "Child A, 14 weeks," / "the baby (6 weeks)".
            format!(
                r"(?P<appos>(?i:baby|infant|newborn|toddler|son|daughter)|Child{sp}[A-Z]|Sibling{sp}[0-9]{{1,2}})(?:,[ \u{{a0}}]*|[ \u{{a0}}]*\([ \u{{a0}}]*|{sp}(?i:of|aged){sp}){n}(?:{frac})?[ \u{{a0}}\-]?{fine_word}(?-u:\b)"
            ),
            // "was 9 months", "turned 18 months" with a child as subject.
            format!(
                r"(?P<was>(?i:was|were|is|turned|turns|reached)){sp}(?:(?i:only|just|about|around|nearly|almost){sp})?{n}(?:{frac})?[ \u{{a0}}\-]?{fine_word}(?-u:\b)(?:[ \u{{a0}}\-]+(?i:old|of{sp}age))?"
            ),
            // "three and a half", "4½", "4.5 years".
            format!(r"(?P<frac>{n}{frac})"),
            // "Maja 16 wks.", "Leon 4 mths,", "lena 4 months –": a number
            // of weeks or months in a typed note, judged by what is around.
            // "3/12", "6/52", "10/7": months, weeks or days in clinical
            // shorthand (of twelve months, 52 weeks, seven days).
            r"(?P<clin>[0-9]{1,2})/(?P<clin_u>52|12|7)(?-u:\b)".to_string(),
            r"(?P<bare>[0-9]{1,2}[ \u{a0}]?(?P<bare_unit>(?i:wks?|mths?|mos?|months?|weeks?|days?))(?-u:\b))".to_string(),
            // Approximate ages the way a parent says them: "coming up 18
            // months", "nearly one", "just gone a year and a half", "ten
            // month and a bit", "about twenty month now", "eight weeks on
            // Friday"; and a number of months alone in quotes.
            format!(
                r"(?P<approx>(?P<hedge>(?i:just{sp}turned|just{sp}gone|coming{sp}up(?:{sp}to)?|going{sp}on|rising|nearly|almost|about|only|just|approx\.?|approximately|roughly){sp}){n}(?P<ax_frac>{frac})?(?:[ \u{{a0}}\-]?(?P<ax_unit>{fine_word}|{year})(?-u:\b)(?P<ax_frac2>{frac})?)?(?P<ax_tail>{tail})?)"
            ),
            format!(
                r"(?P<tailed>{n}(?:[ \u{{a0}}\-]?(?P<tl_unit>{fine_word}|{year})(?-u:\b))?(?P<tl_tail>{tail}))"
            ),
            format!(r#"(?P<quoted>["\u{{201c}}]{n}[ \u{{a0}}\-]?{fine_word}(?-u:\b)["\u{{201d}}])"#),
        ];
        let alternation = alternatives.join("|");
        let re = Regex::new(&alternation).expect("age regex");
        let anchored = Regex::new(&format!(r"\A(?:{alternation})")).expect("age regex");
        let build = Keys::new;
        Age {
            re,
            anchored,
            keys: build(&[
                "month", "mth", "week", "day", "half", "quarter", "bit", "nearly", "almost",
                "turned", "gone", "coming", "going", "rising",
            ]),
            rare: build(&["wk", "½", "¼", "¾", FOLDS_TO_S, FOLDS_TO_K]),
        }
    }
}

impl Default for Age {
    fn default() -> Self {
        Age::new()
    }
}

/// Letters that `(?i)` matches as ASCII "s" and "k": a text with one is
/// searched whole, as the key words are looked for in ASCII lower case.
const FOLDS_TO_S: &str = "\u{17f}";
const FOLDS_TO_K: &str = "\u{212a}";
/// The index in `Age::rare` of the first of those letters.
const FOLDING_PATTERNS: usize = 4;

impl Age {
    /// Every accepted match, the regex searched over the whole text:
    /// the reference the candidate search must equal.
    fn scan_whole(&self, text: &str, hits: &mut Vec<Hit>) {
        let mut pos = 0;
        while let Some(caps) = self.re.captures_at(text, pos) {
            let whole = caps.get(0).expect("match");
            match judge(text, &caps, 0) {
                Some((rule, end)) => {
                    // An infant's exact age is often published on purpose: a
                    // person may decide it (issue 13), so it is uncertain.
                    hits.push(Hit::new(whole.start(), end, Kind::Age, rule, MESSAGE).uncertain());
                    pos = end.max(whole.start() + 1);
                }
                None => {
                    pos = whole.start() + whole.as_str().chars().next().map_or(1, char::len_utf8)
                }
            }
            if pos >= text.len() {
                break;
            }
        }
    }

    /// The same hits as [`Age::scan_whole`], asking the regex only where
    /// an accepted match can start. The whole search's hits are the
    /// matches it accepts, each the regex's match at its start, taken in
    /// order of start from where the last one ended; a rejected match
    /// only moves the search on by a char. So only the starts of accepted
    /// matches need asking, with the pattern anchored there.
    ///
    /// Every accepted match holds a key (see `judge`): a digit, a finer
    /// unit ("month", "mth", "week", "wk", "day"), a fraction ("½",
    /// "half", "quarter"), "bit" ("and a bit") or the hedge of "nearly
    /// one" ("nearly", "almost", "just turned", "just gone", "coming up",
    /// "going on", "rising").
    /// Its start is at or before the key, a run of words the pattern
    /// knows ([`age_word`]) joined by the separators it allows: each key
    /// is walked back over those, and each word there that can begin a
    /// match is a candidate.
    ///
    /// Returns where the units "week", "month", "wk" and "mth" are, in
    /// lower case, for the other age rules (`None` when the text was
    /// searched whole).
    fn scan_candidates(
        &self,
        text: &str,
        digit_bits: &super::util::Digits<'_>,
        hits: &mut Vec<Hit>,
    ) -> Option<super::util::UnitsAt> {
        let bytes = text.as_bytes();
        LOWER.with_borrow_mut(|lower| {
            lower.clear();
            lower.extend_from_slice(bytes);
            lower.make_ascii_lowercase();
            let mut rare: Vec<usize> = Vec::new();
            let mut folding = false;
            self.rare.each(&lower[..], |start, pattern| {
                folding |= pattern >= FOLDING_PATTERNS;
                rare.push(start);
            });
            if folding {
                self.scan_whole(text, hits);
                return None;
            }
            let mut units = super::util::UnitsAt {
                wk: rare
                    .iter()
                    .copied()
                    .filter(|&at| bytes[at..].starts_with(b"wk"))
                    .collect(),
                ..super::util::UnitsAt::default()
            };
            let mut keys: Vec<usize> = Vec::new();
            self.keys.each(&lower[..], |start, pattern| {
                keys.push(start);
                // Keys 0 to 2 are "month", "mth" and "week", none of which
                // the end of another key can overlap, so every one is here.
                let (list, unit): (&mut Vec<usize>, &[u8]) = match pattern {
                    0 => (&mut units.month, b"month"),
                    1 => (&mut units.mth, b"mth"),
                    2 => (&mut units.week, b"week"),
                    _ => return,
                };
                if bytes[start..].starts_with(unit) {
                    list.push(start);
                }
            });
            if !rare.is_empty() {
                keys.extend(rare);
                keys.sort_unstable();
            }
            let mut starts = Vec::new();
            let mut floor = None;
            let mut last_token = usize::MAX;
            // The keys in order, with the first digit of each word that
            // has one taken in turn from the text.
            let mut next_key = 0;
            let mut digit = digit_bits.next(0);
            loop {
                let k = match (keys.get(next_key), digit) {
                    (Some(&key), Some(d)) if key <= d => {
                        next_key += 1;
                        key
                    }
                    (_, Some(d)) => {
                        let mut after = d + 1;
                        while after < bytes.len() && bytes[after].is_ascii_alphanumeric() {
                            after += 1;
                        }
                        digit = digit_bits.next(after);
                        d
                    }
                    (Some(&key), None) => {
                        next_key += 1;
                        key
                    }
                    (None, None) => break,
                };
                let boundary = if bytes[k].is_ascii_alphanumeric() {
                    let mut ts = k;
                    while ts > 0 && bytes[ts - 1].is_ascii_alphanumeric() {
                        ts -= 1;
                    }
                    if ts == last_token {
                        continue;
                    }
                    last_token = ts;
                    let mut te = k;
                    while te < bytes.len() && bytes[te].is_ascii_alphanumeric() {
                        te += 1;
                    }
                    let word = age_word(&lower[ts..te]);
                    if word == NOT_AGE_WORD || !number_may_be_in_age(bytes, ts, te) {
                        continue;
                    }
                    if word == STARTS && starts_word(text, ts) {
                        starts.push(ts);
                    }
                    ts
                } else {
                    // A fraction sign: the words before it.
                    k
                };
                walk_back(text, &lower[..], boundary, floor, &mut starts);
                floor = Some(boundary);
            }
            starts.sort_unstable();
            starts.dedup();
            let mut pos = 0;
            for &s in &starts {
                if s < pos {
                    continue;
                }
                let rest = &text[s..];
                if !self.anchored.is_match(rest) {
                    continue;
                }
                let caps = self.anchored.captures(rest).expect("matched");
                if let Some((rule, end)) = judge(text, &caps, s) {
                    hits.push(Hit::new(s, end, Kind::Age, rule, MESSAGE).uncertain());
                    pos = end.max(s + 1);
                }
            }
            Some(units)
        })
    }
}

thread_local! {
    /// The text in ASCII lower case, for the key search; kept between
    /// texts so that each does not allocate its own.
    static LOWER: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
}

const NOT_AGE_WORD: u8 = 0;
/// A word the pattern can match inside an age.
const INSIDE: u8 = 1;
/// A word an age can begin with.
const STARTS: u8 = 2;

const NUMBER_WORDS_LOWER: &[&[u8]] = &[
    b"thirteen",
    b"fourteen",
    b"fifteen",
    b"sixteen",
    b"seventeen",
    b"eighteen",
    b"nineteen",
    b"a",
    b"an",
    b"one",
    b"two",
    b"three",
    b"four",
    b"five",
    b"six",
    b"seven",
    b"eight",
    b"nine",
    b"ten",
    b"eleven",
    b"twelve",
    b"twenty",
    b"thirty",
    b"forty",
    b"fifty",
];

/// Units that can follow a number with no separator ("sixweeks").
const GLUED_UNITS: &[&[u8]] = &[
    b"year", b"years", b"yr", b"yrs", b"month", b"months", b"mth", b"mths", b"week", b"weeks",
    b"wk", b"wks", b"day", b"days",
];

/// The words the age pattern spells that can begin a match.
const STARTING_WORDS: &[&str] = &[
    "a",
    "an",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
    "thirty",
    "forty",
    "fifty",
    "age",
    "aged",
    "ages",
    "at",
    "baby",
    "infant",
    "newborn",
    "toddler",
    "son",
    "daughter",
    "child",
    "sibling",
    "was",
    "were",
    "is",
    "turned",
    "turns",
    "reached",
    "just",
    "coming",
    "going",
    "rising",
    "nearly",
    "almost",
    "about",
    "only",
    "approx",
    "roughly",
];

/// The other words the age pattern spells.
const INSIDE_WORDS: &[&str] = &[
    "and",
    "half",
    "quarter",
    "quarters",
    "year",
    "years",
    "yr",
    "yrs",
    "month",
    "months",
    "mth",
    "mths",
    "mos",
    "mo",
    "week",
    "weeks",
    "wk",
    "wks",
    "day",
    "days",
    "old",
    "of",
    "the",
    "around",
    "gone",
    "up",
    "to",
    "on",
    "bit",
    "now",
    "tomorrow",
    "today",
    "next",
    "last",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// Up to eight bytes as one number, for looking words up.
fn packed(word: &[u8]) -> Option<u64> {
    let mut eight = [0u8; 8];
    eight.get_mut(..word.len())?.copy_from_slice(word);
    Some(u64::from_le_bytes(eight))
}

/// The pattern's words of up to eight letters, packed, each with
/// [`STARTS`] or [`INSIDE`], in a table with one slot a word: a word's
/// slot is the top bits of its packed bytes times a multiplier found (once)
/// that gives every word its own.
struct ShortWords {
    multiplier: u64,
    slots: Vec<(u64, u8)>,
}

const SLOT_BITS: u32 = 11;

impl ShortWords {
    fn slot(multiplier: u64, key: u64) -> usize {
        (key.wrapping_mul(multiplier) >> (64 - SLOT_BITS)) as usize
    }

    fn get() -> &'static ShortWords {
        static WORDS: std::sync::OnceLock<ShortWords> = std::sync::OnceLock::new();
        WORDS.get_or_init(|| {
            let words: Vec<(u64, u8)> = STARTING_WORDS
                .iter()
                .map(|w| (w, STARTS))
                .chain(INSIDE_WORDS.iter().map(|w| (w, INSIDE)))
                .filter_map(|(w, kind)| Some((packed(w.as_bytes())?, kind)))
                .collect();
            let mut state = 0x9E37_79B9_7F4A_7C15u64;
            loop {
                state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
                let multiplier = (state ^ (state >> 29)).wrapping_mul(0xBF58_476D_1CE4_E5B9) | 1;
                // Key 0 (no word) marks an empty slot.
                let mut slots = vec![(0u64, NOT_AGE_WORD); 1 << SLOT_BITS];
                let apart = words.iter().all(|&(key, kind)| {
                    let slot = &mut slots[ShortWords::slot(multiplier, key)];
                    let free = slot.0 == 0;
                    *slot = (key, kind);
                    free
                });
                if apart {
                    return ShortWords { multiplier, slots };
                }
            }
        })
    }

    fn kind(&self, key: u64) -> Option<u8> {
        let (k, kind) = self.slots[ShortWords::slot(self.multiplier, key)];
        (k == key).then_some(kind)
    }
}

/// What a run of ASCII letters and digits (in lower case) can be in a
/// match of the age pattern: every word the pattern spells, a number of
/// one or two digits (and one glued to its unit, "14weeks", "sixweeks",
/// "2y4m"), and the single capital of "Child A". Three digits in a row
/// are never part of one.
fn age_word(word: &[u8]) -> u8 {
    if word.first().is_some_and(u8::is_ascii_digit) {
        let three = word.len() >= 3 && word[..3].iter().all(u8::is_ascii_digit);
        return if three { NOT_AGE_WORD } else { STARTS };
    }
    if let Some(key) = packed(word) {
        if let Some(kind) = ShortWords::get().kind(key) {
            return kind;
        }
        if word.len() == 1 {
            return INSIDE;
        }
    } else {
        match word {
            // "approximately" begins the hedge of an approximate age.
            b"seventeen" | b"approximately" => return STARTS,
            b"wednesday" => return INSIDE,
            _ => {}
        }
    }
    // "sixweeks": a number word and its unit with no space.
    if !matches!(word.last(), Some(b's' | b'r' | b'h' | b'k' | b'y')) {
        return NOT_AGE_WORD;
    }
    let glued = GLUED_UNITS.iter().any(|unit| {
        word.len() > unit.len()
            && word.ends_with(unit)
            && NUMBER_WORDS_LOWER.contains(&&word[..word.len() - unit.len()])
    });
    if glued {
        STARTS
    } else {
        NOT_AGE_WORD
    }
}

/// False when `bytes[start..end]`, a word, is a number of one or two
/// digits that no accepted age holds. Inside one, a number is followed
/// (past spaces and hyphens) by a unit, a fraction, "and", "&", a tail
/// ("now", "today", "tomorrow", "next week", "last week", "on Monday"),
/// "of" or "aged" after "Sibling 2", a comma, a bracket or a slash; or it
/// ends the age: after a slash ("3/12") or a point ("4.5"), or as the
/// "1" of "nearly 1".
fn number_may_be_in_age(bytes: &[u8], start: usize, end: usize) -> bool {
    if !bytes[start..end].iter().all(u8::is_ascii_digit) {
        return true;
    }
    if &bytes[start..end] == b"1" || start > 0 && matches!(bytes[start - 1], b'/' | b'.') {
        return true;
    }
    let mut at = end;
    loop {
        match bytes.get(at) {
            Some(b' ' | b'-') => at += 1,
            Some(0xC2) if bytes.get(at + 1) == Some(&0xA0) => at += 2,
            Some(b) => {
                return matches!(
                    b.to_ascii_lowercase(),
                    b'y' | b'm'
                        | b'w'
                        | b'd'
                        | b'a'
                        | b'n'
                        | b't'
                        | b'l'
                        | b'o'
                        | b','
                        | b'&'
                        | b'('
                        | b'/'
                        | b'.'
                        | 0xC2
                )
            }
            None => return false,
        }
    }
}

/// Pushes onto `starts` every offset before `boundary` where a match of
/// the age pattern that reaches `boundary` can begin: the words before it
/// that can begin one, back over words the pattern knows and the
/// separators it allows between them (spaces, no-break spaces, hyphens,
/// commas, "&", "(", "/" before a digit, "." before "5" or after "approx", the fraction
/// signs), and an opening quote. The walk from `floor`, the last boundary
/// walked from, went on the same way, so it stops there.
fn walk_back(
    text: &str,
    lower: &[u8],
    boundary: usize,
    floor: Option<usize>,
    starts: &mut Vec<usize>,
) {
    let bytes = text.as_bytes();
    let mut at = boundary;
    loop {
        let mut p = at;
        loop {
            if p == 0 {
                return;
            }
            match bytes[p - 1] {
                b' ' | b'-' | b',' | b'&' | b'(' => p -= 1,
                b'.' if bytes.get(p) == Some(&b'5') || lower[..p - 1].ends_with(b"approx") => {
                    p -= 1
                }
                b'/' if bytes.get(p).is_some_and(u8::is_ascii_digit) => p -= 1,
                b'"' => {
                    if starts_word(text, p - 1) {
                        starts.push(p - 1);
                    }
                    return;
                }
                0xA0 | 0xBC | 0xBD | 0xBE if p >= 2 && bytes[p - 2] == 0xC2 => p -= 2,
                0x9C if p >= 3 && bytes[p - 3..p] == [0xE2, 0x80, 0x9C] => {
                    if starts_word(text, p - 3) {
                        starts.push(p - 3);
                    }
                    return;
                }
                b if b.is_ascii_alphanumeric() => break,
                _ => return,
            }
        }
        let end = p;
        let mut start = p;
        while start > 0 && bytes[start - 1].is_ascii_alphanumeric() {
            start -= 1;
        }
        let word = age_word(&lower[start..end]);
        if word == NOT_AGE_WORD {
            return;
        }
        if word == STARTS && starts_word(text, start) {
            starts.push(start);
        }
        if floor.is_some_and(|f| start <= f) {
            return;
        }
        at = start;
    }
}

fn duration_before(text: &str, start: usize) -> bool {
    words_before(text, start, 24)
        .next()
        .is_some_and(|w| eq_any(w, DURATION_CUES))
}

fn is_year_unit(unit: &str) -> bool {
    unit.to_ascii_lowercase().starts_with('y')
}

impl Detector for Age {
    fn name(&self) -> &'static str {
        "age"
    }

    fn scan(&self, text: &str, hits: &mut Vec<Hit>) {
        self.scan_prepared(&PreparedText::new(text), hits)
    }

    fn scan_prepared(&self, prepared: &PreparedText<'_>, hits: &mut Vec<Hit>) {
        let text = prepared.text;
        // Ages in words ("six weeks old") carry no digit, so the prefilter
        // is on the unit words instead.
        if !has_ascii_digit(text) && !text.contains(['½', '¼', '¾']) && !contains_unit_word(text)
        {
            return;
        }
        let from = hits.len();
        let units = self.scan_candidates(text, &super::util::digits_of(prepared), hits);
        super::age_bracket::find(text, hits, from);
        super::age_notation::find(text, hits, from, units.as_ref());
        super::age_moment::find(text, hits, from, units.as_ref());
    }
}

fn contains_unit_word(text: &str) -> bool {
    // Cheap ASCII-case check for the units that word-number ages need.
    let lower_has = |w: &str| text.contains(w) || text.contains(&w.to_ascii_uppercase());
    lower_has("week")
        || lower_has("month")
        || lower_has("day")
        || lower_has("half")
        || lower_has("quarter")
        || lower_has("year")
        // "nearly one", "just turned one", "four and a bit".
        || lower_has("nearly")
        || lower_has("almost")
        || lower_has("turned")
        || lower_has("going on")
        || lower_has(" bit")
}

/// The rule and end of an accepted match, or `None` when it is not an age.
/// `caps` are of a search in `text[base..]`.
fn judge(text: &str, caps: &regex::Captures<'_>, base: usize) -> Option<(&'static str, usize)> {
    let whole = caps.get(0).expect("match");
    let (start, end) = (base + whole.start(), base + whole.end());
    if !starts_word(text, start)
        || char_after(text, end).is_some_and(|c| c.is_alphanumeric() || c == '_')
    {
        return None;
    }
    let has = |name: &str| caps.name(name).is_some();
    if has("comp2") && !finer_second_unit(whole.as_str()) {
        // "at 6 months and 12 months": two points of a schedule, not an age.
        return None;
    }
    if has("comp") || has("comp2") || has("compact") {
        // "for 2 years 3 months" is a duration; "2 years 3 months old" never is.
        let old = whole.as_str().to_ascii_lowercase().ends_with("old");
        // "Two years and three months of involvement", "… later": a
        // length of time; "of age" is an age.
        let mut after = words_after(text, end, 32);
        let (first, second) = (after.next(), after.next());
        let span_of_time = first.is_some_and(|w| {
            eq_any(
                w,
                &[
                    "later", "ago", "before", "after", "earlier", "since", "into",
                ],
            ) || (w.eq_ignore_ascii_case("of") && !second.is_some_and(|v| eq_any(v, &["age"])))
        });
        return (old || !(duration_before(text, start) || span_of_time))
            .then_some(("age-years-months", end));
    }
    if has("aged") {
        let fine_unit = caps
            .name("aged_unit")
            .is_some_and(|u| !is_year_unit(u.as_str()));
        return (has("aged_and") || has("aged_frac") || fine_unit)
            .then_some(("aged-finer-than-years", end));
    }
    if has("at") {
        // "walked at 13 months", "first smiled at six weeks": a child's
        // milestone is always reached at an age, whatever report it is in.
        if has("at_old")
            || words_before(text, start, 24)
                .next()
                .is_some_and(|w| eq_any(w, MILESTONE_VERBS))
        {
            return Some(("age-at-months", end));
        }
        // "Most babies start crawling at around nine months": what babies
        // in general do, not one child's age.
        if words_before(text, start, 48)
            .take(5)
            .any(|w| eq_any(w, &["babies", "infants", "toddlers", "most"]))
        {
            return None;
        }
        // "reviewed at 6 months", "contacts at 11 days", "born at 38 weeks"
        // (a gestation).
        if words_before(text, start, 24)
            .next()
            .is_some_and(|w| eq_any(w, REVIEW_CUES) || eq_any(w, &["born", "delivered"]))
        {
            return None;
        }
        // "at 12 months", "at twenty-four months": a whole number of years,
        // no finer than one; and "an audit of 50 records at six months", "to
        // report to the CPC at 12 months": a review point of the plan.
        if whole_years_in_months(whole.as_str())
            || words_before(text, start, 72)
                .take(8)
                .any(|w| eq_any(w, REVIEW_CUES) || eq_any(w, REPORT_CUES))
            || evaluation_point(text, start, end)
        {
            return None;
        }
        // "seen at ten days, six to eight weeks and 13 months": points of
        // a schedule, one after another.
        // The next point must be a time too: "4.6 kg at 7 weeks, 25th
        // centile" is a measurement of one child at one age.
        let rest = text[end..].trim_start_matches(' ');
        if rest
            .strip_prefix(", ")
            .or_else(|| rest.strip_prefix("and "))
            // "at six months and at 12 months": the second point may
            // repeat its preposition.
            .map(|r| r.strip_prefix("at ").unwrap_or(r))
            .is_some_and(|r| {
                (r.starts_with(|c: char| c.is_ascii_digit())
                    || next_word(r, 0).is_some_and(|w| eq_any(w, NUMBER_WORDS)))
                    && words_after(r, 0, 40).take(4).any(|w| eq_any(w, TIME_UNITS))
            })
        {
            return None;
        }
        if schedule_or_stage(text, start, end) {
            return None;
        }
        // "at 20 weeks' gestation", "at 6 weeks into the plan", "at
        // around 20 weeks of pregnancy", "booked at 12 weeks": a stage of
        // pregnancy or a schedule, not a child's age.
        let mut after = words_after(text, end, 32);
        let first = after.next();
        let second = after.next();
        if char_after(text, end).is_some_and(|c| c == '\'' || c == '’')
            || first.is_some_and(|w| eq_any(w, NOT_AGE_AFTER))
            || (first.is_some_and(|w| w.eq_ignore_ascii_case("of"))
                && second.is_some_and(|w| eq_any(w, NOT_AGE_AFTER)))
            || words_before(text, start, 48)
                .take(4)
                .any(|w| eq_any(w, PREGNANCY_BEFORE))
        {
            return None;
        }
        return Some(("age-at-months", end));
    }
    if has("old") {
        // "babies under six months old": a threshold, not one child's age.
        if words_before(text, start, 24)
            .next()
            .is_some_and(|w| eq_any(w, &["under", "over", "below", "above", "than"]))
        {
            return None;
        }
        let fine_unit = caps
            .name("old_unit")
            .is_some_and(|u| !is_year_unit(u.as_str()));
        return (has("old_frac") || fine_unit).then_some(("age-old", end));
    }
    if has("appos") {
        // The closing comma or bracket shows it is a description of the child.
        return Some(("age-apposition", end));
    }
    if has("was") {
        let lower = whole.as_str().to_ascii_lowercase();
        if lower.ends_with("old") || lower.ends_with("age") {
            return Some(("age-old", end));
        }
        let subject = words_before(text, start, 40).take(3).any(|w| {
            eq_any(w, CHILD_WORDS) || (w.len() == 1 && w.chars().all(|c| c.is_ascii_uppercase()))
        });
        // "Seonag was 14 weeks.": a name as the subject, and nothing after
        // the unit (a duration goes on: "was 6 weeks long", "in") but how
        // the child is ("Dominik is 4½ months and well").
        let pause = text[end..]
            .trim_start_matches(' ')
            .starts_with(['.', ',', ';', ')', '"', '\u{201d}', '\u{2019}', '\''])
            || text.len() == end
            || next_word(text, end).is_some_and(|w| w == "and");
        let named = pause
            && words_before(text, start, 40).next().is_some_and(|w| {
                w.chars().next().is_some_and(char::is_uppercase)
                    && w.chars().skip(1).all(char::is_lowercase)
                    && w.chars().count() >= 2
                    && (crate::gate::names::looks_like_name(w)
                        || !crate::gate::names::is_english_word(w))
            });
        // "was 17 months when I started": an age at a moment the text names.
        let when = next_word(text, end).is_some_and(|w| w == "when");
        let subject = subject || named || when;
        let not_age = words_after(text, end, 24).next().is_some_and(|w| {
            eq_any(w, NOT_AGE_AFTER) || eq_any(w, &["ago", "long", "late", "behind", "overdue"])
        });
        return (subject && !not_age).then_some(("age-child-was", end));
    }
    if has("frac") {
        return judge_fraction(text, start, end);
    }
    if let (Some(n), Some(u)) = (caps.name("clin"), caps.name("clin_u")) {
        let (n, u): (u32, u32) = (n.as_str().parse().ok()?, u.as_str().parse().ok()?);
        // Fewer than the whole (3/12, not 12/12); "24/7" is round the clock,
        // and a slash before or a digit after is some other number.
        let max = if u == 7 { 31 } else { u - 1 };
        let glued = text[..start].ends_with(['/', '.'])
            || text[end..].starts_with(['/', '%'])
            || text[end..].starts_with(|c: char| c.is_ascii_digit());
        let fraction = words_after(text, end, 16)
            .next()
            .is_some_and(|w| eq_any(w, &["of", "days", "weeks", "hours", "a", "per"]));
        return ((1..=max).contains(&n) && !(n, u).eq(&(24, 7)) && !glued && !fraction)
            .then_some(("age-clinical-shorthand", end));
    }
    if let Some(unit) = caps.name("bare_unit") {
        return judge_bare(text, start, end, unit.as_str());
    }
    if has("approx") || has("tailed") {
        let (unit, tail) = if has("approx") {
            (caps.name("ax_unit"), caps.name("ax_tail"))
        } else {
            (caps.name("tl_unit"), caps.name("tl_tail"))
        };
        return judge_approximate(text, caps, base, start, end, unit, tail);
    }
    if has("quoted") {
        // "seventeen months" alone in quotes: what someone said a child's
        // age was; "for 6 months" would carry its preposition inside.
        return (!duration_before(text, start)).then_some(("age-quoted", end));
    }
    None
}

/// "coming up 18 months", "nearly one", "four and a bit", "ten month and
/// a bit", "twenty month now", "eight weeks on Friday": an age said
/// roughly, unless a duration or a count is meant ("for nearly six
/// weeks", "nearly one in five", "almost 18 months later").
/// "look at it at six months and again at twelve months": a second
/// point of the same schedule follows. "At around eight weeks, crying
/// peaks": a sentence opens with the age and goes on about no one (a word
/// in lower case that is no pronoun or determiner of a child), so it
/// states a stage of development.
fn schedule_or_stage(text: &str, start: usize, end: usize) -> bool {
    let rest = text[end..].trim_start_matches(' ');
    let again = [
        "and again at ",
        "and then at ",
        "then at ",
        "and again after ",
    ]
    .iter()
    .find_map(|p| rest.strip_prefix(p));
    if again.is_some_and(|r| {
        r.starts_with(|c: char| c.is_ascii_digit())
            || next_word(r, 0).is_some_and(|w| eq_any(w, NUMBER_WORDS))
    }) {
        return true;
    }
    let opens = text[..start]
        .trim_end_matches([' ', '*', '_'])
        .chars()
        .next_back()
        .is_none_or(|c| matches!(c, '.' | '!' | '?' | '\n' | ':'));
    if !opens || !text[start..].starts_with('A') || !rest.starts_with(',') {
        return false;
    }
    next_word(&rest[1..], 0).is_some_and(|w| {
        w.starts_with(|c: char| c.is_ascii_lowercase())
            && !eq_any(
                w,
                &[
                    "he", "she", "they", "it", "his", "her", "their", "the", "this", "that", "we",
                    "i", "you", "baby", "mum", "dad", "mother", "father", "after", "when", "while",
                ],
            )
    })
}

fn judge_approximate(
    text: &str,
    caps: &regex::Captures<'_>,
    base: usize,
    start: usize,
    end: usize,
    unit: Option<regex::Match<'_>>,
    tail: Option<regex::Match<'_>>,
) -> Option<(&'static str, usize)> {
    if duration_before(text, start)
        || words_after(text, end, 24).next().is_some_and(|w| {
            eq_any(w, NOT_AGE_AFTER)
                || eq_any(
                    w,
                    &[
                        "ago", "long", "late", "behind", "overdue", "of", "in", "before", "since",
                        "a", "an", "out", "more", "less", "further", "until",
                    ],
                )
        })
    {
        return None;
    }
    let hedge = caps.name("hedge").map(|h| {
        h.as_str()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_ascii_lowercase()
    });
    let fine = unit.is_some_and(|u| !is_year_unit(u.as_str()));
    let year = unit.is_some_and(|u| is_year_unit(u.as_str()));
    let tail = tail.map(|t| t.as_str().trim().to_ascii_lowercase());
    let bit = tail.as_deref().is_some_and(|t| t.starts_with("and"));
    let pause = text[end..]
        .trim_start_matches([' ', '\u{a0}'])
        .starts_with([
            '.', ',', ';', ':', ')', '"', '\u{201d}', '\u{2014}', '\u{2013}', '-',
        ])
        || text[end..].trim().is_empty();
    // "ten month and a bit", "four and a bit": finer than the number says.
    if bit && !year {
        return Some(("age-approximate", end));
    }
    let strong_hedge = hedge.as_deref().is_some_and(|h| {
        matches!(
            h,
            "just turned" | "just gone" | "coming up" | "coming up to" | "going on" | "rising"
        )
    });
    let fraction = caps.name("ax_frac").is_some() || caps.name("ax_frac2").is_some();
    if fine || fraction {
        // "twenty month now", "eight weeks on Friday", "coming up 18 months".
        if tail.is_some() || strong_hedge {
            return Some(("age-approximate", end));
        }
        // "nearly 18 months", "about six weeks": only of a child, or as
        // what someone said in quotes, and before a pause.
        let quoted = text[..start].ends_with(['"', '\u{201c}']);
        let child = words_before(text, start, 40)
            .take(2)
            .any(|w| eq_any(w, CHILD_WORDS) || eq_any(w, &["is", "was", "now", "he's", "she's"]));
        return ((quoted || child) && pause).then_some(("age-approximate", end));
    }
    if unit.is_none() && hedge.is_some() {
        // "nearly one", "just turned one": an infant's age in a year's words.
        let after_hedge = caps.name("hedge").map_or(start, |h| base + h.end());
        let number = text[after_hedge..end]
            .split(|c: char| c.is_whitespace())
            .next()
            .unwrap_or("");
        let one = number.eq_ignore_ascii_case("one") || number == "1";
        let infant_hedge = strong_hedge
            || hedge
                .as_deref()
                .is_some_and(|h| matches!(h, "nearly" | "almost"));
        let after_ok = pause
            || tail.is_some()
            || next_word(text, end)
                .is_some_and(|w| eq_any(w, &["last", "when", "and", "but", "now", "today"]));
        return (one && infant_hedge && after_ok).then_some(("age-approximate", end));
    }
    None
}

/// "3 months and 2 weeks", "6 weeks 3 days": the second unit is finer
/// than the first, as in an age to the week or day.
fn finer_second_unit(matched: &str) -> bool {
    let rank = |w: &str| {
        let w = w.to_ascii_lowercase();
        if w.starts_with("mo") || w.starts_with("mth") {
            Some(3)
        } else if w.starts_with("w") {
            Some(2)
        } else if w.starts_with("d") {
            Some(1)
        } else {
            None
        }
    };
    let units: Vec<u8> = matched
        .split(|c: char| !c.is_ascii_alphabetic())
        .filter_map(rank)
        .collect();
    units.len() >= 2 && units[1] < units[0]
}

/// Words before "N months" that make it a time, not whom it describes.
const NOT_WHO: &[&str] = &[
    "in",
    "over",
    "for",
    "after",
    "around",
    "about",
    "within",
    "approximately",
    "some",
    "nearly",
    "almost",
    "last",
    "next",
    "first",
    "every",
    "each",
    "the",
    "those",
    "these",
    "up",
    "to",
    "until",
    "by",
    "under",
    "of",
    "and",
    "or",
    "than",
    "just",
    "only",
    "least",
    "another",
];

/// "16 wks", "4 mths" in a note are an infant's age unless a duration or a
/// pregnancy is meant ("for 2 wks", "2 wks ago", "16 wks pregnant"); "22
/// months" or "10 days" spelled out only right after a person's name and
/// before a pause ("Maja 22 months — speech delay").
fn judge_bare(text: &str, start: usize, end: usize, unit: &str) -> Option<(&'static str, usize)> {
    let unit = unit.to_ascii_lowercase();
    if duration_before(text, start)
        || words_before(text, start, 48)
            .take(4)
            .any(|w| eq_any(w, PREGNANCY_BEFORE))
        || words_after(text, end, 24).next().is_some_and(|w| {
            eq_any(w, NOT_AGE_AFTER) || eq_any(w, &["ago", "later", "time", "since", "before"])
        })
    {
        return None;
    }
    // A growth chart's or a chronology's row: a date, then the child's
    // age on that date ("11/05/21     9 months   8.05 kg", "| 12/03/26 |
    // 4 months |").
    if numeric_date_before(text, start) {
        return Some(("age-at-date", end));
    }
    if matches!(unit.as_str(), "wk" | "wks" | "mth" | "mths" | "mos") {
        return Some(("age-shorthand", end));
    }
    // "11 mo" otherwise is age_notation's ("11 mo old").
    if unit == "mo" {
        return None;
    }
    let pause = text[end..].trim_start_matches(' ').starts_with([
        '.', ',', ';', ':', ')', '\u{2014}', '\u{2013}', '-', '"', '\u{201d}',
    ]) || text.len() == end;
    let before = &text[..start];
    let word = before.strip_suffix(' ')?;
    let who: &str = word
        .rsplit(|c: char| !(c.is_alphabetic() || c == '\'' || c == '-'))
        .next()
        .unwrap_or("");
    let capitalised = who.chars().next().is_some_and(char::is_uppercase)
        && who.chars().skip(1).all(char::is_lowercase)
        && !eq_any(who, NOT_WHO)
        && !word[..word.len() - who.len()]
            .trim_end()
            .ends_with(['.', '!', '?'])
        && !word[..word.len() - who.len()].trim_end().is_empty();
    // "Baby 14 days —" opening a sentence: a child word, not a name.
    let named = capitalised
        || crate::gate::names::looks_like_name(who)
        || (eq_any(who, CHILD_WORDS) && who.len() > 3);
    (pause && who.chars().count() >= 2 && named).then_some(("age-after-name", end))
}

/// People and instruments of an evaluation or a plan: "At three months,
/// 61% of respondents…", "sustained at three months (3.9)", "At 18
/// months, the committee will commission…". A sentence about a child's
/// age names none of them.
const EVALUATION_WORDS: &[&str] = &[
    "respondents",
    "participants",
    "attendees",
    "delegates",
    "survey",
    "surveys",
    "evaluation",
    "committee",
    "subgroup",
    "sustained",
    "course",
    "refresher",
    "scale",
];

/// Whether the sentence around an "at N months" names an evaluation's
/// people or instruments (see `EVALUATION_WORDS`).
fn evaluation_point(text: &str, start: usize, end: usize) -> bool {
    let from = text[..start]
        .rfind(['.', '!', '?', '\n'])
        .map_or(0, |i| i + 1);
    let to = text[end..]
        .find(['.', '!', '?', '\n'])
        .map_or(text.len(), |i| end + i);
    text[from..to]
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| eq_any(w, EVALUATION_WORDS))
}

/// Whether the cell or words right before `start` end in a numeric date
/// ("11/05/21", "12.03.2026"), with only spaces, tabs or a table's bar
/// between.
fn numeric_date_before(text: &str, start: usize) -> bool {
    let before = text[..start].trim_end_matches([' ', '\t', '|', '\u{a0}']);
    let last = before
        .rsplit(|c: char| c.is_whitespace() || c == '|')
        .next()
        .unwrap_or("");
    super::date::is_numeric_date(last)
}

/// "three and a half" or "4½" on its own: an age when nothing marks it as
/// a duration or a count of something else.
fn judge_fraction(text: &str, start: usize, end: usize) -> Option<(&'static str, usize)> {
    if duration_before(text, start) {
        return None;
    }
    let lead = text[start..end].trim_start_matches(|c: char| c.is_ascii_digit());
    if text[start..end].starts_with(|c: char| c.is_ascii_digit()) && lead.starts_with(".5") {
        // "2.5" alone is too often a statistic; it needs a year unit next.
        if !next_word(text, end).is_some_and(|w| eq_any(w, &["years", "year", "yrs"])) {
            return None;
        }
    }
    match next_word(text, end) {
        None => {
            let rest = text[end..].trim_start_matches([' ', '\u{a0}']);
            if rest.starts_with("-year-old") || rest.starts_with("-year") {
                let to = end + (text[end..].len() - rest.len()) + "-year-old".len().min(rest.len());
                return Some(("age-half-year", to));
            }
            Some(("age-half-year", end))
        }
        Some(w) if eq_any(w, &["years", "year", "yrs", "old"]) => {
            let after = end + text[end..].find(w).unwrap_or(0) + w.len();
            Some(("age-half-year", after))
        }
        Some(w) if w.chars().next().is_some_and(char::is_uppercase) => Some(("age-half-year", end)),
        Some(w)
            if eq_any(
                w,
                &[
                    "when", "at", "and", "but", "was", "is", "he", "she", "they", "the", "a", "so",
                    "then", "now",
                ],
            ) =>
        {
            Some(("age-half-year", end))
        }
        Some(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<String> {
        let mut hits = Vec::new();
        Age::new().scan(text, &mut hits);
        assert!(hits.iter().all(|h| h.kind == Kind::Age));
        hits.into_iter()
            .map(|h| text[h.start..h.end].to_string())
            .collect()
    }

    #[test]
    fn years_and_months_together_are_an_exact_age() {
        assert_eq!(
            found("Child B was 2 years 3 months at the time"),
            vec!["2 years 3 months"]
        );
        assert_eq!(
            found("described as aged 2y 4m at the review"),
            vec!["2y 4m"]
        );
        assert_eq!(
            found("was 13 years and 8 months old when"),
            vec!["13 years and 8 months old"]
        );
        assert_eq!(found("She was 1 year, 2 months."), vec!["1 year, 2 months"]);
    }

    #[test]
    fn aged_or_old_with_weeks_months_or_days_is_an_exact_age() {
        assert_eq!(
            found("Child A was aged 14 weeks when"),
            vec!["aged 14 weeks"]
        );
        assert_eq!(found("then aged 10 days, was"), vec!["aged 10 days"]);
        assert_eq!(
            found("the baby was six weeks old when"),
            vec!["was six weeks old"]
        );
        assert_eq!(found("The 10-month-old was brought"), vec!["10-month-old"]);
        assert_eq!(found("an 18 month old boy"), vec!["18 month old"]);
        assert_eq!(found("a baby 3 months of age"), vec!["3 months of age"]);
        assert_eq!(
            found("At 7 months old, Child D was"),
            vec!["At 7 months old"]
        );
        assert_eq!(
            found("At 7 months, Child D was referred"),
            vec!["At 7 months"]
        );
    }

    #[test]
    fn half_years_are_an_exact_age() {
        assert_eq!(
            found("Sibling 2, aged three and a half, was"),
            vec!["aged three and a half"]
        );
        assert_eq!(found("Child B, 5 and a half, was"), vec!["5 and a half"]);
        assert_eq!(found("Child B was 4½ years old."), vec!["4½ years old"]);
        assert_eq!(found("Child B was then 4½ years, and"), vec!["4½ years"]);
        assert_eq!(found("a 4½-year-old girl"), vec!["4½-year-old"]);
        assert_eq!(found("Child B was aged 2.5 when"), vec!["aged 2.5"]);
    }

    #[test]
    fn a_child_described_with_weeks_or_months_is_an_exact_age() {
        assert_eq!(
            found("Child A (14 weeks) was seen"),
            vec!["Child A (14 weeks"]
        );
        assert_eq!(
            found("when Child A was 9 months, she"),
            vec!["was 9 months"]
        );
        assert_eq!(
            found("At the visit Ailsa was 11 weeks."),
            vec!["was 11 weeks"]
        );
        assert!(found("The course was 12 weeks. Treatment was 6 weeks.").is_empty());
        assert_eq!(
            found("On the visit Tomasz is 5½ months and feeding well."),
            vec!["is 5½ months"]
        );
        assert!(found("The programme was 10 weeks and ran twice.").is_empty());
        assert_eq!(
            found("- Dominik is 4½ months and well; weighed"),
            vec!["is 4½ months"]
        );
    }

    #[test]
    fn whole_year_ages_pass() {
        assert!(found("Child C was aged 15 when first reported missing.").is_empty());
        assert!(found("At 16, Child E was entitled to refuse some services.").is_empty());
        assert!(
            found("The young people were aged between 12 and 15, aged sixteen and seventeen.")
                .is_empty()
        );
        assert!(found("Child A was under one year old, and Child B was 3 years old.").is_empty());
    }

    #[test]
    fn ages_in_typed_notes_are_found() {
        assert_eq!(found("\"Maja 16 wks. wt dropped"), vec!["16 wks"]);
        assert_eq!(found("seen. Leon 4 mths, flat head"), vec!["4 mths"]);
        assert_eq!(found("Ruby 5, Maja 22 months — speech"), vec!["22 months"]);
        assert_eq!(found("> 02/12/22 lena 4 months – weight"), vec!["4 months"]);
        assert!(found("review in 6 wks, seen 2 wks ago, 16 wks pregnant").is_empty());
        assert!(found("The plan ran 22 months. Over 6 months, it changed.").is_empty());
    }

    #[test]
    fn an_age_on_a_dated_row_is_found() {
        assert_eq!(
            found("  11/05/21     9 months   8.05 kg\n  08/12/21     16 mo      8.55 kg"),
            vec!["9 months", "16 mo"]
        );
        assert_eq!(found("| 12.03.2026 | 4 months | seen |"), vec!["4 months"]);
        assert!(found("12/03/2026 for 6 weeks | 3 months later").is_empty());
    }

    #[test]
    fn clinical_shorthand_ages_are_found() {
        assert_eq!(found("baby (3/12) seen"), vec!["3/12"]);
        assert_eq!(found("infant 6/52, weight"), vec!["6/52"]);
        assert_eq!(found("neonate 10/7 old"), vec!["10/7"]);
        assert!(found("cover 24/7 and 3/7 days a week, 12/12").is_empty());
    }

    #[test]
    fn a_schedule_said_twice_and_a_stage_of_development_pass() {
        assert!(found("We will audit it at five months and again at ten months.").is_empty());
        assert!(found("At about six weeks, smiling begins in most babies.").is_empty());
        assert!(found("Notes. At around nine months, separation anxiety is common.").is_empty());
        assert_eq!(
            found("At nine months, she was admitted."),
            vec!["At nine months"]
        );
        assert_eq!(
            found("Ward round. At 7 weeks, Callum weighed 4 kg."),
            vec!["At 7 weeks"]
        );
    }

    #[test]
    fn review_points_and_whole_years_in_months_pass() {
        assert!(found("the group to report at twelve months.").is_empty());
        assert!(found("an audit of 30 cases reported to the CPC at 12 months.").is_empty());
        assert!(found("audit of 50 records at six months to check").is_empty());
        assert!(found("seen again at 24 months").is_empty());
        assert!(found("checked at 3 months and 9 months by the team").is_empty());
        assert_eq!(
            found("(3 months and 2 weeks) seen"),
            vec!["3 months and 2 weeks"]
        );
        assert_eq!(found("She was weighed at 7 months"), vec!["at 7 months"]);
    }

    #[test]
    fn durations_pass() {
        assert!(found("Health Visitor 1 made 23 home visits over 18 months.").is_empty());
        assert!(found("The IRD took place within 24 hours, and for six months after.").is_empty());
        assert!(found("Reviews every 3 months in a 12-week programme.").is_empty());
        assert!(found("The plan lasted 2 years and 3 months.").is_empty());
        assert!(found("The plan was reviewed at 6 months.").is_empty());
        assert!(
            found("She was referred at 20 weeks' gestation, at 12 weeks into the pregnancy.")
                .is_empty()
        );
        assert!(found("The wait was 6 months and two and a half hours a week.").is_empty());
        assert!(found("The GP saw Mother 9 times in 12 months, 18 months later.").is_empty());
        assert!(found("Child A attended nursery four days a week.").is_empty());
        assert!(found("Child A was seen again after six weeks.").is_empty());
        assert!(found("She spent 3 days a month with her father.").is_empty());
    }

    #[test]
    fn schedules_gestations_and_thresholds_pass_and_child_words_count() {
        assert!(found("At three months, 61% of respondents described a change.").is_empty());
        assert!(found("Confidence was largely sustained at three months (3.9).").is_empty());
        assert!(found("At 18 months, the committee will commission an audit.").is_empty());
        // A milestone is an age whatever the sentence says besides.
        assert_eq!(
            found("She walked at 13 months, as the survey of her notes shows"),
            vec!["at 13 months"]
        );
        assert_eq!(
            found("Baby was admitted at six weeks with a bruise."),
            vec!["at six weeks"]
        );
        assert!(found(
            "a statement against each recommendation at six months and at 12 months, on the site"
        )
        .is_empty());
        assert!(found("contacts at 11 days and at 6 to 8 weeks").is_empty());
        assert!(found("She was born at 37 weeks.").is_empty());
        assert_eq!(
            found("Seen at home. Baby 9 days — feeding well."),
            vec!["9 days"]
        );
        assert_eq!(
            found("Leo was 20 months when we met."),
            vec!["was 20 months"]
        );
    }

    #[test]
    fn ages_said_roughly_are_found_and_durations_pass() {
        for (text, want) in [
            ("baby \"coming up 14 months\" now", "coming up 14 months"),
            ("She is \"nearly one\".", "nearly one"),
            ("mum said \"just turned one\" on Sunday", "just turned one"),
            ("\"he's six and a bit\"", "six and a bit"),
            ("baby \"eleven month now\"", "eleven month now"),
            (
                "\"nine weeks on Tuesday\", she said",
                "nine weeks on Tuesday",
            ),
            ("gran said \"fifteen months\"", "\"fifteen months\""),
            (
                "baby \"just gone a year and a half\"",
                "just gone a year and a half",
            ),
        ] {
            assert_eq!(found(text), [want], "{text}");
        }
        for text in [
            "The team had worked with the family for nearly eighteen months.",
            "Nearly one in five referrals concerned an infant.",
            "She had waited almost six weeks for a reply.",
            "Two years and three months of involvement had built trust.",
            "Most of the babies were under six months old.",
            "Health visitors see families at ten days, six to eight weeks and 13 months.",
        ] {
            assert!(found(text).is_empty(), "{text}: {:?}", found(text));
        }
    }

    #[test]
    fn a_measurement_at_an_age_is_no_schedule() {
        assert_eq!(
            found("Weighed 5.1 kg at 9 weeks, 40th centile, and fed well."),
            vec!["at 9 weeks"]
        );
        assert!(found("Seen at ten days, six to eight weeks and 13 months.").is_empty());
    }

    #[test]
    fn a_milestone_reached_is_an_age_and_guidance_is_not() {
        assert_eq!(
            found("Mum says he sat at seven months and walked at 14 months."),
            vec!["at seven months", "at 14 months"]
        );
        assert!(found("Most babies start crawling at around nine months.").is_empty());
    }

    #[test]
    fn quarters_and_a_count_of_months_after_aged_are_ages() {
        assert_eq!(
            found("I am 13 and three quarters. I go"),
            vec!["13 and three quarters"]
        );
        assert_eq!(found("she is 6¾ now"), vec!["6¾"]);
        assert_eq!(
            found("Ruby (aged 3 and 5 months) was"),
            vec!["aged 3 and 5 months"]
        );
        assert!(found("The session ran three and a quarter hours.").is_empty());
        assert!(found("aged 3 and 5 in the photos").is_empty());
    }

    #[test]
    fn an_age_closing_a_quotation_is_an_age() {
        assert_eq!(
            found("She said it started \"when Nadia was seven months\" and stopped."),
            vec!["was seven months"]
        );
    }

    #[test]
    fn an_approximate_infants_age_and_three_quarters_are_ages() {
        assert_eq!(
            found("2 mattresses on floor. baby approx 6 months. heating off."),
            ["approx 6 months"]
        );
        assert_eq!(
            found("THIS DIARY BELONGS TO Z. age 11 and 3 quarters — KEEP OUT"),
            ["age 11 and 3 quarters"]
        );
        assert!(found("The plan was reviewed after approx 6 months of work.").is_empty());
    }
}

#[cfg(test)]
mod candidate_tests {
    use super::*;

    fn both(age: &Age, text: &str) -> usize {
        let (mut whole, mut candidates) = (Vec::new(), Vec::new());
        age.scan_whole(text, &mut whole);
        let digit_bits = crate::gate::structured::util::Digits::of(text);
        let units = age.scan_candidates(text, &digit_bits, &mut candidates);
        assert_eq!(whole, candidates, "{text:?}");
        for unit in ["week", "month", "wk", "mth"] {
            assert_eq!(
                crate::gate::structured::util::UnitsAt::of(units.as_ref(), text, unit),
                crate::gate::structured::util::UnitsAt::of(None, text, unit),
                "{unit} in {text:?}"
            );
        }
        whole.len()
    }

    /// Ages that random texts of the pattern's words seldom make: an
    /// accepted hedge needs a child or a quote before it and a pause after.
    #[test]
    fn candidate_search_finds_hedged_ages() {
        let age = Age::new();
        for text in [
            "baby approx. 6 months. heating off.",
            "baby Approx.\u{a0}six weeks, fed",
            "she is approx 3 months and a bit",
            "he was roughly 4 months.",
            "Baby roughly seven weeks; asleep",
            "son approximately 10 weeks.",
            "\"approx. 5 months\"",
            "age 11 and 3 quarters",
            "aged approximately 14 weeks",
            "at approximately 9 months old",
        ] {
            assert!(both(&age, text) > 0, "{text:?}");
        }
    }

    /// The candidate search finds what the whole search finds, on texts
    /// of the pattern's words run together in every way (cases, glued,
    /// odd separators) and on generated review text.
    #[test]
    fn candidate_search_finds_what_the_whole_search_finds() {
        let age = Age::new();
        let words = [
            "a",
            "an",
            "one",
            "two",
            "six",
            "Six",
            "SIX",
            "ten",
            "twenty",
            "twenty-one",
            "thirteen",
            "14",
            "2",
            "3",
            "12",
            "7",
            "52",
            "1",
            "123",
            "4.5",
            "4½",
            "½",
            "¼",
            "years",
            "Year",
            "yr",
            "yrs",
            "y",
            "m",
            "w",
            "months",
            "Month",
            "mth",
            "mths",
            "mos",
            "mo",
            "weeks",
            "WEEKS",
            "week",
            "wk",
            "wks",
            "days",
            "day",
            "today",
            "old",
            "of",
            "age",
            "aged",
            "Aged",
            "ages",
            "at",
            "At",
            "the",
            "and",
            "&",
            "half",
            "quarter",
            "three",
            "quarters",
            "a bit",
            "bit",
            "now",
            "tomorrow",
            "next",
            "last",
            "on",
            "Monday",
            "just",
            "turned",
            "gone",
            "coming",
            "up",
            "to",
            "going",
            "rising",
            "nearly",
            "almost",
            "about",
            "around",
            "only",
            "approximately",
            "Approximately",
            "approx",
            "approx.",
            "Approx.",
            "APPROX",
            "roughly",
            "Roughly",
            "3 quarters",
            "and 3 quarters",
            "was",
            "were",
            "is",
            "turns",
            "reached",
            "baby",
            "infant",
            "son",
            "Child",
            "A",
            "Sibling",
            "he",
            "she",
            "for",
            "over",
            "walked",
            "reviewed",
            "when",
            "later",
            "ago",
            "gestation",
            "\"",
            "\u{201c}",
            "\u{201d}",
            "(",
            ")",
            ",",
            ".",
            "3/12",
            "6/52",
            "10/7",
            "24/7",
            "2y",
            "4m",
            "2y4m",
            "sixweeks",
            "14weeks",
            "aday",
            "someone",
            "holiday",
            "awkward",
            "habit",
            "money",
            "weekweek",
            "monthmth",
            "wkwk",
            "mthmonth",
            "Weeks",
            "MONTHS",
            "Maja",
            "Leon",
            "x",
            "_",
            "é",
            "’",
            "–",
            "\n",
            ":",
            "5",
        ];
        let seps = [
            " ", " ", " ", "", "-", "\u{a0}", "  ", ", ", " & ", "\t", " (", "/", ".",
        ];
        let mut state = 0x2545_f491_4f6c_dd1du64;
        let mut next = |n: usize| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % n as u64) as usize
        };
        let mut found = 0;
        for _ in 0..20_000 {
            let mut text = String::new();
            for _ in 0..next(14) + 1 {
                text.push_str(words[next(words.len())]);
                text.push_str(seps[next(seps.len())]);
            }
            found += both(&age, &text);
        }
        // Not a vacuous comparison: the texts hold many ages.
        assert!(found > 1000, "{found}");
    }
}
