//! Scottish places named as where services are, not where a family lives:
//! "in the more remote parts of Highland, including Skye, Lochaber and
//! Caithness", "the Bridge of Allan and Callander areas", "living on the
//! Cowal peninsula", "meetings were always held in Lochgilphead". DESIGN
//! lets cities, towns and council areas pass there; a town named alone
//! as where someone is ("a boy in Oban") is still found, and a street or
//! a house number beside a place is the address detector's.

use super::{lc_of, Kind, Lexicon, Rule, Span, Tok, ISLANDS};

/// Scotland's districts, peninsulas, glens and historic counties that
/// the town gazetteer (`places.txt.gz`, towns of 1,000 people and more)
/// does not hold, and that reviews name as the areas services cover.
const AREAS: &[&str] = &[
    "lochaber",
    "cowal",
    "kintyre",
    "knapdale",
    "lorn",
    "morvern",
    "ardnamurchan",
    "moidart",
    "knoydart",
    "lochalsh",
    "kintail",
    "applecross",
    "torridon",
    "gairloch",
    "assynt",
    "caithness",
    "sutherland",
    "badenoch",
    "strathspey",
    "speyside",
    "deeside",
    "donside",
    "buchan",
    "formartine",
    "garioch",
    "mearns",
    "strathearn",
    "strathmore",
    "atholl",
    "breadalbane",
    "highland perthshire",
    "trossachs",
    "clydesdale",
    "nithsdale",
    "annandale",
    "eskdale",
    "teviotdale",
    "tweeddale",
    "lauderdale",
    "ettrick",
    "berwickshire",
    "roxburghshire",
    "peeblesshire",
    "selkirkshire",
    "wigtownshire",
    "kirkcudbrightshire",
    "dumfriesshire",
    "east neuk",
    "carrick",
    "cunninghame",
    "lanarkshire",
    "west lothian",
    "east lothian",
    "midlothian",
    "easter ross",
    "wester ross",
    "black isle",
    "skye",
    "lewis",
    "harris",
    "uist",
    "north uist",
    "south uist",
    "benbecula",
    "barra",
    "tiree",
    "coll",
    "mull",
    "iona",
    "islay",
    "jura",
    "arran",
    "bute",
    "cumbrae",
    "orkney",
    "shetland",
    "argyll",
    "highland",
    "moray",
    "fife",
    "angus",
    "stirlingshire",
    "clackmannanshire",
    "inverclyde",
    "renfrewshire",
    "dunbartonshire",
    "ayrshire",
    "aberdeenshire",
    "galloway",
    "borders",
    "scottish borders",
    "western isles",
    "eilean siar",
    "na h-eileanan siar",
    "kinross",
    "perthshire",
    "invernessshire",
    "inverness-shire",
    "ross-shire",
    "cromarty",
    "nairn",
    "nairnshire",
    "banffshire",
    "kincardineshire",
];

/// Nouns after a place that make it an area ("the Cowal peninsula",
/// "Callander areas").
const AREA_NOUNS: &[&str] = &[
    "area",
    "areas",
    "peninsula",
    "region",
    "district",
    "districts",
    "coast",
    "glens",
    "glen",
    "islands",
    "isles",
    "locality",
    "localities",
    "villages",
    "towns",
    "communities",
    "corridor",
];

/// Words that open a list of places as geography within a sentence.
const LIST_CUES: &[&str] = &[
    "parts",
    "across",
    "covering",
    "covers",
    "cover",
    "including",
    "includes",
    "such",
    "throughout",
    "areas",
    "between",
];

/// Words before "in" that make the place where a service is.
const SERVICE_BEFORE_IN: &[&str] = &[
    "held",
    "based",
    "services",
    "service",
    "offices",
    "office",
    "clinics",
    "clinic",
    "teams",
    "team",
    "provided",
    "delivered",
    "hosted",
    "run",
    "located",
    "centres",
    "centre",
];

