//! The one normalised view of a text that every detector, the register and
//! the post-render scan read: what a reader sees, whatever bytes spell it.
//!
//! - Default-ignorable and format characters are removed (soft hyphen,
//!   zero-width spaces and joiners, word joiner, BOM, U+180E, variation
//!   selectors, the musical and shorthand format controls, Hangul fillers),
//!   and so are enclosing marks (a keycap's U+20E3): "9\u{ad}9" reads "99".
//! - Compatibility folding, as NFKC does per character: full-width,
//!   mathematical, superscript and subscript letters and digits, ligatures,
//!   no-break and other spaces become their plain forms; a letter and the
//!   combining mark after it are composed.
//! - Digits of other scripts (Arabic-Indic, Devanagari…) are read by their
//!   numeric value.
//! - Look-alike letters and digits of other scripts (Cyrillic `К`, Greek
//!   `Μ`, Cherokee `Ꭺ`, Cyrillic `З` for 3) become the ASCII character
//!   they are confusable with, by the Unicode confusables data (UTS #39
//!   skeletons, from the `unicode-security` crate).
//! - Tag characters (U+E0020–U+E007E, "ASCII smuggling") are invisible on
//!   the page, so the view drops them, but they spell ASCII that programs
//!   read: each run is decoded and kept apart ([`Normalized::hidden`]) for
//!   the gate to read as text of its own.
//! - Bidirectional embedding, override and isolate controls (U+202A–U+202E,
//!   U+2066–U+2069) are dropped too, and their places are kept
//!   ([`Normalized::bidi`]): the gate refuses them.
//!
//! Every byte of the view maps back to the source range it came from, so
//! findings point at the text as written. ASCII text is its own view, at
//! no cost.

use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::OnceLock;

use unicode_normalization::char::{canonical_combining_class, compose, is_combining_mark};
use unicode_normalization::UnicodeNormalization;

/// A text as the gate reads it, with the way back to the source.
#[derive(Debug)]
pub struct Normalized<'a> {
    source: &'a str,
    text: Cow<'a, str>,
    /// Source byte range of each byte of `text` (empty when borrowed).
    starts: Vec<u32>,
    ends: Vec<u32>,
    /// Runs of tag characters: their source range and the ASCII they spell.
    pub hidden: Vec<(usize, usize, String)>,
    /// Bidirectional controls: source byte ranges, each a run of controls.
    pub bidi: Vec<(usize, usize)>,
}

impl<'a> Normalized<'a> {
    /// The normalised view of `source` (see the module doc).
    pub fn new(source: &'a str) -> Normalized<'a> {
        let mut view = Normalized {
            source,
            text: Cow::Borrowed(source),
            starts: Vec::new(),
            ends: Vec::new(),
            hidden: Vec::new(),
            bidi: Vec::new(),
        };
        if source.is_ascii() {
            return view;
        }
        let Some(first) = first_change(source) else {
            return view;
        };
        let mut out = Builder {
            text: String::with_capacity(source.len()),
            starts: Vec::with_capacity(source.len()),
            ends: Vec::with_capacity(source.len()),
        };
        for (at, c) in source[..first].char_indices() {
            out.push(c, at, at + c.len_utf8());
        }
        let mut tags: Option<(usize, usize, String)> = None;
        for (at, c) in source[first..].char_indices() {
            let at = first + at;
            let end = at + c.len_utf8();
            if let Some(ascii) = tag_ascii(c) {
                let run = tags.get_or_insert_with(|| (at, end, String::new()));
                run.1 = end;
                if let Some(a) = ascii {
                    run.2.push(a);
                }
                continue;
            }
            if let Some(run) = tags.take() {
                view.hidden.push(run);
            }
            if c.is_ascii() {
                out.push(c, at, end);
                continue;
            }
            if is_bidi_control(c) {
                match view.bidi.last_mut() {
                    Some(last) if last.1 == at => last.1 = end,
                    _ => view.bidi.push((at, end)),
                }
                continue;
            }
            if is_removed(c) {
                continue;
            }
            if is_combining_mark(c) && canonical_combining_class(c) != 0 {
                out.combine(c, at, end);
                continue;
            }
            read_char(c, &mut |d| out.push(d, at, end));
        }
        if let Some(run) = tags.take() {
            view.hidden.push(run);
        }
        view.hidden.retain(|(_, _, ascii)| !ascii.trim().is_empty());
        view.text = Cow::Owned(out.text);
        view.starts = out.starts;
        view.ends = out.ends;
        view
    }

    /// The normalised text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// True when the view is the source itself (nothing was changed).
    pub fn is_source(&self) -> bool {
        matches!(self.text, Cow::Borrowed(_))
    }

    /// The source byte range of the view's range `start..end`.
    pub fn source_range(&self, start: usize, end: usize) -> (usize, usize) {
        if self.is_source() {
            return (start, end);
        }
        let len = self.source.len() as u32;
        let from = self.starts.get(start).copied().unwrap_or(len) as usize;
        let to = if end > start {
            self.ends.get(end - 1).copied().unwrap_or(len) as usize
        } else {
            from
        };
        (from, to.max(from))
    }
}

struct Builder {
    text: String,
    starts: Vec<u32>,
    ends: Vec<u32>,
}

impl Builder {
    fn push(&mut self, c: char, start: usize, end: usize) {
        self.text.push(c);
        for _ in 0..c.len_utf8() {
            self.starts.push(start as u32);
            self.ends.push(end as u32);
        }
    }

