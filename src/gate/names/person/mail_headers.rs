//! The display name in an email's header: "From: Aga K
//! <agakrawczyk@example.com>", "To: Lorna Bell <…>". Whatever its words
//! (a nickname, an initial, a word that is also a cooker), the name before
//! the address is its owner's.

use super::{Rule, Span};

const LABELS: &[&str] = &["From:", "To:", "Cc:", "CC:", "Bcc:", "Reply-To:", "Sender:"];

/// Adds the display name of each header line that gives one.
pub(super) fn header_names(text: &str, spans: &mut Vec<Span>) {
    let bytes = text.as_bytes();
    for open in memchr::memchr_iter(b'<', bytes) {
        let line_start = text[..open].rfind('\n').map_or(0, |k| k + 1);
        let line = &text[line_start..open];
        let lead = line.trim_start_matches(['>', ' ', '*', '-']);
        let Some(label) = LABELS.iter().find(|l| lead.starts_with(**l)) else {
            continue;
        };
        let after_label = lead[label.len()..].trim_start_matches(['*', ' ']);
        let name = after_label
            .trim_end_matches([' ', '"'])
            .trim_start_matches('"');
        let closes = text[open..].find(['>', '\n']).is_some_and(|k| {
            text[open + k..].starts_with('>') && text[open..open + k].contains('@')
        });
        let words = name.split_whitespace().count();
        if !closes || !(1..=4).contains(&words) || !name.starts_with(|c: char| c.is_alphabetic()) {
            continue;
        }
        let end = line_start + line.trim_end_matches([' ', '"']).len();
        let start = end - name.len();
        spans.push(Span {
            start,
            end,
            rule: Rule::FullName,
            certain: false,
        });
    }
}

#[cfg(test)]
mod tests {
    fn found(text: &str) -> Vec<&str> {
        let mut spans = Vec::new();
        super::header_names(text, &mut spans);
        spans.iter().map(|s| &text[s.start..s.end]).collect()
    }

    #[test]
    fn a_display_name_before_an_address_is_found() {
        assert_eq!(found("From: Aga K <agakrawczyk@example.com>\n"), ["Aga K"]);
        assert_eq!(
            found("> **To:** \"Lorna Bell\" <lorna.bell@example.org>\n"),
            ["Lorna Bell"]
        );
    }

    #[test]
    fn other_angle_brackets_pass() {
        assert!(found("Scores were <5 in From: the table\n").is_empty());
        assert!(found("From: the duty team <see the rota>\n").is_empty());
        assert!(found("Subject: Re: meeting <notes@example.org>\n").is_empty());
    }
}