/// Council areas whose one-word names reviews use alone.
const COUNCILS: &[&str] = &[
    "lothian",
    "lothians",
    "fife",
    "moray",
    "angus",
    "argyll",
    "highland",
    "ayrshire",
    "lanarkshire",
    "renfrewshire",
    "dunbartonshire",
    "aberdeenshire",
    "clackmannanshire",
    "inverclyde",
    "midlothian",
    "stirling",
    "perth",
    "dundee",
    "glasgow",
    "edinburgh",
    "aberdeen",
    "falkirk",
    "orkney",
    "shetland",
    "borders",
    "galloway",
    "dumfries",
    "inverness",
];

/// A Scottish council area, district, island or town (lower-cased).
pub(super) fn scottish_place(lex: &Lexicon, lc: &str) -> bool {
    COUNCILS.contains(&lc) || is_place(lex, lc)
}

fn is_place(lex: &Lexicon, lc: &str) -> bool {
    lex.places.contains(lc)
        || AREAS.contains(&lc)
        || ISLANDS.iter().any(|i| i.eq_ignore_ascii_case(lc))
}

/// The place that ends at token `j`, as (first token, `j`): one word, or
/// "Bridge of Allan", "Fort William", "Wester Ross".
fn place_ending_at(text: &str, toks: &[Tok], j: usize, lex: &Lexicon) -> Option<usize> {
    let mut b = String::new();
    for back in [2usize, 1, 0] {
        if j < back {
            continue;
        }
        let from = j - back;
        if !toks[from].t.cap || (from..j).any(|k| !toks[k + 1].t.joined) {
            continue;
        }
        let phrase = text[toks[from].t.start..toks[j].t.end].to_lowercase();
        if is_place(lex, &phrase) {
            return Some(from);
        }
    }
    let lc = lc_of(text, &toks[j].t, &mut b);
    (toks[j].t.cap && is_place(lex, lc)).then_some(j)
}

