//! The register: known identifiers of each review (`private/register.toml`).
//! A match anywhere, in any case, with or without diacritics, possessives,
//! line breaks or repeated spaces inside, blocks the build; the allow list
//! never overrides it.

use std::path::Path;

use aho_corasick::{AhoCorasick, MatchKind};
use serde::Deserialize;

use super::fold::{fold, fold_key, fold_markup, fold_untracked, folds_to_ascii_words};
use crate::findings::{Finding, Kind, Severity};
use crate::source::SourceText;

/// One entry of `private/register.toml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RegisterEntry {
    /// The review it belongs to; a match blocks in every file regardless.
    #[serde(default)]
    pub review_id: Option<String>,
    /// The identifier as it could appear in text.
    pub text: String,
    /// What it is (person-name, address, institution, date, …).
    #[serde(default = "default_kind")]
    pub kind: String,
    /// What `clearhouse anonymise` puts in its place.
    #[serde(default)]
    pub replacement: Option<String>,
}

fn default_kind() -> String {
    "person-name".to_string()
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RegisterFile {
    #[serde(default)]
    identifier: Vec<RegisterEntry>,
}

/// A match of a register entry in some text (original byte offsets).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegisterMatch {
    pub start: usize,
    pub end: usize,
    /// Index into `Register::entries`.
    pub entry: usize,
    /// True when only one word of a multi-word name matched.
    pub partial: bool,
}

/// The loaded register with its matcher built once.
#[derive(Debug, Clone)]
pub struct Register {
    pub entries: Vec<RegisterEntry>,
    matcher: Option<AhoCorasick>,
    /// Pattern index → (entry index, partial).
    patterns: Vec<(usize, bool)>,
    /// The longest word of each key, matched without regard to ASCII case
    /// in text as written: a quick test for texts that fold trivially.
    longest_words: Option<AhoCorasick>,
}

impl Register {
    pub fn empty() -> Register {
        Register::from_entries(Vec::new(), &|_| false)
    }

    /// Reads a register file. Errors name the file and line but never
    /// quote its contents.
    pub fn load(
        path: &Path,
        display: &str,
        is_common_word: &dyn Fn(&str) -> bool,
    ) -> Result<Register, Box<Finding>> {
        let text = std::fs::read_to_string(path).map_err(|e| {
            Box::new(
                Finding::file(display, 1, Kind::Schema, "register-unreadable", Severity::Error, format!("cannot read the register: {e}"))
                    .with_help("create it (clearhouse init writes an empty one), pass --register PATH, or set [gate] register = false if this site has none"),
            )
        })?;
        Register::parse(&SourceText::new(display, text), is_common_word)
    }

    pub fn parse(
        source: &SourceText,
        is_common_word: &dyn Fn(&str) -> bool,
    ) -> Result<Register, Box<Finding>> {
        let file: RegisterFile = toml::from_str(&source.text).map_err(|e| {
            let line = e.span().map(|s| source.line_col(s.start).0).unwrap_or(1);
            // The message may quote a value, which here is personal data.
            Box::new(
                Finding::file(&source.path, line, Kind::Schema, "register-toml", Severity::Error, "the register is not valid: each entry is [[identifier]] with text, kind, review_id and replacement")
                    .with_help("fix the TOML at this line of the register"),
            )
        })?;
        if let Some(i) = file
            .identifier
            .iter()
            .position(|e| fold_key(&e.text).is_empty())
        {
            return Err(Box::new(Finding::file(
                &source.path,
                1,
                Kind::Schema,
                "register-empty-entry",
                Severity::Error,
                format!(
                    "register entry {} has no letters or digits in `text`",
                    i + 1
                ),
            )));
        }
        Ok(Register::from_entries(file.identifier, is_common_word))
    }

