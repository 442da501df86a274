//! Capitalised words of public text the name rules read as people:
//! a transcript's speaker labels that are roles ("**HOST:**", "GUEST 1
//! (dentist):"), RAG ratings ("| Amber |", "Red (off track), Amber (at
//! risk)"), authors in citation shapes the citation pass does not read
//! (a Vancouver entry with its year in brackets "- Powell C (2016).", a
//! run "includes Ferguson (2017) on …; Munro (2011) on …", "research by
//! Pearce (2011)", "the work of Dekker", "See Davis (2022)"), a
//! programme's name before its kind ("the Childsmile programme"), a
//! glossary term being defined ("- **Finstas** — secondary accounts")
//! and a heading's first word ("### 3.2 Young carers were …").

use std::sync::OnceLock;

use regex::Regex;

use super::{Kind, Rule, Span};

/// Roles a transcript or minute labels its speakers with.
const SPEAKER_ROLES: &[&str] = &[
    "HOST",
    "CO-HOST",
    "GUEST",
    "INTERVIEWER",
    "INTERVIEWEE",
    "CHAIR",
    "PRESENTER",
    "NARRATOR",
    "FACILITATOR",
    "MODERATOR",
    "PANELLIST",
    "SPEAKER",
    "CALLER",
    "REPORTER",
    "RESPONDENT",
    "PARTICIPANT",
    "VOICEOVER",
    "ANNOUNCER",
    "AUDIENCE",
];

const RAG: &[&str] = &["Red", "Amber", "Green", "Blue"];

/// Kinds of thing a one-word programme or platform names ("the
/// Childsmile programme").
const PROGRAMME_KINDS: &[&str] = &[
    "programme",
    "programmes",
    "program",
    "project",
    "service",
    "initiative",
    "app",
    "platform",
    "staff",
    "team",
    "model",
    "approach",
    "framework",
    "tool",
    "toolkit",
    "website",
    "campaign",
];

/// First words of a definition that describe a person instead ("-
/// **Kayden** — aged 4").
const PERSON_DEFINITIONS: &[&str] = &[
    "aged",
    "age",
    "now",
    "born",
    "son",
    "daughter",
    "brother",
    "sister",
    "mum",
    "dad",
    "mother",
    "father",
    "baby",
    "child",
    "cousin",
    "aunt",
    "uncle",
    "gran",
    "granny",
    "grandmother",
    "grandfather",
    "stepdad",
    "stepmum",
    "partner",
    "friend",
    "boyfriend",
    "girlfriend",
    "lives",
    "lived",
    "the",
    "a",
    "an",
    "his",
    "her",
    "their",
    "our",
    "my",
    "he",
    "she",
    "they",
];

fn line_of(text: &str, start: usize, end: usize) -> (usize, usize) {
    let ls = text[..start].rfind('\n').map_or(0, |k| k + 1);
    let le = text[end..].find('\n').map_or(text.len(), |k| end + k);
    (ls, le)
}

/// "**HOST:**", "HOST (Learning and Development Officer):", "GUEST 1:",
/// "> INTERVIEWER:": a role in capitals opening its line, then maybe a
/// number or letter and a bracket, then a colon.
fn speaker_label(text: &str, start: usize, end: usize) -> bool {
    let raw = &text[start..end];
    if !SPEAKER_ROLES.contains(&raw) {
        return false;
    }
    let (ls, le) = line_of(text, start, end);
    let before = &text[ls..start];
    if !before
        .chars()
        .all(|c| c.is_whitespace() || matches!(c, '*' | '_' | '>' | '-' | '['))
    {
        return false;
    }
    static AFTER: OnceLock<Regex> = OnceLock::new();
    let after = AFTER.get_or_init(|| {
        Regex::new(r"^(?:\s+(?:\d{1,2}|[A-Z]))?(?:\s*\([^()\n]{1,80}\))?[*_\]]*\s*:")
            .expect("speaker label pattern compiles")
    });
    after.is_match(&text[end..le])
}

