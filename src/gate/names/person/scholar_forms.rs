//! Scholars named the ways reports, briefings and talks name them after a
//! first citation, each with a cue of scholarship right beside the name:
//! - a verb of writing in the present, or "as" before one ("As
//!   Featherstone argues", "Taylor writes that", "as Horwath later
//!   showed");
//! - colleagues or co-authors ("Bywaters and his colleagues", "Professor
//!   Featherstone and her co-authors");
//! - a scholar's title and a verb of writing in the sentence ("Professor
//!   Munro, in her review …, argued");
//! - a possessive before a noun of scholarship ("Harry Ferguson's
//!   ethnographic studies", "Professor Sidebotham's analysis");
//! - "see also" before the name, an editor's "(ed.)" after it, a note
//!   whose names run into an emphasised title ("1. Daniel, Taylor and
//!   Scott, *Noticing …*");
//! - a cell of a table's "Author" column.
//!
//! A family's names keep theirs: a child argues *with* someone, writes *in*
//! a diary, a mother's "report" or "work" is no study, and a doctor ("Dr")
//! is as often a clinician in the case as an author.

use super::{Kind, Rule, Span};

/// Verbs of writing in the present: the register of a reading list.
const WRITES: &[&str] = &[
    "argues",
    "writes",
    "notes",
    "suggests",
    "contends",
    "observes",
    "concludes",
    "proposes",
    "cautions",
    "maintains",
    "reminds us",
    "puts it",
];

/// Verbs of writing in the past, after "as" ("as Horwath later showed").
const WROTE: &[&str] = &[
    "argued",
    "wrote",
    "showed",
    "shown",
    "observed",
    "noted",
    "suggested",
    "put it",
    "concluded",
    "found",
    "described",
];

const COLLEAGUES: &[&str] = &["colleagues", "co-authors", "coauthors", "collaborators"];

/// Nouns of scholarship after a possessive.
const STUDIES: &[&str] = &[
    "research",
    "studies",
    "study of",
    "analysis",
    "analyses",
    "writing",
    "writings",
    "theory",
    "theories",
    "ethnographic",
    "scholarship",
    "typology",
    "seminal",
    "influential",
    "landmark",
    "book",
    "book on",
    "review of child protection",
    "work on attachment",
];

/// The nouns that follow a lone surname's possessive: a child's
/// "writing" or "book" is its own.
const ONE_NAME_STUDIES: &[&str] = &[
    "research",
    "studies",
    "analysis",
    "theory",
    "theories",
    "ethnographic",
    "scholarship",
    "typology",
];

/// Titles a scholar is known by; "Dr" is left out on purpose.
const SCHOLAR_TITLES: &[&str] = &["Professor ", "Prof ", "Prof. ", "Sir ", "Dame "];

fn after_word<'a>(rest: &'a str, words: &[&str]) -> Option<&'a str> {
    words.iter().find_map(|w| {
        rest.strip_prefix(w)
            .filter(|r| !r.starts_with(|c: char| c.is_alphanumeric()))
    })
}

/// The rest of the sentence after `end`, on its line.
fn sentence_after(text: &str, end: usize) -> &str {
    let rest = line_after(text, end);
    let stop = rest.find(['.', ';', '?', '!']).unwrap_or(rest.len());
    &rest[..stop]
}

/// The line's text before `start`, within `near`'s reach: a text pasted
/// without line breaks would make every span's look-up walk all of it.
fn line_before(text: &str, start: usize) -> &str {
    let (ls, _) = super::super::near::line_around(text, start, start);
    &text[ls..start]
}

/// The line's text after `end`, within the same reach.
fn line_after(text: &str, end: usize) -> &str {
    let (_, le) = super::super::near::line_around(text, end, end);
    &text[end..le]
}

/// The verbs of `WRITES` that a record uses of its own people too ("Shannon
/// notes that…", "Tyler writes that he hates school", "Dad suggests a
/// time"): a scholar's only after "as".
const RECORD_VERBS: &[&str] = &[
    "writes",
    "notes",
    "suggests",
    "concludes",
    "proposes",
    "maintains",
];

