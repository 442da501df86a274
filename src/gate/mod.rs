//! The anonymisation gate: finds personal data in everything that can reach
//! the output (front matter strings, Markdown bodies, file and folder
//! names, `static/` files) and fails closed.
//!
//! Detectors only see plain text and return `Hit`s; this module maps hits
//! back to files as written, drops hits inside allow-list phrases (never
//! register hits), resolves overlaps so that one piece of text is reported
//! once under its most specific kind, and turns hits into `Finding`s.

pub mod detector;
pub mod fold;
pub mod hidden;
pub mod names;
pub mod normalize;
pub mod register;
pub mod rendered;
pub mod statics;
pub mod structured;
#[cfg(test)]
pub(crate) mod test_texts;
pub mod text;
pub(crate) mod variants;

use aho_corasick::{AhoCorasick, MatchKind};

use crate::config::{DayDates, GateConfig};
use crate::content::Item;
use crate::findings::{Finding, Kind, Severity};
use crate::source::SourceText;
pub use detector::{Confidence, Detector, Hit, PreparedText};
pub use normalize::Normalized;
pub use register::{Register, RegisterEntry, RegisterMatch};
pub use rendered::{scan_files, scan_output};

/// Front matter keys whose values are checked against the register only:
/// identifiers, controlled vocabularies, hashes and the item's own dates
/// (publication, embargo, withdrawal, sign-off: written quoted, they are
/// strings), which the text detectors would misread as references and
/// personal dates.
const REGISTER_ONLY_KEYS: [&str; 9] = [
    "review_id",
    "themes",
    "sha256",
    "period",
    "by",
    "published",
    "withdraw_after",
    "embargo_until",
    "date",
];

/// The gate, built once per build and shared by every thread.
pub struct Gate {
    detectors: Vec<Box<dyn Detector>>,
    register: Register,
    allow: Option<AhoCorasick>,
    day_dates: DayDates,
    /// The review ids of the site (or of its sources), which are public.
    review_ids: Option<AhoCorasick>,
}

impl Gate {
    /// A gate with every built-in detector, the site's allow list and the
    /// register (empty for national sites, which have none).
    pub fn new(config: &GateConfig, register: Register) -> Gate {
        let mut detectors = structured::detectors();
        detectors.extend(names::detectors());
        Gate {
            detectors,
            register,
            allow: build_allow(&config.allow),
            day_dates: config.day_dates,
            review_ids: None,
        }
    }

