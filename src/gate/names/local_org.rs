//! Local organisations named by ordinary words and a place: a community
//! association, a club, a charity's branch or a small firm whose name
//! begins or ends with the town or area it serves ("Fife Polish Families
//! Association", "Youth Link Moray", "Eritrean Community Glasgow", "Moray
//! Men's Shed"). The place is what makes the run a name of something
//! local, whatever its other words are (kind words vary without end:
//! Link, Shed, Lanterns, Horizons), and such a group is small enough to
//! point at the family who uses it.
//!
//! Public bodies of the same shape pass: a run with a word of the public
//! sector in it ("Glasgow City Council", "Highland Child Protection
//! Committee", "Edinburgh Napier University", "Fife Women's Aid"), a
//! heading, and a place with nothing but compass points or other places.
//! What is found is for a person to decide (a needs-decision finding).

use super::lexicon::{lexicon, strip_possessive, Lexicon};

/// Council areas, health board areas and regions, which the towns'
/// gazetteer does not hold: a name that starts or ends with one serves
/// that area.
const AREAS: &[&str] = &[
    "aberdeenshire",
    "angus",
    "argyll",
    "ayrshire",
    "borders",
    "clackmannanshire",
    // Its everyday short form ("Clacks Young Carers").
    "clacks",
    "dunbartonshire",
    "fife",
    // "Forth Valley", "Clyde": regions named by their rivers, words too.
    "forth",
    "clyde",
    "galloway",
    "grampian",
    "highland",
    "inverclyde",
    "lanarkshire",
    "lothian",
    "midlothian",
    "moray",
    "orkney",
    "renfrewshire",
    "shetland",
    "tayside",
];

/// Words of the public sector, national bodies and big public places: a
/// run holding one names a public body or a public place, which
/// identifies nobody.
const PUBLIC: &[&str] = &[
    "council",
    "councils",
    "nhs",
    "police",
    "university",
    "college",
    "court",
    "board",
    "committee",
    // Multi-agency arrangements named by their area: "Fife Chief Officers
    // Group", "Dundee Protecting People", "Ayrshire Champions Boards".
    "officers",
    "multi-agency",
    "escalation",
    "protecting",
    "boards",
    "partnership",
    "government",
    "parliament",
    "airport",
    "station",
    "infirmary",
    "hospital",
    "festival",
    "commission",
    "inspectorate",
    "authority",
    "city",
    "region",
    "regional",
    "health",
    "sheriff",
    "division",
    "area",
    "service",
    "services",
    "children's",
    "scotland",
    "scottish",
    "uk",
    "british",
    "national",
    "aid",
    "citizens",
    "advice",
    "cpc",
    "hscp",
    "adp",
    "social",
    "work",
    "protection",
    "public",
    "department",
    "directorate",
    "office",
    "prison",
    "museum",
    "library",
    "gallery",
    "zoo",
    "cathedral",
    "castle",
    "review",
    "reviews",
    "learning",
    "report",
    "annual",
    "strategy",
    "plan",
    "policy",
    "guidance",
    "procedures",
    "standards",
    // Instruments and methods named after the city they came from
    // ("Edinburgh Postnatal Depression Scale").
    "scale",
    "questionnaire",
    "tool",
    "model",
    "framework",
    "approach",
    "test",
    "index",
    "score",
    "assessment",
    "method",
    "protocol",
    "pathway",
    "programme",
    "study",
    "survey",
    "declaration",
    "convention",
    "agreement",
];

/// Words that open a sentence or a phrase before a name ("At Youth Link
/// Moray"): not part of it.
const OPENERS: &[&str] = &[
    "the", "at", "in", "on", "to", "from", "via", "by", "with", "and", "then", "also", "a", "an",
    "our", "their", "her", "his", "my", "for", "of", "see", "contact", "call", "visit", "this",
];

const COMPASS: &[&str] = &[
    "north", "south", "east", "west", "central", "greater", "upper", "lower", "mid", "inner",
    "outer",
];

/// Words of a capitalised run: a capital, then letters, apostrophes or
/// hyphens ("Men's", "Home-Start").
/// The length of the word at `i`: letters, apostrophes and hyphens. Byte
/// by byte while they are ASCII (every capital of the text asks).
fn word_len(text: &str, i: usize) -> usize {
    let b = text.as_bytes();
    let mut j = i;
    while j < b.len() && (b[j].is_ascii_alphabetic() || b[j] == b'\'' || b[j] == b'-') {
        j += 1;
    }
    if j < b.len() && b[j] >= 0x80 {
        return j - i
            + text[j..]
                .find(|c: char| !(c.is_alphabetic() || matches!(c, '\'' | '’' | '-')))
                .unwrap_or(text.len() - j);
    }
    j - i
}

