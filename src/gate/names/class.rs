//! What a single token is, as far as the name rules care: the lookups are
//! done once per token here so the rules themselves stay readable.

use super::lexicon::{lower_into, strip_possessive, Lexicon};
use super::token::Token;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    /// Starts with a lowercase letter (or is punctuation-free lowercase).
    Lower,
    /// Contains a digit or no letter at all.
    Number,
    /// A single capital letter, possibly possessive: pseudonym material.
    Letter,
    /// Mr, Mrs, Dr, PC …: whatever capitalised word follows is a name.
    Title,
    /// A built-in acronym, public-sector term, month, area name …
    Term,
    /// An ordinary English word.
    Word,
    /// An English word that is also a common name (Grace, Hunter, Will).
    NameWord,
    /// In the first-name or surname gazetteer and not an English word.
    Name,
    /// In the place gazetteer and not an English word or name.
    Place,
    /// Capitalised, and no list knows it.
    Unknown,
}

impl Class {
    /// Could be (part of) a person's name.
    pub fn namey(self) -> bool {
        matches!(
            self,
            Class::NameWord | Class::Name | Class::Unknown | Class::Place
        )
    }
}

/// A token and what it is.
#[derive(Debug, Clone, Copy)]
pub struct Tok {
    pub t: Token,
    pub class: Class,
    pub possessive: bool,
    /// The lowercased base is a role word (Child, Practitioner, Mother).
    pub role: bool,
    /// Which kinds of trigger word it may be to a lower-case neighbour
    /// (see `Lexicon::triggers`): a table read, no look-up.
    pub trig: u8,
}

const HARD_TITLE_CAPS: &[&str] = &[
    "PC", "DC", "DS", "DI", "DCI", "DSI", "DSU", "SGT", "DR", "MR", "MRS", "MS",
];

fn classify_one(text: &str, t: &Token, lex: &Lexicon, buf: &mut String) -> (Class, bool, bool) {
    let raw = t.text(text);
    if t.digit || !t.alpha {
        return (Class::Number, false, false);
    }
    if !t.cap {
        // Most tokens: no rule looks at a lowercase token's lists.
        return (Class::Lower, false, false);
    }
    let (base, possessive) = strip_possessive(raw);
    if base.chars().count() == 1 {
        return (Class::Letter, possessive, false);
    }
    let lc = lower_into(base, buf);
    let role = lex.roles.contains(lc);
    if lc.len() <= 10
        && lex.hard_titles.contains(lc)
        && (!t.all_caps || HARD_TITLE_CAPS.contains(&base))
    {
        // "Mr" and "PC", but not "MASTER" or "SIR" shouted in a heading.
        return (Class::Title, possessive, false);
    }
    if t.all_caps || is_acronym_plural(base) {
        // Acronym plurals (GPs, IRDs) and short capitals (UK, ID) pass; a
        // longer word in capitals passes only as an English word.
        let singular = lc.strip_suffix('s').unwrap_or(lc);
        if base.len() <= 2 || lex.is_known_term(lc) || lex.is_known_term(singular) {
            return (Class::Term, possessive, role);
        }
        if lex.is_word(lc) {
            return (Class::Word, possessive, role);
        }
        if lex.is_name(lc) {
            return (Class::Name, possessive, role);
        }
        if lex.places.contains(lc) {
            return (Class::Place, possessive, role);
        }
        return (Class::Unknown, possessive, role);
    }
    // Chinese surnames of two letters that no abbreviation shares ("Li
    // Na", "Ng Wai-man"); "li" is also a dictionary word.
    if base.len() == 2 && (SHORT_SURNAMES.contains(&lc) || SHORT_GIVEN_NAMES.contains(&lc)) {
        return (Class::Name, possessive, role);
    }
    // Ordinary words first: they are most capitalised tokens. A built-in
    // term wins over a name-word (May, August) but needs no look-up for
    // plain words.
    if lex.words.contains(lc) {
        let c = if !lex.name_words.contains(lc) {
            Class::Word
        } else if lex.is_known_term(lc) {
            Class::Term
        } else {
            Class::NameWord
        };
        return (c, possessive, role);
    }
    if lex.is_known_term(lc) {
        return (Class::Term, possessive, role);
    }
    // "Ana-Maria", "Jean-Luc": given names joined, though each part is
    // also a word somewhere ("ana", "maria"); "Well-Being" has no name.
    if lc.contains('-')
        && !base[base.find('-').map_or(0, |k| k + 1)..].starts_with(char::is_lowercase)
        && lc.split('-').all(|p| p.len() >= 2 && lex.first.contains(p))
        && lc
            .split('-')
            .any(|p| !lex.words.contains(p) || lex.name_words.contains(p))
    {
        return (Class::Name, possessive, role);
    }
    if lex.is_word(lc) {
        return (Class::Word, possessive, role);
    }
    if base.len() <= 2 {
        // Two-letter capitalised tokens are abbreviations far more often
        // than names (St, Co, No); titles were handled above.
        return (Class::Term, possessive, role);
    }
    if lex.is_plural_term(lc) || eponymous_compound(lc) || lenited_gaelic_word(lc, lex) {
        return (Class::Term, possessive, role);
    }
    if lex.is_name(lc) {
        return (Class::Name, possessive, role);
    }
    if lex.places.contains(lc) {
        return (Class::Place, possessive, role);
    }
    if lex.is_derived_word(lc) {
        return (Class::Word, possessive, role);
    }
    (Class::Unknown, possessive, role)
}

