//! Places and services a case note names by their own small words, each
//! found from a cue word beside it (the lexicon gives the cue words the
//! bit `NEIGHBOUR`, so only their tokens are read):
//! - a flat's designation after "flat" or "neighbour", or after "at" /
//!   "attended" in a sentence about a flat, a door or a stair ("flat 14D",
//!   "neighbour 14B", "found at 14C with the door open");
//! - a house number after "near number" where a street was just named
//!   ("on Crathes Road, near number 40"), and that street;
//! - a business by its own words before its kind ("Golden Fry chip shop",
//!   "Taste of Punjab restaurant", "Polished Nail Bar", "Halal Meat
//!   Express");
//! - a charity's local service, named with its place ("Barnardo's
//!   Inverclyde Family Service", "Perth Women's Aid Outreach", "Aberdeen
//!   Action for Refugees"); a charity's bare name passes;
//! - a hospital named without "Hospital" after a department ("Community
//!   Paeds, Ayrshire Central");
//! - a neighbourhood after a shop's "in" ("the Co-op in Hilton").

use super::super::class::{lc_of, Class, Tok};
use super::super::lexicon::{Lexicon, NEIGHBOUR};
use super::{Rule, Span};

const FLAT_CUES: &[&str] = &["flat", "neighbour", "neighbours"];
const SCENE_CUES: &[&str] = &[
    "door",
    "stair",
    "landing",
    "block",
    "close",
    "flat",
    "neighbour",
];
const NUMBER_CUE: &str = "number";
/// Kinds of shop after its own name in lower case (beyond the shared
/// list's "takeaway", "cafe" …, which the first pass reads, but not
/// across "of").
const SHOP_KINDS: &[&str] = &[
    "restaurant",
    "takeaway",
    "chippy",
    "cafe",
    "salon",
    "barbers",
    "deli",
    "bakery",
    "shop",
    "bar",
    "studio",
];
/// A lower-case kind of shop ("deli", "supermarket"), after a word that
/// describes it ("the Polish deli").
pub(super) fn is_shop_kind(lc: &str) -> bool {
    SHOP_KINDS.contains(&lc)
        || matches!(
            lc,
            "supermarket" | "store" | "market" | "butchers" | "butcher's" | "grocer" | "grocers"
        )
}

/// What must stand before "shop" or "bar" for it to be a kind of shop.
const SHOP_MODIFIERS: &[&str] = &[
    "chip", "kebab", "pizza", "sweet", "vape", "phone", "corner", "nail", "snack", "juice",
    "shisha", "sandwich", "wine", "cocktail", "brow", "brows", "lash", "lashes", "tattoo",
    "beauty", "coffee",
];
/// The last word of a shop's own capitalised name ("Halal Meat Express").
const SHOP_HEADS: &[&str] = &["express", "bar", "nails", "grill"];
/// Last words of a local service's name.
const SERVICE_HEADS: &[&str] = &[
    "service", "support", "project", "outreach", "hub", "centre", "drop-in",
];
/// Charities whose local services are named after a place.
const CHARITIES: &[&str] = &[
    "Barnardo's",
    "Barnardos",
    "Action for Children",
    "Children 1st",
    "Includem",
    "Quarriers",
    "Aberlour",
    "Women's Aid",
    "Home-Start",
    "Home Start",
    "Crossreach",
    "CrossReach",
    "Cyrenians",
    "Action for Refugees",
    "Rape Crisis",
    "Salvation Army",
    "Save the Children",
    "Circle",
    "Shelter",
    "Family Fund",
];
/// Departments a note names a hospital after (each with its possessive
/// at most 15 bytes, the trigger table's longest).
const DEPARTMENTS: &[&str] = &[
    "paeds",
    "paediatrics",
    "orthoptics",
    "audiology",
    "dietetics",
    "physio",
    "radiology",
    "dermatology",
    "neonatal",
    "outpatients",
    "maternity",
    "fracture",
];
const HOSPITAL_TAILS: &[&str] = &[
    "Central",
    "General",
    "Royal",
    "Infirmary",
    "Memorial",
    "University",
    "Community",
];
/// Shops and chains a note places "in" a neighbourhood ("op" is the
/// token "Co-op" ends with).
const SHOPS_IN: &[&str] = &[
    "co-op",
    "coop",
    "tesco",
    "asda",
    "aldi",
    "lidl",
    "spar",
    "greggs",
    "morrisons",
    "iceland",
    "farmfoods",
    "shop",
    "shops",
    "pharmacy",
    "chemist",
    "chippy",
    "bookies",
    "library",
    "op",
];