fn present_writing(rest: &str) -> bool {
    let rest = rest.trim_start();
    // "Taylor later writes", "Featherstone also argues".
    let rest = after_word(rest, &["also", "later", "rightly", "further", "then"])
        .map_or(rest, str::trim_start);
    if after_word(rest, RECORD_VERBS).is_some() {
        return false;
    }
    after_word(rest, WRITES).is_some_and(|r| {
        let r = r.trim_start();
        // "argues with her sister": an argument, not a thesis.
        !r.starts_with("with") && !r.starts_with("in her") && !r.starts_with("in his")
    })
}

/// Verbs of argument in the plural, after a list of authors.
const ARGUE: &[&str] = &[
    "argue",
    "contend",
    "posit",
    "observe",
    "caution",
    "conclude",
    "propose",
    "suggest",
    "note",
    "show",
    "describe",
    "found",
    "showed",
    "argued",
    "concluded",
];

/// "Featherstone, Morris and White argue for …", "Hawkins and Shohet
/// suggest that …": the name is one of a list of two or more capitalised
/// names whose verb of argument opens a thesis ("that", "for", a comma);
/// children who "argue all the time" have no thesis.
fn listed_arguing(text: &str, start: usize, end: usize) -> bool {
    let (line_start, line_end) = super::super::near::line_around(text, start, end);
    let is_name = |w: &str| {
        w.len() >= 2
            && w.starts_with(|c: char| c.is_uppercase())
            && w.chars()
                .all(|c| c.is_alphabetic() || c == '-' || c == '\'')
    };
    // Rightwards over ", Name" and " and Name".
    let mut names = 1;
    let mut rest = &text[end..line_end];
    loop {
        let r = rest
            .strip_prefix(", and ")
            .or_else(|| rest.strip_prefix(", "))
            .or_else(|| rest.strip_prefix(" and "))
            .or_else(|| rest.strip_prefix(" & "));
        let Some(r) = r else { break };
        let w_end = r
            .find(|c: char| !(c.is_alphabetic() || c == '-' || c == '\''))
            .unwrap_or(r.len());
        if !is_name(&r[..w_end]) {
            break;
        }
        names += 1;
        rest = &r[w_end..];
    }
    // Leftwards over "Name, " and "Name and ".
    let mut before = &text[line_start..start];
    loop {
        let b = before
            .strip_suffix(", ")
            .or_else(|| before.strip_suffix(" and "))
            .or_else(|| before.strip_suffix(" & "));
        let Some(b) = b else { break };
        // Past the last character that is no part of a name, whatever its
        // width ("said “Yoyo").
        let w_start = b
            .char_indices()
            .rev()
            .find(|&(_, c)| !(c.is_alphabetic() || c == '-' || c == '\''))
            .map_or(0, |(i, c)| i + c.len_utf8());
        if !is_name(&b[w_start..]) {
            break;
        }
        names += 1;
        before = &b[..w_start];
    }
    // Inside a quote, people speak for themselves.
    let said = &text[line_start..start];
    let open_quote = said.matches('"').count() % 2 == 1
        || said.rfind('“').is_some_and(|i| !said[i..].contains('”'));
    if names < 2 || open_quote {
        return false;
    }
    let Some(after) = rest.strip_prefix(' ') else {
        return false;
    };
    let after = after_word(after, &["also", "rightly", "further"]).map_or(after, str::trim_start);
    after_word(after, ARGUE).is_some_and(|r| {
        let r = r.trim_start();
        r.starts_with("that") || r.starts_with("for ") || r.starts_with(',')
    })
}

fn as_writing(text: &str, start: usize, end: usize) -> bool {
    let before = line_before(text, start);
    let before = before.trim_end();
    let as_before = before.ends_with(" as") || before.ends_with("As") || before.ends_with("(as");
    if !as_before {
        return false;
    }
    let rest = text[end..].trim_start();
    let rest = after_word(
        rest,
        &["later", "first", "also", "rightly", "once", "famously"],
    )
    .map_or(rest, str::trim_start);
    after_word(rest, WROTE).is_some() || after_word(rest, WRITES).is_some()
}

fn with_colleagues(text: &str, end: usize) -> bool {
    let rest = text[end..].trim_start();
    let Some(rest) = after_word(rest, &["and", "&"]) else {
        return false;
    };
    let rest = rest.trim_start();
    let rest = after_word(rest, &["his", "her", "their"]).map_or(rest, str::trim_start);
    after_word(rest, COLLEAGUES).is_some()
        || after_word(rest, &["team"]).is_some_and(|r| {
            let r = r.trim_start();
            after_word(r, WROTE).is_some() || after_word(r, WRITES).is_some()
        })
}