/// "Merton-compliant", "Gillick-competent", "Maslow-style": a term named
/// after someone, not the person.
/// A Gaelic word with its first consonant lenited ("a' Ghàidhlig", "sa
/// Bheurla"): the list holds the plain form.
fn lenited_gaelic_word(lc: &str, lex: &Lexicon) -> bool {
    let b = lc.as_bytes();
    if b.len() < 4
        || b[1] != b'h'
        || !matches!(
            b[0],
            b'b' | b'c' | b'd' | b'f' | b'g' | b'm' | b'p' | b's' | b't'
        )
    {
        return false;
    }
    let plain = format!("{}{}", &lc[..1], &lc[2..]);
    lex.gaelic_scots.contains(plain.as_str()) || lex.groups.contains(plain.as_str())
}

fn eponymous_compound(lc: &str) -> bool {
    lc.rsplit_once('-').is_some_and(|(_, last)| {
        matches!(
            last,
            "compliant" | "competent" | "style" | "type" | "like" | "era" | "based" | "shaped"
        )
    })
}

/// Chinese surnames of two letters (Li Na, Ng Wai-man): not He, Ma or Ye,
/// which English capitalises for other reasons.
const SHORT_SURNAMES: &[&str] = &["li", "wu", "xu", "hu", "ng", "lu", "yu", "ho"];
/// Given names of two letters that no abbreviation in a report shares
/// ("Jo phoned mum", "Mo said"); "Ed" (editor) and "Al" (et al) are left.
const SHORT_GIVEN_NAMES: &[&str] = &["jo", "mo", "di", "bo"];

fn is_acronym_plural(base: &str) -> bool {
    let b = base.as_bytes();
    b.len() >= 3
        && b[b.len() - 1] == b's'
        && b[..b.len() - 1].iter().all(|c| c.is_ascii_uppercase())
}

/// Classifies every token. Lowercase tokens skip the set lookups.
pub fn classify(text: &str, tokens: &[Token], lex: &Lexicon) -> Vec<Tok> {
    let mut buf = String::with_capacity(32);
    tokens
        .iter()
        .map(|t| classify_token(text, t, lex, &mut buf))
        .collect()
}

/// Tokenises and classifies `text` in one pass, with no vector of bare
/// tokens between: the same as `classify(text, &tokenize(text), lex)`.
#[cfg(test)]
pub fn tokenize_and_classify(text: &str, lex: &Lexicon) -> Vec<Tok> {
    tokenize_classify_and_mark(text, lex).toks
}

/// A text's classified tokens, and which of them any rule that walks the
/// whole text starts from.
pub struct Classified {
    pub toks: Vec<Tok>,
    /// The indices of the tokens that are capitalised, may be a trigger
    /// word (`Tok::trig` not zero), are a number or are a word of one
    /// letter, in order: a rule that looks only at such tokens walks
    /// these, a fraction of the text's tokens, instead of every token.
    pub marked: Vec<usize>,
    /// Each token's `Tok::trig`, in a byte array of its own: the
    /// lower-case rules read it for every token, and a byte array is a
    /// fortieth of the tokens to read.
    pub trig: Vec<u8>,
    /// The indices of the lower-case tokens of a login's length that
    /// stand where a worker is named (see `person::logins`), found while
    /// each token and the one before are at hand rather than in a walk
    /// over every token afterwards.
    pub login_slots: Vec<usize>,
    /// The indices of the tokens that open a sentence in lower case (a
    /// word of two letters or more): of a line's tokens after its first,
    /// only these can open a typed message (see `person::casual_lines`).
    pub lower_openers: Vec<usize>,
    /// The indices of the tokens that are one ASCII capital alone ("P"
    /// of "P Hunter"): an initial before a surname is one of these.
    pub capital_letters: Vec<usize>,
}