/// The words whose tokens this file reads: the lexicon marks them.
pub(in crate::gate::names) fn cue_words() -> impl Iterator<Item = &'static str> {
    [
        FLAT_CUES,
        SCENE_CUES,
        &[NUMBER_CUE],
        SHOP_KINDS,
        SHOP_HEADS,
        SERVICE_HEADS,
        DEPARTMENTS,
        SHOPS_IN,
    ]
    .into_iter()
    .flatten()
    .copied()
}

/// "14D", "3F", "7a": one to three digits and one letter.
fn designation(w: &str) -> bool {
    let b = w.as_bytes();
    let digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
    (1..=3).contains(&digits) && b.len() == digits + 1 && b[digits].is_ascii_alphabetic()
}

/// The sentence around byte `at`, within 200 bytes either side.
fn sentence(text: &str, at: usize) -> (usize, usize) {
    let lo = crate::source::floor_char_boundary(text, at.saturating_sub(200));
    let hi = crate::source::ceil_char_boundary(text, (at + 200).min(text.len()));
    let start = text[lo..at]
        .rfind(['.', '!', '?', '\n'])
        .map_or(lo, |i| lo + i + 1);
    let end = text[at..hi]
        .find(['.', '!', '?', '\n'])
        .map_or(hi, |i| at + i);
    (start, end)
}

fn push(spans: &mut Vec<Span>, start: usize, end: usize, rule: Rule) {
    if !spans.iter().any(|s| s.start < end && start < s.end) {
        spans.push(Span {
            start,
            end,
            rule,
            certain: false,
        });
    }
}

/// Flat designations in the sentence of a flat, a door or a neighbour.
fn flats(text: &str, toks: &[Tok], j: usize, lc: &str, out: &mut Vec<Span>) {
    let (ss, se) = sentence(text, toks[j].t.start);
    let mut b = String::new();
    let from = toks[..j].partition_point(|t| t.t.start < ss);
    let to = j + toks[j..].partition_point(|t| t.t.end <= se);
    for k in from..to {
        let t = &toks[k];
        // "2D drawings", "a 3D model", "5G": dimensions and networks.
        if !t.t.digit
            || !designation(t.t.text(text))
            || k == 0
            || matches!(
                t.t.text(text),
                "2D" | "3D" | "4D" | "2d" | "3d" | "3G" | "4G" | "5G" | "4K" | "8K"
            )
        {
            continue;
        }
        let prev = lc_of(text, &toks[k - 1].t, &mut b);
        let right_before = k == j + 1 && FLAT_CUES.contains(&lc);
        let by_verb = matches!(
            prev,
            "at" | "attended" | "visited" | "to" | "from" | "in" | "flat" | "neighbour"
        );
        // "at 18C" in a sentence about heating is a temperature.
        let heat = text[ss..se].contains('°')
            || ["heating", "degrees", "temperature"]
                .iter()
                .any(|w| text[ss..se].contains(w));
        if (right_before || by_verb) && !heat {
            push(out, t.t.start, t.t.end, Rule::LocalPlace);
        }
    }
}

/// Capitalised street words a "near number" looks back for.
const STREET_WORDS: &[&str] = &[
    "Road", "Street", "Place", "Avenue", "Crescent", "Drive", "Terrace", "Lane", "Gardens",
    "Court", "Way", "Grove", "Close", "Square", "Row", "View", "Wynd", "Brae", "Walk", "Gate",
    "Loan", "Rd", "St", "Ave",
];

/// "near number 40" after a named street in the same sentence: the number
/// and the street.
fn near_number(text: &str, toks: &[Tok], j: usize, lex: &Lexicon, out: &mut Vec<Span>) {
    let mut b = String::new();
    let Some(n) = toks.get(j + 1).filter(|n| n.t.joined && n.t.digit) else {
        return;
    };
    if n.t.end - n.t.start > 4 || j == 0 {
        return;
    }
    let prev = lc_of(text, &toks[j - 1].t, &mut b);
    let near = matches!(prev, "near" | "outside" | "opposite" | "beside" | "past")
        || (prev == "to" && j >= 2 && lc_of(text, &toks[j - 2].t, &mut b) == "next");
    if !near {
        return;
    }
    let (ss, _) = sentence(text, toks[j].t.start);
    let from = toks[..j].partition_point(|t| t.t.start < ss);
    let Some(k) = (from..j)
        .rev()
        .find(|&k| toks[k].t.cap && STREET_WORDS.contains(&toks[k].t.text(text)))
    else {
        return;
    };
    let mut s = k;
    while s > from && toks[s].t.joined && toks[s - 1].t.cap && k - s < 3 {
        let lc = lc_of(text, &toks[s - 1].t, &mut b);
        if lex.is_known_term(lc) && toks[s - 1].class == Class::Term {
            break;
        }
        s -= 1;
    }
    push(out, toks[j].t.start, n.t.end, Rule::LocalPlace);
    if s < k {
        push(out, toks[s].t.start, toks[k].t.end, Rule::LocalPlace);
    }
}