fn titled_writer(text: &str, start: usize, end: usize) -> bool {
    let span = &text[start..end];
    if !SCHOLAR_TITLES.iter().any(|t| span.starts_with(t)) {
        return false;
    }
    let rest = sentence_after(text, end);
    rest.split(|c: char| !c.is_alphabetic())
        .any(|w| WROTE.contains(&w) || WRITES.contains(&w))
}

fn studies_of(text: &str, start: usize, end: usize) -> bool {
    let span = &text[start..end];
    let possessive = span.ends_with("'s") || span.ends_with("’s") || span.ends_with("s'");
    let rest = text[end..].trim_start();
    let (rest, possessive) = match rest.strip_prefix("'s").or(rest.strip_prefix("’s")) {
        Some(r) => (r.trim_start(), true),
        None => (rest, possessive),
    };
    if !possessive {
        return false;
    }
    // A given name and a surname, or a scholar's title, or one surname
    // before the narrowest nouns.
    let full = span.split_whitespace().count() >= 2;
    let rest = after_word(rest, &["later", "early", "own", "recent", "classic"])
        .map_or(rest, str::trim_start);
    STUDIES.iter().any(|n| {
        rest.starts_with(n)
            && !rest[n.len()..].starts_with(|c: char| c.is_alphanumeric())
            && (full || ONE_NAME_STUDIES.contains(n) || n.starts_with("review"))
    })
}

/// Verbs of building on someone's work, before the name.
const DREW_ON: &[&str] = &[
    "drew on",
    "draws on",
    "drawing on",
    "draw on",
    "builds on",
    "built on",
    "building on",
];

/// Nouns of someone's work after a possessive that "drew on" or a note's
/// "See" makes scholarly.
const WORK: &[&str] = &[
    "work",
    "research",
    "ideas",
    "writing",
    "thinking",
    "studies",
    "model",
    "framework",
    "theory",
    "concept",
    "analysis",
];

