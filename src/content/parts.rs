//! The parts the national guidance asks a Learning Review report to
//! cover, and how a body's headings are recognised as them: by the words
//! of the heading, with synonyms, since reports are written in Word by
//! many hands ("Background" is the circumstances, "Recommendations" the
//! strategies). Effective practice and strategies are also present when
//! the front matter lists them.
//!
//! Validation warns about a missing part (`validate`), the item page
//! shows the front matter's effective practice and strategies inside the
//! body's own section on them (`render::library`), and `anonymise` maps a
//! Word document's headings onto the sections (`anonymise`).

use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// A part of a report, in the order the guidance lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Part {
    Conducted,
    Circumstances,
    Learning,
    EffectivePractice,
    Strategies,
    TermsOfReference,
}

impl Part {
    pub const ALL: [Part; 6] = [
        Part::Conducted,
        Part::Circumstances,
        Part::Learning,
        Part::EffectivePractice,
        Part::Strategies,
        Part::TermsOfReference,
    ];

    /// The heading `clearhouse new` writes for it.
    pub fn heading(self) -> &'static str {
        match self {
            Part::Conducted => "How the review was conducted",
            Part::Circumstances => "Circumstances that led to the review",
            Part::Learning => "Practice and organisational learning",
            Part::EffectivePractice => "Effective practice",
            Part::Strategies => "Strategies for improvement",
            Part::TermsOfReference => "Terms of reference",
        }
    }

    /// What the guidance asks for, in words that follow "a part on".
    pub fn description(self) -> &'static str {
        match self {
            Part::Conducted => "how the review was conducted",
            Part::Circumstances => "the circumstances that led to the review",
            Part::Learning => "the practice and organisational learning and its evidence",
            Part::EffectivePractice => "examples of effective practice and why they worked",
            Part::Strategies => "strategies for improving practice and systems (or a statement that no change is required)",
            Part::TermsOfReference => "the final terms of reference",
        }
    }

    /// Words that make a heading this part: each is matched at the start
    /// of a word of the heading, in lower case, so `strateg` finds
    /// "Strategy" and "Strategies".
    pub fn words(self) -> &'static [&'static str] {
        match self {
            Part::TermsOfReference => &["terms of reference", "remit", "scope of the review"],
            Part::EffectivePractice => &[
                "effective practice",
                "good practice",
                "positive practice",
                "what worked well",
                "what went well",
                "strengths",
            ],
            Part::Strategies => &[
                "strateg",
                "recommendation",
                "improvement",
                "action plan",
                "no change",
            ],
            Part::Conducted => &[
                "how the review was",
                "conduct of the review",
                "review process",
                "methodology",
                "method",
                "approach",
                "about the review",
                "about this review",
            ],
            Part::Circumstances => &[
                "circumstances",
                "background",
                "what happened",
                "case summary",
                "summary of the case",
                "events",
                "context",
                "chronology",
            ],
            Part::Learning => &["learning", "findings", "lessons", "analysis", "key issues"],
        }
    }
}

/// Which part a heading names, if any. The more specific parts are tried
/// first: "Effective practice learning" is effective practice, not
/// learning.
pub fn recognise(heading: &str) -> Option<Part> {
    let normal = normalise(heading);
    const ORDER: [Part; 6] = [
        Part::TermsOfReference,
        Part::EffectivePractice,
        Part::Strategies,
        Part::Conducted,
        Part::Circumstances,
        Part::Learning,
    ];
    ORDER.into_iter().find(|part| {
        part.words()
            .iter()
            .any(|word| normal.contains(&format!(" {word}")))
    })
}

/// Lower case, every run of other characters one space, numbering
/// ("2.", "Section 3:", "Appendix A") left out; with a space before, so
/// that words match at their start.
fn normalise(heading: &str) -> String {
    let mut out = String::from(" ");
    for word in heading
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        let lower = word.to_lowercase();
        let numbering = lower.chars().all(|c| c.is_ascii_digit())
            || matches!(lower.as_str(), "section" | "part" | "appendix" | "annex");
        if !numbering {
            out.push_str(&lower);
            out.push(' ');
        }
    }
    out
}