/// Whether a capitalised run names something a list calls public (a
/// people, a country, a town alone).
fn public_word(text: &str, t: &Tok, lex: &Lexicon) -> bool {
    let mut b = String::new();
    let lc = lc_of(text, &t.t, &mut b);
    lex.groups.contains(lc) || lex.world_places.contains(lc) || t.class == Class::Term
}

/// The capitalised run ending at token `last`, across "of", "&", "and"
/// and "the" inside it ("Taste of Punjab"): its first token. A role word
/// ("Family", "Child") ends it unless `roles`.
fn run_back(text: &str, toks: &[Tok], last: usize, most: usize, roles: bool) -> Option<usize> {
    if !toks[last].t.cap {
        return None;
    }
    let mut b = String::new();
    let mut s = last;
    while s > 0 && last - s < most && toks[s].t.joined && !toks[s].t.sentence_start {
        let p = &toks[s - 1];
        // "Children 1st": the one word with a digit a name here holds.
        if (p.t.cap && (roles || !p.role)) || (roles && p.t.text(text) == "1st") {
            s -= 1;
            continue;
        }
        let lc = lc_of(text, &p.t, &mut b);
        if matches!(lc, "of" | "&" | "and" | "for")
            && s >= 2
            && p.t.joined
            && toks[s - 2].t.cap
            && (roles || !toks[s - 2].role)
        {
            s -= 2;
            continue;
        }
        break;
    }
    Some(s)
}

/// A shop's own name before its kind, or ending in its head word.
fn shop(text: &str, toks: &[Tok], j: usize, lc: &str, lex: &Lexicon, out: &mut Vec<Span>) {
    let t = &toks[j];
    let mut b = String::new();
    let (last, end) = if t.t.cap {
        // "Polished Nail Bar", "Halal Meat Express": the head is the name's.
        if !SHOP_HEADS.contains(&lc) || j == 0 || !t.t.joined {
            return;
        }
        let p = lc_of(text, &toks[j - 1].t, &mut b);
        if lc == "bar" && !SHOP_MODIFIERS.contains(&p) {
            return;
        }
        if lc == "express" && matches!(p, "daily" | "sunday" | "tesco" | "evening") {
            return;
        }
        (j, t.t.end)
    } else {
        if !SHOP_KINDS.contains(&lc) || j == 0 || !t.t.joined {
            return;
        }
        let mut k = j - 1;
        if matches!(lc, "shop" | "bar" | "studio") {
            let m = lc_of(text, &toks[k].t, &mut b);
            if !SHOP_MODIFIERS.contains(&m) || k == 0 || !toks[k].t.joined {
                return;
            }
            k -= 1;
        }
        (k, toks[k].t.end)
    };
    let Some(mut s) = run_back(text, toks, last, 5, false) else {
        return;
    };
    // "said The Snack Bar at the leisure centre": the article is no name.
    if s < last && matches!(toks[s].t.text(text), "The" | "A" | "An" | "Our") {
        s += 1;
    }
    let caps: Vec<&Tok> = toks[s..=last].iter().filter(|q| q.t.cap).collect();
    let needed = if t.t.cap { 3 } else { 2 };
    if caps.len() < needed && !(caps.len() == 1 && caps[0].class == Class::Unknown && !t.t.cap) {
        return;
    }
    if caps
        .iter()
        .all(|q| public_word(text, q, lex) || q.t.all_caps)
    {
        return;
    }
    if s > 0 && matches!(lc_of(text, &toks[s - 1].t, &mut b), "a" | "any" | "every") {
        return;
    }
    push(out, toks[s].t.start, end, Rule::LocalBusiness);
}

