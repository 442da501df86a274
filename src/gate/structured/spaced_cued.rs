//! An account, claim or membership number written in spaced groups of
//! digits after its label, maybe behind a scheme's capitals: "claim no.
//! UC 7731 0559 2", "account CTAX 4410 2298", "PVG scheme no. 1406 2217
//! 9934 5581". The reference rules judge one digit run at a time and leave
//! a run beside other groups to the phone, NHS and NI detectors; these
//! shapes are none of theirs, and the label says what they are.
//!
//! The search starts only where a run of three digits or more is followed
//! by a space and a digit, and looks back a few words for the label.

use crate::findings::Kind;
use crate::gate::Hit;

const MESSAGE: &str =
    "This looks like an account, claim or membership number, which links straight to one person's record.";

/// Labels of a person's own number with a scheme or an agency.
const LABELS: &[&str] = &[
    "no",
    "number",
    "num",
    "account",
    "acc",
    "claim",
    "membership",
    "member",
    "customer",
    "policy",
    "tenancy",
    "ref",
    "reference",
    "card",
    "id",
    // A security or taxi licence, a parcel's tracking number, a device's
    // serial: "SIA licence 1014 2233 8871 0927", "tracking no. AB 1234
    // 5678 9GB".
    "licence",
    "license",
    "tracking",
    "serial",
    // A home's electricity or gas supply number, a SIM card's: "MPAN 18
    // 0000 4421 907", "SIM ICCID 8944 1100 0023 4417 721".
    "mpan",
    "mprn",
    "iccid",
    "sim",
    // A disclosure scheme's member, a bus or leisure pass: "PVG 1402 7781
    // 2003", "bus pass 633597 30021 44817".
    "pvg",
    "pass",
];