/// A RAG colour: a table cell of its own where the text rates things
/// (another cell holds another colour, or it says "RAG"), or in a line
/// that says "RAG", "rated" or "rating".
fn rag_rating(text: &str, start: usize, end: usize) -> bool {
    let raw = &text[start..end];
    if !RAG.contains(&raw) {
        return false;
    }
    let (ls, le) = line_of(text, start, end);
    let line = &text[ls..le];
    let in_cell = line.trim_start().starts_with('|') && {
        let left = text[ls..start].trim_end_matches([' ', '*', '_']);
        let right = text[end..le].trim_start_matches([' ', '*', '_']);
        left.ends_with('|') && right.starts_with('|')
    };
    if in_cell {
        if text.contains("RAG") {
            return true;
        }
        return RAG.iter().filter(|&&c| c != raw).any(|c| {
            text.lines().any(|l| {
                l.trim_start().starts_with('|')
                    && l.split('|')
                        .any(|cell| cell.trim().trim_matches(['*', '_']) == *c)
            })
        });
    }
    let before = &text[ls..start];
    if before.contains("RAG") || before.to_lowercase().contains(" rat") {
        return true;
    }
    // In a RAG-rated document a colour is a rating ("remained Amber",
    // "Action 1.4 (Amber)", "moved from Green to Amber") unless the text
    // treats it as a person: a kinship word or title before it, or a verb
    // after it ("her sister Amber told").
    if !text.contains("RAG") {
        return false;
    }
    let word_before = text[..start]
        .trim_end()
        .rsplit(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or("");
    let person_before = [
        "sister", "brother", "daughter", "son", "cousin", "friend", "mum", "baby", "called",
        "named", "Ms", "Mrs", "Miss", "Mr",
    ]
    .contains(&word_before);
    let next_word: String = text[end..]
        .strip_prefix(' ')
        .unwrap_or("")
        .chars()
        .take_while(|c| c.is_alphabetic())
        .collect();
    let acts = [
        "said",
        "says",
        "told",
        "tells",
        "asked",
        "asks",
        "was",
        "is",
        "has",
        "had",
        "went",
        "goes",
        "came",
        "comes",
        "cried",
        "spoke",
        "speaks",
        "wants",
        "wanted",
        "felt",
        "feels",
        "lives",
        "lived",
        "attended",
        "attends",
        "disclosed",
        "stayed",
        "stays",
    ]
    .contains(&next_word.as_str());
    !person_before && !acts
}

/// An entry of a Vancouver-style reference list with its year in
/// brackets: "- Harris J, Balmer R, Sidebotham P (2009). Title…".
fn vancouver_year_entries() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        let surname = r"\p{Lu}[\p{L}'’]*(?:-\p{Lu}[\p{L}'’]*)*";
        Regex::new(&format!(
            r"(?m)^[ \t]*(?:[-*+]|\d+\.|\[\d+\])?[ \t]*({surname}\s+\p{{Lu}}{{1,3}}(?:,\s+{surname}\s+\p{{Lu}}{{1,3}}){{0,12}}(?:,?\s+et\s+al\.?)?)\s*\((?:1[89]\d\d|20\d\d)[a-z]?\)"
        ))
        .expect("vancouver entry pattern compiles")
    })
}

/// The surnames of the Vancouver entries with a year in brackets.
fn vancouver_authors(text: &str) -> Vec<(usize, usize, String)> {
    let mut out = Vec::new();
    if !text.contains(" (") {
        return out;
    }
    for c in vancouver_year_entries().captures_iter(text) {
        let names = c.get(1).expect("group 1");
        for part in names.as_str().split(',') {
            if let Some(surname) = part.split_whitespace().next() {
                if surname != "et" {
                    out.push((names.start(), names.end(), surname.to_lowercase()));
                }
            }
        }
    }
    out
}