/// [`tokenize_and_classify`], with the marked tokens found in the same
/// pass.
pub fn tokenize_classify_and_mark(text: &str, lex: &Lexicon) -> Classified {
    let mut buf = String::with_capacity(32);
    let mut out = Vec::with_capacity(text.len() / 6);
    let mut marked = Vec::with_capacity(text.len() / 24);
    let mut trigs = Vec::with_capacity(text.len() / 6);
    let mut login_slots = Vec::new();
    let mut lower_openers = Vec::new();
    let mut capital_letters = Vec::new();
    let bytes = text.as_bytes();
    MEMO.with_borrow_mut(|memo| {
        memo.serve(lex);
        super::token::each_token(text, |t| {
            let raw = &bytes[t.start..t.end];
            // The first two answers of `classify_one`, here rather than
            // in a call for every token: most tokens are lower case.
            let (class, possessive, role) = if t.digit || !t.alpha {
                (Class::Number, false, false)
            } else if !t.cap {
                (Class::Lower, false, false)
            } else {
                memo.classify(raw, || classify_one(text, &t, lex, &mut buf))
            };
            let trig = if t.digit {
                0
            } else {
                lex.triggers.bits_of(raw)
            };
            if t.cap || trig != 0 || class == Class::Number || t.end - t.start == 1 {
                marked.push(out.len());
            }
            if super::person::logins::may_be_a_login(&t)
                && super::person::logins::in_a_login_slot(text, out.last().map(|p: &Tok| &p.t), &t)
            {
                login_slots.push(out.len());
            }
            if t.sentence_start && class == Class::Lower && t.alpha && t.end - t.start >= 2 {
                lower_openers.push(out.len());
            }
            if t.end - t.start == 1 && bytes[t.start].is_ascii_uppercase() {
                capital_letters.push(out.len());
            }
            trigs.push(trig);
            out.push(Tok {
                t,
                class,
                possessive,
                role,
                trig,
            })
        })
    });
    Classified {
        toks: out,
        marked,
        trig: trigs,
        login_slots,
        lower_openers,
        capital_letters,
    }
}

/// What capitalised tokens were, remembered on each thread: they repeat
/// (The, She, Child, Police, the same few names), and each costs several
/// set look-ups. What a token is depends on its own text only (its flags
/// are read from that text too), so a remembered answer is the answer.
struct ClassMemo {
    /// The lexicon the answers came from.
    lex: *const Lexicon,
    slots: Vec<MemoSlot>,
}

/// Tokens longer than this are classified every time.
const MEMO_KEY: usize = 22;
const MEMO_SLOTS: usize = 4096;

#[derive(Clone, Copy)]
struct MemoSlot {
    /// Key length; 0 for an empty slot.
    len: u8,
    key: [u8; MEMO_KEY],
    class: Class,
    possessive: bool,
    role: bool,
}

const EMPTY_SLOT: MemoSlot = MemoSlot {
    len: 0,
    key: [0; MEMO_KEY],
    class: Class::Unknown,
    possessive: false,
    role: false,
};

thread_local! {
    static MEMO: std::cell::RefCell<ClassMemo> = const {
        std::cell::RefCell::new(ClassMemo {
            lex: std::ptr::null(),
            slots: Vec::new(),
        })
    };
}

impl ClassMemo {
    /// Forgets every answer unless they came from `lex`.
    fn serve(&mut self, lex: &Lexicon) {
        if !std::ptr::eq(self.lex, lex) {
            self.lex = lex;
            self.slots.clear();
            self.slots.resize(MEMO_SLOTS, EMPTY_SLOT);
        }
    }

    fn classify(
        &mut self,
        key: &[u8],
        compute: impl FnOnce() -> (Class, bool, bool),
    ) -> (Class, bool, bool) {
        if key.is_empty() || key.len() > MEMO_KEY {
            return compute();
        }
        let slot = &mut self.slots[memo_index(key)];
        if usize::from(slot.len) == key.len() && slot.key[..key.len()] == *key {
            return (slot.class, slot.possessive, slot.role);
        }
        let (class, possessive, role) = compute();
        slot.len = key.len() as u8;
        slot.key[..key.len()].copy_from_slice(key);
        slot.class = class;
        slot.possessive = possessive;
        slot.role = role;
        (class, possessive, role)
    }
}

