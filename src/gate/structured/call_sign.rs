//! An ambulance's, a police unit's or a fire appliance's call sign after
//! the words "call sign": "Vehicle call sign: A21-4". With the date it
//! leads to the crew on shift, as a taxi's plate leads to its driver; its
//! short serial is too short for the reference rules.

use crate::findings::Kind;
use crate::gate::Hit;

const MESSAGE: &str =
    "This looks like a unit's call sign, which with the date leads to the crew on shift; leave it out.";

/// Adds the call signs written after "call sign" or "callsign" in `text`:
/// it looks only where "sign" is written.
pub(super) fn find(text: &str, hits: &mut Vec<Hit>) {
    const TAILS: [&str; 3] = ["sign", "Sign", "SIGN"];
    static SEARCH: std::sync::OnceLock<super::util::WordSearch> = std::sync::OnceLock::new();
    let places = SEARCH
        .get_or_init(|| super::util::WordSearch::new(&TAILS))
        .places(text);
    for (tail, places) in TAILS.into_iter().zip(places) {
        for at in places {
            let head = text[..at].trim_end_matches(' ');
            let Some(call) = head.get(head.len().saturating_sub(4)..) else {
                continue;
            };
            let before_call = &head[..head.len() - call.len()];
            if !call.eq_ignore_ascii_case("call")
                || before_call.ends_with(|c: char| c.is_alphanumeric())
                || at - head.len() > 1
            {
                continue;
            }
            let after = at + tail.len();
            if text[after..].starts_with(|c: char| c.is_alphanumeric()) {
                continue;
            }
            let rest = &text[after..];
            let gap = rest.len() - rest.trim_start_matches([' ', '\t', ':', '-']).len();
            let start = after + gap;
            let len = text[start..]
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '/'))
                .unwrap_or(text.len() - start);
            let token = text[start..start + len].trim_end_matches(['-', '/']);
            if token.is_empty() || !token.bytes().any(|b| b.is_ascii_digit()) {
                continue;
            }
            hits.push(
                Hit::new(
                    start,
                    start + token.len(),
                    Kind::Reference,
                    "call-sign",
                    MESSAGE,
                )
                .uncertain(),
            );
        }
    }
}
