//! Street addresses: a house number (12, 12B, Edinburgh-style 27/3, or a
//! flat such as `Flat 2/1, 37`) followed by a capitalised street name and a
//! street suffix; and named streets without a number when the context says
//! they are streets ("moved to Birchfield Crescent").

use super::class::{lc_of, Class, Tok};
use crate::findings::Kind;
use crate::gate::{Detector, Hit};

/// Street-type words; with a house number any of these ends an address.
const SUFFIXES: &[&str] = &[
    "street",
    "st",
    "road",
    "rd",
    "avenue",
    "ave",
    "crescent",
    "cres",
    "gardens",
    "gdns",
    "wynd",
    "court",
    "ct",
    "place",
    "pl",
    "terrace",
    "terr",
    "drive",
    "lane",
    "ln",
    "brae",
    "loan",
    "loaning",
    "vennel",
    "close",
    "row",
    "way",
    "view",
    "grove",
    "park",
    // "Deans Industrial Estate" (names/site.rs).
    "estate",
    "square",
    "sq",
    "gate",
    "gait",
    "walk",
    "green",
    "hill",
    "rise",
    "mews",
    "cottages",
    "cottage",
    "quadrant",
    "circus",
    "parade",
    "bank",
    "path",
    "neuk",
    "yards",
    "yard",
    "steadings",
    "boulevard",
    "wharf",
    "quay",
    "vale",
    "knowe",
    "haugh",
    "howe",
    "crossway",
    "wood",
    "grange",
    "heights",
    "glebe",
    "avenue's",
    "street's",
    "road's",
    "end",
    "brow",
    "meadows",
    "riggs",
    "wynds",
    "terraces",
    "lea",
    "glen",
];

/// Suffixes that name a street even without a house number.
const STRONG: &[&str] = &[
    "street",
    "road",
    "avenue",
    "crescent",
    "drive",
    "lane",
    "terrace",
    "gardens",
    "wynd",
    "brae",
    "vennel",
    "loan",
    "loaning",
    "cottages",
    "grove",
    "mews",
    "quadrant",
    "boulevard",
    // A showmen's or a builder's yard where a family lives or works
    // ("Whittle's Yard", "Burnside Yard").
    "yard",
    // Abbreviations are only ever streets ("Baker St", "Saracen St");
    // "St Mary's" (Saint) is told apart by the capital after it.
    "st",
    "rd",
    "ave",
    "cres",
    "terr",
    "gdns",
];

/// Words before a street name that say it is a place someone lives or went.
const LOCATIVE: &[&str] = &[
    "on", "in", "at", "to", "from", "near", "off", "into", "onto", "along", "via", "past",
    "opposite", "towards", "of", "nearby", "round",
];

/// Words before a number that make it a section or count, not a house.
const NOT_HOUSE: &[&str] = &[
    "section",
    "sections",
    "part",
    "chapter",
    "strategy",
    "recommendation",
    "stage",
    "appendix",
    "table",
    "figure",
    "schedule",
    "rule",
    "article",
    "paragraph",
    "step",
    "version",
    "phase",
    "level",
    "year",
    "years",
    "grade",
    "class",
    "room",
    "ward",
    "page",
    "pages",
    "act",
    "acts",
    "child",
    "sibling",
    "practitioner",
    "worker",
    "visitor",
    "teacher",
    "officer",
    "midwife",
    "group",
    "team",
    "session",
    "week",
    "weeks",
    "month",
    "months",
    "day",
    "days",
    "aged",
    "age",
    "p",
    "s",
    "primary",
    "secondary",
    "tier",
    "option",
    "question",
    "item",
    "point",
    "objective",
    "outcome",
    "theme",
    "priority",
    "area",
    "meeting",
    "meetings",
];

const FLAT_WORDS: &[&str] = &["flat", "apartment", "apt", "unit", "house"];

/// A house number: digits with at most one trailing letter (12, 12B).
fn is_house_number(s: &str) -> bool {
    let b = s.as_bytes();
    let digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
    (1..=4).contains(&digits)
        && b.len() - digits <= 1
        && b[digits..].iter().all(|c| c.is_ascii_alphabetic())
}