/// A slot for a key of 1 to `MEMO_KEY` bytes: its first and last eight
/// bytes (overlapping in a short key) and its length, mixed.
fn memo_index(key: &[u8]) -> usize {
    let mut head = [0u8; 8];
    let mut tail = [0u8; 8];
    let n = key.len().min(8);
    head[..n].copy_from_slice(&key[..n]);
    tail[..n].copy_from_slice(&key[key.len() - n..]);
    let mixed = (u64::from_le_bytes(head).wrapping_mul(0x9e37_79b9_7f4a_7c15)
        ^ u64::from_le_bytes(tail).rotate_left(29)
        ^ key.len() as u64)
        .wrapping_mul(0x517c_c1b7_2722_0a95);
    (mixed >> 52) as usize % MEMO_SLOTS
}

/// One token and what it is.
fn classify_token(text: &str, t: &Token, lex: &Lexicon, buf: &mut String) -> Tok {
    let (class, possessive, role) = classify_one(text, t, lex, buf);
    let trig = if t.digit {
        0
    } else {
        lex.triggers.bits(&text[t.start..t.end])
    };
    Tok {
        t: *t,
        class,
        possessive,
        role,
        trig,
    }
}

/// The lowercase form of a token, without a possessive ending.
pub fn lc_of<'a>(text: &str, t: &Token, buf: &'a mut String) -> &'a str {
    let (base, _) = strip_possessive(t.text(text));
    lower_into(base, buf)
}

/// Whether [`lc_of`] of the token is one of `words`: for an ASCII token
/// (nearly all) compared byte by byte, lower-casing each, with no buffer
/// to allocate; otherwise lower-cased into one as `lc_of` does.
pub fn lc_is_one_of(text: &str, t: &Token, words: &[&str]) -> bool {
    let (base, _) = strip_possessive(t.text(text));
    if base.is_ascii() {
        let b = base.as_bytes();
        return words.iter().any(|w| {
            w.len() == b.len() && w.bytes().zip(b).all(|(x, &y)| x == y.to_ascii_lowercase())
        });
    }
    let mut buf = String::new();
    words.contains(&lower_into(base, &mut buf))
}

/// The index of the first token from `from` on for which `before` is
/// false, where `before` holds for the tokens from `from` up to some
/// point and for none after (a test of the token's start against a
/// byte). Found by steps that double from `from`, then halving: the
/// token sought is most often a few on (a line's end, the next window),
/// where a search of every token after would read far-off ones first.
pub(super) fn first_not(toks: &[Tok], from: usize, before: impl Fn(&Tok) -> bool) -> usize {
    let mut lo = from;
    let mut step = 1;
    while lo + step < toks.len() && before(&toks[lo + step]) {
        lo += step;
        step *= 2;
    }
    let hi = (lo + step).min(toks.len());
    lo + toks[lo..hi].partition_point(before)
}

/// The indices of the tokens whose trigger bits (`trig`, each token's
/// `Tok::trig`, see `Classified::trig`) hold `bit`, a single bit, in
/// order: eight tokens' bits are tested at once, and few tokens hold any.
pub(super) fn with_trigger(trig: &[u8], bit: u8) -> impl Iterator<Item = usize> + '_ {
    debug_assert_eq!(bit.count_ones(), 1);
    let every = u64::from(bit) * 0x0101_0101_0101_0101;
    trig.chunks(8).enumerate().flat_map(move |(c, chunk)| {
        let mut eight = [0u8; 8];
        eight[..chunk.len()].copy_from_slice(chunk);
        let mut found = u64::from_le_bytes(eight) & every;
        std::iter::from_fn(move || {
            (found != 0).then(|| {
                let k = found.trailing_zeros() as usize / 8;
                found &= found - 1;
                c * 8 + k
            })
        })
    })
}

/// Finds byte spans of one kind of place in classified tokens.
pub(super) type FindSpans = fn(&str, &[Tok]) -> Vec<(usize, usize)>;