/// Drops the person and place spans that name Scottish places as the
/// geography of services.
pub(super) fn drop_service_geography(
    text: &str,
    toks: &[Tok],
    spans: &mut Vec<Span>,
    lex: &Lexicon,
) {
    let mut pass: Vec<(usize, usize)> = Vec::new();
    let mut b = String::new();
    let lc_at = |k: usize, b: &mut String| lc_of(text, &toks[k].t, b).to_string();
    for s in spans.iter() {
        if !(s.rule.kind() == Kind::PersonName || s.rule == Rule::Place)
            || !matches!(
                s.rule,
                Rule::Gazetteer | Rule::Unknown | Rule::NameWord | Rule::Place | Rule::FullName
            )
        {
            continue;
        }
        let Ok(j) = toks.binary_search_by_key(&s.start, |t| t.t.start) else {
            continue;
        };
        let mut end = j;
        while end + 1 < toks.len() && toks[end + 1].t.end <= s.end {
            end += 1;
        }
        // The span may be the last word of a longer place ("Bridge of
        // Allan"): the place's own words count.
        let mut last = end;
        let Some(mut first) = place_ending_at(text, toks, last, lex) else {
            continue;
        };
        if first > j {
            continue;
        }
        // The run of places joined by commas, "and", "or" around it.
        let mut items = 1;
        let mut k = first;
        loop {
            if k == 0 {
                break;
            }
            let gap = text[toks[k - 1].t.end..toks[k].t.start].trim();
            let (prev_end, ok) = if gap == "," || gap == "&" {
                (k - 1, true)
            } else if gap.is_empty()
                && matches!(lc_at(k - 1, &mut b).as_str(), "and" | "or")
                && k >= 2
            {
                let g = text[toks[k - 2].t.end..toks[k - 1].t.start].trim();
                (k - 2, g.is_empty() || g == ",")
            } else {
                (0, false)
            };
            if !ok {
                break;
            }
            match place_ending_at(text, toks, prev_end, lex) {
                Some(f) => {
                    items += 1;
                    k = f;
                }
                None => break,
            }
        }
        first = k;
        loop {
            let n = last + 1;
            if n >= toks.len() {
                break;
            }
            let gap = text[toks[last].t.end..toks[n].t.start].trim();
            let mut next = if gap == "," || gap == "&" {
                n
            } else if gap.is_empty() && matches!(lc_at(n, &mut b).as_str(), "and" | "or") {
                n + 1
            } else {
                break;
            };
            // "Skye, Lochalsh and the Western Isles".
            if next + 1 < toks.len() && lc_at(next, &mut b) == "the" && toks[next + 1].t.cap {
                next += 1;
            }
            if next >= toks.len() || toks[next].t.sentence_start {
                break;
            }
            // The longest place starting at `next`, up to three words.
            let Some(to) = (next..(next + 3).min(toks.len()))
                .rev()
                .find(|&e| place_ending_at(text, toks, e, lex) == Some(next))
            else {
                break;
            };
            items += 1;
            last = to;
        }
        // A single town before "area" is a neighbourhood that can locate
        // a family ("the Larkfield area"); a district ("the Cowal
        // peninsula") or a list of towns ("the Bridge of Allan and
        // Callander areas") is the geography of a service.
        let district = items == 1 && {
            let phrase = text[toks[first].t.start..toks[last].t.end].to_lowercase();
            AREAS.contains(&phrase.as_str())
        };
        let area_after = (items >= 2 || district)
            && toks.get(last + 1).is_some_and(|t| {
                t.t.joined && !t.t.cap && AREA_NOUNS.contains(&lc_at(last + 1, &mut b).as_str())
            });
        let number_before = first > 0 && toks[first - 1].t.digit;
        let service_in = first >= 2
            && lc_at(first - 1, &mut b) == "in"
            && SERVICE_BEFORE_IN.contains(&lc_at(first - 2, &mut b).as_str());
        let cue_before = items >= 2 && {
            let mut c = first;
            let mut found = false;
            while c > 0 && !toks[c].t.sentence_start && first - c < 12 {
                c -= 1;
                if LIST_CUES.contains(&lc_at(c, &mut b).as_str()) {
                    found = true;
                    break;
                }
            }
            found
        };
        // Three places or more at once are an area a service covers: a
        // family lives in one ("sessions for fathers in Caithness,
        // Sutherland and Lochaber").
        let wide = items >= 3;
        if !number_before && (area_after || service_in || cue_before || wide) {
            pass.push((toks[first].t.start, toks[last].t.end));
        }
    }
    if pass.is_empty() {
        return;
    }
    spans.retain(|s| {
        !((s.rule.kind() == Kind::PersonName || s.rule == Rule::Place)
            && pass.iter().any(|&(a, e)| s.start >= a && s.end <= e))
    });
}

#[cfg(test)]
mod tests {
    use super::super::names_found as found;

    #[test]
    fn places_named_as_where_services_are_pass() {
        assert_eq!(
            found("Staff in the outlying parts of the region, such as Kintyre, Islay and Cowal, asked for online training."),
            Vec::<&str>::new()
        );
        assert_eq!(
            found(
                "Families on the Kintyre peninsula travel far; the clinic is held in Campbeltown."
            ),
            Vec::<&str>::new()
        );
    }

    #[test]
    fn three_places_at_once_are_an_area() {
        assert_eq!(
            found("Online sessions for fathers in Caithness, Sutherland and Lochaber."),
            Vec::<&str>::new()
        );
        assert_eq!(
            found("Gaelic-speaking families in Skye, Lochalsh and the Western Isles."),
            Vec::<&str>::new()
        );
    }

    #[test]
    fn a_place_where_someone_is_is_still_found() {
        assert!(!found("The boy was staying with an uncle in Campbeltown.").is_empty());
        assert!(!found("The boy stayed with Sutherland and Lochaber Smith.").is_empty());
    }
}