fn words_at(text: &str, from: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let b = text.as_bytes();
    let mut i = from;
    loop {
        if i >= b.len() || !b[i].is_ascii_uppercase() {
            break;
        }
        let len = word_len(text, i);
        out.push((i, i + len));
        let next = i + len;
        // One space or tab joins the words of a name; anything else ends it.
        if next + 1 < b.len() && matches!(b[next], b' ' | b'\t') {
            i = next + 1;
        } else {
            break;
        }
    }
    out
}

/// A town or area; never an English word, a people or a language the
/// towns' gazetteer also holds ("Church", a hamlet, in "Romanian Orthodox
/// Church").
fn is_place(lex: &Lexicon, lc: &str) -> bool {
    AREAS.contains(&lc)
        || (lex.places.contains(lc)
            && !lex.words.contains(lc)
            && !lex.groups.contains(lc)
            && !lex.world_places.contains(lc))
}

/// The spans of local organisations in `text`.
pub fn find(text: &str) -> Vec<(usize, usize)> {
    let lex = lexicon();
    let mut out = Vec::new();
    let b = text.as_bytes();
    // Only a capital can begin a run, so only capitals are visited (found
    // 64 bytes at a time), from where the last run ended.
    let mut i = 0;
    crate::gate::text::for_each_ascii_capital(b, |at| {
        if at < i {
            return;
        }
        i = at;
        let starts_word = i == 0 || !(b[i - 1].is_ascii_alphanumeric() || b[i - 1] >= 0x80);
        if !starts_word {
            i += 1;
            return;
        }
        // A word alone (most capitals: a sentence's first word, a name)
        // is no run: skip it without building one.
        let len = word_len(text, i);
        let next = i + len;
        if !(next + 1 < b.len()
            && matches!(b[next], b' ' | b'\t')
            && b[next + 1].is_ascii_uppercase())
        {
            i = next.max(i + 1);
            return;
        }
        let words = words_at(text, i);
        let end = words.last().map_or(i + 1, |w| w.1);
        i = end.max(i + 1);
        if let Some(span) = local_organisation(text, lex, &words) {
            out.push(span);
        }
    });
    out
}

fn local_organisation(
    text: &str,
    lex: &Lexicon,
    words: &[(usize, usize)],
) -> Option<(usize, usize)> {
    // Most runs are one word (a sentence's first, a name): nothing to
    // look up.
    if words.len() < 2 {
        return None;
    }
    // Two words without a hyphen stay under three words whatever openers
    // are skipped below: no need to lower-case them first.
    if words.len() == 2 && !words.iter().any(|&(s, e)| text[s..e].contains('-')) {
        return None;
    }
    let lcs: Vec<String> = words
        .iter()
        .map(|&(s, e)| strip_possessive(&text[s..e]).0.to_lowercase())
        .collect();
    let skip = lcs
        .iter()
        .take_while(|w| OPENERS.contains(&w.as_str()))
        .count();
    let (words, lcs) = (&words[skip..], &lcs[skip..]);
    let hyphenated = words.iter().any(|&(s, e)| text[s..e].contains('-'));
    if words.len() < 3 && !(words.len() == 2 && hyphenated) {
        return None;
    }
    let (first, last) = (&lcs[0], &lcs[lcs.len() - 1]);
    // "Glasgow's Ellis Island", "Edinburgh's Chief Officers Group": a
    // thing of the place, not a name that holds it.
    let (_, possessive) = strip_possessive(&text[words[0].0..words[0].1]);
    if possessive {
        return None;
    }
    if let Some(span) =
        super::local_service::local_service(text, lex, words, lcs, &|w| is_place(lex, w), &|w| {
            PUBLIC.contains(&w)
        })
    {
        return Some(span);
    }
    if !(is_place(lex, first) || is_place(lex, last)) {
        return None;
    }
    if lcs.iter().any(|w| PUBLIC.contains(&w.as_str())) {
        return None;
    }
    // Something besides places and compass points: "Perth Kinross" or
    // "East Renfrewshire Glasgow" names only areas.
    if lcs
        .iter()
        .all(|w| is_place(lex, w) || COMPASS.contains(&w.as_str()))
    {
        return None;
    }
    let (start, end) = (words[0].0, words[words.len() - 1].1);
    // "the Glasgow Baby Bank network": a scheme across an area, described
    // by the kind of scheme it is.
    let next = text[end..]
        .strip_prefix(' ')
        .and_then(|r| r.split(|c: char| !c.is_alphabetic()).next())
        .unwrap_or("");
    if matches!(
        next,
        "network" | "scheme" | "service" | "programme" | "initiative" | "model" | "partnership"
    ) {
        return None;
    }
    // A heading or a line that is nothing but the run names a section.
    let line_start = text[..start].rfind('\n').map_or(0, |p| p + 1);
    let line_end = text[end..].find('\n').map_or(text.len(), |p| end + p);
    let line = text[line_start..line_end].trim();
    if line.starts_with('#')
        || line.trim_matches(|c: char| !c.is_alphanumeric()) == &text[start..end]
    {
        return None;
    }
    Some((start, end))
}

