//! Identifiers that systems give devices and accounts: a phone's IMEI
//! (fifteen digits, written whole or in groups such as "35 298711 402258
//! 6"), a UUID ("2b77e0d4-1d9a-4b3e-
//! 9f55-6a1c8e0a93f4", an app's user id) and an IPv4 address
//! ("10.44.18.207" in a filtering log). Each names one phone, one account
//! or one connection, and through it one person or household.
//!
//! Each is looked for only where its shape can start: a digit for an
//! IMEI or an address, a hyphen eight hex digits into a word for a UUID.

use super::util::{char_after, char_before, words_before, Digits};
use crate::findings::Kind;
use crate::gate::Hit;

const IMEI_MESSAGE: &str =
    "This looks like a phone's IMEI, which names one handset and so the person who carries it; leave it out.";
const IP_MESSAGE: &str =
    "This looks like an IP address, which a provider can trace to one household or device; leave it out.";
const UUID_MESSAGE: &str =
    "This looks like a system's id for an account or a device (a UUID), which leads to one person; leave it out.";

/// Adds the IMEIs and UUIDs of `text` to `hits`.
pub(super) fn find(text: &str, digit_bits: &Digits<'_>, hits: &mut Vec<Hit>) {
    imeis(text, digit_bits, hits);
    uuids(text, hits);
    ip_addresses(text, digit_bits, hits);
}

