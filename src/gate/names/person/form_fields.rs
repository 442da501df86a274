//! Names a record's own fields give, whatever words they are:
//! - after a person's label in a form or a referral ("Parent: Crystal",
//!   "Child: Bear (2y 3m)", "Children: Storm (4), River (2), Hope (6
//!   wks)"), each item's capitalised words before its bracket or its end;
//! - after "goes by", "nicknamed", "aka", or "known as" with the name in
//!   quotes ("Tendai goes by Ten", "Known as \"Rosh\"");
//! - in the name columns of a CSV export, under a header that names them
//!   ("first_name,surname,known_as,…,parent_carer"), row by row;
//! - in a list of given names with initials ("Room 7: Tolu A, Tanvir R,
//!   Jimmy S, Sunny L"), three or more, one of them a known given name.
//!
//! A word-name ("Summer", "Bear", "Ten") is a name there: the field says
//! so. A pseudonym ("Child: Child A", "Parent: Mother") and a field's
//! ordinary answer ("Parent: not known", "Carer: N/A") are not.

use super::{Rule, Span};

/// Labels of fields that hold people's names.
const PERSON_LABELS: &[&str] = &[
    "child",
    "children",
    "parent",
    "parents",
    "mother",
    "father",
    "mum",
    "dad",
    "carer",
    "carers",
    "sibling",
    "siblings",
    "baby",
    "name",
    "names",
    "forename",
    "forenames",
    "nickname",
    "alias",
    "pupil",
    "patient",
    "client",
    "member",
    "swimmer",
    "guardian",
    "householder",
];

/// Words that open a pseudonym or a field's answer, not a name.
const NOT_NAMES: &[&str] = &[
    "child",
    // "Protecting Parents: Children, Migration and the State": a title.
    "children",
    "mother",
    "father",
    "parent",
    "parents",
    "sibling",
    "young",
    "person",
    "baby",
    "carer",
    "practitioner",
    "worker",
    "family",
    "member",
    "boy",
    "girl",
    "infant",
    "unborn",
    "sister",
    "brother",
    "mum",
    "dad",
    "gran",
    "grandmother",
    "grandfather",
    "uncle",
    "aunt",
    "partner",
    "none",
    "unknown",
    "not",
    "yes",
    "no",
    "tbc",
    "n",
    "the",
    "a",
    "an",
    "see",
    "as",
    "per",
    "withheld",
    "redacted",
    "same",
    "both",
    "all",
    "male",
    "female",
    "other",
    "twin",
    "twins",
    "stepfather",
    "stepmother",
    "foster",
    "kinship",
    "adult",
    "adults",
    "pupil",
    "patient",
    "client",
    "service",
    "user",
    "case",
    "name",
    "details",
    "address",
    "dob",
    "age",
    "aged",
    "and",
    "or",
];

/// CSV header fields that hold names ("first_name", "known_as",
/// "parent_carer", "Surname").
fn name_column(field: &str) -> bool {
    let f = field
        .trim()
        .trim_matches('"')
        .to_ascii_lowercase()
        .replace([' ', '-'], "_");
    f.ends_with("name")
        || f.ends_with("_name")
        || matches!(
            f.as_str(),
            "known_as"
                | "surname"
                | "forename"
                | "forenames"
                | "nickname"
                | "alias"
                | "parent_carer"
                | "parent"
                | "carer"
                | "guardian"
                | "mother"
                | "father"
                | "emergency_contact"
                | "next_of_kin"
                | "nok"
                | "contact"
                | "contact_person"
                | "collected_by"
        )
}

/// Adds the names these fields give to `spans`.
pub(super) fn names_in_fields(text: &str, spans: &mut Vec<Span>) {
    let mut found = Vec::new();
    labelled_items(text, &mut found);
    goes_by(text, &mut found);
    csv_columns(text, &mut found);
    names_with_initials(text, &mut found);
    for (start, end) in found {
        if spans.iter().any(|s| s.start < end && start < s.end) {
            continue;
        }
        spans.push(Span {
            start,
            end,
            rule: Rule::Relation,
            certain: false,
        });
    }
    spans.sort_by_key(|s| s.start);
}

