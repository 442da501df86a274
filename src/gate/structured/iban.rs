//! International bank account numbers: a country's two letters, two check
//! digits, then the bank and the account in letters and digits, printed
//! in groups of four ("IE29 AIBK 9311 5212 3456 78", "GB33BUKB20201555555555").
//! A refund or a standing order written into a note leads straight to one
//! person's account.

use crate::findings::Kind;
use crate::gate::{Detector, Hit, PreparedText};

pub struct Iban;

const MESSAGE: &str =
    "This looks like a bank account number (IBAN), which leads to one person's account; leave it out.";

impl Detector for Iban {
    fn name(&self) -> &'static str {
        "iban"
    }

    fn scan(&self, text: &str, hits: &mut Vec<Hit>) {
        self.scan_prepared(&PreparedText::new(text), hits)
    }

    fn scan_prepared(&self, prepared: &PreparedText<'_>, hits: &mut Vec<Hit>) {
        find(prepared.text, &super::util::digits_of(prepared), hits);
    }
}

/// Adds each IBAN in `text` (whose digits `digit_bits` holds) to `hits`.
fn find(text: &str, digit_bits: &super::util::Digits<'_>, hits: &mut Vec<Hit>) {
    let bytes = text.as_bytes();
    let mut i = 0;
    while let Some(k) = digit_bits.next(i) {
        let run = bytes[k..].iter().take_while(|b| b.is_ascii_digit()).count();
        i = k + run;
        // The country's letters right before the check digits, a word's
        // start before them.
        if k < 2
            || !bytes[k - 2..k].iter().all(u8::is_ascii_uppercase)
            || (k > 2 && bytes[k - 3].is_ascii_alphanumeric())
        {
            continue;
        }
        let start = k - 2;
        // Letters and digits after, spaces only between groups of four.
        let mut end = k;
        let mut chars = 0;
        // The country's letters open the first group of four.
        let mut group = 2;
        let mut j = k;
        while j < bytes.len() {
            let b = bytes[j];
            if b.is_ascii_uppercase() || b.is_ascii_digit() {
                chars += 1;
                group += 1;
                j += 1;
                end = j;
            } else if b == b' '
                && group == 4
                && bytes
                    .get(j + 1)
                    .is_some_and(|n| n.is_ascii_uppercase() || n.is_ascii_digit())
            {
                group = 0;
                j += 1;
            } else {
                break;
            }
        }
        // Two check digits, then 11 to 30 more: 15 to 34 in all.
        let whole = &bytes[start..end];
        let digits = whole.iter().filter(|b| b.is_ascii_digit()).count();
        if (15..=34).contains(&(chars + 2))
            && whole[2..4].iter().all(u8::is_ascii_digit)
            && digits >= 8
            && !bytes.get(end).is_some_and(u8::is_ascii_alphanumeric)
        {
            hits.push(Hit::new(start, end, Kind::Reference, "iban", MESSAGE));
            i = end;
        }
    }
}

#[cfg(test)]
mod tests {
    fn found(text: &str) -> Vec<&str> {
        super::super::texts_found(
            |text, hits| super::find(text, &super::super::util::Digits::of(text), hits),
            text,
        )
    }

    #[test]
    fn account_numbers_spaced_or_not_are_found() {
        assert_eq!(
            found("refund sent to IBAN IE29 AIBK 9311 5212 3456 78 (her acc)."),
            ["IE29 AIBK 9311 5212 3456 78"]
        );
        assert_eq!(
            found("standing order GB33BUKB20201555555555, monthly"),
            ["GB33BUKB20201555555555"]
        );
    }

    #[test]
    fn codes_and_postcodes_pass() {
        for text in [
            "Postcode KY10 3DD and EH12 9AB; plate SN19 KXT; ISO 27001 and BS 8300.",
            "Ref AB12 3456 and the form CP12 were used; NHS 24 and COVID 19.",
        ] {
            assert!(found(text).is_empty(), "{text}: {:?}", found(text));
        }
    }
}