/// A charity's local service: a run ending in a service word that holds
/// both a charity's name and a place.
fn charity_service(text: &str, toks: &[Tok], j: usize, lex: &Lexicon, out: &mut Vec<Span>) {
    let t = &toks[j];
    let mut last = j;
    if !t.t.cap {
        // "the Includem Dundee Intensive Support project".
        if j == 0 || !t.t.joined || !toks[j - 1].t.cap {
            return;
        }
        last = j - 1;
    }
    // "Family" is a role word, and a service's name holds it.
    let Some(s) = run_back(text, toks, last, 8, true) else {
        return;
    };
    let run = &text[toks[s].t.start..toks[last].t.end];
    let Some(charity) = CHARITIES.iter().find(|c| run.contains(**c)) else {
        return;
    };
    let mut b = String::new();
    let place = toks[s..=last].iter().any(|q| {
        let lc = lc_of(text, &q.t, &mut b);
        q.t.cap
            && !charity.to_lowercase().contains(lc)
            && (lex.places.contains(lc) || q.class == Class::Place || is_area(lc))
    });
    // A charity's bare name passes; its place makes it a local service.
    if !place || run.trim() == *charity {
        return;
    }
    push(
        out,
        toks[s].t.start,
        toks[last].t.end,
        Rule::LowerInstitution,
    );
}

/// Council areas and regions a service is named after, which the town
/// list may lack.
fn is_area(lc: &str) -> bool {
    matches!(
        lc,
        "inverclyde"
            | "renfrewshire"
            | "borders"
            | "falkirk"
            | "dundee"
            | "aberdeen"
            | "perth"
            | "fife"
            | "highland"
            | "moray"
            | "angus"
            | "ayrshire"
            | "lanarkshire"
            | "lothian"
            | "edinburgh"
            | "glasgow"
            | "stirling"
            | "clackmannanshire"
            | "argyll"
            | "dumfries"
            | "galloway"
            | "orkney"
            | "shetland"
            | "aberdeenshire"
            | "dunbartonshire"
            | "midlothian"
            | "inverness"
            | "arbroath"
            | "kilmarnock"
            | "paisley"
            | "greenock"
    )
}

/// "Community Paeds, Ayrshire Central": a hospital after a department.
fn department_hospital(text: &str, toks: &[Tok], j: usize, out: &mut Vec<Span>) {
    let t = &toks[j];
    let after = &text[t.t.end..];
    let skip = if after.starts_with(", ") {
        2
    } else if after.starts_with(" at ") {
        4
    } else {
        return;
    };
    let from = t.t.end + skip;
    let Some(k) = toks[j + 1..]
        .iter()
        .position(|q| q.t.start == from)
        .map(|p| j + 1 + p)
    else {
        return;
    };
    let mut e = k;
    while e + 1 < toks.len() && e - k < 2 && toks[e + 1].t.joined && toks[e + 1].t.cap {
        e += 1;
    }
    if e == k || !toks[k].t.cap {
        return;
    }
    if HOSPITAL_TAILS.contains(&toks[e].t.text(text)) {
        push(out, toks[k].t.start, toks[e].t.end, Rule::Hospital);
    }
}

/// "the Co-op in Hilton": a capitalised place after a shop's "in", at the
/// end of its clause.
fn shop_in_place(text: &str, toks: &[Tok], j: usize, lex: &Lexicon, out: &mut Vec<Span>) {
    let mut b = String::new();
    let Some(inn) = toks.get(j + 1).filter(|n| n.t.joined) else {
        return;
    };
    if lc_of(text, &inn.t, &mut b) != "in" {
        return;
    }
    let Some(p) = toks
        .get(j + 2)
        .filter(|n| n.t.joined && n.t.cap && !n.t.all_caps)
    else {
        return;
    };
    let lc = lc_of(text, &p.t, &mut b).to_string();
    // A town of England that shares a neighbourhood's name ("Hilton")
    // is here the neighbourhood: a shop "in" it is a local one.
    if lex.world_places.contains(lc.as_str())
        || lex.groups.contains(lc.as_str())
        || is_area(&lc)
        || matches!(p.class, Class::Word | Class::Title)
        || matches!(
            lc.as_str(),
            "scotland" | "england" | "wales" | "uk" | "britain"
        )
    {
        return;
    }
    // The clause ends with the place: a neighbourhood, not "in Hilton
    // Road" or "in March".
    let rest = &text[p.t.end..];
    let ends = rest.is_empty()
        || rest.starts_with(['.', ',', ';', ')', '\n', '!', '?'])
        || rest.starts_with(" with ")
        || rest.starts_with(" and ")
        || rest.starts_with(" near ")
        || rest.starts_with(" on ");
    if ends {
        push(out, p.t.start, p.t.end, Rule::Place);
    }
}

