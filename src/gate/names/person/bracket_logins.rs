//! A login given in brackets after its owner's name: a school's or an
//! employer's system makes usernames from the name ("Tiernan Ward
//! (gw14wardt)", "Aoife Ní Cheallaigh (gw14nicheallaigha)", "Priya Nair
//! (p.nair7)"). Exports print them beside the name; each leads to the one
//! account, so it is that person's name in another form.

use super::super::lexicon::fold_diacritics;
use super::{Rule, Span};

/// Adds each bracketed login after a name it spells to `spans`.
pub(super) fn logins_after_names(text: &str, spans: &mut Vec<Span>) {
    let bytes = text.as_bytes();
    for open in memchr::memchr_iter(b'(', bytes) {
        let start = open + 1;
        let len = bytes[start..]
            .iter()
            .take(41)
            .take_while(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"._-".contains(b))
            .count();
        let end = start + len;
        if !(5..=40).contains(&len) || bytes.get(end) != Some(&b')') {
            continue;
        }
        let login = &text[start..end];
        // A login has a digit or an underscore, or dots that are no web
        // address's ("p.nair7", not "education.gov.scot").
        let domain = login.rsplit('.').next().is_some_and(|last| {
            login.contains('.') && last.bytes().all(|b| b.is_ascii_lowercase())
        });
        let coded = login.bytes().any(|b| b.is_ascii_digit() || b == b'_');
        if !login.bytes().any(|b| b.is_ascii_lowercase()) || !coded || domain {
            continue;
        }
        // The name: the last few words before the bracket on its line.
        let line_start = text[..open].rfind('\n').map_or(0, |k| k + 1);
        let before = &text[line_start..open];
        let spelled = before
            .split(|c: char| !c.is_alphabetic())
            .rev()
            .filter(|w| !w.is_empty())
            .take(4)
            .any(|w| {
                let folded = fold_diacritics(&w.to_lowercase());
                folded.len() >= 3 && login.contains(&folded) && login.len() > folded.len()
            });
        if spelled {
            spans.push(Span {
                start,
                end,
                rule: Rule::Login,
                certain: false,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    fn found(text: &str) -> Vec<&str> {
        let mut spans = Vec::new();
        super::logins_after_names(text, &mut spans);
        spans.iter().map(|s| &text[s.start..s.end]).collect()
    }

    #[test]
    fn a_login_that_spells_the_name_before_it_is_found() {
        assert_eq!(
            found("> **Tiernan Ward (gw14wardt)** — 09:33"),
            ["gw14wardt"]
        );
        assert_eq!(
            found("**Aoife Ní Cheallaigh (gw14nicheallaigha)**"),
            ["gw14nicheallaigha"]
        );
        assert_eq!(found("Priya Nair (p.nair7) posted"), ["p.nair7"]);
    }

    #[test]
    fn other_words_in_brackets_are_not() {
        assert!(found("Child A (aged 9) and Mother (see 4.2)").is_empty());
        assert!(found("The Ward (ward) round").is_empty());
        assert!(found("Education Scotland (education.gov.scot) wrote").is_empty());
        assert!(found("Priya Nair (school) posted").is_empty());
    }
}