#[cfg(test)]
mod tests {
    use super::find;

    #[test]
    fn word_lengths_are_read_as_characters_read_them() {
        let text = "Ó'Bríen-Smith’s Kelvin\u{212a}x O'Neil-Ross. Zoë’s Ab1 A-";
        for (i, _) in text.char_indices() {
            let by_chars = text[i..]
                .find(|c: char| !(c.is_alphabetic() || matches!(c, '\'' | '’' | '-')))
                .unwrap_or(text.len() - i);
            assert_eq!(super::word_len(text, i), by_chars, "{i}");
        }
    }

    fn found(s: &str) -> Vec<&str> {
        find(s).into_iter().map(|(a, b)| &s[a..b]).collect()
    }

    #[test]
    fn groups_named_by_their_place_and_ordinary_words_are_found() {
        assert_eq!(
            found("She goes to Angus Syrian Families Network on Thursdays."),
            ["Angus Syrian Families Network"]
        );
        assert_eq!(
            found("He plays at the weekend with Thistle Strikers Falkirk, his cousin too."),
            ["Thistle Strikers Falkirk"]
        );
        assert_eq!(
            found("Referred to Second Chance Dunfermline and to Inverclyde Kinship Circle."),
            ["Second Chance Dunfermline", "Inverclyde Kinship Circle"]
        );
        assert_eq!(
            found("Support from Home-Start Stirling since May."),
            ["Home-Start Stirling"]
        );
        assert_eq!(
            found("Referral made to Clacks Befriending Circle."),
            ["Clacks Befriending Circle"]
        );
    }

    #[test]
    fn public_bodies_areas_and_headings_pass() {
        for t in [
            "Glasgow City Council and Highland Child Protection Committee agreed.",
            "A student at Edinburgh Napier University, referred by Fife Women's Aid.",
            "The family moved from East Renfrewshire to North Lanarkshire in 2020.",
            "## Dundee Learning Review Findings\n",
            "Two recent Edinburgh Learning Reviews found that lenders held information.",
            "NHS Greater Glasgow and Clyde and Police Scotland attended.",
            "In Fife, families said the bus was the problem.",
            "She scored 15 on the Edinburgh Postnatal Depression Scale.",
            "Glasgow's Ellis Island, and Edinburgh's Chief Officers Group.",
            "Families used the Dundee Toy Library network and the Moray Warm Homes scheme.",
            "The Perth Chief Officers Group asked the Angus Multi-Agency Escalation panel.",
        ] {
            assert!(found(t).is_empty(), "{t}: {:?}", found(t));
        }
    }
}

#[cfg(test)]
mod local_service_tests {
    use super::find;

    fn found(s: &str) -> Vec<&str> {
        find(s).into_iter().map(|(a, b)| &s[a..b]).collect()
    }

    #[test]
    fn local_offices_and_small_services_are_found() {
        assert_eq!(
            found("We phoned Dundee Social Work Office (South East) duty at noon."),
            ["Dundee Social Work Office"]
        );
        assert_eq!(
            found("Rang Perth-West Children's Services Team today."),
            ["Perth-West Children's Services Team"]
        );
        assert_eq!(
            found("A referral to Stirling Befriending Support Service was agreed."),
            ["Stirling Befriending Support Service"]
        );
    }

    #[test]
    fn a_councils_whole_service_passes() {
        for t in [
            "Fife Children's Services and Highland Social Work Service agreed.",
            "Dundee Social Work Office staff attended.",
            "## Stirling Befriending Support Service",
        ] {
            assert!(found(t).is_empty(), "{t}: {:?}", found(t));
        }
    }
}