    /// Tells the gate the review ids of the site (a national site: of its
    /// sources' items). They are the public names of reviews, in every
    /// URL: no detector flags them, though a register entry in one still
    /// blocks. An item's own id is public whether or not it is listed.
    pub fn set_review_ids<'a>(&mut self, ids: impl IntoIterator<Item = &'a str>) {
        let mut ids: Vec<&str> = ids
            .into_iter()
            .map(str::trim)
            .filter(|id| id.len() >= 3)
            .collect();
        ids.sort_unstable();
        ids.dedup();
        self.review_ids = (!ids.is_empty()).then(|| {
            AhoCorasick::builder()
                .match_kind(MatchKind::LeftmostLongest)
                .ascii_case_insensitive(true)
                .build(&ids)
                .expect("review ids are plain strings")
        });
    }

    /// Where the public review ids (and the item's own) are in `text`.
    fn review_id_spans(&self, text: &str, own: Option<&AhoCorasick>) -> Vec<(usize, usize)> {
        let id_edge =
            |c: Option<char>| !c.is_some_and(|c| c.is_alphanumeric() || c == '-' || c == '_');
        let whole = |s: usize, e: usize| {
            id_edge(text[..s].chars().next_back()) && id_edge(text[e..].chars().next())
        };
        let mut spans: Vec<(usize, usize)> = self
            .review_ids
            .as_ref()
            .map(|ids| {
                ids.find_iter(text)
                    .map(|m| (m.start(), m.end()))
                    .filter(|(s, e)| whole(*s, *e))
                    .collect()
            })
            .unwrap_or_default();
        if let Some(own) = own {
            spans.extend(
                own.find_iter(text)
                    .map(|m| (m.start(), m.end()))
                    .filter(|(s, e)| whole(*s, *e)),
            );
        }
        spans
    }

    pub fn register(&self) -> &Register {
        &self.register
    }

    /// All hits in a text, after allow-list suppression and overlap
    /// resolution, sorted by position. The detectors read the text's
    /// normalised view (see `normalize`); hits point at the text as
    /// written. Direction controls are hits of their own (kind `bidi`),
    /// and text spelled in invisible tag characters is read apart.
    pub fn scan_text(&self, text: &str) -> Vec<Hit> {
        self.scan_text_for(text, None)
    }

    /// `scan_text` for an item whose own review id is `own` (public, as
    /// the site's other review ids are).
    fn scan_text_for(&self, text: &str, own: Option<&AhoCorasick>) -> Vec<Hit> {
        let view = Normalized::new(text);
        let mut hits = self.scan_view(view.text(), own);
        if !view.is_source() {
            for hit in &mut hits {
                (hit.start, hit.end) = view.source_range(hit.start, hit.end);
            }
        }
        if view.bidi.is_empty() && view.hidden.is_empty() {
            return hits;
        }
        let mut reach = 0;
        for &(start, end) in &view.bidi {
            // A pop that closes an earlier control is reported with it.
            let pops_only = text[start..end]
                .chars()
                .all(|c| matches!(c, '\u{202c}' | '\u{2069}'));
            if pops_only && end <= reach {
                continue;
            }
            let hit = bidi_hit(text, start, end, &view.bidi);
            reach = hit.end;
            hits.push(hit);
        }
        for (start, end, ascii) in &view.hidden {
            let hidden = Normalized::new(ascii);
            for mut hit in self.scan_view(hidden.text(), own) {
                hit.start = *start;
                hit.end = *end;
                hit.message.push_str(
                    " (spelled in invisible tag characters, which programs read as text)",
                );
                hits.push(hit);
            }
        }
        hits.sort_by_key(|h| (h.start, h.end));
        hits
    }

    /// `scan_text` over text that is its own normalised view.
    fn scan_view(&self, text: &str, own: Option<&AhoCorasick>) -> Vec<Hit> {
        let mut hits = self.register_hits(text);
        let register_count = hits.len();
        let prepared = PreparedText::new(text);
        for detector in &self.detectors {
            detector.scan_prepared(&prepared, &mut hits);
        }
        // Review ids and the allow list only take detector hits away:
        // texts without any (most) need not be searched for them.
        if hits.len() == register_count {
            return resolve_overlaps(text, hits);
        }
        let public = self.review_id_spans(text, own);
        if !public.is_empty() {
            // Review ids are the public names of reviews (every URL holds
            // one): no detector's kind but the register's applies to them.
            let mut index = 0;
            hits.retain(|hit| {
                index += 1;
                index <= register_count
                    || !public.iter().any(|(s, e)| *s <= hit.start && hit.end <= *e)
            });
        }
        if let Some(allow) = &self.allow {
            let allowed: Vec<(usize, usize)> = allow
                .find_iter(text)
                .filter(|m| is_word_boundary(text, m.start(), m.end()))
                .map(|m| (m.start(), m.end() + possessive_len(&text[m.end()..])))
                .collect();
            if !allowed.is_empty() {
                let mut index = 0;
                hits.retain(|hit| {
                    index += 1;
                    index <= register_count
                        || !allowed
                            .iter()
                            .any(|(s, e)| *s <= hit.start && hit.end <= *e)
                });
            }
        }
        resolve_overlaps(text, hits)
    }

    /// Register hits only (front matter identifiers, output scanning).
    pub fn register_hits(&self, text: &str) -> Vec<Hit> {
        self.register
            .find(text)
            .into_iter()
            .map(|m| self.register_hit(&m))
            .collect()
    }

    /// The hit for a register match, its message naming how it was written.
    fn register_hit(&self, m: &register::RegisterMatch) -> Hit {
        let entry = &self.register.entries[m.entry];
        let review = entry
            .review_id
            .as_deref()
            .map(|r| format!(", review {r}"))
            .unwrap_or_default();
        let how = match m.form {
            register::Form::AsWritten => "",
            register::Form::Reversed => ", written backwards",
            register::Form::LetterSpaced => ", spelled letter by letter",
        };
        let message = if m.partial {
            format!(
                "matches part of a name in the register ({}{review}){how}",
                entry.kind
            )
        } else {
            format!(
                "matches an identifier in the register ({}{review}){how}",
                entry.kind
            )
        };
        Hit::new(m.start, m.end, Kind::Register, "register", message)
    }

    /// Findings for a loaded item: its path, every front matter string and
    /// its body. Should a detector fail on text no test foresaw, the item
    /// is held back with a finding of its own and the rest of the site is
    /// still checked: what the gate could not read is never published.
    pub fn scan_item(&self, item: &Item) -> Vec<Finding> {
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| self.scan_item_checked(item)))
            .unwrap_or_else(|_| {
                vec![Finding::file(
                    item.source.path.clone(),
                    1,
                    Kind::Internal,
                    "gate-failed",
                    Severity::Error,
                    "clearhouse failed while checking this file for personal data (an internal error), so it is held back",
                )
                .with_help("Please report this error to the clearhouse developers with the command you ran; the other items were checked as usual.")]
            })
    }

    fn scan_item_checked(&self, item: &Item) -> Vec<Finding> {
        let source = &item.source;
        let own = own_id(&item.meta.review_id);
        let own = own.as_ref();
        let mut findings = self.scan_path(&source.path);
        for string in &item.spans.strings {
            let register_only = string
                .key
                .rsplit('.')
                .next()
                .map(|last| last.split('[').next().unwrap_or(last))
                .is_some_and(|key| REGISTER_ONLY_KEYS.contains(&key));
            let mut hits = if register_only {
                self.register_hits(&string.value)
            } else {
                let mut hits = self.scan_text_for(&string.value, own);
                hits.extend(self.data_url_hits(&string.value, own));
                hits
            };
            hits.sort_by_key(|h| (h.start, h.end));
            for hit in hits {
                // A place inside the string as written (through escapes and
                // line continuations), else the whole string.
                let (start, end) = string
                    .source_range(hit.start, hit.end)
                    .unwrap_or((string.span.start, string.span.end));
                findings.push(self.finding(source, start, end, &hit));
            }
            if !register_only {
                let place = |start: usize, end: usize| {
                    string
                        .source_range(start, end)
                        .unwrap_or((string.span.start, string.span.end))
                };
                self.scan_hidden(source, &string.value, &place, &mut findings);
            }
        }
        // Comments are no values, but the bundle carries the front matter
        // as written.
        for comment in &item.spans.comments {
            let text = &source.text[comment.clone()];
            let hits = if is_own_comment(text) {
                self.register_hits(text)
            } else {
                self.scan_text_for(text, own)
            };
            for hit in hits {
                let mut hit = hit;
                hit.message.push_str(" (in a comment of the front matter)");
                let at = comment.start;
                findings.push(self.finding(source, at + hit.start, at + hit.end, &hit));
            }
        }
        let body_start = item.split.body_start;
        let body = item.body();
        let mut hits = self.scan_text_for(body, own);
        hits.extend(self.data_url_hits(body, own));
        // HTML and entities in the body are read as the page shows them: a
        // tag that breaks the line (`<br>`) separates letters, so "Q u i
        // n<br>N" spelled across it is an entry once rendered, and an
        // entity (`&#81;`) is the letter it draws, on whichever line.
        if body.contains(['<', '&']) {
            for m in self.register.find_in_markup(body) {
                let covered = hits
                    .iter()
                    .any(|h| h.kind == Kind::Register && h.start < m.end && m.start < h.end);
                if !covered {
                    hits.push(self.register_hit(&m));
                }
            }
        }
        let mut decoded_findings = Vec::new();
        for (line_start, line_end, variant) in variants::decoded_lines(body) {
            for hit in self.scan_text_for(&variant, own) {
                let already = hits
                    .iter()
                    .any(|h| h.kind == hit.kind && h.start < line_end && h.end > line_start);
                // Text that reads the same before decoding was judged by the
                // scan of the whole body, which sees more context ("on 2.1"
                // beside a table row numbered 2.1); decoding only adds what
                // it reveals.
                let as_written = body[line_start..line_end].contains(&variant[hit.start..hit.end]);
                if !already && !as_written {
                    // A piece of what decoding joined, read on its own as
                    // written ("number, 0141" before "**496** `0`853"), is
                    // part of the more specific hit and not a finding of
                    // its own.
                    let joined = &variant[hit.start..hit.end];
                    hits.retain(|h| {
                        let piece = &body[h.start..h.end];
                        !(h.start >= line_start
                            && h.end <= line_end
                            && priority(h.kind) > priority(hit.kind)
                            && joined.contains(piece))
                    });
                    let mut hit = hit;
                    hit.message.push_str(
                        " (found once escapes, entities or markup on this line are decoded)",
                    );
                    decoded_findings.push(self.finding(
                        source,
                        body_start + line_start,
                        body_start + line_end,
                        &hit,
                    ));
                }
            }
        }
        for hit in &hits {
            findings.push(self.finding(source, body_start + hit.start, body_start + hit.end, hit));
        }
        findings.extend(decoded_findings);
        let place = |start: usize, end: usize| (body_start + start, body_start + end);
        self.scan_hidden(source, body, &place, &mut findings);
        findings
    }

    /// Findings in what no page shows but the bundle carries (comments,
    /// tags, `data:` URLs), decoded as a program reads them. `place` maps
    /// a byte range of `text` to one of `source`.
    fn scan_hidden(
        &self,
        source: &SourceText,
        text: &str,
        place: &dyn Fn(usize, usize) -> (usize, usize),
        findings: &mut Vec<Finding>,
    ) {
        for reading in hidden::readings(text) {
            match reading {
                hidden::Hidden::Text {
                    start,
                    end,
                    text: decoded,
                } => {
                    let written = &text[start..end];
                    // A data: URL's text is read by `data_url_hits`, with
                    // the item's own id and the reader's view of markup.
                    if written
                        .get(..5)
                        .is_some_and(|s| s.eq_ignore_ascii_case("data:"))
                    {
                        continue;
                    }
                    for mut hit in self.scan_text(&decoded) {
                        // What reads the same as written was judged by the
                        // scan of the text as written.
                        if written.contains(&decoded[hit.start..hit.end]) {
                            continue;
                        }
                        hit.message.push_str(" (found once a comment, a tag or a data: URL, which no page shows but learning-bundle.json carries, is decoded)");
                        let (from, to) = place(start, end);
                        findings.push(self.finding(source, from, to, &hit));
                    }
                }
                hidden::Hidden::Binary { start, end } => {
                    let (from, to) = place(start, end);
                    findings.push(
                    Finding::at(
                        source,
                        from,
                        to,
                        Kind::Schema,
                        "data-url-binary",
                        Severity::Error,
                        "a data: URL whose content is not text (an image or other file): no page shows it, but learning-bundle.json carries it as written, and the gate cannot read what is in it",
                    )
                    .with_help("put the file in static/ (images there are stripped of their metadata) and link to it, or remove it"),
                );
                }
            }
        }
    }

    /// Findings for the site's `config.toml` (its text, as `path`): the
    /// values that reach pages — the title and area on every page and
    /// feed (every detector), extra themes as page names and headings (the
    /// register, as an item's themes). Settings (paths, URLs, the allow
    /// list, numbers) are not text a reader sees.
    pub fn scan_config(&self, path: &str, text: &str) -> Vec<Finding> {
        let source = SourceText::new(path, text);
        let index = crate::content::frontmatter::SpanIndex::build(text, 0, text);
        // The area is the CPC's own name, public as the site is ("Anytown
        // CPC"): read for register entries only, and where the title
        // repeats it, likewise.
        let area = index
            .strings
            .iter()
            .find(|s| s.key == "area")
            .map(|s| s.value.trim().to_string())
            .filter(|a| !a.is_empty());
        let mut findings = Vec::new();
        for string in &index.strings {
            let top = string.key.split(['.', '[']).next().unwrap_or("");
            let hits = match top {
                "gate" | "sources" | "base_url" | "theme" | "quick_exit_url" | "national"
                | "scope" => continue,
                "taxonomy" | "area" => self.register_hits(&string.value),
                _ => {
                    let mut hits = self.scan_text(&string.value);
                    if let Some(area) = &area {
                        let named: Vec<(usize, usize)> = string
                            .value
                            .match_indices(area.as_str())
                            .map(|(at, a)| (at, at + a.len()))
                            .collect();
                        hits.retain(|h| {
                            h.kind == Kind::Register
                                || !named.iter().any(|(s, e)| *s <= h.start && h.end <= *e)
                        });
                    }
                    hits
                }
            };
            for hit in hits {
                let (start, end) = string
                    .source_range(hit.start, hit.end)
                    .unwrap_or((string.span.start, string.span.end));
                findings.push(self.finding(&source, start, end, &hit));
            }
        }
        findings
    }

    /// Hits for what `data:` URLs in `text` carry: a text payload is
    /// decoded (base64 or percent-encoding) and read by every detector,
    /// each hit placed on the whole URL; a binary one (an image, a
    /// document) is refused, since the gate cannot read it.
    fn data_url_hits(&self, text: &str, own: Option<&AhoCorasick>) -> Vec<Hit> {
        if !memchr::memmem::find(text.as_bytes(), b"ata:")
            .is_some_and(|_| text.to_ascii_lowercase().contains("data:"))
        {
            return Vec::new();
        }
        let mut hits = Vec::new();
        for (start, end, payload) in hidden::data_url_payloads(text) {
            let decoded = match payload {
                hidden::DataPayload::Text(decoded) => decoded,
                // Refused by the reading of hidden places (`scan_hidden`,
                // rule data-url-binary).
                hidden::DataPayload::Binary => continue,
                hidden::DataPayload::Undecodable => {
                    hits.push(Hit::new(
                        start,
                        end,
                        Kind::Url,
                        "data-url",
                        "a file embedded in a data: URL would be published without the gate reading it",
                    ));
                    continue;
                }
            };
            let mut found = self.scan_text_for(&decoded, own);
            if decoded.contains(['<', '&', '%']) {
                found.extend(self.scan_text_for(&variants::decode(&decoded), own));
            }
            for mut hit in found {
                hit.start = start;
                hit.end = end;
                hit.message.push_str(" (inside a data: URL, once decoded)");
                hits.push(hit);
            }
        }
        hits
    }

    /// Masks what the gate finds in findings' own words, so that no
    /// printer shows it in clear: a message or help that quotes a value
    /// (an unknown theme, a TOML error's key or variant) has every register
    /// entry, and whatever any detector finds inside its quotes, masked;
    /// the `masked` text of a finding that is not about personal data (a
    /// schema error's span) likewise; and the places on a finding's source
    /// line where the gate finds something are listed for printers to mask
    /// unless revealing.
    ///
    /// Many findings share a message, a help and a line: each distinct text
    /// is read once, so that redacting stays linear in the findings (issue
    /// 18).
    pub fn redact(&self, findings: &mut [Finding]) {
        use std::collections::HashMap;
        let mut hits_of: HashMap<String, Vec<Hit>> = HashMap::new();
        let mut masked_texts: HashMap<String, String> = HashMap::new();
        let mut lines: HashMap<(String, usize), Vec<std::ops::Range<usize>>> = HashMap::new();
        // A message quotes a value of the input, or clearhouse's own words
        // ("write it as \"YYYY-MM\""): a quoted hit is masked when the
        // finding's line holds it, or when the finding has no line.
        let mut quoted = |text: &String, line: Option<&str>| -> String {
            let hits = hits_of
                .entry(text.clone())
                .or_insert_with_key(|text| self.redactable_hits(text));
            mask_hits(text, hits, true, line)
        };
        for finding in findings {
            let line = finding.source_line.as_deref();
            finding.message = quoted(&finding.message, line);
            if let Some(help) = &finding.help {
                finding.help = Some(quoted(help, line));
            }
            if !finding.kind.is_personal_data() && !finding.masked.is_empty() {
                finding.masked = masked_texts
                    .entry(finding.masked.clone())
                    .or_insert_with_key(|text| self.mask_found(text, false))
                    .clone();
            }
            if let Some(line) = &finding.source_line {
                let masks = lines
                    .entry((finding.path.clone(), finding.line))
                    .or_insert_with(|| self.found_columns(line));
                finding.line_masks.extend(masks.iter().cloned());
            }
        }
    }

    /// `text` with what the gate finds in it masked: every hit, or (when
    /// `quoted_only`) register hits and hits inside quotes.
    fn mask_found(&self, text: &str, quoted_only: bool) -> String {
        mask_hits(text, &self.redactable_hits(text), quoted_only, None)
    }

    /// The hits to mask in a message or a line of TOML: all but the keys of
    /// the front matter and config (`review_id`, `age_band`), which the
    /// handle detector would read as handles (`jay_b2011`); a key is words
    /// joined by underscores.
    fn redactable_hits(&self, text: &str) -> Vec<Hit> {
        let mut hits = self.scan_text(text);
        hits.retain(|hit| {
            let found = &text[hit.start..hit.end];
            hit.kind == Kind::Register
                || !(found.contains('_')
                    && found
                        .split('_')
                        .all(|part| !part.is_empty() && names::is_english_word(part)))
        });
        hits
    }

    /// Character ranges of `line` holding what the gate finds.
    fn found_columns(&self, line: &str) -> Vec<std::ops::Range<usize>> {
        self.redactable_hits(line)
            .into_iter()
            .map(|hit| {
                let start = line[..hit.start].chars().count();
                start..start + line[hit.start..hit.end].chars().count()
            })
            .collect()
    }

    /// Findings for a file or folder name: register entries written as
    /// slugs, and slug words that are people's names.
    pub fn scan_path(&self, rel: &str) -> Vec<Finding> {
        let source = SourceText::new(rel, rel);
        let mut findings: Vec<Finding> = self
            .register_hits(rel)
            .iter()
            .map(|hit| self.path_finding(&source, hit))
            .collect();
        let words = rel.split(|c: char| !c.is_alphanumeric());
        let mut offset = 0;
        for word in words {
            let start = rel[offset..]
                .find(word)
                .map(|i| offset + i)
                .unwrap_or(offset);
            offset = start + word.len();
            if word.len() < 3 || !names::looks_like_name(word) {
                continue;
            }
            if findings.iter().any(|f| f.kind == Kind::Register) {
                break;
            }
            let hit = Hit::new(
                start,
                start + word.len(),
                Kind::PersonName,
                "name-in-path",
                "a file or folder name contains what looks like a person's name",
            );
            findings.push(self.path_finding(&source, &hit));
        }
        findings
    }

    fn path_finding(&self, source: &SourceText, hit: &Hit) -> Finding {
        let mut finding = self.finding(source, hit.start, hit.end, hit);
        finding.line = 1;
        finding.help = Some("rename the file: item files are best named after their review_id (e.g. ex-2024-01.md), since names reach URLs".into());
        finding
    }

    /// The finding for `hit` at bytes `start..end` of `source`, with the
    /// severity the gate gives it: for callers that read files the gate
    /// does not know (a theme's).
    pub fn finding_in(&self, source: &SourceText, start: usize, end: usize, hit: &Hit) -> Finding {
        self.finding(source, start, end, hit)
    }

    fn finding(&self, source: &SourceText, start: usize, end: usize, hit: &Hit) -> Finding {
        let severity = if hit.kind == Kind::Date && self.day_dates == DayDates::Warn {
            Severity::Warning
        } else if hit.confidence == Confidence::Uncertain && hit.kind != Kind::Register {
            Severity::NeedsDecision
        } else {
            Severity::Error
        };
        Finding::at(
            source,
            start,
            end,
            hit.kind,
            hit.rule,
            severity,
            hit.message.clone(),
        )
        .with_help(help_for(hit.kind))
    }
}