/// The groups from `start`: where they end, how many there are and how
/// many digits they hold.
fn groups(bytes: &[u8], start: usize) -> (usize, usize, usize) {
    let (mut at, mut count, mut digits) = (start, 0, 0);
    loop {
        let run = bytes[at..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count();
        // A smartcard's issuer number opens with six ("633597 30021 …").
        if run == 0 || run > 6 || (run == 6 && count > 0) {
            break;
        }
        count += 1;
        digits += run;
        let end = at + run;
        if bytes.get(end) == Some(&b' ') && bytes.get(end + 1).is_some_and(u8::is_ascii_digit) {
            at = end + 1;
        } else {
            return (end, count, digits);
        }
    }
    (at.saturating_sub(1), count, digits)
}

/// A shape another detector owns: a phone number (a leading 0, ten or
/// eleven digits), an NHS or CHI number (3-3-4), an NI number's pairs.
fn owned_elsewhere(number: &str, digits: usize) -> bool {
    let parts: Vec<usize> = number.split(' ').map(str::len).collect();
    (number.starts_with('0') && (10..=11).contains(&digits))
        || parts == [3, 3, 4]
        || parts.iter().all(|&p| p == 2)
}

/// Whether a label stands within the three words before `at` (after any
/// scheme's capitals): "claim no. UC", "account CTAX", "PVG scheme no.".
fn labelled(text: &str, at: usize) -> bool {
    text[..at]
        .rsplit(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(4)
        .any(|w| LABELS.iter().any(|l| l.eq_ignore_ascii_case(w)))
}

/// Adds the labelled numbers in spaced groups that no hit in `hits[from..]`
/// covers.
pub(super) fn find(
    text: &str,
    digit_bits: &super::util::Digits<'_>,
    hits: &mut Vec<Hit>,
    from: usize,
) {
    let bytes = text.as_bytes();
    let mut at = 0;
    while let Some(d) = digit_bits.next(at) {
        let run = bytes[d..].iter().take_while(|b| b.is_ascii_digit()).count();
        let spaced = bytes.get(d + run) == Some(&b' ')
            && bytes.get(d + run + 1).is_some_and(u8::is_ascii_digit);
        let apart = d == 0 || !(bytes[d - 1].is_ascii_alphanumeric() || bytes[d - 1] == b'+');
        // An MPAN opens with its two-digit profile class ("18 0000 …").
        if !(spaced && (2..=6).contains(&run) && apart) {
            at = d + run;
            continue;
        }
        let (digits_end, count, digits) = groups(bytes, d);
        at = digits_end.max(d + run);
        let number = &text[d..digits_end];
        // A scheme's letters may close the number too, glued to its last
        // group (a parcel's "… 5678 9GB").
        let suffix = bytes[digits_end..]
            .iter()
            .take_while(|b| b.is_ascii_uppercase())
            .count();
        let end = if (1..=3).contains(&suffix)
            && !bytes
                .get(digits_end + suffix)
                .is_some_and(u8::is_ascii_alphanumeric)
        {
            digits_end + suffix
        } else {
            digits_end
        };
        if count < 2
            || (run == 2 && count < 3)
            || !(7..=20).contains(&digits)
            || bytes.get(end).is_some_and(u8::is_ascii_alphanumeric)
            || owned_elsewhere(number, digits)
        {
            continue;
        }
        // A scheme's capitals right before belong to the number.
        let head = &text[..d - usize::from(d > 0 && bytes[d - 1] == b' ')];
        let caps = head
            .bytes()
            .rev()
            .take_while(u8::is_ascii_uppercase)
            .count();
        let caps_start = head.len() - caps;
        let start = if (1..=5).contains(&caps)
            && !head[..caps_start].ends_with(|c: char| c.is_alphanumeric())
        {
            caps_start
        } else {
            d
        };
        // Four groups of four digits are a card's number (a bank's, a
        // Young Scot card's) whatever stands before them.
        let card = count == 4 && digits == 16 && number.split(' ').all(|g| g.len() == 4);
        // The scheme's capitals may be the label themselves ("PVG 1402 …").
        if !card && !labelled(text, start) && !labelled(text, d) {
            continue;
        }
        if hits[from..].iter().any(|h| h.start < end && start < h.end) {
            continue;
        }
        hits.push(
            Hit::new(
                start,
                end,
                Kind::Reference,
                "labelled-digit-groups",
                MESSAGE,
            )
            .uncertain(),
        );
    }
}

#[cfg(test)]
mod tests {
    fn found(text: &str) -> Vec<&str> {
        let mut hits = Vec::new();
        super::find(
            text,
            &crate::gate::structured::util::Digits::of(text),
            &mut hits,
            0,
        );
        hits.iter().map(|h| &text[h.start..h.end]).collect()
    }

    #[test]
    fn a_labelled_number_in_spaced_groups_is_found() {
        assert_eq!(found("(claim no. JS 5512 8830 4)"), ["JS 5512 8830 4"]);
        assert_eq!(
            found("rent account RNT 2209 4417 overdue"),
            ["RNT 2209 4417"]
        );
        assert_eq!(
            found("gym membership no. 4410 2297 7731 0086."),
            ["4410 2297 7731 0086"]
        );
        assert_eq!(
            found("door steward, SIA licence 2207 4418 0931 5562, on duty"),
            ["2207 4418 0931 5562"]
        );
        assert_eq!(
            found("sent by post, tracking no. KF 3381 2207 4GB today"),
            ["KF 3381 2207 4GB"]
        );
    }

    #[test]
    fn other_detectors_shapes_and_unlabelled_groups_pass() {
        assert!(found("phone no. 0131 496 0544").is_empty());
        assert!(found("NHS no. 943 476 5919").is_empty());
        assert!(found("NI number JK 12 34 56 C").is_empty());
        assert!(found("In 2019 2020 and 2021 the team grew.").is_empty());
        assert!(found("Budget lines 4410 2298 were cut.").is_empty());
    }

    #[test]
    fn supply_and_sim_numbers_in_groups_are_found() {
        assert_eq!(
            found("**MPAN:** 18 0000 4421 907 | **Meter"),
            ["18 0000 4421 907"]
        );
        assert_eq!(
            found("| SIM ICCID | 8944 1100 0023 4417 721 |"),
            ["8944 1100 0023 4417 721"]
        );
        assert!(found("In 18 of the 2024 cases 30 families").is_empty());
        assert_eq!(
            found("| bus pass 633597 30021 44817 | 2 bangles |"),
            ["633597 30021 44817"]
        );
        assert_eq!(found("PVG 1402 7781 2003 and"), ["PVG 1402 7781 2003"]);
    }

    #[test]
    fn a_cards_sixteen_digits_need_no_label() {
        assert_eq!(
            found("OK,Young Scot 6339 1800 5120 7741,ISSUED"),
            ["6339 1800 5120 7741"]
        );
        assert!(found("In 2019 2020 2021 and 2022 the figures rose.").is_empty());
    }
}