/// The quoted word or words opening at byte `at` (after the quote mark)
/// and where they end, when the quote closes within 30 bytes.
fn quoted_at(text: &str, at: usize) -> Option<(usize, &str)> {
    let rest = &text[at..];
    let close = rest.find(['"', '”', '’', '\'', '\n'])?;
    (close > 0 && close <= 30 && !rest[close..].starts_with('\n'))
        .then(|| (at + close, &rest[..close]))
}

/// Kinds of business or group whose own name a note quotes after them:
/// "the Romanian shop \"Magazin Carpați\"", "the WhatsApp group
/// (\"CYK Fighters\")".
const QUOTED_KINDS: &[&str] = &[
    "shop",
    "store",
    "salon",
    "cafe",
    "café",
    "bar",
    "pub",
    "takeaway",
    "restaurant",
    "club",
    "group",
    "chat",
    "gym",
    "garage",
    "business",
    "premises",
    "stall",
    "studio",
    "van",
    "unit",
];

/// A business or group's own name in quotes: after the word for its kind,
/// or right before its street address ("\"Vape Den\", 212 Ayr Road").
fn quoted_business(text: &str, before: &str, end: usize, inside: &str) -> bool {
    let shaped = inside.starts_with(char::is_uppercase)
        && (1..=4).contains(&inside.split_whitespace().count())
        && !inside.ends_with(['.', ',', '!', '?']);
    if !shaped {
        return false;
    }
    let lead = before.trim_end_matches(['(', ' ']);
    let kind_before = lead
        .rsplit(' ')
        .next()
        .is_some_and(|w| QUOTED_KINDS.contains(&w.to_lowercase().as_str()));
    let after = &text[end..];
    let after = after
        .strip_prefix(['"', '\u{201d}', '\u{2019}', '\''])
        .unwrap_or(after);
    let address_after = after.strip_prefix(", ").is_some_and(|a| {
        let n = a.bytes().take_while(u8::is_ascii_digit).count();
        (1..=4).contains(&n)
            && a[n..].starts_with(' ')
            && a[n + 1..].starts_with(|c: char| c.is_ascii_uppercase())
    });
    // "\"The Wee Hoose\" youth café": a business's kind after the
    // name ("the \"Been There\" group" is how a group names itself).
    let kind_after = after.strip_prefix(' ').is_some_and(|a| {
        a.split(|c: char| !c.is_alphabetic() && c != '\u{e9}')
            .take(2)
            .any(|w| {
                let w = w.to_lowercase();
                QUOTED_KINDS.contains(&w.as_str())
                    && !matches!(w.as_str(), "group" | "club" | "chat" | "unit" | "business")
            })
    });
    kind_before || address_after || kind_after
}

/// Who someone is to the family, then their name in quotes: "(owner
/// \"Mags\")", "her boyfriend \"Kev\"". Kin are left out: after "Mum" a
/// quote is as often what she said.
const WHO_WORDS: &[&str] = &[
    "owner",
    "boss",
    "manager",
    "landlord",
    "landlady",
    "driver",
    "pal",
    "mate",
    "boyfriend",
    "girlfriend",
    "neighbour",
    "friend",
    "contact",
    "dealer",
    "guy",
    "man",
    "woman",
    "lad",
    "lassie",
    "bloke",
];