/// "Surname (2017) on how…", "Surname (2011) on a…" in a sentence that
/// names two or more such works or speaks of research; "research by
/// Pearce (2011) and more recently by Kohli and Connolly on";
/// "the work of Dekker on"; "See Davis (2022)".
fn cited_in_a_sentence(text: &str, start: usize, end: usize) -> bool {
    static YEAR: OnceLock<Regex> = OnceLock::new();
    let year = YEAR.get_or_init(|| {
        Regex::new(r"^(?:'s|’s)?\s+\((?:1[89]\d\d|20\d\d)[a-z]?\)").expect("year pattern")
    });
    let (ls, le) = line_of(text, start, end);
    // The sentence: back to the last full stop followed by a space.
    let ss = text[ls..start].rfind(". ").map_or(ls, |k| ls + k + 2);
    let se = text[end..le].find(". ").map_or(le, |k| end + k);
    let sentence = text[ss..se].to_lowercase();
    let before = text[ss..start].trim_end();
    let after = &text[end..le];
    let dated = year.is_match(after);
    if dated && (before.ends_with("See") || before.ends_with("see")) {
        return true;
    }
    let scholarly = [
        "research",
        "study",
        "studies",
        "paper",
        "work of",
        "work by",
        "writing",
        "literature",
    ]
    .iter()
    .any(|w| sentence.contains(w));
    // "Lavery (2014) on missed visits": a work and its topic.
    let on_topic = year
        .find(after)
        .is_some_and(|m| after[m.end()..].starts_with(" on "));
    if dated && (scholarly || on_topic) {
        return true;
    }
    if !scholarly {
        return false;
    }
    // Undated: the name run right after "by" or "of", or after "and"
    // within such a run ("by Kohli and Connolly").
    let lc_before = before.to_lowercase();
    let mut tail = lc_before.as_str();
    loop {
        if tail.ends_with(" by") || tail.ends_with(" of") {
            // The work is named just before "by" or "of" ("a 2019 paper
            // by", "the pioneering work of"): "paper message book pages
            // typed up by Jackie" names who typed a record.
            // Eight words: "Research by Pearce (2011) and more recently by
            // Kohli".
            let near: Vec<&str> = tail[..tail.len() - 3]
                .split_whitespace()
                .rev()
                .take(8)
                .collect();
            let recorded = near
                .iter()
                .find(|w| **w != "up")
                .is_some_and(|w| RECORDED.contains(w));
            return !recorded
                && ["research", "study", "studies", "paper", "work", "writing"]
                    .iter()
                    .any(|w| near.iter().any(|n| n.contains(w)));
        }
        // Step back over "Name and" to the word before the run.
        let Some(rest) = tail.strip_suffix(" and") else {
            return false;
        };
        let Some(k) = rest.rfind(' ') else {
            return false;
        };
        let prev = &text[ss + k + 1..ss + rest.len()];
        if !prev.starts_with(char::is_uppercase) {
            return false;
        }
        tail = &lc_before[..k];
    }
}

/// Verbs of making a record, before "by" ("typed up by", "completed by"):
/// the person after is who made it, not an author.
const RECORDED: &[&str] = &[
    "typed",
    "written",
    "completed",
    "filled",
    "taken",
    "recorded",
    "signed",
    "sent",
    "made",
    "kept",
    "seen",
    "countersigned",
    "witnessed",
    "logged",
    "noted",
];

/// "the Childsmile programme", "the Childsmile staff": a word no list
/// knows, between "the" and a kind of programme.
fn programme_name(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].trim_end();
    let the = before
        .rsplit(|c: char| !c.is_alphabetic())
        .next()
        .is_some_and(|w| w.eq_ignore_ascii_case("the"));
    let next = text[end..]
        .trim_start_matches(' ')
        .split(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or("");
    the && PROGRAMME_KINDS.contains(&next)
}