    /// Builds the matcher. Each entry matches folded; multi-word person
    /// names also match word by word (a surname alone still identifies a
    /// family), except words that are common English words or too short.
    pub fn from_entries(
        entries: Vec<RegisterEntry>,
        is_common_word: &dyn Fn(&str) -> bool,
    ) -> Register {
        let mut keys = Vec::new();
        let mut patterns: Vec<(usize, bool)> = Vec::new();
        for (index, entry) in entries.iter().enumerate() {
            let folded = fold_key(&entry.text);
            let squeezed = squeeze_joiners(&entry.text);
            for key in [folded.clone(), squeezed] {
                match keys.iter().position(|k| *k == key) {
                    // An entry of its own ("lena") is matched in any case,
                    // though it was first seen as part of a longer name
                    // ("Lena Dąbrowska"), whose lone parts must be capitalised.
                    Some(at) if patterns[at].1 => patterns[at] = (index, false),
                    Some(_) => {}
                    None if !key.is_empty() => {
                        keys.push(key);
                        patterns.push((index, false));
                    }
                    None => {}
                }
            }
            if matches!(entry.kind.as_str(), "person-name" | "nickname" | "name") {
                for part in folded.split(' ') {
                    let is_initial_or_short = part.chars().count() < 3;
                    if is_initial_or_short
                        || part.chars().all(|c| c.is_ascii_digit())
                        || is_common_word(part)
                        || keys.iter().any(|k| k == part)
                    {
                        continue;
                    }
                    keys.push(part.to_string());
                    patterns.push((index, true));
                }
            }
        }
        let matcher = (!keys.is_empty()).then(|| {
            // Without a prefilter: its "rare" bytes of names are common in
            // prose, so it stopped every few bytes and cost more than the
            // automaton walking every byte (register 102 → see BENCHMARKS.md).
            AhoCorasick::builder()
                .match_kind(MatchKind::Standard)
                .kind(Some(aho_corasick::AhoCorasickKind::DFA))
                .prefilter(false)
                .build(&keys)
                .expect("register patterns are plain strings")
        });
        let longest_words = (!keys.is_empty()).then(|| {
            let words: Vec<&str> = keys
                .iter()
                .filter_map(|key| key.split(' ').max_by_key(|word| word.len()))
                .collect();
            AhoCorasick::builder()
                .ascii_case_insensitive(true)
                .kind(Some(aho_corasick::AhoCorasickKind::DFA))
                .prefilter(false)
                .build(words)
                .expect("register words are plain strings")
        });
        Register {
            entries,
            matcher,
            patterns,
            longest_words,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Every match in `text`, whole words only, longest first where they
    /// overlap.
    pub fn find(&self, text: &str) -> Vec<RegisterMatch> {
        let Some(matcher) = &self.matcher else {
            return Vec::new();
        };
        // Nearly every text holds no register entry: ask first cheaply, and
        // fold with offsets only when something may match.
        let maybe = if folds_to_ascii_words(text) {
            // Folding only lower-cases ASCII letters and turns everything
            // else into spaces: a key matching the fold has each of its
            // words in the text as written, the longest among them.
            self.longest_words
                .as_ref()
                .is_some_and(|words| words.is_match(text))
        } else {
            let quick = fold_untracked(text);
            matcher
                .find_overlapping_iter(&quick.text)
                .any(|m| quick.boundary_before(m.start()) && quick.boundary_after(m.end()))
        };
        if !maybe {
            return Vec::new();
        }
        self.find_folded(text, fold(text))
    }

    /// Matches in an output file read as a browser shows it (tags,
    /// entities and escapes undone); offsets are into the raw file.
    pub fn find_in_markup(&self, text: &str) -> Vec<RegisterMatch> {
        self.find_folded(text, fold_markup(text))
    }

    fn find_folded(&self, text: &str, folded: super::fold::Folded) -> Vec<RegisterMatch> {
        let Some(matcher) = &self.matcher else {
            return Vec::new();
        };
        let mut found: Vec<RegisterMatch> = Vec::new();
        let mut raw: Vec<(usize, usize, usize, bool)> = matcher
            .find_overlapping_iter(&folded.text)
            .filter(|m| folded.boundary_before(m.start()) && folded.boundary_after(m.end()))
            .map(|m| {
                let (entry, partial) = self.patterns[m.pattern().as_usize()];
                (m.start(), m.end(), entry, partial)
            })
            .collect();
        raw.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
        let mut covered_to = 0;
        for (start, end, entry, partial) in raw {
            if start < covered_to {
                continue;
            }
            let (folded_end, (start, end)) = (end, folded.original_range(text, start, end));
            // A lone part of a name counts where it is written as a name
            // (capitalised): "stacey.c.1990" in an address is the email or
            // URL detector's, and lower-case words are usually not names.
            if partial && !text[start..].starts_with(|c: char| c.is_uppercase()) {
                continue;
            }
            covered_to = folded_end;
            found.push(RegisterMatch {
                start,
                end,
                entry,
                partial,
            });
        }
        found
    }

    /// Whether `text` contains any register entry.
    pub fn contains_any(&self, text: &str) -> bool {
        !self.find(text).is_empty()
    }
}

/// The identifier with hyphens and apostrophes removed rather than spaced,
/// so that "O'Donnell" also matches "ODonnell" and "Jamie-Lee" "JamieLee".
fn squeeze_joiners(text: &str) -> String {
    let squeezed: String = text
        .chars()
        .filter(|c| !matches!(c, '-' | '\'' | '’' | '‘' | '‐' | '‑'))
        .collect();
    fold_key(&squeezed)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn register(entries: &[(&str, &str)]) -> Register {
        let entries = entries
            .iter()
            .map(|(text, kind)| RegisterEntry {
                review_id: None,
                text: text.to_string(),
                kind: kind.to_string(),
                replacement: Some("Child A".into()),
            })
            .collect();
        Register::from_entries(entries, &|w| w == "grace")
    }

    /// Texts whose fold is trivial take the quick test on the text as
    /// written; the others fold first. Both must find the same entries.
    #[test]
    fn the_quick_test_agrees_with_the_fold() {
        let r = register(&[
            ("Anne-Marie O'Donnell", "person-name"),
            ("14 Quarrybrae Loan", "address"),
        ]);
        for (text, trivial) in [
            ("met ANNE\nMARIE   o’donnell’s aunt", true),
            ("at 14, Quarrybrae—Loan.", true),
            ("AnneMarie ODonnell", true),
            ("met Anne-Marie O\u{ad}Donnell", false),
            ("met Anne-Marie Ó'Donnell", false),
            ("at １４ Quarrybrae Loan", false),
        ] {
            assert_eq!(
                super::super::fold::folds_to_ascii_words(text),
                trivial,
                "{text}"
            );
            assert!(!r.find(text).is_empty(), "{text}");
        }
        assert!(r
            .find("met the team at the loan office, Quarry Road")
            .is_empty());
    }

    #[test]
    fn matches_survive_case_diacritics_line_breaks_and_possessives() {
        let r = register(&[
            ("Siobhán Quinn", "person-name"),
            ("Jamie-Lee Corrigan", "person-name"),
        ]);
        for text in [
            "met SIOBHAN QUINN there",
            "met Siobhán\n  Quinn’s sister",
            "met siobhan  quinn.",
            "file jamie-lee-corrigan.md",
            "JamieLee Corrigan said",
        ] {
            let found = r.find(text);
            assert!(found.iter().any(|m| !m.partial), "{text}");
        }
        assert!(r.find("the quinnsworth shop").is_empty());
    }

    #[test]
    fn a_surname_alone_is_a_partial_match_but_common_words_are_not() {
        let r = register(&[
            ("Grace Strachan", "person-name"),
            ("9 Heatherbank Gardens", "address"),
        ]);
        let found = r.find("Strachan was seen; grace was shown; Gardens were tidy; strachan@x.org");
        assert_eq!(found.len(), 1);
        assert!(found[0].partial);
        assert_eq!(r.find("9 Heatherbank Gardens").len(), 1);
    }

    #[test]
    fn a_name_registered_alone_matches_in_lower_case_after_its_full_name() {
        let r = register(&[("Lena Dąbrowska", "person-name"), ("Lena", "person-name")]);
        let found = r.find("02/12/22 lena 4 months");
        assert_eq!(found.len(), 1);
        assert!(!found[0].partial);
        let r = register(&[("Lena Dąbrowska", "person-name")]);
        assert!(r.find("02/12/22 lena 4 months").is_empty());
    }
}