/// "drew on Carlene Firmin's work", "[^2]: See … Danya Glaser's work on
/// …": someone's work that a review builds on or a note points to.
fn built_on(text: &str, start: usize, end: usize) -> bool {
    if !possessive(text, start, end) {
        return false;
    }
    let rest = text[end..]
        .trim_start_matches("'s")
        .trim_start_matches("’s")
        .trim_start();
    let work = WORK.iter().any(|w| {
        rest.starts_with(w) && !rest[w.len()..].starts_with(|c: char| c.is_alphanumeric())
    });
    if !work {
        return false;
    }
    let line = line_before(text, start);
    let before = line.trim_end().to_lowercase();
    let before = before
        .strip_suffix("the")
        .map_or(before.as_str(), str::trim_end);
    if DREW_ON.iter().any(|d| before.ends_with(d)) {
        return true;
    }
    // A note that sends the reader elsewhere: "[^2]: See …", "4. See …".
    let note = line.trim_start();
    let note = note
        .strip_prefix("[^")
        .and_then(|n| n.split_once("]: "))
        .map(|(_, r)| r)
        .or_else(|| {
            note.split_once(". ")
                .filter(|(n, _)| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
                .map(|(_, r)| r)
        });
    // The span may have taken the note's "See" as a capitalised word.
    let see_in_span = text[start..end].starts_with("See ");
    note.is_some_and(|r| {
        r.starts_with("See ") || r.starts_with("see ") || (see_in_span && r.trim().is_empty())
    })
}

/// "a term Dingwall first used", "the phrase Munro coined": the name of a
/// term's author.
fn coined(text: &str, start: usize, end: usize) -> bool {
    let before = line_before(text, start).trim_end().to_lowercase();
    let term = ["term", "phrase", "concept", "expression", "idea"]
        .iter()
        .any(|t| before.ends_with(t));
    let rest = &text[end..];
    let verb = [
        " first used",
        " coined",
        " first named",
        " introduced",
        " used",
    ]
    .iter()
    .any(|v| rest.starts_with(v));
    (term && verb) || rest.starts_with(" coined the") || rest.starts_with(" first named the \"")
}

/// "the Munro review", "the Laming report": an inquiry known by its
/// author's name.
fn eponymous_review(text: &str, start: usize, end: usize) -> bool {
    let before = line_before(text, start).trim_end();
    let the =
        before.ends_with(" the") || before.ends_with(" The") || before == "the" || before == "The";
    the && !possessive(text, start, end)
        && [
            " review", " report", " inquiry", " Review", " Report", " Inquiry",
        ]
        .iter()
        .any(|w| {
            text[end..].starts_with(w)
                && !text[end + w.len()..].starts_with(|c: char| c.is_alphanumeric())
        })
}

fn see_also(text: &str, start: usize) -> bool {
    let before = line_before(text, start).trim_end();
    let lower = before.to_lowercase();
    lower.ends_with("see also") || lower.ends_with("cf.") || lower.ends_with("see also the work of")
}

fn edited(text: &str, end: usize) -> bool {
    let rest = &text[end..];
    let rest = rest.trim_start_matches(|c: char| {
        c == ',' || c == ' ' || c == '.' || c.is_uppercase() && c.is_alphabetic()
    });
    ["(ed.)", "(ed)", "(eds", "(Ed.)", "(Ed)", "(Eds"]
        .iter()
        .any(|e| rest.starts_with(e))
}

fn possessive(text: &str, start: usize, end: usize) -> bool {
    let span = &text[start..end];
    let rest = &text[end..];
    span.ends_with("'s")
        || span.ends_with("’s")
        || span.ends_with("s'")
        || rest.starts_with("'s")
        || rest.starts_with("’s")
}

/// "1. Daniel, Taylor and Scott, *Noticing …*": a numbered or footnoted
/// line whose names end at an emphasised title.
fn note_to_title(text: &str, start: usize, end: usize) -> bool {
    let before = line_before(text, start).trim_start();
    let numbered = before
        .split_once(". ")
        .is_some_and(|(n, _)| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
        || before.starts_with("[^");
    if !numbered {
        return false;
    }
    let line_rest = line_after(text, end);
    // Past the other names of the list to the title.
    let mut rest = line_rest;
    loop {
        let r = rest.trim_start_matches([' ', ',']);
        if r.starts_with('*') || r.starts_with('_') || r.starts_with('“') || r.starts_with('"') {
            return rest.starts_with(',');
        }
        let r = r.strip_prefix("and ").unwrap_or(r);
        let word_end = r
            .find(|c: char| !(c.is_alphabetic() || c == '-' || c == '\''))
            .unwrap_or(r.len());
        if word_end == 0 || !r.starts_with(char::is_uppercase) {
            return false;
        }
        rest = &r[word_end..];
    }
}

/// A reading list's bullet: the author first, perhaps initials, then a
/// title in italics of three words or more that opens with a
/// capital ("- Horwath — *Child Neglect: Planning and Intervention*",
/// "- Dekker, S., *The Field Guide to …*"). A list of people gives a role
/// after a name ("- Kirsteen Dow — *housing officer*"), in lower case.
fn reading_list_entry(text: &str, start: usize, end: usize) -> bool {
    let before = line_before(text, start).trim();
    if !matches!(before, "-" | "*" | "+" | "•") {
        return false;
    }
    let line_rest = line_after(text, end);
    let mut r = line_rest.trim_start_matches([' ', ',']);
    // Initials: "S.", "J. R.".
    while r.len() >= 2 && r.starts_with(|c: char| c.is_uppercase()) && r[1..].starts_with('.') {
        r = r[2..].trim_start_matches([' ', ',']);
    }
    let r = r.trim_start_matches([' ', ',', '—', '–', '-', ':']);
    // Italics only: a quote after a name in a list is what the person
    // said ("- Senga: \"I told that health visitor …\"").
    let Some(open) = ['*', '_'].into_iter().find(|c| r.starts_with(*c)) else {
        return false;
    };
    let inner = r.trim_start_matches(open);
    let title = &inner[..inner.find(open).unwrap_or(inner.len())];
    title.starts_with(|c: char| c.is_uppercase()) && title.split_whitespace().count() >= 3
}

/// The name fills a table cell whose column's header names authors.
fn author_cell(text: &str, start: usize, end: usize) -> bool {
    let line = line_before(text, start);
    if !line.trim_start().starts_with('|') {
        return false;
    }
    let after = line_after(text, end);
    // The cell holds the name alone.
    if !line.trim_end().ends_with('|') || !after.trim_start().starts_with('|') {
        return false;
    }
    let column = line.matches('|').count();
    // Up the table to its header: the line above the `|---|` row.
    let mut lines = text[..start - line.len()].lines().rev();
    let mut prev = None;
    for l in lines.by_ref().take(200) {
        let t = l.trim();
        if !t.starts_with('|') {
            return false;
        }
        if t.chars().all(|c| matches!(c, '|' | '-' | ':' | ' ')) {
            prev = Some(());
            continue;
        }
        if prev.is_some() {
            let header = t.split('|').nth(column).map(str::trim).unwrap_or("");
            let h = header.trim_matches(['*', '_']).to_lowercase();
            return matches!(
                h.as_str(),
                "author"
                    | "authors"
                    | "author(s)"
                    | "lead author"
                    | "researcher"
                    | "researchers"
                    | "author and year"
                    | "cited author"
                    | "scholar"
            );
        }
    }
    false
}

/// A scholar introduced by their discipline and doing what scholars do:
/// "the sociologist Charles Perrow wrote about", "the safety scientist
/// James Reason described how". A family's doctor, psychologist or a
/// forensic scientist is no scholar by discipline here: only disciplines a
/// case's own workers do not have count, and the verb after must be one of
/// scholarship.
fn named_by_discipline(text: &str, start: usize, end: usize) -> bool {
    const DISCIPLINES: &[&str] = &[
        "sociologist",
        "psychoanalyst",
        "philosopher",
        "criminologist",
        "historian",
        "economist",
        "anthropologist",
        "theorist",
        "scientist",
        "researcher",
        "academic",
        "scholar",
    ];
    const DID: &[&str] = &[
        "wrote",
        "described",
        "argued",
        "showed",
        "coined",
        "called",
        "observed",
        "proposed",
        "developed",
        "warned",
        "found",
        "has written",
        "has argued",
        "has described",
        "has shown",
    ];
    if text[start..end].split_whitespace().count() < 2 {
        return false;
    }
    let before = line_before(text, start).trim_end();
    let discipline = before
        .rsplit(|c: char| !c.is_alphanumeric() && c != '-')
        .next()
        .unwrap_or("");
    let science = discipline.eq_ignore_ascii_case("scientist")
        && before[..before.len() - discipline.len()]
            .trim_end()
            .rsplit(' ')
            .next()
            .is_some_and(|w| {
                ["safety", "social", "political"]
                    .iter()
                    .any(|k| w.eq_ignore_ascii_case(k))
            });
    if !(science
        || (!discipline.eq_ignore_ascii_case("scientist")
            && DISCIPLINES
                .iter()
                .any(|d| discipline.eq_ignore_ascii_case(d))))
    {
        return false;
    }
    after_word(sentence_after(text, end).trim_start(), DID).is_some()
}

/// What a given name and a surname have done as scholars, in the
/// perfect or in talk's present ("Gillian Ruch has written for years
/// about", "Brid Featherstone has argued", "Joanna Garstang and Peter
/// Sidebotham have done a lot of work on this", "Erik Hollnagel calls
/// this", "Harry Ferguson talks about this in his work"), a relative
/// clause of writing ("Sidney Dekker, who writes about"), the name beside
/// its review or book ("Eileen Munro, in her review of", "wrote her
/// review of") or its work on a subject ("Carlene Firmin's work on").
/// A family's member has written *to* someone, argued *with* someone.
fn full_name_scholarship(text: &str, start: usize, end: usize) -> bool {
    const DONE: &[&str] = &[
        "argued",
        "written",
        "described",
        "shown",
        "observed",
        "highlighted",
        "explored",
        "studied",
        "researched",
        "developed",
        "pointed out",
        "warned",
        "done a lot of work",
        "done much work",
        "spent much of",
        "spent years",
        "spent her career",
        "spent his career",
    ];
    const WORKS: &[&str] = &[
        "review",
        "book",
        "study",
        "research",
        "work",
        "report of",
        "report on",
        "inquiry",
    ];
    let span = &text[start..end];
    if span.split_whitespace().count() < 2 {
        return false;
    }
    let rest = sentence_after(text, end);
    if (span.ends_with("'s") || span.ends_with("’s"))
        && after_word(
            rest.trim_start(),
            &["work on", "research on", "work with", "model", "framework"],
        )
        .is_some()
    {
        return true;
    }
    let mut rest = rest.trim_start();
    // Co-authors' names: "Joanna Garstang and Peter Sidebotham have …",
    // "Kate Morris, Marian Brandon and Peter Tudor wrote in 2015".
    for _ in 0..4 {
        let Some(r) = after_word(rest, &["and", "&"]).or_else(|| rest.strip_prefix(',')) else {
            break;
        };
        let r = r.trim_start();
        let r = after_word(r, &["and"]).map_or(r, str::trim_start);
        let names = r
            .split_whitespace()
            .take_while(|w| w.starts_with(|c: char| c.is_uppercase()))
            .count();
        if names == 0 {
            break;
        }
        let skip: usize = r.split_whitespace().take(names).map(|w| w.len() + 1).sum();
        rest = r.get(skip.min(r.len())..).unwrap_or("").trim_start();
    }
    // "… wrote in 2015 about", "published in 2019": a past writing verb
    // and a year say a study.
    if let Some(r) = after_word(
        rest,
        &["wrote", "published", "argued", "reported", "showed"],
    ) {
        if let Some(year) = after_word(r.trim_start(), &["in"]) {
            let year = year.trim_start();
            if year.len() >= 4
                && year.as_bytes()[..4].iter().all(u8::is_ascii_digit)
                && matches!(&year[..2], "19" | "20")
            {
                return true;
            }
        }
    }
    if let Some(r) = rest.strip_prefix(',') {
        let r = r.trim_start();
        // "Sonia Livingstone, whose work on children's digital lives".
        if let Some(whose) = after_word(r, &["whose"]) {
            return after_word(
                whose.trim_start(),
                &["work", "research", "writing", "studies", "books", "book"],
            )
            .is_some();
        }
        // "Sidney Dekker, who writes about", "…, who has spent much of".
        if let Some(who) = after_word(r, &["who"]) {
            let who = who.trim_start();
            if after_word(who, WRITES).is_some()
                || after_word(who, &["writes about", "has written"]).is_some()
            {
                return true;
            }
            rest = who;
        } else if let Some(own) = after_word(r, &["in her", "in his", "in their"]) {
            // "Eileen Munro, in her review of child protection".
            return after_word(own.trim_start(), WORKS).is_some();
        }
    }
    let rest = rest.trim_start();
    if let Some(r) = after_word(rest, &["has", "have"]) {
        let r = r.trim_start();
        let r = after_word(
            r,
            &[
                "long",
                "also",
                "powerfully",
                "rightly",
                "famously",
                "since",
                "often",
            ],
        )
        .map_or(r, str::trim_start);
        return after_word(r, DONE).is_some_and(|after| {
            let after = after.trim_start();
            after_word(after, &["to", "with", "a letter", "an email", "back"]).is_none()
        });
    }
    if let Some(r) = after_word(rest, &["wrote her", "wrote his", "wrote their"]) {
        return after_word(r.trim_start(), WORKS).is_some();
    }
    after_word(rest, &["calls this", "calls it"]).is_some()
        || after_word(
            rest,
            &[
                "talks about this in his",
                "talks about this in her",
                "talks about it in his",
                "talks about it in her",
            ],
        )
        .is_some_and(|r| after_word(r.trim_start(), WORKS).is_some())
}

/// Drops the person-name spans that name a scholar by one of the forms
/// above.
pub(super) fn drop_scholar_forms(text: &str, spans: &mut Vec<Span>) {
    // The surnames of the scholars found by a cue: the same surname alone
    // elsewhere in the text is the same scholar ("Munro's review of child
    // protection" … "Munro said years ago").
    let mut surnames: Vec<String> = Vec::new();
    // And the same given name and surname again ("I will end with Eileen
    // Munro again").
    let mut full_names: Vec<String> = Vec::new();
    spans.retain(|s| {
        if s.rule.kind() != Kind::PersonName
            || matches!(s.rule, Rule::Relation | Rule::Lower | Rule::LowerTitle)
        {
            return true;
        }
        let (start, end) = (s.start, s.end);
        let titled = s.rule == Rule::Title;
        let scholar = if titled {
            titled_writer(text, start, end)
                || (SCHOLAR_TITLES
                    .iter()
                    .any(|t| text[start..end].starts_with(t))
                    && (with_colleagues(text, end) || studies_of(text, start, end)))
        } else {
            (!possessive(text, start, end) && present_writing(&text[end..]))
                || full_name_scholarship(text, start, end)
                || named_by_discipline(text, start, end)
                || as_writing(text, start, end)
                || listed_arguing(text, start, end)
                || with_colleagues(text, end)
                || studies_of(text, start, end)
                || see_also(text, start)
                || eponymous_review(text, start, end)
                || built_on(text, start, end)
                || coined(text, start, end)
                || edited(text, end)
                || note_to_title(text, start, end)
                || reading_list_entry(text, start, end)
                || author_cell(text, start, end)
        };
        if scholar {
            let whole = super::strip_possessive(&text[start..end]).0.to_lowercase();
            if whole.contains(' ') && !full_names.contains(&whole) {
                full_names.push(whole);
            }
            if let Some(last) = text[start..end].split_whitespace().next_back() {
                let last = super::strip_possessive(last).0.to_lowercase();
                if !surnames.contains(&last) {
                    surnames.push(last);
                }
            }
        }
        !scholar
    });
    if surnames.is_empty() {
        return;
    }
    spans.retain(|s| {
        let one = &text[s.start..s.end];
        let bare = super::strip_possessive(one).0.to_lowercase();
        let again = s.rule.kind() == Kind::PersonName
            && !matches!(s.rule, Rule::Relation | Rule::Lower | Rule::LowerTitle)
            && full_names.contains(&bare);
        let surname_alone = matches!(s.rule, Rule::Gazetteer | Rule::NameWord | Rule::Unknown)
            && !one.contains(char::is_whitespace)
            && surnames.contains(&bare);
        !again && !surname_alone
    });
}

#[cfg(test)]
mod tests {
    use super::super::names_found as found;

    #[test]
    fn scholars_beside_a_cue_of_scholarship_pass() {
        for (t, name) in [
            (
                "As Hollis argues, drift is a property of systems.",
                "Hollis",
            ),
            (
                "Pemberton contends that help comes before risk.",
                "Pemberton",
            ),
            ("As Pemberton writes, help comes before risk.", "Pemberton"),
            ("Neglect, as Oakley later showed, is cumulative.", "Oakley"),
            ("Thornbury and her colleagues found the same.", "Thornbury"),
            (
                "Professor Lachlan Rennick and his co-authors disagree.",
                "Rennick",
            ),
            (
                "Professor Aldous, in her inquiry of 2009, argued for trust.",
                "Aldous",
            ),
            (
                "Marian Kesteven's ethnographic studies of home visits matter.",
                "Kesteven",
            ),
            (
                "Sir Edmund Haverly's research on attachment is still read.",
                "Haverly",
            ),
            ("- See also Quennell on assessment.", "Quennell"),
            (
                "Thornbury, Aldous and Pemberton argue for a social model.",
                "Aldous",
            ),
            (
                "Hollis and Quennell suggest that drift is systemic.",
                "Quennell",
            ),
            (
                "It followed the Haverly review of child protection.",
                "Haverly",
            ),
            (
                "As Pemberton argues, help comes first. Pemberton said so twice.",
                "Pemberton",
            ),
            (
                "The review drew on Marian Kesteven's work on harm.",
                "Kesteven",
            ),
            ("[^3]: See Orla Brannigan's work on neglect.", "Brannigan"),
            (
                "the \"rule of optimism\", a term Oakley first used.",
                "Oakley",
            ),
            (
                "- In: Fenwick, J. (ed.) *The Child*. London: Press.",
                "Fenwick",
            ),
            (
                "3. Loxley, Treadwell and Amberley, *Seeing the Child*.",
                "Treadwell",
            ),
            (
                "| Source | Author |\n|---|---|\n| Neglect review | Haverly |\n",
                "Haverly",
            ),
        ] {
            assert!(
                found(t).iter().all(|n| !n.contains(name)),
                "{t}: {:?}",
                found(t)
            );
        }
    }

    #[test]
    fn a_scholars_full_name_with_what_scholars_do_passes() {
        for (t, name) in [
            (
                "Orla Brannigan has written for years about drift.",
                "Brannigan",
            ),
            (
                "Marian Kesteven has argued that help comes first.",
                "Kesteven",
            ),
            (
                "Edmund Haverly and Lucy Thornbury have done a lot of work on this.",
                "Haverly",
            ),
            ("Edmund Haverly calls this the long view.", "Haverly"),
            (
                "Otto Lindqvist, who writes about failure, argues the opposite.",
                "Lindqvist",
            ),
            (
                "When Orla Brannigan wrote her review of child protection, she said so.",
                "Brannigan",
            ),
            (
                "Orla Brannigan, in her review of neglect, made the point.",
                "Brannigan",
            ),
            (
                "Lucy Thornbury's work on neglect is read widely.",
                "Thornbury",
            ),
            (
                "Lucy Thornbury has argued so. I end with Lucy Thornbury again.",
                "Thornbury",
            ),
            (
                "The sociologist Edmund Haverly wrote about drift in teams.",
                "Haverly",
            ),
            (
                "as the safety scientist Otto Lindqvist described it",
                "Lindqvist",
            ),
        ] {
            assert!(
                found(t).iter().all(|n| !n.contains(name)),
                "{t}: {:?}",
                found(t)
            );
        }
        for (t, name) in [
            (
                "Leanne McKinlay has written to the school twice.",
                "McKinlay",
            ),
            ("Jason McKinlay has argued with the neighbour.", "McKinlay"),
            ("Jason McKinlay calls his son every night.", "McKinlay"),
            ("Leanne McKinlay wrote her statement on Monday.", "McKinlay"),
            // A doctor of the family's is no scholar by discipline.
            (
                "The paediatrician Leanne McKinlay described the bruising.",
                "McKinlay",
            ),
            (
                "The psychologist Jason McKinlay described his play.",
                "McKinlay",
            ),
            (
                "The forensic scientist Leanne McKinlay found his blood.",
                "McKinlay",
            ),
        ] {
            assert!(
                found(t).iter().any(|n| n.contains(name)),
                "{t}: {:?}",
                found(t)
            );
        }
    }

    #[test]
    fn a_reading_lists_author_passes_and_a_list_of_people_stays() {
        let list = "- Horwath — *Child Neglect: Planning and Intervention*\n- Dekker, S., *The Field Guide to Understanding*\n";
        assert!(found(list).is_empty(), "{:?}", found(list));
        let people = "- Kirsteen Dow — *housing officer*\n- Jason McKinlay — *Dad*\n- Senga: \"I told that health visitor the wean was fine\"\n";
        let kept = found(people);
        assert!(
            kept.iter().any(|n| n.starts_with("Kirsteen"))
                && kept.contains(&"Jason McKinlay")
                && kept.contains(&"Senga"),
            "{kept:?}"
        );
    }

    #[test]
    fn full_names_listed_before_a_year_of_writing_or_whose_work_pass() {
        for t in [
            "There's good research. Ailsa Brodie, Fergus Laidlaw and Morven Tait wrote in 2016 about family voice.",
            "Gregor Strachan, whose work on young people's online lives many of you know, said so.",
        ] {
            assert!(found(t).is_empty(), "{t}: {:?}", found(t));
        }
    }

    #[test]
    fn family_names_beside_look_alike_words_stay() {
        for (t, name) in [
            (
                "Kayden Rowe and Tyler Rowe wrote to the school in 2023.",
                "Kayden",
            ),
            ("Kayden Rowe, whose dog bit him, was upset.", "Kayden"),
            ("Kayden argues with his sister every morning.", "Kayden"),
            ("Tyler and Kayden argue all the time at home.", "Kayden"),
            ("She said “Yoyo and Tyler argue that it is fair”.", "Tyler"),
            ("Shannon notes that the baby slept well.", "Shannon"),
            ("Tyler writes that he hates school.", "Tyler"),
            ("Mum said that Tiana writes in her diary at night.", "Tiana"),
            (
                "Dr Okafor's analysis of the X-ray found a fracture.",
                "Okafor",
            ),
            ("Shannon's report to the panel was late.", "Shannon"),
            ("Ms Niamh Keogh was there. Niamh's notes are good.", "Niamh"),
            (
                "A reply from Fraser Lamont (Education Officer) came.",
                "Fraser",
            ),
            (
                "Mr Kesteven and his colleagues from the garage came.",
                "Kesteven",
            ),
            ("Mum said Kayden's homework was late.", "Kayden"),
            ("Kayden's review meeting is on Friday.", "Kayden"),
            ("Tyler's later book was about dinosaurs.", "Tyler"),
            (
                "| Child | Parent |\n|---|---|\n| Tiana | Shannon Rowe |\n",
                "Shannon",
            ),
        ] {
            assert!(
                found(t).iter().any(|n| n.contains(name)),
                "{t}: {:?}",
                found(t)
            );
        }
    }
}