/// "- **Finstas** — secondary, private social media accounts.": the
/// bold term opening a list item, defined after a dash or colon by words
/// that describe no person.
fn glossary_term(text: &str, start: usize, end: usize) -> bool {
    let (ls, le) = line_of(text, start, end);
    let before = text[ls..start].trim_start();
    let opens = matches!(before, "- **" | "* **" | "+ **" | "**" | "- *" | "- __");
    if !opens {
        return false;
    }
    let rest = text[end..le].trim_start_matches(['*', '_']);
    let Some(def) = [" \u{2014} ", " \u{2013} ", " - ", ": "]
        .iter()
        .find_map(|sep| rest.strip_prefix(sep))
        .or_else(|| {
            // "**Finstas:** secondary…": the colon inside the bold.
            text[end..le]
                .strip_prefix(":**")
                .or_else(|| text[end..le].strip_prefix(":__"))
                .map(str::trim_start)
        })
    else {
        return false;
    };
    let first = def.split(|c: char| !c.is_alphabetic()).next().unwrap_or("");
    first.starts_with(char::is_lowercase) && !PERSON_DEFINITIONS.contains(&first)
}

/// "### 3.2 Young carers were not recognised": a heading's first word
/// before a word in lower case.
fn heading_opening(text: &str, start: usize, end: usize) -> bool {
    let (ls, _) = line_of(text, start, end);
    let before = &text[ls..start];
    let Some(rest) = before.trim_start().strip_prefix('#') else {
        return false;
    };
    let rest = rest.trim_start_matches('#').trim();
    let numbered = rest.is_empty()
        || rest
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ' ');
    numbered
        && text[end..]
            .strip_prefix(' ')
            .is_some_and(|r| r.starts_with(char::is_lowercase))
}

/// Drops the spans of speaker labels, RAG ratings, authors cited in the
/// shapes above, programme names, glossary terms and headings' first
/// words. A title's name ("Dr Munro") always stays.
pub(super) fn drop_labels_ratings_and_authors(text: &str, spans: &mut Vec<Span>) {
    let authors = vancouver_authors(text);
    spans.retain(|s| {
        if s.rule.kind() != Kind::PersonName || s.rule == Rule::Title {
            return true;
        }
        let raw = &text[s.start..s.end];
        if speaker_label(text, s.start, s.end) || rag_rating(text, s.start, s.end) {
            return false;
        }
        if !authors.is_empty()
            && (authors.iter().any(|&(a, b, _)| a <= s.start && s.end <= b)
                || raw.split_whitespace().all(|w| {
                    let w = super::strip_possessive(w).0.to_lowercase();
                    authors.iter().any(|(_, _, n)| *n == w)
                }))
        {
            return false;
        }
        // "See Davis (2022)": the run took the imperative in.
        let (s_start, s_raw) = match raw.strip_prefix("See ") {
            Some(r) => (s.end - r.len(), r),
            None => (s.start, raw),
        };
        // Initials ("typed up by LS") are no author's name.
        let capitals = s_raw.chars().all(|c| c.is_uppercase());
        if !s_raw.contains(' ') && !capitals && cited_in_a_sentence(text, s_start, s.end) {
            return false;
        }
        if s.rule == Rule::Unknown
            && (programme_name(text, s.start, s.end) || glossary_term(text, s.start, s.end))
        {
            return false;
        }
        // "### 4.6 Winter and travel": a word that is also a name opens
        // the heading as it would a sentence.
        !((raw == "Young" || s.rule == Rule::NameWord) && heading_opening(text, s.start, s.end))
    });
}

#[cfg(test)]
mod tests {
    use super::super::names_found as found;

    #[test]
    fn an_author_named_after_a_work_passes_and_a_records_typist_stays() {
        assert!(found("A 2019 paper by Kohli and Connolly set this out.").is_empty());
        assert!(found("It draws on the pioneering work of Lavery.").is_empty());
        assert_eq!(
            found("NB: paper message book pages typed up by Jackie (senior receptionist)."),
            ["Jackie"]
        );
    }