/// The hit for a run of direction controls at `start..end`: it covers what
/// they reorder, up to the control that ends their scope (U+202C or
/// U+2069) or the end of the line, so that printers mask it.
fn bidi_hit(text: &str, start: usize, end: usize, runs: &[(usize, usize)]) -> Hit {
    let line_end = text[end..].find('\n').map_or(text.len(), |i| end + i);
    let closing = runs
        .iter()
        .filter(|(s, _)| *s >= end && *s < line_end)
        .find(|(s, e)| text[*s..*e].contains(['\u{202c}', '\u{2069}']))
        .map(|(_, e)| *e);
    let what = text[start..end]
        .chars()
        .map(|c| format!("U+{:04X}", c as u32))
        .collect::<Vec<_>>()
        .join(" ");
    Hit::new(
        start,
        closing.unwrap_or(line_end).max(end),
        Kind::Bidi,
        "bidi-control",
        format!("a bidirectional control character ({what}) changes the order in which this text is shown: what the file holds backwards or out of order can read as a name on the page"),
    )
}

/// `text` with `hits` (found in it) masked: every hit, or (when
/// `quoted_only`) register hits and hits inside quotes — of these, when a
/// `line` is given, only text the line holds.
fn mask_hits(text: &str, hits: &[Hit], quoted_only: bool, line: Option<&str>) -> String {
    if hits.is_empty() {
        return text.to_string();
    }
    let quoted = quoted_spans(text);
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for hit in hits {
        let found = &text[hit.start..hit.end];
        let inside = quoted.iter().any(|(s, e)| *s <= hit.start && hit.end <= *e);
        let from_input = line.is_none_or(|line| line.contains(found));
        let shown = quoted_only && hit.kind != Kind::Register && !(inside && from_input);
        if hit.start < at || shown {
            continue;
        }
        out.push_str(&text[at..hit.start]);
        out.push_str(&crate::findings::mask(found, Kind::PersonName));
        at = hit.end;
    }
    out.push_str(&text[at..]);
    out
}