/// The capitalised words (at most three) that open `item` at `at`, when
/// they are a name: then only a bracket, a dash or nothing follows.
fn name_opening(text: &str, at: usize, item_end: usize) -> Option<(usize, usize)> {
    let item = &text[at..item_end];
    let lead = item.len()
        - item
            .trim_start_matches([' ', '"', '“', '‘', '\'', '*'])
            .len();
    let start = at + lead;
    let mut end = start;
    let mut words = 0;
    let mut pos = start;
    for word in text[start..item_end].split(' ') {
        let word_start = pos;
        pos += word.len() + 1;
        let w = word.trim_end_matches(['"', '”', '’', '\'', '*', '.', ',']);
        let Some(first) = w.chars().next() else {
            break;
        };
        if !first.is_uppercase()
            || w.len() < 2
            || !w
                .chars()
                .all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’'))
            || w.chars().all(char::is_uppercase)
        {
            break;
        }
        if words == 0 && NOT_NAMES.iter().any(|n| n.eq_ignore_ascii_case(w)) {
            return None;
        }
        words += 1;
        end = word_start + w.len();
        if words == 3 || w.len() < word.len() {
            break;
        }
    }
    if words == 0 {
        return None;
    }
    let rest = text[end..item_end].trim_start_matches(['"', '”', '’', '\'', '*', ' ']);
    let closes = rest.is_empty()
        || rest.starts_with(['(', '.', '—', '–', '-', '/'])
        || rest.trim_end().is_empty();
    closes.then_some((start, end))
}

/// "Parent: Crystal | Children: Storm (4), River (2), Hope (6 wks)".
fn labelled_items(text: &str, found: &mut Vec<(usize, usize)>) {
    for colon in memchr::memchr_iter(b':', text.as_bytes()) {
        let before = &text[..colon];
        let label_start = before
            .char_indices()
            .rfind(|&(_, c)| !c.is_ascii_alphabetic())
            .map_or(0, |(i, c)| i + c.len_utf8());
        let label = &before[label_start..];
        if label.is_empty()
            || !PERSON_LABELS.iter().any(|l| l.eq_ignore_ascii_case(label))
            || before[..label_start].ends_with(['*', '_'])
        {
            // "*Child: Care, Health and Development*" is a journal's title.
            continue;
        }
        // "first name:", "Preferred name:" count; "the child: …" in prose
        // is a clause, so the label opens its line or its cell.
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let lead = before[line_start..label_start]
            .trim_end()
            .trim_end_matches(|c: char| c.is_ascii_alphabetic())
            .trim_end();
        if !(lead.is_empty() || lead.ends_with(['|', '•', '-', '*', '(', ';', ','])) {
            continue;
        }
        let field_end = text[colon + 1..]
            .find(['\n', '|', ';'])
            .map_or(text.len(), |i| colon + 1 + i);
        let mut item_start = colon + 1;
        let field = &text[colon + 1..field_end];
        let mut depth = 0usize;
        let mut cuts = Vec::new();
        for (k, c) in field.char_indices() {
            match c {
                '(' => depth += 1,
                ')' => depth = depth.saturating_sub(1),
                ',' | '&' if depth == 0 => cuts.push((colon + 1 + k, c.len_utf8())),
                _ => {}
            }
        }
        cuts.push((field_end, 0));
        for (cut, len) in cuts {
            if let Some(span) = name_opening(text, item_start, cut) {
                found.push(span);
            }
            item_start = cut + len;
        }
    }
}

/// "Tendai goes by Ten", "known as \"Rosh\"", "nicknamed Bear".
fn goes_by(text: &str, found: &mut Vec<(usize, usize)>) {
    // Each cue in the cases notes write it. Cues that differ only in
    // their first letter's case share one piece ("oes by"), and "calls
    // herself" and "calls himself" one for "calls h"; the pieces are found
    // in one search ("ka" for "aka": a piece may not start as it ends).
    const CUES: &[(&str, bool)] = &[
        ("goes by", false),
        ("Goes by", false),
        ("nicknamed", false),
        ("Nicknamed", false),
        ("aka", false),
        ("AKA", false),
        ("a.k.a.", false),
        ("calls herself", false),
        ("calls himself", false),
        ("known as", true),
        ("Known as", true),
        ("KNOWN AS", true),
    ];
    /// The pieces, each with the cues (indices into `CUES`) it finds and
    /// how many bytes of a cue come before it.
    const SEARCHES: [(&str, &[usize], usize); 8] = [
        ("oes by", &[0, 1], 1),
        ("icknamed", &[2, 3], 1),
        ("ka", &[4], 1),
        ("KA", &[5], 1),
        ("k.a.", &[6], 2),
        ("calls h", &[7, 8], 0),
        ("nown as", &[9, 10], 1),
        ("KNOWN AS", &[11], 0),
    ];
    static SEARCH: std::sync::OnceLock<crate::gate::structured::util::WordSearch> =
        std::sync::OnceLock::new();
    let search = SEARCH.get_or_init(|| {
        crate::gate::structured::util::WordSearch::new(&SEARCHES.map(|(needle, _, _)| needle))
    });
    let bytes = text.as_bytes();
    let mut by_cue: [Vec<usize>; CUES.len()] = Default::default();
    for (&(_, which, lead), places) in SEARCHES.iter().zip(search.places(text)) {
        for at in places {
            let Some(start) = at.checked_sub(lead) else {
                continue;
            };
            if let Some(&k) = which
                .iter()
                .find(|&&k| bytes[start..].starts_with(CUES[k].0.as_bytes()))
            {
                by_cue[k].push(start);
            }
        }
    }
    // In the order of the cues, each one's in the text's order, as one
    // search per cue finds them.
    let mut cues: Vec<(usize, usize, bool)> = Vec::new();
    for (&(cue, needs_quotes), starts) in CUES.iter().zip(&by_cue) {
        cues.extend(starts.iter().map(|&at| (at, at + cue.len(), needs_quotes)));
    }
    for (cue_start, after, needs_quotes) in cues {
        if text[..cue_start]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric)
            || text[after..]
                .chars()
                .next()
                .is_some_and(|c| c.is_alphanumeric())
        {
            continue;
        }
        let rest = &text[after..];
        let gap = rest.len() - rest.trim_start_matches(' ').len();
        let quoted = rest[gap..].starts_with(['"', '“', '‘', '\'']);
        if needs_quotes && !quoted {
            continue;
        }
        let start = after + gap;
        let end = text[start..]
            .find(['\n', ',', ';', '.', ')', '|'])
            .map_or(text.len(), |i| start + i);
        let end = if quoted {
            // Up to the closing quote, which is left out.
            let open = text[start..].chars().next().map_or(1, char::len_utf8);
            text[start + open..end]
                .find(['"', '”', '’', '\''])
                .map_or(end, |i| start + open + i)
        } else {
            end
        };
        // "known as \"Learning Together\"" names a model: a person's
        // name in quotes there is one word.
        if let Some(span) = name_opening(text, start, end)
            .filter(|&(s, e)| !needs_quotes || !text[s..e].contains(' '))
        {
            found.push(span);
        }
    }
}

