//! Lines typed all in lower case: a child's diary ("i told gedas about
//! the smell"), a quick text, a note keyed without the shift key. There a
//! word in lower case says nothing of whether it is a name, so it cannot
//! show that the same word elsewhere is a term of the field.
//!
//! A line is so typed when it holds the pronoun "i" on its own ("i told",
//! "i'm") or two sentences that open in lower case (". she said").

/// Whether the line around byte `at` is typed in lower case.
pub(super) fn typed_in_lower_case(text: &str, at: usize) -> bool {
    let bytes = text.as_bytes();
    let start = memchr::memrchr(b'\n', &bytes[..at]).map_or(0, |k| k + 1);
    let end = memchr::memchr(b'\n', &bytes[at..]).map_or(bytes.len(), |k| at + k);
    let line = &bytes[start..end];
    let lone_i = memchr::memchr_iter(b'i', line).any(|k| {
        let before_ok = k == 0 || matches!(line[k - 1], b' ' | b'"' | b'(' | b'>' | b'\t');
        let after = line.get(k + 1).copied();
        // "i'm", "i've", "i said" — not "(i)" as a list's marker or "i.e.".
        let after_ok = match after {
            None => true,
            Some(b' ') => true,
            Some(b'\'') => line.get(k + 2).is_some_and(u8::is_ascii_lowercase),
            _ => false,
        };
        before_ok && after_ok && !(k > 0 && line[k - 1] == b'(' && after == Some(b')'))
    });
    if lone_i || lower_case_chat_message(line) {
        return true;
    }
    let lower_openings = line
        .windows(3)
        .filter(|w| matches!(w[0], b'.' | b'!' | b'?') && w[1] == b' ' && w[2].is_ascii_lowercase())
        .count();
    lower_openings >= 2
}

/// A chat export's message with no capital in it: "[28/03/2025, 23:59:30]
/// Declan: u ok rysiek?".
fn lower_case_chat_message(line: &[u8]) -> bool {
    if line.first() != Some(&b'[') {
        return false;
    }
    let Some(close) = memchr::memchr(b']', line) else {
        return false;
    };
    let rest = &line[close + 1..];
    let Some(colon) = memchr::memchr(b':', rest) else {
        return false;
    };
    let message = &rest[colon + 1..];
    colon <= 40
        && message.iter().filter(|&&b| b == b' ').count() >= 2
        && !message.iter().any(u8::is_ascii_uppercase)
}

#[cfg(test)]
mod tests {
    use super::typed_in_lower_case;

    #[test]
    fn a_line_typed_without_capitals_is_found() {
        let diary = "she was cold. i told kuba about the smell. i think he knew.";
        assert!(typed_in_lower_case(diary, diary.find("kuba").unwrap()));
        let text = "no beds. mum said no. dad came late. left at 3.";
        assert!(typed_in_lower_case(text, 3));
        let chat = "[28/03/2025, 23:59:30] Declan: u ok rysiek?";
        assert!(typed_in_lower_case(chat, chat.find("rysiek").unwrap()));
    }

    #[test]
    fn prose_with_a_roman_numeral_or_a_lower_case_term_is_not() {
        let prose = "The review found (i) that the sextortion was missed. It said so.";
        assert!(!typed_in_lower_case(
            prose,
            prose.find("sextortion").unwrap()
        ));
        let prose = "Practitioners saw cuckooing, i.e. the taking over of a home.";
        assert!(!typed_in_lower_case(prose, 20));
    }
}