/// A nickname in quotes beside the full name it stands for: after it in
/// brackets ("Stuart Lyall (\"Captain Bubbles\")", "Dòmhnall Iain
/// MacAskill (\"DI\")"), or before a bracket that gives the name
/// ("\"Rocky\" (gave real name Rokas Petrauskas)", "\"Honey\" (her pal
/// Honey-Mae Baird, 12)").
fn nickname_beside_a_name(
    text: &str,
    before: &str,
    end: usize,
    inside: &str,
    lex: &Lexicon,
) -> bool {
    let words: Vec<&str> = inside.split(' ').collect();
    let shaped = (1..=3).contains(&words.len())
        && words.iter().all(|w| {
            !w.is_empty()
                && w.starts_with(char::is_uppercase)
                && w.chars()
                    .all(|c| c.is_alphabetic() || c == '-' || c == '\'' || c == '.')
        });
    if !shaped {
        return false;
    }
    let capitalised = |w: &str| {
        w.chars().count() >= 2
            && w.starts_with(char::is_uppercase)
            && w.chars().skip(1).any(char::is_lowercase)
            && w.chars()
                .all(|c| c.is_alphabetic() || c == '-' || c == '\'')
    };
    // After a name of two words or more, in brackets.
    let after_name = before.strip_suffix(" (").is_some_and(|head| {
        let mut back = head.rsplit(' ');
        let (last, first) = (back.next().unwrap_or(""), back.next().unwrap_or(""));
        // A person's name, not a body's ("the Care Inspectorate
        // (\"Inspection\")"): a word of it no dictionary holds.
        let name_word = |w: &str| !lex.is_word(&w.to_lowercase());
        capitalised(last) && capitalised(first) && (name_word(last) || name_word(first))
    });
    // The closing quote, then what follows it.
    let Some(quote) = text[end..].chars().next() else {
        return false;
    };
    let after = &text[end + quote.len_utf8()..];
    let after_name = after_name && matches!(quote, '"' | '\u{201d}') && after.starts_with(')');
    // Before a bracket that names the person in full.
    let before_name = after.strip_prefix(" (").is_some_and(|rest| {
        let close = rest.find([')', '\n']).unwrap_or(rest.len());
        let inner = &rest[..close];
        // A name of two words, one of them no word or term ("Rokas
        // Petrauskas"; "Blessed Ramadan" glosses a greeting).
        let unknown = |w: &str| {
            let lc = w.to_lowercase();
            !lex.is_word(&lc) && !lex.is_known_term(&lc)
        };
        let names_it = inner.contains("name")
            || inner
                .split([' ', ','])
                .collect::<Vec<_>>()
                .windows(2)
                .any(|w| {
                    capitalised(w[0]) && capitalised(w[1]) && (unknown(w[0]) || unknown(w[1]))
                });
        inner.len() <= 80 && names_it && rest[close..].starts_with(')')
    });
    after_name || before_name
}

fn quoted_after_who(before: &str, inside: &str) -> bool {
    let lead = before.strip_suffix(' ').unwrap_or("");
    let who = lead
        .rsplit([' ', '('])
        .next()
        .is_some_and(|w| WHO_WORDS.contains(&w.to_lowercase().as_str()));
    let words: Vec<&str> = inside.split(' ').collect();
    who && (1..=2).contains(&words.len())
        && words.iter().all(|w| {
            w.len() >= 2
                && w.starts_with(char::is_uppercase)
                && w.chars()
                    .all(|c| c.is_alphabetic() || c == '-' || c == '\'')
        })
}