/// A section of a body: a heading and everything up to the next heading
/// of the same or a higher level.
#[derive(Debug, Clone)]
pub struct Section {
    /// The heading's text.
    pub title: String,
    /// 1 for `#`, 2 for `##`…
    pub level: u8,
    /// The part the heading names, for headings at the body's top level.
    pub part: Option<Part>,
    /// Byte range of the heading in the body.
    pub heading: Range<usize>,
    /// True when nothing but whitespace follows the heading in its section.
    pub empty: bool,
}

/// The sections of a Markdown body, in order, with the parts their
/// headings name. Only headings at the body's top level name parts (a
/// "### A new approach" under the learning is not how the review was
/// conducted); a single heading above all the others is taken as a title,
/// and the level below it is the top level.
pub fn sections(body: &str) -> Vec<Section> {
    let mut found: Vec<(String, u8, Range<usize>)> = Vec::new();
    let mut open: Option<(u8, usize, String)> = None;
    for (event, range) in Parser::new_ext(body, Options::ENABLE_TABLES).into_offset_iter() {
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                open = Some((level as u8, range.start, String::new()));
            }
            Event::Text(text) | Event::Code(text) => {
                if let Some((_, _, title)) = &mut open {
                    title.push_str(&text);
                }
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((level, start, title)) = open.take() {
                    found.push((title.trim().to_string(), level, start..range.end));
                }
            }
            _ => {}
        }
    }
    let top = top_level(&found.iter().map(|(_, level, _)| *level).collect::<Vec<_>>());
    let mut sections = Vec::with_capacity(found.len());
    for (i, (title, level, heading)) in found.iter().enumerate() {
        let end = found[i + 1..]
            .iter()
            .find(|(_, other, _)| other <= level)
            .map(|(_, _, range)| range.start)
            .unwrap_or(body.len());
        let until_next = found
            .get(i + 1)
            .map(|(_, _, range)| range.start)
            .unwrap_or(body.len());
        // Subsections count as content: a part may be all subsections.
        let empty = body[heading.end..until_next].trim().is_empty() && until_next == end;
        sections.push(Section {
            title: title.clone(),
            level: *level,
            part: (Some(*level) == top).then(|| recognise(title)).flatten(),
            heading: heading.clone(),
            empty,
        });
    }
    sections
}

fn top_level(levels: &[u8]) -> Option<u8> {
    let top = *levels.iter().min()?;
    let at_top = levels.iter().filter(|l| **l == top).count();
    if at_top == 1 && levels.len() > 1 && levels[0] == top {
        levels.iter().filter(|l| **l > top).min().copied()
    } else {
        Some(top)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_are_recognised_with_synonyms_and_numbering() {
        for (heading, part) in [
            ("How the review was conducted", Some(Part::Conducted)),
            ("2. Methodology", Some(Part::Conducted)),
            ("Background", Some(Part::Circumstances)),
            ("Section 3: What happened", Some(Part::Circumstances)),
            ("Practice and organisational learning", Some(Part::Learning)),
            ("Key findings", Some(Part::Learning)),
            ("Effective practice", Some(Part::EffectivePractice)),
            ("Effective practice learning", Some(Part::EffectivePractice)),
            ("What worked well", Some(Part::EffectivePractice)),
            ("Strategies for improvement", Some(Part::Strategies)),
            ("Recommendations", Some(Part::Strategies)),
            (
                "Appendix 1: Terms of Reference",
                Some(Part::TermsOfReference),
            ),
            ("What the family told the review", None),
            ("Contents", None),
        ] {
            assert_eq!(recognise(heading), part, "{heading}");
        }
    }

    #[test]
    fn only_top_level_headings_name_parts_and_empty_sections_are_seen() {
        let body = "# Learning from a review\n\n## Background\n\nText.\n\n## Findings\n\n### A new approach\n\nMore.\n\n## Terms of reference\n\n## Recommendations\n\n```\n## not a heading\n```\n";
        let sections = sections(body);
        let parts: Vec<(&str, Option<Part>, bool)> = sections
            .iter()
            .map(|s| (s.title.as_str(), s.part, s.empty))
            .collect();
        assert_eq!(
            parts,
            [
                ("Learning from a review", None, false),
                ("Background", Some(Part::Circumstances), false),
                ("Findings", Some(Part::Learning), false),
                ("A new approach", None, false),
                ("Terms of reference", Some(Part::TermsOfReference), true),
                ("Recommendations", Some(Part::Strategies), false),
            ]
        );
        assert_eq!(&body[sections[1].heading.clone()], "## Background\n");
    }
}
