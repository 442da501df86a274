//! Initials in a contact log's "who" notation: "| KB → mum |", "JR -> SW",
//! "mum → KB". An arrow between two parties says who contacted whom, so
//! two or three capitals beside it are a person, unless they are a role
//! the field abbreviates (HV, SW, GP).

use std::sync::OnceLock;

use regex::Regex;

use super::{Lexicon, Rule, Span};

fn pattern() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"(?:^|[\s|(,;])(\p{Lu}{2,3})[ \t]*(?:→|->|⇒)|(?:→|->|⇒)[ \t]*(\p{Lu}{2,3})\b")
            .expect("arrow initials pattern compiles")
    })
}

/// Adds the initials beside a contact arrow as spans.
pub(super) fn initials_beside_arrows(text: &str, spans: &mut Vec<Span>, lex: &Lexicon) {
    if !(text.contains('→') || text.contains("->") || text.contains('⇒')) {
        return;
    }
    for c in pattern().captures_iter(text) {
        let Some(m) = c.get(1).or_else(|| c.get(2)) else {
            continue;
        };
        let after = &text[m.end()..];
        // "KBs", "KB1": part of a longer token.
        if after.starts_with(|ch: char| ch.is_alphanumeric()) {
            continue;
        }
        if lex.is_known_term(&m.as_str().to_lowercase()) {
            continue;
        }
        spans.push(Span {
            start: m.start(),
            end: m.end(),
            rule: Rule::Initials,
            certain: false,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::super::names_found as found;

    #[test]
    fn initials_beside_a_contact_arrow_are_found() {
        let t = "| 3/2/25 | RT → dad | No answer. |\n| 4/2/25 | gran → RT | Left message. |\n";
        assert_eq!(found(t), ["RT", "RT"]);
    }

    #[test]
    fn roles_beside_an_arrow_pass() {
        assert!(found("| 3/2/25 | HV → GP | Letter sent. |\n").is_empty());
    }
}