/// `by "memo34"`: a user name in quotes after "by"; `called "Courtney"
/// or "Court"`: the second of two nicknames after "called", "known as" or
/// "goes by".
fn quoted_handles_and_nicknames(text: &str, lex: &Lexicon, out: &mut Vec<Span>) {
    let bytes = text.as_bytes();
    let opens = memchr::memchr_iter(b'"', bytes)
        .map(|i| (i, i + 1))
        .chain(memchr::memmem::find_iter(bytes, "“".as_bytes()).map(|i| (i, i + 3)))
        .chain(memchr::memmem::find_iter(bytes, "‘".as_bytes()).map(|i| (i, i + 3)));
    for (q, at) in opens {
        let Some((end, inside)) = quoted_at(text, at) else {
            continue;
        };
        let before = &text[..q];
        if quoted_business(text, before, end, inside) {
            push(out, at, end, Rule::LocalBusiness);
            continue;
        }
        if quoted_after_who(before, inside)
            || nickname_beside_a_name(text, before, end, inside, lex)
        {
            push(out, at, end, Rule::Relation);
            continue;
        }
        if before.ends_with(" by ") {
            let handle = inside.len() >= 3
                && inside
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'))
                && inside.bytes().any(|b| b.is_ascii_alphabetic())
                && (inside
                    .bytes()
                    .any(|b| b.is_ascii_digit() || b == b'_' || b == b'.')
                    // "by "lilsnipz"": one lower-case word no list knows.
                    || (inside.len() >= 4
                        && inside.bytes().all(|b| b.is_ascii_lowercase())
                        && !lex.is_word(inside)
                        && !lex.is_known_term(inside)));
            if handle {
                push(out, at, end, Rule::QuotedHandle);
            }
            continue;
        }
        // `called "Courtney" or "Court"`; `called me "Princess" and Finn
        // "Wee Man"`: a second nickname, given to someone named between.
        let Some(head) = before.strip_suffix(" or ").or_else(|| {
            let (head, named) = before.strip_suffix(' ')?.rsplit_once(" and ")?;
            let whom = matches!(named, "me" | "him" | "her" | "them" | "us")
                || (named.len() <= 20
                    && named.starts_with(char::is_uppercase)
                    && named.chars().all(char::is_alphabetic));
            whom.then_some(head)
        }) else {
            continue;
        };
        // The first nickname, in its quotes, right before " or ".
        let Some(head) = head.strip_suffix(['"', '”', '’']) else {
            continue;
        };
        let Some(open) = head.rfind(['"', '“', '‘']) else {
            continue;
        };
        if head.len() - open > 30 {
            continue;
        }
        let lead = head[..open].trim_end().to_lowercase();
        let named = [
            "called",
            "known as",
            "goes by",
            "go by",
            "nicknamed",
            "calls her",
            "calls him",
            "called me",
            "called him",
            "called her",
            "called us",
            "calls me",
        ]
        .iter()
        .any(|c| lead.ends_with(c));
        // "called "Child A" or "Child B"", "Mum" or "Mummy": pseudonyms
        // and relations, not nicknames.
        let word = inside.split_whitespace().count() <= 2
            && inside.starts_with(char::is_uppercase)
            && inside
                .chars()
                .all(|c| c.is_alphabetic() || c == ' ' || c == '-')
            && !inside.split_whitespace().any(|w| {
                let lc = w.to_lowercase();
                w.chars().count() == 1
                    || lex.roles.contains(lc.as_str())
                    || lex.relations.contains(lc.as_str())
                    || lex.hard_titles.contains(lc.as_str())
                    // "Wee" alone is a word; "Wee Man" is a nickname.
                    || (lex.soft_titles.contains(lc.as_str()) && !inside.contains(' '))
            });
        if named && word {
            push(out, at, end, Rule::Relation);
            // The first of the two, when no rule took it.
            let first = &head[open..];
            let first_at = open + first.chars().next().map_or(1, char::len_utf8);
            push(out, first_at, head.len(), Rule::Relation);
        }
    }
}