/// "Tolu A, Tanvir R, Jimmy S and Sunny L": three or more capitalised
/// words each with one initial, joined as a list, different words, one
/// of them a given name the gazetteers know ("Vitamin D, Hepatitis B
/// and Group A" has none).
fn names_with_initials(text: &str, found: &mut Vec<(usize, usize)>) {
    use std::sync::OnceLock;
    static RE: OnceLock<regex::Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        regex::Regex::new(
            r"\b\p{Lu}\p{Ll}+ \p{Lu}\.?(?:(?:, | and | & )\p{Lu}\p{Ll}+ \p{Lu}\.?){2,}\b",
        )
        .expect("initials list pattern compiles")
    });
    // Only where a capital stands alone before a comma (" R,") can a list
    // start: most texts have none, and the pattern has no literal to seek.
    let bytes = text.as_bytes();
    let initial_before_comma = memchr::memchr_iter(b',', bytes).any(|i| {
        i >= 2 && bytes[i - 1].is_ascii_uppercase() && matches!(bytes[i - 2], b' ' | b'.')
    });
    if !initial_before_comma {
        return;
    }
    let lex = super::super::lexicon::lexicon();
    for list in re.find_iter(text) {
        let items: Vec<(usize, &str)> = list
            .as_str()
            .split(", ")
            .flat_map(|part| part.split(" and "))
            .flat_map(|part| part.split(" & "))
            .map(|item| {
                let offset = item.as_ptr() as usize - text.as_ptr() as usize;
                (offset, item.split(' ').next().unwrap_or(""))
            })
            .collect();
        let mut words: Vec<&str> = items.iter().map(|&(_, w)| w).collect();
        words.sort_unstable();
        words.dedup();
        // A reference list writes authors the same way ("Brandon M,
        // Sidebotham P, Belderson P, et al."): no "et al" and no year in a
        // citation's brackets or after its semicolon on the line.
        let known = items
            .iter()
            .any(|&(_, w)| lex.first.contains(w.to_lowercase().as_str()));
        let (line_start, line_end) = (
            text[..list.start()].rfind('\n').map_or(0, |k| k + 1),
            text[list.end()..]
                .find('\n')
                .map_or(text.len(), |k| list.end() + k),
        );
        let line = &text[line_start..line_end];
        let cited = line.contains("et al")
            || line.as_bytes().windows(4).any(|w| {
                (w.starts_with(b"19") || w.starts_with(b"20")) && w.iter().all(u8::is_ascii_digit)
            }) && line.contains(['(', ';']);
        if words.len() == items.len() && known && !cited {
            found.extend(items.iter().map(|&(at, w)| (at, at + w.len())));
        }
    }
}

/// The fields of a CSV line, with their byte ranges, quotes respected.
fn csv_fields(line: &str, offset: usize) -> Vec<(usize, usize)> {
    let mut fields = Vec::new();
    let mut start = 0;
    let mut quoted = false;
    for (k, c) in line.char_indices() {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => {
                fields.push((offset + start, offset + k));
                start = k + 1;
            }
            _ => {}
        }
    }
    fields.push((offset + start, offset + line.len()));
    fields
}

