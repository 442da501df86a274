//! The author of a note, named on the note's first line after its date:
//! "27/1/24 jamie b", "05/02 kirsty", "2/2/24 L Morrow (Fraud team)". A
//! shop's or a desk's handwritten notes head each entry so; the name is
//! typed quickly, in lower case, with an initial for a surname.
//!
//! The line holds a numeric date, then a given name from the gazetteers
//! (not also an English word: "05/02 will call" is no one's note), or an
//! initial and a surname, then at most a surname or an initial and a
//! bracket.

use super::super::lexicon::Lexicon;
use super::{Rule, Span};

/// A numeric date opening a line ("27/1/24", "05/02", "3.10.24"): its length.
fn leading_date(line: &str) -> Option<usize> {
    let len = line
        .bytes()
        .take_while(|b| b.is_ascii_digit() || matches!(b, b'/' | b'.'))
        .count();
    let date = &line[..len];
    let parts: Vec<&str> = date.split(['/', '.']).collect();
    let day_month = parts.len() >= 2
        && parts.len() <= 3
        && parts.iter().all(|p| (1..=4).contains(&p.len()))
        && parts[0].parse::<u32>().is_ok_and(|d| (1..=31).contains(&d))
        && parts[1].parse::<u32>().is_ok_and(|m| (1..=12).contains(&m));
    (day_month && line[len..].starts_with(' ')).then_some(len)
}

/// Adds the names that head dated notes in `text` to `spans`.
pub(super) fn names_heading_dated_notes(text: &str, spans: &mut Vec<Span>, lex: &Lexicon) {
    let bytes = text.as_bytes();
    // Only lines that open with a digit can head a dated note: they are
    // found by their line breaks, a block of bytes at a time.
    let starts = std::iter::once(0).chain(memchr::memchr_iter(b'\n', bytes).map(|k| k + 1));
    for here in starts {
        if !bytes.get(here).is_some_and(u8::is_ascii_digit) {
            continue;
        }
        let line_end = memchr::memchr(b'\n', &bytes[here..]).map_or(bytes.len(), |k| here + k);
        let body = text[here..line_end].trim_end();
        let Some(date_len) = leading_date(body) else {
            continue;
        };
        let rest = &body[date_len..];
        let name_from = date_len + (rest.len() - rest.trim_start().len());
        let rest = rest.trim_start();
        // Cut a closing bracket off: "(Fraud & Safeguarding)".
        let words_part = match rest.find(" (") {
            Some(k) if rest.ends_with(')') => &rest[..k],
            _ => rest,
        };
        let words: Vec<&str> = words_part.split(' ').collect();
        if words.is_empty() || words.len() > 2 || words.iter().any(|w| w.is_empty()) {
            continue;
        }
        let lower = |w: &str| w.to_lowercase();
        let first = lower(words[0]);
        let is_initial = |w: &str| w.chars().count() == 1 && w.chars().all(char::is_alphabetic);
        let given = words[0].chars().all(|c| c.is_alphabetic())
            && lex.first.contains(first.as_str())
            && !lex.words.contains(first.as_str());
        let second_fits = words.get(1).is_none_or(|w| {
            is_initial(w)
                || (w.chars().all(char::is_alphabetic) && lex.last.contains(lower(w).as_str()))
        });
        let initial_and_surname = words.len() == 2
            && is_initial(words[0])
            && words[0].chars().all(char::is_uppercase)
            && words[1].starts_with(char::is_uppercase)
            && lex.last.contains(lower(words[1]).as_str());
        if (given && second_fits) || initial_and_surname {
            let start = here + name_from;
            spans.push(Span {
                start,
                end: start + words_part.len(),
                rule: Rule::SignOff,
                certain: false,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::names_found as found;

    #[test]
    fn a_name_after_a_notes_date_is_its_author() {
        let t = "12/3/24 shona m\ncustomer came in asking about the account.\n\n14/03 shona\nphoned back.\n\n15/3/24 R Duthie (Complaints)\nclosed.\n";
        let f = found(t);
        assert!(f.contains(&"shona m"), "{f:?}");
        assert!(f.contains(&"shona"), "{f:?}");
        assert!(f.contains(&"R Duthie"), "{f:?}");
    }

    #[test]
    fn a_dated_line_of_ordinary_words_is_no_one() {
        let t = "05/02 will call back\n06/02 closed\n12/3/24 grace period ends\n";
        assert!(found(t).is_empty(), "{:?}", found(t));
    }
}