/// Whether a front matter comment is clearhouse's own words — a line of
/// the skeleton `clearhouse new` writes ("see the README", its example
/// sign-off) — or a commented-out date of the item's own, public as the
/// key's value is (`# withdraw_after = 2030-01-01`, a sign-off): read for
/// register entries only, as such values are.
fn is_own_comment(text: &str) -> bool {
    static SKELETON: std::sync::OnceLock<std::collections::HashSet<&'static str>> =
        std::sync::OnceLock::new();
    let skeleton = SKELETON.get_or_init(|| {
        include_str!("../scaffold/skeleton.md")
            .lines()
            .filter_map(|line| line.trim().strip_prefix('#'))
            .map(str::trim)
            .collect()
    });
    let text = text.trim();
    if skeleton.contains(text) {
        return true;
    }
    static OWN_DATE: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    OWN_DATE
        .get_or_init(|| {
            regex::Regex::new(
                r#"^(?:(?:published|withdraw_after|embargo_until)\s*=\s*\d{4}-\d{2}-\d{2}|(?:cpc|cog)\s*=\s*\{\s*date\s*=\s*\d{4}-\d{2}-\d{2}\s*,\s*sha256\s*=\s*"[^"]*"\s*\})$"#,
            )
            .expect("static regex")
        })
        .is_match(text)
}