fn gap<'a>(text: &'a str, toks: &[Tok], i: usize) -> &'a str {
    &text[toks[i].t.gap_start..toks[i].t.start]
}

fn is_space(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| c == ' ' || c == '\t' || c == '\u{a0}')
}

/// Capitalised anchor words, for the window prefilter; built once, for
/// anchored searches at each capital (see `token::windows`).
pub(super) fn anchor_words() -> &'static super::token::AnchorWords {
    static AC: std::sync::OnceLock<super::token::AnchorWords> = std::sync::OnceLock::new();
    AC.get_or_init(|| {
        let pats: Vec<String> = SUFFIXES
            .iter()
            .filter(|w| w.is_ascii())
            .map(|w| format!("{}{}", w[..1].to_ascii_uppercase(), &w[1..]))
            .collect();
        super::token::AnchorWords::new(&pats, true)
    })
}

/// Finds addresses over already classified tokens. Returns byte spans.
pub fn find(text: &str, toks: &[Tok]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut buf = String::new();
    for i in 1..toks.len() {
        let t = &toks[i];
        if !t.t.cap || !t.t.joined || t.class == Class::Letter {
            continue;
        }
        let lc = lc_of(text, &t.t, &mut buf);
        if !SUFFIXES.contains(&lc) {
            continue;
        }
        let strong = STRONG.contains(&lc);
        // "St Mary's": St before a capitalised word is Saint, not Street.
        if lc == "st" && toks.get(i + 1).is_some_and(|n| n.t.cap && n.t.joined) {
            continue;
        }
        // Walk back over the street name: up to three joined capitalised
        // words that are not function words.
        let mut j = i;
        while j > 0 && i - j < 3 {
            let p = &toks[j - 1];
            if !toks[j].t.joined
                || !p.t.cap
                || p.t.digit
                || matches!(p.class, Class::Title | Class::Letter)
            {
                break;
            }
            let plc = lc_of(text, &p.t, &mut buf);
            if matches!(
                plc,
                "and" | "of" | "the" | "to" | "from" | "in" | "at" | "for" | "with" | "a" | "an"
            ) {
                break;
            }
            j -= 1;
            if toks[j].t.sentence_start {
                break;
            }
        }
        if j == i {
            continue;
        }
        let name = &toks[j..i];
        // A number right before the name makes it a house address.
        if j > 0
            && toks[j - 1].t.digit
            && is_space(gap(text, toks, j))
            && is_house_number(toks[j - 1].t.text(text))
        {
            let k = j - 1;
            let before = if k > 0 {
                lc_of(text, &toks[k - 1].t, &mut buf).to_string()
            } else {
                String::new()
            };
            if k > 0
                && !toks[k].t.sentence_start
                && NOT_HOUSE.contains(&before.as_str())
                && gap(text, toks, k).trim().is_empty()
            {
                continue;
            }
            if name.iter().all(|n| n.role) {
                continue;
            }
            let start = extend_back(text, toks, k, &mut buf);
            out.push((start, t.t.end));
            continue;
        }
        if super::site::named_site(text, toks, j, i)
            || (strong && super::site::bracketed_after_a_name(text, toks[j].t.start, t.t.end))
        {
            out.push((toks[j].t.start, t.t.end));
            continue;
        }
        if !strong {
            // Court, Place, Park, View … without a number: only when the
            // name itself is no English word (Millbrae Court, not High Court).
            if name
                .iter()
                .any(|n| matches!(n.class, Class::Unknown | Class::Name | Class::Place))
                && !name.iter().any(|n| n.role)
            {
                out.push((toks[j].t.start, t.t.end));
            }
            continue;
        }
        if name.iter().all(|n| n.class == Class::Term || n.role) {
            continue;
        }
        // A street named without a number is still a street: "Station
        // Road", "(Union Street)". Where nothing but its words says so, a
        // person decides (see `Addresses`).
        // "the High Street", "a Main Road", "the Ring Road": every town
        // has one.
        let generic = name.iter().all(|n| {
            let w = lc_of(text, &n.t, &mut buf);
            matches!(
                w,
                "high"
                    | "main"
                    | "ring"
                    | "back"
                    | "side"
                    | "slip"
                    | "relief"
                    | "link"
                    | "access"
                    | "service"
                    | "trunk"
                    | "country"
                    | "private"
                    | "public"
                    | "new"
                    | "old"
            )
        });
        let generic = generic && !super::generic_street::pinned(text, toks[j].t.start, t.t.end);
        if !generic && !name.iter().any(|n| n.role) {
            out.push((toks[j].t.start, t.t.end));
        }
    }
    out
}