    #[test]
    fn speaker_labels_that_are_roles_pass() {
        let t = "**PRESENTER (Youth Work Lead):** Welcome back.\n\n**PRESENTER:** So where do we start?\n\nGUEST 2: With the parents.\n\nINTERVIEWER: Thank you.\n";
        assert!(found(t).is_empty(), "{:?}", found(t));
        // A name in capitals as a label is still found.
        assert!(found("**KELBURN:** I never saw him.\n").contains(&"KELBURN"));
    }

    #[test]
    fn rag_ratings_pass_but_a_child_in_a_cell_is_found() {
        let t =
            "| Action | Status |\n|---|---|\n| Audit files | Green |\n| Train staff | Amber |\n";
        assert!(found(t).is_empty(), "{:?}", found(t));
        let p =
            "Each quarter the board rates progress: Red (stalled), Amber (slipping), Green (done).";
        assert!(found(p).is_empty(), "{:?}", found(p));
        let moved = "| Action | RAG |\n|---|---|\n| Audit files | Green |\n\n- Action 2 moved from Green to Amber after the audit.\n- Action 3 (Amber) remained Amber.\n";
        assert!(found(moved).is_empty(), "{:?}", found(moved));
        let sister = format!("{moved}\nHer sister Amber told the teacher. Then Green said no.\n");
        assert_eq!(found(&sister), ["Amber", "Green"]);
        let who = format!("{t}\nHer sister Amber told the teacher she was hungry.\n");
        let who = who.as_str();
        assert!(found(who).contains(&"Amber"), "{:?}", found(who));
    }

    #[test]
    fn vancouver_entries_with_a_bracketed_year_and_their_authors_pass() {
        let t = "As Lavery has argued, the label matters.\n\n## Reading\n\n- Lavery K, Tennant M (2014). Missed visits. *Child Care in Practice*.\n";
        assert!(found(t).is_empty(), "{:?}", found(t));
    }

    #[test]
    fn authors_in_research_sentences_pass() {
        let t = "Work that guided us includes Lavery (2014) on missed visits; Tennant (2019) on home conditions.";
        assert!(found(t).is_empty(), "{:?}", found(t));
        let r =
            "Studies by Lavery (2014) and later by Tennant and Okafor on young carers show this.";
        assert!(found(r).is_empty(), "{:?}", found(r));
        let ls = "Notes typed up by LS for the study team.";
        assert!(found(ls).contains(&"LS"), "{:?}", found(ls));
        let w = "We drew on the work of Tennant on safety culture.";
        assert!(found(w).is_empty(), "{:?}", found(w));
        let see = "Workers can misread distress. See Lavery (2014) for a summary.";
        assert!(found(see).is_empty(), "{:?}", found(see));
        // A child with a birth year in a family list is still found.
        let kids = "The children are Kayden (2015) and Rhiannon (2017).";
        assert!(found(kids).contains(&"Kayden"), "{:?}", found(kids));
    }

    #[test]
    fn programme_names_glossary_terms_and_headings_pass() {
        let t = "Families were offered the Bairnwell programme at school.";
        assert!(found(t).is_empty(), "{:?}", found(t));
        let g = "- **Snapgrams** — short-lived shared stories.\n";
        assert!(found(g).is_empty(), "{:?}", found(g));
        let h = "### 2.4 Young people were not asked\n";
        assert!(found(h).is_empty(), "{:?}", found(h));
        let h = "### 4.6 Winter and travel\n";
        assert!(found(h).is_empty(), "{:?}", found(h));
        let estate = "They moved from the Carrowbrae scheme to a new flat.";
        assert!(!found(estate).is_empty(), "{:?}", found(estate));
        let kid = "- **Kaydence** — aged 4, at nursery.\n";
        assert!(found(kid).contains(&"Kaydence"), "{:?}", found(kid));
    }
}