/// Byte ranges inside quotes (`"…"`, `` `…` ``, `'…'` around a word
/// start) in a message.
fn quoted_spans(text: &str) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let bytes = text.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        let quote = bytes[at];
        let opens = matches!(quote, b'"' | b'`')
            || (quote == b'\'' && (at == 0 || !bytes[at - 1].is_ascii_alphanumeric()));
        if opens {
            if let Some(close) = text[at + 1..].find(char::from(quote)) {
                spans.push((at + 1, at + 1 + close));
                at += close + 2;
                continue;
            }
        }
        at += 1;
    }
    spans
}

/// A matcher for an item's own review id, public whether or not the gate
/// was told the site's ids.
fn own_id(id: &str) -> Option<AhoCorasick> {
    let id = id.trim();
    (id.len() >= 3)
        .then(|| {
            AhoCorasick::builder()
                .ascii_case_insensitive(true)
                .build([id])
                .ok()
        })
        .flatten()
}

/// What to do about a finding of each personal-data kind.
pub fn help_for(kind: Kind) -> &'static str {
    match kind {
        Kind::Register => "replace it with the register's replacement (`clearhouse anonymise FILE` writes a draft with them)",
        Kind::PersonName => "use a pseudonym (Child A, Mother, Practitioner B, Health Visitor 1); if it is a public body or term, add it to [gate] allow in config.toml",
        Kind::Date => "give the month and year only (\"March 2022\"), or a relative time (\"two weeks later\")",
        Kind::Age => "give the age in whole years, or an age band (\"an infant\", \"under one\")",
        Kind::Address | Kind::Postcode => "remove the address; say \"the family home\" or name the council area at most",
        Kind::Phone | Kind::Email => "remove the contact detail",
        Kind::NhsNumber | Kind::ChiNumber | Kind::NiNumber | Kind::Reference | Kind::Vehicle => "remove the number: no identifying number belongs in published learning",
        Kind::Url => "remove the link, or link to the organisation's public page rather than a person's",
        Kind::Institution => "describe the kind of place (\"the primary school\", \"the GP practice\") without its name",
        Kind::Bidi => "remove the direction control characters and write the text in the order it is read; right-to-left scripts need none",
        _ => "fix the item",
    }
}