/// From a house number, takes in an Edinburgh-style `27/3` or a preceding
/// `Flat 2/1,` so the whole address is one finding.
fn extend_back(text: &str, toks: &[Tok], mut k: usize, buf: &mut String) -> usize {
    // 27/3: the number before the slash is the stair, this one the flat.
    if k > 0 && toks[k - 1].t.digit && gap(text, toks, k) == "/" {
        k -= 1;
    }
    // Flat 2/1, 37 …: digits, an optional slash part, a comma, then Flat.
    let mut m = k;
    if m > 0 && toks[m - 1].t.digit && matches!(gap(text, toks, m).trim(), "," | "") {
        m -= 1;
        if m > 0 && toks[m - 1].t.digit && gap(text, toks, m) == "/" {
            m -= 1;
        }
        if m > 0
            && FLAT_WORDS.contains(&lc_of(text, &toks[m - 1].t, buf))
            && is_space(gap(text, toks, m))
        {
            return toks[m - 1].t.start;
        }
    }
    if k > 0
        && FLAT_WORDS.contains(&lc_of(text, &toks[k - 1].t, buf))
        && is_space(gap(text, toks, k))
    {
        return toks[k - 1].t.start;
    }
    toks[k].t.start
}

/// A street with no number whose name is ordinary words ("Station Road",
/// "Union Street") and no locative before it: most likely a street, but
/// "down Memory Lane" is not; a person may decide.
fn only_words(text: &str, s: usize, e: usize) -> bool {
    let span = &text[s..e];
    if span.bytes().any(|b| b.is_ascii_digit()) {
        return false;
    }
    let lex = super::lexicon::lexicon();
    let toks = super::class::classify(span, &super::token::tokenize(span), lex);
    let name = &toks[..toks.len().saturating_sub(1)];
    let mut buf = String::new();
    let before = text[..s].trim_end_matches(' ');
    let prev = before
        .rsplit(|c: char| !c.is_alphabetic())
        .next()
        .map(|w| super::lexicon::lower_into(w, &mut buf).to_string())
        .unwrap_or_default();
    !LOCATIVE.contains(&prev.as_str()) && name.iter().all(|n| !n.class.namey())
}

/// Street addresses and named streets.
pub struct Addresses;

impl Detector for Addresses {
    fn name(&self) -> &'static str {
        "street-address"
    }

    fn scan(&self, text: &str, hits: &mut Vec<Hit>) {
        self.scan_prepared(&crate::gate::PreparedText::new(text), hits)
    }

    fn scan_prepared(&self, prepared: &crate::gate::PreparedText<'_>, hits: &mut Vec<Hit>) {
        let text = prepared.text;
        for &(s, e) in super::anchored_spans(prepared, super::Anchors::Street) {
            let hit = Hit::new(
                s,
                e,
                Kind::Address,
                "street-address",
                "This looks like a street address, which can locate a family; replace it with a description such as the family home.",
            );
            hits.push(if only_words(text, s, e) {
                hit.uncertain()
            } else {
                hit
            });
        }
        for (s, e) in b_roads(text) {
            hits.push(
                Hit::new(
                    s,
                    e,
                    Kind::Address,
                    "minor-road",
                    "A B-road is a local road that can place a family's home; describe it instead, such as a rural road.",
                )
                .uncertain(),
            );
        }
    }
}