/// Under a CSV header with name columns, each row's values in them.
fn csv_columns(text: &str, found: &mut Vec<(usize, usize)>) {
    let mut columns: Vec<usize> = Vec::new();
    let mut width = 0;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let body = line.trim_end_matches(['\n', '\r']);
        // Prose is skipped without splitting it: a header has three
        // commas and no digit, a row the header's width.
        if columns.is_empty()
            && (memchr::memchr_iter(b',', body.as_bytes()).nth(2).is_none()
                || body.bytes().any(|b| b.is_ascii_digit()))
        {
            offset += line.len();
            continue;
        }
        let fields = csv_fields(body, offset);
        let header_like = fields.len() >= 4
            && body.bytes().all(|b| !b.is_ascii_digit() || b == b'_')
            && fields.iter().any(|&(s, e)| name_column(&text[s..e]));
        if header_like {
            columns = fields
                .iter()
                .enumerate()
                .filter(|&(_, &(s, e))| name_column(&text[s..e]))
                .map(|(k, _)| k)
                .collect();
            width = fields.len();
        } else if !columns.is_empty() && fields.len() == width {
            for &k in &columns {
                let (s, e) = fields[k];
                let value = text[s..e].trim().trim_matches('"').trim();
                if value.len() < 2
                    || !value.starts_with(char::is_alphabetic)
                    || value.chars().any(|c| c.is_ascii_digit() || c == '@')
                {
                    continue;
                }
                let vs = s + text[s..e].find(value).unwrap_or(0);
                found.push((vs, vs + value.len()));
            }
        } else {
            columns.clear();
        }
        offset += line.len();
    }
}

#[cfg(test)]
mod tests {
    use super::super::names_found as found;

    #[test]
    fn names_in_a_forms_person_fields_are_found() {
        let t = "Family: Kerr | Parent: Crystal | Children: Storm (4), River (2), Hope (6 wks)\n";
        let names = found(t);
        for n in ["Crystal", "River", "Hope"] {
            assert!(names.iter().any(|f| f.contains(n)), "{n}: {names:?}");
        }
        assert!(found("Child: Bear (2y 3m)\n").contains(&"Bear"));
    }

    #[test]
    fn pseudonyms_and_answers_in_those_fields_pass() {
        for t in [
            "Child: Child A (4) | Parent: Mother\n",
            "Parent: not known; Carer: N/A\n",
            "Siblings: None. Baby: Unborn (due May)\n",
            "The plan for the child: Review in March with the team.\n",
            "Arai, L. (2015) *Child: Care, Health and Development*, 41(6).\n",
        ] {
            assert!(found(t).is_empty(), "{t}: {:?}", found(t));
        }
    }

    #[test]
    fn the_name_a_person_goes_by_is_found() {
        assert!(found("Tendai goes by Ten, hates the other.").contains(&"Ten"));
        assert!(found("Irish passport. Known as \"Rosh\".")
            .iter()
            .any(|f| f.contains("Rosh")));
        // "known as" without quotes names a thing as often as a person.
        let mut spans = Vec::new();
        super::goes_by("Staff use a model known as Signs of Safety.", &mut spans);
        super::goes_by("a model known as \"Learning Together\".", &mut spans);
        assert!(spans.is_empty(), "{spans:?}");
    }

    #[test]
    fn a_list_of_given_names_with_initials_is_found() {
        let names = found("Room 7 (boys): Tolu A, Tanvir R, Jimmy S, Sunny L\n");
        for n in ["Tolu", "Tanvir", "Jimmy", "Sunny"] {
            assert!(names.iter().any(|f| f.contains(n)), "{n}: {names:?}");
        }
        for t in [
            "Give Vitamin D, Hepatitis B and Group A as usual.\n",
            "Plan A, Plan B and Plan C were tried.\n",
            "6. Brandon M, Sidebotham P, Belderson P, et al. *Complexity*. 2020.\n",
            "- Philip G., Clifton J. and Brandon M. (2019) The trouble with fathers.\n",
        ] {
            assert!(found(t).is_empty(), "{t}: {:?}", found(t));
        }
    }

    #[test]
    fn names_in_a_csv_exports_name_columns_are_found() {
        let t = "member_id,first_name,surname,known_as,squad\nIO-1,Tendai,Okonkwo-Mensah,Ten,Juniors\nIO-2,Rowan,Hill,Bee,Juniors\n\nTotal,4,5,6,7\n";
        let names = found(t);
        for n in ["Ten", "Bee", "Rowan"] {
            assert!(names.iter().any(|f| f.contains(n)), "{n}: {names:?}");
        }
        assert!(!names.iter().any(|f| f.contains("Juniors")), "{names:?}");
    }
}