fn build_allow(allow: &[String]) -> Option<AhoCorasick> {
    let phrases: Vec<&str> = allow
        .iter()
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
        .collect();
    if phrases.is_empty() {
        return None;
    }
    AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .ascii_case_insensitive(true)
        .build(&phrases)
        .ok()
}

/// The length of a possessive ending at the start of `rest` ("'s", "’s",
/// or a bare apostrophe): an allowed body's possessive ("NSPCC's") is
/// allowed with it.
fn possessive_len(rest: &str) -> usize {
    for ending in ["'s", "\u{2019}s", "'S", "\u{2019}S"] {
        if rest.starts_with(ending) && !rest[ending.len()..].starts_with(char::is_alphanumeric) {
            return ending.len();
        }
    }
    0
}

fn is_word_boundary(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
}

/// Most specific kinds first: when hits overlap, the one whose kind comes
/// first wins (a CHI number is not also a phone number, a postcode inside a
/// URL is reported as a postcode, a school's name is not also a person or
/// a place).
const PRIORITY: [Kind; 15] = [
    Kind::Register,
    Kind::ChiNumber,
    Kind::NhsNumber,
    Kind::NiNumber,
    Kind::Email,
    Kind::Postcode,
    Kind::Phone,
    Kind::Vehicle,
    Kind::Institution,
    Kind::Address,
    Kind::Reference,
    Kind::Date,
    Kind::Age,
    Kind::Url,
    Kind::PersonName,
];

fn priority(kind: Kind) -> usize {
    PRIORITY
        .iter()
        .position(|k| *k == kind)
        .unwrap_or(PRIORITY.len())
}

fn resolve_overlaps(text: &str, mut hits: Vec<Hit>) -> Vec<Hit> {
    hits.sort_by(|a, b| {
        priority(a.kind)
            .cmp(&priority(b.kind))
            .then((b.end - b.start).cmp(&(a.end - a.start)))
            .then(a.start.cmp(&b.start))
    });
    let mut kept: Vec<Hit> = Vec::with_capacity(hits.len());
    let mut leftovers = Vec::new();
    for hit in hits {
        let overlaps = kept.iter().any(|k| k.start < hit.end && hit.start < k.end);
        if !overlaps {
            kept.push(hit);
        } else if matches!(
            hit.kind,
            Kind::PersonName | Kind::Address | Kind::Institution
        ) {
            leftovers.push(hit);
        }
    }
    // A name only partly covered by a more specific hit keeps its other
    // words ("Marian Stoica" when the register holds "Stoica": "Marian"
    // is still a name).
    for hit in leftovers {
        let mut pieces = vec![(hit.start, hit.end)];
        for k in &kept {
            pieces = pieces
                .into_iter()
                .flat_map(|(s, e)| {
                    if k.end <= s || e <= k.start {
                        vec![(s, e)]
                    } else {
                        vec![(s, k.start.max(s)), (k.end.min(e), e)]
                    }
                })
                .filter(|(s, e)| s < e)
                .collect();
        }
        for (s, e) in pieces {
            // Whole words only: no space, comma or possessive ending.
            let piece = &text[s..e];
            let trimmed = piece.trim_matches(|c: char| !c.is_alphanumeric());
            let s = s + piece.find(trimmed).unwrap_or(0);
            let e = s + trimmed.len();
            let letters = trimmed.chars().filter(|c| c.is_alphabetic()).count();
            if letters >= 2 && !matches!(trimmed, "s" | "S") && e - s < hit.end - hit.start {
                let mut piece = hit.clone();
                piece.start = s;
                piece.end = e;
                kept.push(piece);
            }
        }
    }
    kept.sort_by_key(|h| (h.start, h.end));
    kept
}