/// "the B9170", "on the B876": a B-road, local enough to place a home (a
/// trunk road such as the A9 runs the length of the country and passes).
fn b_roads(text: &str) -> Vec<(usize, usize)> {
    let b = text.as_bytes();
    memchr::memchr_iter(b'B', b)
        .filter_map(|at| {
            let digits = b[at + 1..]
                .iter()
                .take_while(|c| c.is_ascii_digit())
                .count();
            let end = at + 1 + digits;
            let alone = !b.get(end).is_some_and(|c| c.is_ascii_alphanumeric());
            let after_the = text[..at].ends_with("the ") || text[..at].ends_with("The ");
            ((3..=4).contains(&digits) && alone && after_the).then_some((at, end))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn b_roads_are_found_and_trunk_roads_pass() {
        let text = "found on the B8062 verge; the A9 and the A96; form B1234x; the B52s";
        let found: Vec<&str> = b_roads(text).iter().map(|&(s, e)| &text[s..e]).collect();
        assert_eq!(found, ["B8062"]);
    }

    fn found(s: &str) -> Vec<&str> {
        let mut hits = Vec::new();
        Addresses.scan(s, &mut hits);
        hits.iter().map(|h| &s[h.start..h.end]).collect()
    }

    #[test]
    fn streets_named_without_a_number() {
        assert_eq!(
            found("Wee Acorns Nursery (Union Street) from"),
            ["Union Street"]
        );
        assert_eq!(found("works car wash Baker St. Refused"), ["Baker St"]);
        assert_eq!(found("seen on Saracen St with"), ["Saracen St"]);
        assert_eq!(found("She walked up Station Road."), ["Station Road"]);
        assert!(found("St Mary's and the High Court").is_empty());
    }

    #[test]
    fn numbered_addresses() {
        assert_eq!(
            found("They moved to 14 Birchfield Crescent in 2021."),
            ["14 Birchfield Crescent"]
        );
        assert_eq!(
            found("Police attended Flat 2/1, 37 Rowan Street at night."),
            ["Flat 2/1, 37 Rowan Street"]
        );
        assert_eq!(
            found("An incident at 27/3 Bellfield Wynd was logged."),
            ["27/3 Bellfield Wynd"]
        );
        assert_eq!(
            found("She gave 12B Ashgrove Lane as her address."),
            ["12B Ashgrove Lane"]
        );
        assert_eq!(
            found("Father lived at 1 Lochside Cottages."),
            ["1 Lochside Cottages"]
        );
        assert_eq!(
            found("A flat at 5 High Street was rented."),
            ["5 High Street"]
        );
        assert_eq!(
            found("Letters went to 22 Church Road, then 9 Station Brae."),
            ["22 Church Road", "9 Station Brae"]
        );
    }

    #[test]
    fn named_streets_without_numbers() {
        assert_eq!(
            found("The family lived on Hope Street for a year."),
            ["Hope Street"]
        );
        assert_eq!(
            found("Child C was seen near Millbrae Court."),
            ["Millbrae Court"]
        );
        assert_eq!(
            found("Birchfield Crescent was a known address."),
            ["Birchfield Crescent"]
        );
    }

    #[test]
    fn courts_sections_and_counts_pass() {
        for s in [
            "Father was sentenced at the High Court in 2023.",
            "A Child Protection Order was granted at the Sheriff Court.",
            "Section 67 of the Children's Hearings (Scotland) Act 2011 applies.",
            "Strategy 3 Place-based working is due in 2026.",
            "Health Visitor 1 made 23 home visits over 18 months.",
            "The Review Team met in a Council building on the High Street.",
            "Part 5 Children and Young People (Scotland) Act 2014.",
        ] {
            assert!(found(s).is_empty(), "{s}: {:?}", found(s));
        }
    }
}

#[cfg(test)]
mod named_site_tests {
    use super::super::class::tokenize_and_classify;
    use super::super::lexicon::lexicon;
    use super::find;

    fn found(s: &str) -> Vec<&str> {
        let toks = tokenize_and_classify(s, lexicon());
        find(s, &toks).into_iter().map(|(a, b)| &s[a..b]).collect()
    }

    #[test]
    fn named_sites_are_addresses() {
        assert_eq!(
            found("He works at a garage on Meadows Trading Estate now."),
            ["Meadows Trading Estate"]
        );
        assert_eq!(
            found("The unit is in Orchard Business Park, by the bypass."),
            ["Orchard Business Park"]
        );
        assert!(found("He works on the industrial estate near the retail park.").is_empty());
        assert_eq!(
            found("Advice from Money Matters Carnbroe (Ward Road) helped."),
            ["Ward Road"]
        );
    }
}