/// Adds the spans of this file's shapes, where no span covers them yet.
/// Every cue is a trigger word with the bit `NEIGHBOUR`, so only the
/// tokens `trig` (each token's trigger bits) gives it are walked.
pub(super) fn local_cues(
    text: &str,
    toks: &[Tok],
    trig: &[u8],
    spans: &mut Vec<Span>,
    lex: &Lexicon,
) {
    let mut out: Vec<Span> = Vec::new();
    let mut b = String::new();
    // A token with a digit has no trigger bits.
    for j in super::super::class::with_trigger(trig, NEIGHBOUR) {
        let t = &toks[j];
        let lc = lc_of(text, &t.t, &mut b).to_string();
        let lc = lc.as_str();
        if !t.t.cap && SCENE_CUES.contains(&lc) {
            flats(text, toks, j, lc, &mut out);
        }
        if !t.t.cap && lc == NUMBER_CUE {
            near_number(text, toks, j, lex, &mut out);
        }
        if SHOP_KINDS.contains(&lc) || SHOP_HEADS.contains(&lc) {
            shop(text, toks, j, lc, lex, &mut out);
        }
        if SERVICE_HEADS.contains(&lc) {
            charity_service(text, toks, j, lex, &mut out);
        }
        if DEPARTMENTS.contains(&lc) {
            department_hospital(text, toks, j, &mut out);
        }
        if SHOPS_IN.contains(&lc) {
            shop_in_place(text, toks, j, lex, &mut out);
        }
    }
    quoted_handles_and_nicknames(text, lex, &mut out);
    // A span found here that holds a shorter one found before ("Fresh
    // Farm" of "Fresh Farm Meat Express") replaces it.
    for s in out {
        let overlapping = spans.iter().filter(|o| o.start < s.end && s.start < o.end);
        if overlapping
            .clone()
            .all(|o| s.start <= o.start && o.end <= s.end)
        {
            if overlapping.count() > 0 {
                spans.retain(|o| !(o.start < s.end && s.start < o.end));
            }
            spans.push(s);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::names_found as found;

    #[test]
    fn local_places_and_services_are_found() {
        for (t, want) in [
            ("The woman in flat 9C called the police.", "9C"),
            ("Noise reported by neighbour 21A again.", "21A"),
            ("Officers attended 4B, a flat on the second floor.", "4B"),
            ("She was left at 12F and the door was locked.", "12F"),
            (
                "The van waited in Corsehill Avenue near number 18 all night.",
                "number 18",
            ),
            ("He works at Sunny Bay chip shop on weekdays.", "Sunny Bay"),
            (
                "They ate at the Spice of Kerala restaurant.",
                "Spice of Kerala",
            ),
            (
                "Her sister runs Glam Lash Nail Bar in town.",
                "Glam Lash Nail Bar",
            ),
            (
                "He buys from Fresh Farm Meat Express after school.",
                "Fresh Farm Meat Express",
            ),
            (
                "Mum goes to the Quarriers Moray Family Support drop-in.",
                "Moray",
            ),
            (
                "Referred to Aberlour Fife Family Service last year.",
                "Aberlour Fife Family Service",
            ),
            (
                "Seen by Audiology, Borders General in March.",
                "Borders General",
            ),
            (
                "They live near the Spar in Garthamlock, by the school.",
                "Garthamlock",
            ),
            ("The flat was booked by \"zed_99\" on the app.", "zed_99"),
            ("The taxi was ordered by \"lilsnipz\" at night.", "lilsnipz"),
            (
                "The boy was called \"Marcus\" or \"Marky\" at school.",
                "Marky",
            ),
            ("He is known as \"Bugsy\" or \"Bugs\" to his pals.", "Bugsy"),
            (
                "He called me \"Princess\" and Rory \"Big Man\" at tea.",
                "Big Man",
            ),
            (
                "She works above the Polish shop \"Smaki Domu\" most days.",
                "Smaki Domu",
            ),
            (
                "A Saturday job at a salon (owner \"Mags\") since May.",
                "Mags",
            ),
            (
                "Sole trader Stuart Lyall (\"Captain Bubbles\") works here.",
                "Captain Bubbles",
            ),
            (
                "| 10:04 | \"Rocky\" (gave real name Rokas Petrauskas) | fine |",
                "Rocky",
            ),
            (
                "asked for \"Honey\" (her pal Honey-Mae Baird, 12) to get a shout.",
                "Honey",
            ),
            (
                "Premises: \"Puff Palace\", 18 Main Street, Barrhead.",
                "Puff Palace",
            ),
            (
                "# \"The Wee Neuk\" youth café, Girvan — notebook",
                "The Wee Neuk",
            ),
            (
                "photos in the club's WhatsApp group (\"Ardrossan Tigers\") at night",
                "Ardrossan Tigers",
            ),
        ] {
            assert!(
                found(t).iter().any(|f| f.contains(want)),
                "{t:?}: {:?}",
                found(t)
            );
        }
    }

    #[test]
    fn public_look_alikes_pass() {
        for t in [
            "The heating in the flat was set at 18C all winter.",
            "The flat 2D plans and a 3D model of the flat were shown.",
            "Families met at the local cafe, the Polish deli and the market.",
            "Families were at number 3 in the table; see number 4 on the list.",
            "Young people said The Snack Bar at the leisure centre was warm.",
            "Barnardo's and Action for Children run services across Scotland.",
            "Children are called \"Child A\" or \"Child B\" in reviews.",
            "Pupils are called \"Miss\" or \"Sir\" by nobody now.",
            "Staff called it \"Plan B\" and Health \"the Pathway\" then.",
            "The group said \"We Were Not Heard\", 12 of them in all.",
            "Her friend \"didn't know\" and the man \"Stop it now\" shouted.",
            "The Care Inspectorate (\"Inspection\") and \"Safe and Together\" (Mandel, 2014).",
            "A greeting is \"Ramadan Mubarak\" (Blessed Ramadan); the \"Been There\" group met.",
            "She read \"Hard Times\" in the group. The café \"was busy\".",
            "The copy is sent by \"recorded delivery\" or by \"email\".",
            "The Chinese restaurant and a chip shop were mentioned by parents.",
            "He was seen by Paediatrics, Scottish Government guidance says.",
            "The Daily Express ran the story; the Co-op in Scotland gave leaflets.",
        ] {
            assert!(found(t).is_empty(), "{t:?}: {:?}", found(t));
        }
    }
}