    /// A combining mark: composed with the character before it where
    /// Unicode has the composition ("e" + U+0301 is "é"), kept after it
    /// otherwise.
    fn combine(&mut self, mark: char, start: usize, end: usize) {
        if let Some(last) = self.text.chars().next_back() {
            if let Some(composed) = compose(last, mark) {
                let at = self.text.len() - last.len_utf8();
                let from = self.starts[at] as usize;
                self.text.truncate(at);
                self.starts.truncate(at);
                self.ends.truncate(at);
                self.push(composed, from, end);
                return;
            }
        }
        self.push(mark, start, end);
    }
}

/// Byte offset of the first character the view changes, if any.
fn first_change(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut at = 0;
    while let Some(offset) = bytes[at..].iter().position(|b| !b.is_ascii()) {
        at += offset;
        let c = text[at..].chars().next()?;
        if changes(c) {
            return Some(at);
        }
        at += c.len_utf8();
    }
    None
}

/// True when the view does not keep `c` as it is.
fn changes(c: char) -> bool {
    if tag_ascii(c).is_some() || is_bidi_control(c) || is_removed(c) {
        return true;
    }
    if is_combining_mark(c) {
        // A mark after a letter may compose with it; the slow path decides.
        return true;
    }
    let mut same = true;
    let mut count = 0;
    read_char(c, &mut |d| {
        count += 1;
        same &= d == c;
    });
    !same || count != 1
}

/// How the view reads one character that is kept: compatibility folding,
/// then digits by value and look-alikes by their ASCII character.
fn read_char(c: char, emit: &mut impl FnMut(char)) {
    if c.is_ascii() {
        emit(c);
        return;
    }
    if let Some(d) = digit_value(c) {
        emit(d);
        return;
    }
    // A vulgar fraction stays one character, as a reader sees it: folded,
    // "4½ months" would read "41⁄2 months", forty-one and a stray two.
    if matches!(c, '\u{bc}'..='\u{be}' | '\u{2150}'..='\u{215e}') {
        emit(c);
        return;
    }
    if unicode_normalization::is_nfkc_quick(std::iter::once(c))
        == unicode_normalization::IsNormalized::Yes
    {
        emit(look_alike(c).unwrap_or(c));
        return;
    }
    let mut buf = [0u8; 4];
    for d in c.encode_utf8(&mut buf).nfkc() {
        if d.is_ascii() {
            emit(d);
        } else if let Some(digit) = digit_value(d) {
            emit(digit);
        } else if !is_removed(d) {
            emit(look_alike(d).unwrap_or(d));
        }
    }
}

/// The characters a reader does not see: default-ignorable code points and
/// other format characters, and enclosing marks (a keycap's box). Tag
/// characters and bidirectional controls are handled before this is asked.
pub fn is_removed(c: char) -> bool {
    matches!(
        c,
        '\u{ad}'
            | '\u{34f}'
            | '\u{61c}'
            | '\u{115f}'..='\u{1160}'
            | '\u{17b4}'..='\u{17b5}'
            | '\u{180b}'..='\u{180f}'
            | '\u{200b}'..='\u{200f}'
            | '\u{202a}'..='\u{202e}'
            | '\u{2060}'..='\u{206f}'
            | '\u{20dd}'..='\u{20e0}'
            | '\u{20e2}'..='\u{20e4}'
            | '\u{3164}'
            | '\u{fe00}'..='\u{fe0f}'
            | '\u{feff}'
            | '\u{ffa0}'
            | '\u{fff0}'..='\u{fffb}'
            | '\u{0488}'..='\u{0489}'
            | '\u{1abe}'
            | '\u{a670}'..='\u{a672}'
            | '\u{13430}'..='\u{1343f}'
            | '\u{1bca0}'..='\u{1bca3}'
            | '\u{1d173}'..='\u{1d17a}'
            | '\u{e0000}'..='\u{e0fff}'
    )
}

/// Embedding, override and isolate controls: they reorder what is shown,
/// so text can read as a name that the source holds backwards.
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// `Some(Some(ascii))` for a tag character that spells an ASCII character,
/// `Some(None)` for the language tag and CANCEL TAG, `None` otherwise.
fn tag_ascii(c: char) -> Option<Option<char>> {
    match c {
        '\u{e0020}'..='\u{e007e}' => Some(char::from_u32(c as u32 - 0xe0000)),
        '\u{e0001}' | '\u{e007f}' => Some(None),
        _ => None,
    }
}

/// The first code point of every run of ten decimal digits (Unicode
/// general category Nd) outside ASCII. Full-width and mathematical digits
/// are here too, though compatibility folding reads them first.
const DIGIT_ZEROS: [u32; 74] = [
    0x660, 0x6F0, 0x7C0, 0x966, 0x9E6, 0xA66, 0xAE6, 0xB66, 0xBE6, 0xC66, 0xCE6, 0xD66, 0xDE6,
    0xE50, 0xED0, 0xF20, 0x1040, 0x1090, 0x17E0, 0x1810, 0x1946, 0x19D0, 0x1A80, 0x1A90, 0x1B50,
    0x1BB0, 0x1C40, 0x1C50, 0xA620, 0xA8D0, 0xA900, 0xA9D0, 0xA9F0, 0xAA50, 0xABF0, 0xFF10,
    0x104A0, 0x10D30, 0x10D40, 0x11066, 0x110F0, 0x11136, 0x111D0, 0x112F0, 0x11450, 0x114D0,
    0x11650, 0x116C0, 0x116D0, 0x116DA, 0x11730, 0x118E0, 0x11950, 0x11BF0, 0x11C50, 0x11D50,
    0x11DA0, 0x11F50, 0x16130, 0x16A60, 0x16AC0, 0x16B50, 0x16D70, 0x1CCF0, 0x1D7CE, 0x1D7D8,
    0x1D7E2, 0x1D7EC, 0x1D7F6, 0x1E140, 0x1E2F0, 0x1E4F0, 0x1E5F1, 0x1E950,
];

/// The ASCII digit a decimal digit of another script stands for.
fn digit_value(c: char) -> Option<char> {
    let cp = c as u32;
    let at = DIGIT_ZEROS.partition_point(|&zero| zero <= cp);
    let zero = *DIGIT_ZEROS.get(at.checked_sub(1)?)?;
    let value = cp - zero;
    (value < 10 && c.is_numeric()).then(|| char::from(b'0' + value as u8))
}

/// The ASCII letter or digit that `c`, a letter or digit of another
/// script, is confusable with (same UTS #39 skeleton), if any. Where
/// several ASCII characters share the skeleton (`l`, `I` and `1`; `O` and
/// `0`), the one of the same kind is chosen: a capital for a capital, a
/// digit for a digit.
fn look_alike(c: char) -> Option<char> {
    if c.is_ascii() || !c.is_alphanumeric() {
        return None;
    }
    thread_local! {
        static SEEN: RefCell<HashMap<char, Option<char>>> = RefCell::new(HashMap::new());
    }
    SEEN.with(|seen| {
        if let Some(known) = seen.borrow().get(&c) {
            return *known;
        }
        let found = confusable_ascii(c);
        let mut seen = seen.borrow_mut();
        if seen.len() < 4096 {
            seen.insert(c, found);
        }
        found
    })
}

fn confusable_ascii(c: char) -> Option<char> {
    static ASCII: OnceLock<HashMap<String, Vec<char>>> = OnceLock::new();
    let table = ASCII.get_or_init(|| {
        let mut table: HashMap<String, Vec<char>> = HashMap::new();
        for a in ('0'..='9').chain('A'..='Z').chain('a'..='z') {
            let mut buf = [0u8; 4];
            let skeleton: String = unicode_security::skeleton(a.encode_utf8(&mut buf)).collect();
            table.entry(skeleton).or_default().push(a);
        }
        table
    });
    let mut buf = [0u8; 4];
    let skeleton: String = unicode_security::skeleton(c.encode_utf8(&mut buf)).collect();
    let candidates = table.get(&skeleton)?;
    let fits = |a: &&char| {
        if c.is_numeric() {
            a.is_ascii_digit()
        } else if c.is_uppercase() {
            a.is_ascii_uppercase()
        } else if c.is_lowercase() {
            a.is_ascii_lowercase()
        } else {
            true
        }
    };
    candidates
        .iter()
        .find(fits)
        .or_else(|| candidates.iter().find(|a| !a.is_ascii_digit()))
        .or(candidates.first())
        .copied()
}

/// Each character `c` is read as by the view, for folds that go a
/// character at a time (the register's): nothing for removed and tag
/// characters and bidirectional controls, combining marks as they are.
pub fn read_for_fold(c: char, emit: &mut impl FnMut(char)) {
    if tag_ascii(c).is_some() || is_bidi_control(c) || is_removed(c) {
        return;
    }
    if is_combining_mark(c) {
        emit(c);
        return;
    }
    read_char(c, emit);
}

/// True when the view would keep `c` exactly as it is.
pub fn keeps(c: char) -> bool {
    c.is_ascii() || !changes(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn view(text: &str) -> String {
        Normalized::new(text).text().to_string()
    }

    #[test]
    fn invisible_and_format_characters_are_removed() {
        assert_eq!(view("9\u{ad}9\u{ad}9"), "999");
        assert_eq!(view("07700\u{200b}900\u{200b}317"), "07700900317");
        assert_eq!(view("EH\u{200d}59 7\u{200d}RQ"), "EH59 7RQ");
        assert_eq!(view("17\u{200c}/\u{200c}09"), "17/09");
        assert_eq!(view("wee\u{2060}.bear"), "wee.bear");
        assert_eq!(view("Sta\u{feff}cey"), "Stacey");
        assert_eq!(view("Pri\u{180e}mary"), "Primary");
        assert_eq!(view("D\u{1d177}r Stra\u{1d173}chan"), "Dr Strachan");
        assert_eq!(view("Sio\u{1bca0}bh\u{1bca3}án"), "Siobhán");
        assert_eq!(view("0\u{fe00}1\u{fe0e}3\u{fe0f}1"), "0131");
        assert_eq!(view("0\u{fe0f}\u{20e3}1\u{fe0f}\u{20e3}"), "01");
    }

    #[test]
    fn vulgar_fractions_stay_as_written() {
        assert_eq!(view("aged 4½ months, 2¾"), "aged 4½ months, 2¾");
        assert_eq!(view("1⅓ cups"), "1⅓ cups");
    }

    #[test]
    fn compatibility_forms_digits_and_look_alikes_are_read_plainly() {
        assert_eq!(view("ＭＬ１４ ２ＴＤ"), "ML14 2TD");
        assert_eq!(view("𝙅𝙖𝙢𝙞𝙚"), "Jamie");
        assert_eq!(view("𝟿𝟿𝟿𝟺"), "9994");
        assert_eq!(view("⁰⁷⁷⁰⁰ ⁹⁰⁰ ⁸²⁶"), "07700 900 826");
        assert_eq!(view("₂₉.₁₁.₂₀₂₂"), "29.11.2022");
        assert_eq!(view("٠٧٧٠٠ ٩٠٠ ٢٦٥"), "07700 900 265");
        assert_eq!(view("०७७"), "077");
        assert_eq!(
            view("\u{405}t\u{430}\u{441}\u{435}\u{443} \u{421}\u{43e}rr\u{456}gan"),
            "Stacey Corrigan"
        );
        assert_eq!(view("\u{415}\u{41a} 58 20 93 \u{421}"), "EK 58 20 93 C");
        assert_eq!(view("\u{405}\u{39c}98 \u{392}\u{425}\u{395}"), "SM98 BXE");
        assert_eq!(view("EH\u{417}"), "EH3");
        assert_eq!(view("\u{406}sla"), "Isla");
        assert_eq!(view("a\u{a0}b"), "a b");
        // Letters of Latin with diacritics are kept, composed.
        assert_eq!(view("Siobhán Ó"), "Siobhán Ó");
        assert_eq!(view("Siobha\u{301}n"), "Siobhán");
        // Punctuation is not a letter: it is kept as written.
        assert_eq!(view("Child A’s – “home”"), "Child A’s – “home”");
        assert!(Normalized::new("Child A’s – “home” café").is_source());
    }

    #[test]
    fn offsets_map_back_to_the_text_as_written() {
        let source = "Tel ٠٧٧\u{ad}٠٠ and Ｓtacey";
        let v = Normalized::new(source);
        let at = v.text().find("0770").unwrap();
        let (s, e) = v.source_range(at, at + 5);
        assert_eq!(&source[s..e], "٠٧٧\u{ad}٠٠");
        let at = v.text().find("Stacey").unwrap();
        let (s, e) = v.source_range(at, at + 6);
        assert_eq!(&source[s..e], "Ｓtacey");
        let composed = "x Siobha\u{301}n y";
        let v = Normalized::new(composed);
        let at = v.text().find("Siobhán").unwrap();
        let (s, e) = v.source_range(at, at + "Siobhán".len());
        assert_eq!(&composed[s..e], "Siobha\u{301}n");
    }

    #[test]
    fn tag_characters_are_kept_apart_as_the_ascii_they_spell() {
        let smuggled: String = " (Stacey Corrigan)"
            .chars()
            .map(|c| char::from_u32(0xe0000 + c as u32).unwrap())
            .collect();
        let source = format!("Mother{smuggled} met the Reviewer.");
        let v = Normalized::new(&source);
        assert_eq!(v.text(), "Mother met the Reviewer.");
        assert_eq!(v.hidden.len(), 1);
        let (s, e, ascii) = &v.hidden[0];
        assert_eq!(ascii, " (Stacey Corrigan)");
        assert_eq!(&source[*s..*e], smuggled);
        // Scotland's flag is a tag sequence too: it spells "gbsct".
        let flag = "\u{1f3f4}\u{e0067}\u{e0062}\u{e0073}\u{e0063}\u{e0074}\u{e007f}";
        let v = Normalized::new(flag);
        assert_eq!(v.hidden[0].2, "gbsct");
    }

    #[test]
    fn direction_controls_are_found_and_dropped() {
        let source = "A \u{202e}nagirroC yecatS\u{202c} B \u{2067}x\u{2069}";
        let v = Normalized::new(source);
        assert_eq!(v.text(), "A nagirroC yecatS B x");
        assert_eq!(v.bidi.len(), 4);
        assert_eq!(&source[v.bidi[0].0..v.bidi[0].1], "\u{202e}");
    }

    #[test]
    fn the_digit_table_holds_only_runs_of_ten_digits() {
        for zero in DIGIT_ZEROS {
            for i in 0..10 {
                let c = char::from_u32(zero + i).unwrap();
                assert!(c.is_numeric(), "U+{:04X}", zero + i);
                assert_eq!(digit_value(c), Some(char::from(b'0' + i as u8)));
            }
        }
        assert_eq!(digit_value('½'), None);
        assert_eq!(digit_value('x'), None);
    }
}