/// The severity a gate finding would have; used by printers' summaries.
pub fn is_personal_data(finding: &Finding) -> bool {
    finding.kind.is_personal_data()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(text: &str) -> RegisterEntry {
        RegisterEntry {
            review_id: None,
            text: text.into(),
            kind: "person-name".into(),
            replacement: None,
        }
    }

    fn gate(allow: &[&str], register: &[&str]) -> Gate {
        let config = GateConfig {
            allow: allow.iter().map(|s| s.to_string()).collect(),
            ..GateConfig::default()
        };
        let register =
            Register::from_entries(register.iter().map(|t| entry(t)).collect(), &|_| false);
        Gate::new(&config, register)
    }

    #[test]
    fn the_allow_list_never_overrides_the_register() {
        let g = gate(&["Stacey Corrigan"], &["Stacey Corrigan"]);
        let hits = g.scan_text("Mother, Stacey Corrigan, attended.");
        assert!(hits.iter().any(|h| h.kind == Kind::Register));
    }

    #[test]
    fn an_allowed_body_is_allowed_in_the_possessive_too() {
        let g = gate(&["Glenvarrie Trust", "Zorvex"], &[]);
        for text in [
            "The Glenvarrie Trust's guidance and Zorvex’s report were followed.",
            "Zorvex's staff met Zorvex.",
        ] {
            assert!(
                g.scan_text(text).is_empty(),
                "{text}: {:?}",
                g.scan_text(text)
            );
        }
        assert!(!gate(&["Zorvex"], &[])
            .scan_text("Zorvexson's report")
            .is_empty());
    }

    #[test]
    fn uncertain_hits_need_a_decision_and_certain_ones_are_errors() {
        let g = gate(&[], &["Stacey Corrigan"]);
        let source = SourceText::new("a.md", "Stacey Corrigan met Mrs Galbraith and Gloverbrae.");
        let severity = |needle: &str| {
            let start = source.text.find(needle).unwrap();
            let hits = g.scan_text(&source.text);
            let hit = hits.iter().find(|h| h.start == start).expect(needle);
            g.finding(&source, hit.start, hit.end, hit).severity
        };
        assert_eq!(severity("Stacey"), Severity::Error);
        assert_eq!(severity("Mrs"), Severity::Error);
        assert_eq!(severity("Gloverbrae"), Severity::NeedsDecision);
        // A register match is never uncertain, whatever the detector said.
        let mut hit = Hit::new(0, 6, Kind::Register, "register", "").uncertain();
        assert_eq!(g.finding(&source, 0, 6, &hit).severity, Severity::Error);
        hit.kind = Kind::Age;
        assert_eq!(
            g.finding(&source, 0, 6, &hit).severity,
            Severity::NeedsDecision
        );
    }

    #[test]
    fn review_ids_are_public_but_the_register_still_blocks() {
        let title = "Learning from review EA-2014-00012: a review of services";
        let mut g = gate(&[], &["Quarrybrae"]);
        assert!(
            g.scan_text(title).iter().any(|h| h.kind == Kind::Reference),
            "{:?}",
            g.scan_text(title)
        );
        g.set_review_ids(["EA-2014-00012", "QUARRYBRAE-2020-01"]);
        assert!(g.scan_text(title).is_empty(), "{:?}", g.scan_text(title));
        assert!(g
            .scan_text(&title.to_lowercase())
            .iter()
            .all(|h| h.kind == Kind::Register));
        // Only the id itself: a longer number around it is no review id.
        assert!(!g.scan_text("case EA-2014-000123 was").is_empty());
        let hits = g.scan_text("see QUARRYBRAE-2020-01 for more");
        assert!(hits.iter().any(|h| h.kind == Kind::Register), "{hits:?}");
    }

    #[test]
    fn direction_controls_and_smuggled_text_are_found_as_written() {
        let g = gate(&[], &["Stacey Corrigan"]);
        let text = "Mother \u{202e}nagirroC yecatS\u{202c} met the Reviewer.";
        let hits = g.scan_text(text);
        let bidi = hits.iter().find(|h| h.kind == Kind::Bidi).expect("bidi");
        assert_eq!(
            &text[bidi.start..bidi.end],
            "\u{202e}nagirroC yecatS\u{202c}"
        );
        assert_eq!(hits.iter().filter(|h| h.kind == Kind::Bidi).count(), 1);
        let smuggled: String = "(Stacey Corrigan)"
            .chars()
            .map(|c| char::from_u32(0xe0000 + c as u32).unwrap())
            .collect();
        let text = format!("Mother {smuggled}met the Reviewer.");
        let hits = g.scan_text(&text);
        let register = hits
            .iter()
            .find(|h| h.kind == Kind::Register)
            .expect("register");
        assert_eq!(&text[register.start..register.end], smuggled);
        // Scotland's flag is made of tag characters too, and spells nothing.
        let flag = "Scotland \u{1f3f4}\u{e0067}\u{e0062}\u{e0073}\u{e0063}\u{e0074}\u{e007f} and";
        assert!(g.scan_text(flag).is_empty(), "{:?}", g.scan_text(flag));
    }

    #[test]
    fn only_clearhouse_s_own_comments_are_read_for_the_register_alone() {
        assert!(is_own_comment(
            " Themes from the controlled vocabulary (see the README); `clearhouse check` suggests near misses."
        ));
        assert!(is_own_comment(
            " cpc = { date = 2025-03-02, sha256 = \"…\" }"
        ));
        assert!(is_own_comment(" withdraw_after = 2031-05-01"));
        assert!(!is_own_comment(" seen by Mrs Galbraith on 2023-03-14"));
        assert!(!is_own_comment(" by = \"Mrs Galbraith\""));
        assert!(!is_own_comment(
            " published = 2023-03-14, the day Mrs Galbraith called"
        ));
    }

    #[test]
    fn messages_mask_quoted_input_but_not_clearhouse_s_own_words() {
        let g = gate(&[], &["Stacey Corrigan"]);
        let source = SourceText::new(
            "content/reports/a.md",
            "+++\nthemes = [\"Galbraith\"]\n+++\n",
        );
        let at = source.text.find("Galbraith").unwrap();
        let finding = |message: &str| {
            Finding::at(
                &source,
                at,
                at + 9,
                Kind::Theme,
                "unknown-theme",
                Severity::Error,
                message.to_string(),
            )
        };
        let mut findings = vec![
            finding("unknown theme \"Galbraith\": write it as \"YYYY-MM\""),
            finding("see \"Stacey Corrigan\""),
        ];
        g.redact(&mut findings);
        assert!(
            !findings[0].message.contains("Galbraith"),
            "{}",
            findings[0].message
        );
        assert!(
            findings[0].message.contains("\"YYYY-MM\""),
            "{}",
            findings[0].message
        );
        assert!(
            !findings[1].message.contains("Corrigan"),
            "{}",
            findings[1].message
        );
        assert!(!findings[0].line_masks.is_empty());
    }

    /// A published report with this body, as a build loads it.
    fn report(body: &str) -> Item {
        let file = format!("+++\ntitle = \"Learning\"\nreview_id = \"TS-2024-00\"\nkind = \"report\"\npublished = 2025-05-12\n[publication]\ndecision = \"publish\"\n+++\n{body}");
        crate::content::parse_item(
            "content/reports/ts-2024-00.md",
            file.into_bytes(),
            crate::content::ItemKind::Report,
            "",
        )
        .unwrap()
    }

    #[test]
    fn an_entry_spelled_across_a_line_break_tag_is_found_in_the_body() {
        // Found by the rendering property test: "<br>" renders as a break,
        // so the letters either side of it are spaced, not joined.
        let g = gate(&[], &["Siobhán Quinn"]);
        let found = g.scan_item(&report("Siob\nhán Q`u**i\nn<br>N the\n"));
        let register: Vec<usize> = found
            .iter()
            .filter(|f| f.kind == Kind::Register)
            .map(|f| f.line)
            .collect();
        assert_eq!(register, [10], "{found:#?}");
    }

    #[test]
    fn an_item_the_gate_fails_on_is_held_back_without_quoting_it() {
        struct Failing;
        impl Detector for Failing {
            fn name(&self) -> &'static str {
                "failing"
            }
            fn scan(&self, text: &str, _hits: &mut Vec<Hit>) {
                if text.contains("Quinn") {
                    panic!("cannot read {text}");
                }
            }
        }
        let mut g = gate(&[], &[]);
        g.detectors.push(Box::new(Failing));
        let found = g.scan_item(&report("Siobhán Quinn was seen.\n"));
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].kind, Kind::Internal);
        assert!(found[0].is_error());
        assert!(!format!("{found:?}").contains("Quinn"));
    }

    #[test]
    fn findings_point_at_the_text_as_written() {
        let g = gate(&[], &[]);
        let text = "Tel ٠٧٧٠٠\u{ad} ٩٠٠ ٢٦٥ or ＭＬ１４ ２ＴＤ.";
        let hits = g.scan_text(text);
        let spans: Vec<(Kind, &str)> = hits
            .iter()
            .map(|h| (h.kind, &text[h.start..h.end]))
            .collect();
        assert!(
            spans.contains(&(Kind::Phone, "٠٧٧٠٠\u{ad} ٩٠٠ ٢٦٥")),
            "{spans:?}"
        );
        assert!(
            spans.contains(&(Kind::Postcode, "ＭＬ１４ ２ＴＤ")),
            "{spans:?}"
        );
    }

    #[test]
    fn overlapping_hits_keep_the_most_specific_kind() {
        let hits = resolve_overlaps(
            "",
            vec![
                Hit::new(0, 30, Kind::Url, "url", ""),
                Hit::new(10, 18, Kind::Postcode, "postcode", ""),
                Hit::new(40, 50, Kind::PersonName, "n", ""),
            ],
        );
        let kinds: Vec<Kind> = hits.iter().map(|h| h.kind).collect();
        assert_eq!(kinds, vec![Kind::Postcode, Kind::PersonName]);
    }
}