/// Runs `find` over classified tokens in each window around an anchor word:
/// the shared shape of the address and institution detectors. Byte spans
/// into `text`.
///
/// `toks` are the whole text's classified tokens. A window starts after and
/// ends on ASCII whitespace, which no token holds, so the window's tokens
/// are the text's tokens inside it, exactly as tokenising the window alone
/// makes them, except that its first token opens the window (a sentence
/// start, joined to nothing, its gap from the window's start). Class and
/// trigger bits depend on a token's own text only, so they carry over.
pub(super) fn spans_in_windows(
    text: &str,
    toks: &[Tok],
    matches: &[(usize, usize)],
    (before, after): (usize, usize),
    find: FindSpans,
) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut local: Vec<Tok> = Vec::new();
    // The windows are in order and apart: each one's tokens come after
    // the last one's.
    let mut hi = 0;
    for (ws, we) in super::token::windows_around(text, matches, before, after) {
        let window = &text[ws..we];
        let lo = first_not(toks, hi, |t| t.t.start < ws);
        hi = first_not(toks, lo, |t| t.t.start < we);
        local.clear();
        local.extend(toks[lo..hi].iter().map(|t| {
            let mut t = *t;
            t.t.start -= ws;
            t.t.end -= ws;
            t.t.gap_start = t.t.gap_start.saturating_sub(ws);
            t
        }));
        if let Some(first) = local.first_mut() {
            first.t.sentence_start = true;
            first.t.joined = false;
            first.t.gap_start = 0;
        }
        out.extend(
            find(window, &local)
                .into_iter()
                .map(|(s, e)| (ws + s, ws + e)),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::lexicon::lexicon;
    use super::super::token::tokenize;
    use super::*;

    fn classes(s: &str) -> Vec<Class> {
        let toks = tokenize(s);
        classify(s, &toks, lexicon())
            .iter()
            .map(|t| t.class)
            .collect()
    }

    #[test]
    fn one_pass_equals_tokenize_then_classify() {
        for s in [
            "",
            "Mrs Galbraith met Child B's Named Person.\n\n## Grace Kerr\n- 12B Wishaw",
            "  \"Dean O'Donnell’s\" multi-agency (Jean-Luc) — Siobhán, KERR; 4½ wks",
        ] {
            let one = format!("{:?}", tokenize_and_classify(s, lexicon()));
            let two = format!("{:?}", classify(s, &tokenize(s), lexicon()));
            assert_eq!(one, two, "{s:?}");
        }
    }

    #[test]
    fn remembered_classes_are_the_classes() {
        // Twice over, so the second pass is all remembered answers; the
        // same names in other cases and possessives, and review prose with
        // more capitalised words than the memo has slots.
        let mut texts = vec![
            "Kerr KERR Kerr's KERR'S Kerr’s Mr MR Mrs Child CHILD Li LI Grace GRACE May MAY"
                .repeat(3),
        ];
        // Made-up capitalised words (far more than the memo's slots) among
        // titles, roles and ordinary words, in sentences.
        let syllables = [
            "ka", "mo", "ri", "tel", "an", "dru", "se", "vin", "lo", "bar", "ne", "gus", "ti",
            "ma", "ros", "el", "da", "wen", "or", "fi", "hal", "ju", "pe", "cor", "sa", "ly",
            "ber", "no", "gra", "ce", "ham", "is", "tor", "ve", "lin", "sk", "ay", "ru", "de",
            "mc", "kay", "oon", "ai", "bh", "zo", "ra", "ki", "ell", "ew", "ant", "ia", "ton",
            "ward", "ley", "son", "ier", "ska", "wicz", "tas", "uk", "ova", "han", "yeh", "wa",
            "ng", "li", "ch", "ong", "ur", "ba", "ni", "ya", "dz", "ek", "ol", "um", "ath",
        ];
        let mut pieces: Vec<String> = Vec::new();
        for first in &syllables {
            for second in &syllables {
                let mut word = format!("{first}{second}");
                word[..1].make_ascii_uppercase();
                pieces.push(format!("{word} "));
            }
        }
        for other in [
            "Mr ", "Ms ", "Child ", "the ", "said ", "to ", "and ", "Police ", ". ", ", ", "'s ",
            "CAMHS ", "in ", "June ",
        ] {
            pieces.extend(std::iter::repeat_n(other.to_string(), 200));
        }
        let pieces: Vec<&str> = pieces.iter().map(String::as_str).collect();
        texts.extend(crate::gate::test_texts::random_texts(&pieces, 3, 40_000).take(2));
        for s in texts.iter().chain(&texts) {
            let one = tokenize_and_classify(s, lexicon());
            let two = classify(s, &tokenize(s), lexicon());
            assert_eq!(format!("{one:?}"), format!("{two:?}"));
        }
    }

    /// The side arrays made in the tokenising pass hold what a walk over
    /// the tokens afterwards finds, on the same texts as above.
    #[test]
    fn side_arrays_match_a_walk_over_the_tokens() {
        use super::super::lexicon::NEIGHBOUR;
        use super::super::person::logins::{in_a_login_slot, may_be_a_login};
        let pieces = [
            "Mr ",
            "by ",
            "BY ",
            "PM ",
            "to ",
            "staff ",
            "kmcinnes ",
            "rmacdonald",
            "(",
            ")",
            ", ",
            ": ",
            "| ",
            "\n",
            "\n\n",
            ". ",
            "at ",
            "club ",
            "the ",
            "Child ",
            "said ",
            "12 ",
            "a ",
            "Grace ",
            "ab ",
            "\t",
            "...",
            "P ",
            "W. ",
            "Ä ",
            "Hunter ",
        ];
        for s in crate::gate::test_texts::random_texts(&pieces, 11, 300).take(400) {
            let c = tokenize_classify_and_mark(&s, lexicon());
            let toks = &c.toks;
            let trig: Vec<u8> = toks.iter().map(|t| t.trig).collect();
            assert_eq!(c.trig, trig, "{s:?}");
            let logins: Vec<usize> = (0..toks.len())
                .filter(|&i| {
                    may_be_a_login(&toks[i].t)
                        && in_a_login_slot(&s, i.checked_sub(1).map(|p| &toks[p].t), &toks[i].t)
                })
                .collect();
            assert_eq!(c.login_slots, logins, "{s:?}");
            let openers: Vec<usize> = (0..toks.len())
                .filter(|&i| {
                    let t = &toks[i];
                    t.t.sentence_start
                        && t.class == Class::Lower
                        && t.t.alpha
                        && t.t.end - t.t.start >= 2
                })
                .collect();
            assert_eq!(c.lower_openers, openers, "{s:?}");
            let capitals: Vec<usize> = (0..toks.len())
                .filter(|&i| {
                    let w = toks[i].t.text(&s);
                    w.len() == 1 && w.bytes().all(|b| b.is_ascii_uppercase())
                })
                .collect();
            assert_eq!(c.capital_letters, capitals, "{s:?}");
            let neighbours: Vec<usize> = (0..toks.len())
                .filter(|&i| toks[i].trig & NEIGHBOUR != 0)
                .collect();
            assert_eq!(
                with_trigger(&c.trig, NEIGHBOUR).collect::<Vec<_>>(),
                neighbours,
                "{s:?}"
            );
        }
    }

    /// Comparing a token's lower-case form without a buffer answers as
    /// comparing `lc_of`'s.
    #[test]
    fn lc_is_one_of_answers_as_lc_of() {
        let words = ["in", "at", "o'neil", "the", "straße", "k"];
        let text = "In AT at O'Neil O’Neil's the's THE Straße STRASSE K \u{212a} IN's it Ins";
        let mut buf = String::new();
        for t in tokenize(text) {
            let expected = words.contains(&lc_of(text, &t, &mut buf));
            assert_eq!(
                lc_is_one_of(text, &t, &words),
                expected,
                "{:?}",
                t.text(text)
            );
        }
    }

    /// The doubling search finds the token a plain search of every token
    /// after finds, from every token and every byte.
    #[test]
    fn the_first_token_after_a_byte_is_found_by_doubling_steps() {
        let text = "a bb\nccc d\n\n e ff ggg hhhh\ni j k l m n o p q r s t u v w x y z";
        let toks = tokenize_and_classify(text, lexicon());
        for from in 0..=toks.len() {
            for at in 0..text.len() {
                let plain = from + toks[from..].partition_point(|t| t.t.start <= at);
                assert_eq!(
                    first_not(&toks, from, |t| t.t.start <= at),
                    plain,
                    "{from} {at}"
                );
            }
        }
    }

    #[test]
    fn classes_of_typical_tokens() {
        use Class::*;
        assert_eq!(
            classes(
                "Mrs Galbraith met Child B's Named Person and Grace in June with CAMHS and KERR"
            ),
            [
                Title, Name, Lower, Word, Letter, Word, Word, Lower, NameWord, Lower, Term, Lower,
                Term, Lower, Name
            ]
        );
        assert_eq!(
            classes("Glenvarrie GPs 12B Wishaw"),
            [Unknown, Term, Number, Place]
        );
    }
}