/// Four numbers of at most 255 joined by dots, as a word of its own (no
/// fifth part, no "v" before it), with "IP" in the three words before it
/// or with three parts of two digits or more: "4.2.1.3", a section's
/// number, has none.
fn ip_addresses(text: &str, digit_bits: &Digits<'_>, hits: &mut Vec<Hit>) {
    let bytes = text.as_bytes();
    let mut at = 0;
    while let Some(start) = digit_bits.next(at) {
        // Most numbers are no address: only a run of at most three digits
        // and a dot before another digit can start one.
        let run = bytes[start..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count();
        if run > 3
            || bytes.get(start + run) != Some(&b'.')
            || !bytes.get(start + run + 1).is_some_and(u8::is_ascii_digit)
        {
            at = start + run.max(1);
            continue;
        }
        let mut i = start;
        let mut parts = Vec::with_capacity(4);
        loop {
            let run = bytes[i..].iter().take_while(|b| b.is_ascii_digit()).count();
            parts.push((run, &text[i..i + run]));
            i += run;
            if parts.len() < 4
                && run <= 3
                && bytes.get(i) == Some(&b'.')
                && bytes.get(i + 1).is_some_and(u8::is_ascii_digit)
            {
                i += 1;
            } else {
                break;
            }
        }
        at = i.max(start + 1);
        let octets = parts.len() == 4
            && parts.iter().all(|&(run, part)| {
                (1..=3).contains(&run) && part.parse::<u16>().is_ok_and(|n| n <= 255)
            });
        let joined_before =
            char_before(text, start).is_some_and(|c| c.is_alphanumeric() || c == '.');
        let fifth_part =
            bytes.get(i) == Some(&b'.') && bytes.get(i + 1).is_some_and(u8::is_ascii_digit);
        let joined_after = char_after(text, i).is_some_and(|c| c.is_alphanumeric());
        let bounded = !(joined_before || fifth_part || joined_after);
        if !octets || !bounded {
            continue;
        }
        let wide = parts.iter().filter(|&&(run, _)| run >= 2).count() >= 3;
        let labelled = || {
            words_before(text, start, 32)
                .take(3)
                .any(|w| w.eq_ignore_ascii_case("ip") || w.eq_ignore_ascii_case("ipv4"))
        };
        if wide || labelled() {
            hits.push(Hit::new(start, i, Kind::Reference, "ip-address", IP_MESSAGE).uncertain());
        }
    }
}

/// Fifteen digits, whole or in groups joined by single spaces or hyphens,
/// grouped as handsets print them (2-6-6-1, 8-6-1) or after the word
/// "IMEI". The Luhn check digit is not asked for: a number copied with a
/// digit wrong still leads to the handset.
fn imeis(text: &str, digit_bits: &Digits<'_>, hits: &mut Vec<Hit>) {
    let bytes = text.as_bytes();
    let mut at = 0;
    while let Some(start) = digit_bits.next(at) {
        if char_before(text, start).is_some_and(|c| c.is_alphanumeric()) {
            at = start + 1;
            continue;
        }
        let mut groups = Vec::new();
        let mut digits = 0;
        let mut i = start;
        loop {
            let run = bytes[i..].iter().take_while(|b| b.is_ascii_digit()).count();
            groups.push(run);
            digits += run;
            i += run;
            if digits < 15
                && matches!(bytes.get(i), Some(b' ' | b'-'))
                && bytes.get(i + 1).is_some_and(u8::is_ascii_digit)
            {
                i += 1;
            } else {
                break;
            }
        }
        at = i;
        if digits != 15 || char_after(text, i).is_some_and(|c| c.is_alphanumeric()) {
            continue;
        }
        let shaped = matches!(groups.as_slice(), [2, 6, 6, 1] | [8, 6, 1]);
        let labelled = words_before(text, start, 32)
            .take(3)
            .any(|w| w.eq_ignore_ascii_case("imei"));
        if shaped || labelled {
            hits.push(Hit::new(start, i, Kind::Reference, "imei", IMEI_MESSAGE).uncertain());
        }
    }
}

/// `8-4-4-4-12` hexadecimal digits, as a word of its own.
fn uuids(text: &str, hits: &mut Vec<Hit>) {
    let bytes = text.as_bytes();
    for hyphen in memchr::memchr_iter(b'-', bytes) {
        let Some(start) = hyphen.checked_sub(8) else {
            continue;
        };
        let end = start + 36;
        let Some(candidate) = bytes.get(start..end) else {
            continue;
        };
        let shaped = candidate.iter().enumerate().all(|(k, b)| match k {
            8 | 13 | 18 | 23 => *b == b'-',
            _ => b.is_ascii_hexdigit(),
        });
        if shaped
            && !char_before(text, start).is_some_and(|c| c.is_alphanumeric())
            && !char_after(text, end).is_some_and(|c| c.is_alphanumeric())
        {
            hits.push(Hit::new(start, end, Kind::Reference, "uuid", UUID_MESSAGE).uncertain());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<&str> {
        super::super::texts_found(|text, hits| find(text, &Digits::of(text), hits), text)
    }

    #[test]
    fn imeis_in_print_groups_or_after_their_label_are_found() {
        assert_eq!(
            found("| 35 209100 176148 1 | Pixel 7 |"),
            ["35 209100 176148 1"]
        );
        assert_eq!(found("IMEI: 490154203237518."), ["490154203237518"]);
        assert_eq!(
            found("imei 49015420-323751-8 seized"),
            ["49015420-323751-8"]
        );
    }

    #[test]
    fn other_fifteen_digit_numbers_pass() {
        // Fifteen digits in no handset's grouping and with no label.
        assert!(found("Totals 490 154 203 237 518 across areas").is_empty());
        assert!(found("In 2019 2020 2021 the rate rose.").is_empty());
    }

    #[test]
    fn ip_addresses_are_found() {
        assert_eq!(
            found("Device: LAPTOP-S2-114 (192.168.40.77), user rahim"),
            ["192.168.40.77"]
        );
        assert_eq!(found("public IP 81.2.69.160 at 21:14"), ["81.2.69.160"]);
        assert_eq!(found("logged from IP: 5.1.3.9."), ["5.1.3.9"]);
    }

    #[test]
    fn section_numbers_and_versions_pass() {
        assert!(found("See 4.2.1.3 and paragraph 12.3.4.5 of the plan.").is_empty());
        assert!(found("Chrome 120.0.6099.129 and v10.44.18.207").is_empty());
        assert!(found("1.2.3.4.5 and 300.12.14.16").is_empty());
    }

    #[test]
    fn uuids_are_found_as_words_of_their_own() {
        assert_eq!(
            found("User ID: 7d3f0a91-5c2e-4b8a-9e61-0f2c4d8b1a73, flagged"),
            ["7d3f0a91-5c2e-4b8a-9e61-0f2c4d8b1a73"]
        );
        assert_eq!(
            found("(account 5E4A10B2-77C1-4F0E-A3D9-2B6C8E1F0A44)"),
            ["5E4A10B2-77C1-4F0E-A3D9-2B6C8E1F0A44"]
        );
        assert!(found("a well-known long-term step-by-step plan").is_empty());
        assert!(found("7d3f0a91-5c2e-4b8a-9e61").is_empty());
    }
}