/// The whole gate, as a build runs it (all detectors, allow list, overlap
/// resolution), over the shared table of PII and clean lines.
#[cfg(test)]
mod pii_lines {
    use super::*;

    fn good_site_gate() -> Gate {
        let root = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/samples/good-site/config.toml"
        );
        let config: crate::config::Config =
            toml::from_str(&std::fs::read_to_string(root).unwrap()).unwrap();
        Gate::new(&config.gate, Register::empty())
    }

    #[test]
    fn every_pii_line_is_found_with_its_kind_and_every_clean_line_passes() {
        let table = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/samples/pii-lines.tsv"
        ))
        .unwrap();
        let gate = good_site_gate();
        let mut failures = Vec::new();
        let mut rows = 0;
        for row in table.lines().skip(1) {
            let mut cols = row.split('\t');
            let (kind, line, pii) = (
                cols.next().unwrap(),
                cols.next().unwrap(),
                cols.next().unwrap_or(""),
            );
            rows += 1;
            let hits = gate.scan_text(line);
            if kind == "clean" {
                if !hits.is_empty() {
                    failures.push(format!(
                        "false positive {:?} in {line:?}",
                        hits.iter()
                            .map(|h| (h.kind, &line[h.start..h.end]))
                            .collect::<Vec<_>>()
                    ));
                }
                continue;
            }
            let at = line.find(pii).expect("pii substring in line");
            let wanted = Kind::parse(kind).expect("known kind");
            let found = hits
                .iter()
                .any(|h| h.kind == wanted && h.start < at + pii.len() && at < h.end);
            if !found {
                failures.push(format!(
                    "missed {kind} in {line:?}; got {:?}",
                    hits.iter()
                        .map(|h| (h.kind, &line[h.start..h.end]))
                        .collect::<Vec<_>>()
                ));
            }
        }
        assert_eq!(rows, 200);
        assert!(
            failures.is_empty(),
            "{} of 200 lines wrong:\n{}",
            failures.len(),
            failures.join("\n")
        );
    }
}
