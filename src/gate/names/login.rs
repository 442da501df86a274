//! The shape of a practitioner's login after "Printed … by": the system
//! user rule asks it so that field jargon after a verb of making ("images
//! created by nudification apps") is not read as a user name.

use super::lexicon::lexicon;

/// Words that may follow a login in a footer ("by kdonald on 3/4").
const AFTER_LOGIN: &[&str] = &["on", "at", "in", "via", "from", "using", "for", "and", "to"];

/// True when `user` (lower case, letters and maybe digits, dots,
/// underscores, hyphens) is shaped like a login: it holds a digit or a
/// separator, or it is an initial or two and a surname ("kdonald"), or
/// no lower-case word runs on after it as a noun phrase would.
pub fn looks_like_login(user: &str, after: &str) -> bool {
    if user
        .bytes()
        .any(|b| b.is_ascii_digit() || matches!(b, b'.' | b'_' | b'-'))
    {
        return true;
    }
    let lex = lexicon();
    if (1..=2).any(|k| user.len() >= k + 3 && user.is_char_boundary(k) && lex.is_name(&user[k..])) {
        return true;
    }
    let Some(rest) = after.strip_prefix(' ') else {
        return true;
    };
    let word: String = rest.chars().take_while(|c| c.is_alphabetic()).collect();
    !word.starts_with(char::is_lowercase) || AFTER_LOGIN.contains(&word.as_str())
}

#[cfg(test)]
mod tests {
    use super::looks_like_login;

    #[test]
    fn logins_and_jargon() {
        assert!(looks_like_login("mgrant02", " (SWIS)"));
        assert!(looks_like_login("kdonald", "."));
        assert!(looks_like_login("pquist", " on 3/4/2024"));
        assert!(looks_like_login("hollyw", "\n"));
        assert!(!looks_like_login("nudification", " apps and"));
        assert!(!looks_like_login("sextortion", " gangs"));
    }
}
