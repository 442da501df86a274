//! Person names (and, as a by-product, town names): titles followed by a
//! capitalised word, capitalised words no list knows, gazetteer names,
//! names that are also words when they stand alone mid-sentence, words
//! after a relationship word, possessives of names, and surnames in
//! capitals. Full names are reported as one hit.
//!
//! What passes: English words (Title Case terms and headings), built-in
//! acronyms and terms, and pseudonyms (a role word followed by a letter or
//! number, or Mother/Father alone).

use std::sync::OnceLock;

use regex::Regex;

use super::citation;

mod acronym_expansion;
mod acronyms;
mod arrows;
mod bracket_logins;
mod car_park;
mod chat_vocative;
mod contact_names;
mod dated_note;
mod endonyms;
mod eponyms;
mod foreign;
mod form_fields;
mod geography;
mod glossary;
mod greetings;
mod headland;
mod home_town;
mod initial_surname;
mod initials_first_notes;
mod labels;
mod language_pairs;
mod local_cues;
mod log_initials;
pub(super) mod logins;
mod lower_typing;
mod mail_headers;
mod name_lists;
mod propagate;
mod quoted_foreign;
mod quoted_names;
mod scholar_forms;
mod scholars;
/// A reference's "Place: Publisher.", which the institution rules see as
/// a named house or press.
pub(super) use scholars::imprint as reference_imprint;
mod short_forms;
mod signature;
mod signed;
mod statistics;
pub(super) mod venues;
mod vocative;
mod writers;
use super::class::{lc_of, Class, Tok};
use super::lexicon::{
    lexicon, lower_into, strip_possessive, Lexicon, ACTION_VERBS, BRACKET, BUSINESS, CONTACT,
    LOWER_BUSINESSES, LOWER_INSTITUTIONS, LOWER_RANKS, LOWER_STREETS, LOWER_TITLES, PERSON_VERBS,
    PLACE, RELATION, TITLE, VERB,
};
use crate::findings::Kind;
use crate::gate::{Detector, Hit};

/// Words after which a capitalised name-word is a thing, not a person
/// ("the Hope project", "a Grace period").
const DETERMINERS: &[&str] = &[
    "the", "a", "an", "this", "these", "those", "each", "every", "any", "no", "our", "its", "st",
    "saint",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Rule {
    Title,
    Relation,
    Possessive,
    Gazetteer,
    Unknown,
    Capitals,
    NameWord,
    FullName,
    Place,
    Lower,
    Initials,
    LowerTitle,
    LowerStreet,
    LowerInstitution,
    Hospital,
    SignOff,
    LocalPlace,
    LocalBusiness,
    QuotedHandle,
    Login,
}

impl Rule {
    fn name(self) -> &'static str {
        match self {
            Rule::Title => "title-name",
            Rule::Relation => "relation-name",
            Rule::Possessive => "possessive-name",
            Rule::Gazetteer => "name-gazetteer",
            Rule::Unknown => "unknown-capitalised",
            Rule::Capitals => "capitals-name",
            Rule::NameWord => "name-word",
            Rule::FullName => "full-name",
            Rule::Place => "place-name",
            Rule::Lower => "lowercase-name",
            Rule::Initials => "initials",
            Rule::LowerTitle => "title-name",
            Rule::LowerStreet => "street-name",
            Rule::LowerInstitution | Rule::Hospital => "named-institution",
            Rule::SignOff => "sign-off-name",
            Rule::LocalPlace => "flat-or-house",
            Rule::LocalBusiness => "local-business",
            Rule::QuotedHandle => "quoted-handle",
            Rule::Login => "name-login",
        }
    }

    fn message(self) -> &'static str {
        match self {
            Rule::Title => "A title followed by a name identifies a person; use a pseudonym such as Practitioner A.",
            Rule::Relation => "A name given to a relative or friend identifies them; use a role such as Mother's partner.",
            Rule::Possessive => "A possessive of a personal name identifies someone; use a pseudonym such as Child A.",
            Rule::Gazetteer => "This is a personal name from the name gazetteers; use a pseudonym such as Child A.",
            Rule::Unknown => "This capitalised word is neither an English word nor a known term and may be a name; use a pseudonym, or add it to the allow list if it is a public body.",
            Rule::Capitals => "A word in capitals that is not a known acronym may be a surname; use a pseudonym, or add it to the allow list.",
            Rule::NameWord => "A name that is also an ordinary word is capitalised mid-sentence, so it likely names a person; use a pseudonym.",
            Rule::FullName => "This looks like a person's full name; use a pseudonym such as Child A.",
            Rule::Place => "A town or village below council level can locate a family; describe the area instead.",
            Rule::Lower => "A name written in lower case, where a relation or a person's verb marks it as a person, still identifies them; use a pseudonym.",
            Rule::Initials => "Initials can identify a person to those who know them; use a pseudonym such as Practitioner A.",
            Rule::LowerTitle => "A title followed by a name identifies a person, in lower case too; use a pseudonym such as Practitioner A.",
            Rule::LowerStreet => "A street, even in lower case, can locate a family; say \"the family home\".",
            Rule::LowerInstitution | Rule::Hospital => "A named school, practice or hospital can locate a family; describe its type instead, such as the GP practice.",
            Rule::LocalPlace => "A flat's designation or a house number beside its street locates a family; say \"a neighbouring flat\" or \"a nearby house\".",
            Rule::LocalBusiness => "A local business named by its own words locates a family; describe its kind instead, such as a takeaway.",
            Rule::QuotedHandle => "A user name in quotes after \"by\" identifies its owner; use a role such as User 1.",
            Rule::Login => "A login made from a person's name leads to their account and names them; leave it out, or use a role such as Pupil 1.",
            Rule::SignOff => "A name or initials on a line of their own open or sign a message and identify its writer or reader; use a role such as Youth Worker 1.",
        }
    }

    fn kind(self) -> Kind {
        match self {
            Rule::Place | Rule::LowerStreet | Rule::LocalPlace => Kind::Address,
            Rule::LowerInstitution | Rule::Hospital | Rule::LocalBusiness => Kind::Institution,
            _ => Kind::PersonName,
        }
    }
}

struct Span {
    start: usize,
    end: usize,
    rule: Rule,
    /// A title and a name, a gazetteer name that is no English word, a
    /// town from the gazetteer: only rewording clears it. Otherwise a
    /// person may decide it.
    certain: bool,
}

/// A name in lower case ("dad (stevie) phoned") that a person decides on:
/// the rules that find one read a word, not a shape, and can be wrong.
fn lower_span(token: &super::token::Token) -> Span {
    Span {
        start: token.start,
        end: token.end,
        rule: Rule::Lower,
        certain: false,
    }
}

/// Finds person names over classified tokens, skipping tokens that lie in
/// `covered` (addresses and institutions found by their own detectors).
/// `marked` holds every token a rule here starts from (see
/// `Classified::marked`): the others are stepped over unread.
fn find(
    text: &str,
    classified: &super::class::Classified,
    lex: &Lexicon,
    covered: &[(usize, usize)],
) -> Vec<Span> {
    let (toks, marked) = (&classified.toks[..], &classified.marked[..]);
    let mut spans: Vec<Span> = Vec::new();
    let mut buf = String::new();
    let mut local_acronyms: Vec<&str> = Vec::new();
    let mut undefined_acronyms: Vec<&str> = Vec::new();
    let language_quotes = named_language_quotes(text, lex);
    let people_initials = initials_defined_as_people(text, lex);
    // Whether a covered span holds the token: of the spans starting at or
    // before it (a binary search in the spans by start), the furthest end
    // reaches past it. Asked for every capitalised token.
    let mut by_start = covered.to_vec();
    by_start.sort_unstable();
    let mut reach = Vec::with_capacity(by_start.len());
    let mut furthest = 0;
    for &(_, e) in &by_start {
        furthest = furthest.max(e);
        reach.push(furthest);
    }
    let in_covered = |t: &Tok| {
        let k = by_start.partition_point(|&(s, _)| s <= t.t.start);
        k > 0 && reach[k - 1] >= t.t.end
    };
    let joined_cap = |i: usize| -> bool { i < toks.len() && toks[i].t.joined && toks[i].t.cap };
    // What each token may be to its lower-case neighbours (a relation, a
    // person's verb, a street word…): worked out once, since each token
    // is asked as a neighbour several times.
    let mut i = 0;
    let mut next_marked = 0;
    loop {
        // On to the next marked token from `i`: every branch below acts
        // on a capitalised token, a number or a one-letter word only.
        while marked.get(next_marked).is_some_and(|&m| m < i) {
            next_marked += 1;
        }
        let Some(&m) = marked.get(next_marked) else {
            break;
        };
        i = m;
        let t = toks[i];
        if !people_initials.is_empty()
            && t.t.cap
            && people_initials.iter().any(|p| p == t.t.text(text))
        {
            spans.push(Span {
                start: t.t.start,
                end: t.t.end,
                rule: Rule::Initials,
                certain: false,
            });
            i += 1;
            continue;
        }
        if t.class == Class::Number
            && (edinburgh_flat(text, &t.t)
                || pitch_number(text, toks, i)
                || house_number(text, toks, i))
        {
            // Edinburgh's floor-F-flat stands alone too ("shouting at 3F2").
            spans.push(Span {
                start: t.t.start,
                end: t.t.end,
                rule: Rule::Place,
                certain: true,
            });
            i += 1;
            continue;
        }
        if !t.t.cap || in_covered(&t) {
            if t.class == Class::Lower && t.t.end - t.t.start == 1 {
                if let Some(end) = lower_initials(text, toks, i) {
                    spans.push(Span {
                        start: t.t.start,
                        end,
                        rule: Rule::Initials,
                        certain: false,
                    });
                    i += 2;
                    continue;
                }
            }
            i += 1;
            continue;
        }
        if t.class == Class::Letter {
            if let Some(end) = initials(text, toks, i).filter(|&e| !case_name_after(text, e)) {
                spans.push(Span {
                    start: t.t.start,
                    end,
                    rule: Rule::Initials,
                    certain: false,
                });
                while i < toks.len() && toks[i].t.start < end {
                    i += 1;
                }
                continue;
            }
        }
        let lc: &str = lc_of(text, &t.t, &mut buf);
        // "the NCA's guidance": a body's acronym, which takes an article
        // that a person's initials never do.
        if t.possessive && !t.t.all_caps && after_the(text, toks, i) && {
            let base = strip_possessive(t.t.text(text)).0;
            (2..=6).contains(&base.len()) && base.bytes().all(|b| b.is_ascii_uppercase())
        } {
            i += 1;
            continue;
        }

        // Title + capitalised word. Hard titles (Mr, Dr, PC) take any
        // capitalised word; soft ones (Nurse, Sister, Sheriff, Father) only
        // a word that looks like a name, so "Sheriff Court" and "Father"
        // alone pass.
        let hard = t.class == Class::Title;
        // "Dr A. Okonkwo", "DS C Mason", "Mrs J. R. Hale": initials between
        // a title and a surname ("Mr A" alone is a pseudonym and passes).
        if hard {
            let mut k = i + 1;
            while k < toks.len()
                && k - i <= 3
                && toks[k].class == Class::Letter
                && toks[k].t.cap
                && matches!(text[toks[k].t.gap_start..toks[k].t.start].trim(), "" | ".")
                && !text[toks[k].t.gap_start..toks[k].t.start].contains('\n')
            {
                k += 1;
            }
            let surname = toks.get(k).filter(|n| {
                k > i + 1
                    && n.t.cap
                    && !n.role
                    && matches!(text[n.t.gap_start..n.t.start].trim(), "" | ".")
                    && !text[n.t.gap_start..n.t.start].contains('\n')
                    && n.t.end - n.t.start >= 2
                    && matches!(
                        n.class,
                        Class::Word | Class::NameWord | Class::Name | Class::Place | Class::Unknown
                    )
            });
            if let Some(n) = surname {
                if !in_covered(n) {
                    spans.push(Span {
                        start: t.t.start,
                        end: n.t.end,
                        rule: Rule::Title,
                        certain: true,
                    });
                    i = k + 1;
                    continue;
                }
            }
        }
        if hard || lex.soft_titles.contains(lc) {
            if let Some(n) = toks.get(i + 1) {
                let g = &text[n.t.gap_start..n.t.start];
                let gap_ok = n.t.joined || (hard && matches!(g.trim(), "."));
                let particle = hard && !n.t.cap && name_particle(n.t.text(text));
                let soft_surname = !hard
                    && !ADJECTIVE_TITLES.contains(&lc)
                    && n.t.cap
                    && n.class == Class::Word
                    && !n.role
                    && !toks.get(i + 2).is_some_and(|a| a.t.joined && a.t.cap)
                    && is_soft_title_surname(text, n, lex);
                let name_ok = particle
                    || soft_surname
                    || n.t.cap
                        && (!n.role || hard)
                        && if hard {
                            matches!(
                                n.class,
                                Class::Word
                                    | Class::NameWord
                                    | Class::Name
                                    | Class::Place
                                    | Class::Unknown
                                    | Class::Term
                            )
                        } else {
                            n.class.namey()
                        };
                if gap_ok && name_ok && !in_covered(n) {
                    let mut e = i + 1;
                    while e - i < 3
                        && joined_cap(e + 1)
                        && !toks[e + 1].role
                        && (toks[e + 1].class.namey() || surname_after_given(text, toks, e, lex))
                    {
                        e += 1;
                    }
                    spans.push(Span {
                        start: t.t.start,
                        end: toks[e].t.end,
                        rule: Rule::Title,
                        certain: true,
                    });
                    i = e + 1;
                    continue;
                }
            }
            if hard {
                i += 1;
                continue;
            }
        }

        // A pseudonym: role word followed by a letter or number.
        if t.role {
            if let Some(n) = toks.get(i + 1) {
                if n.t.joined && matches!(n.class, Class::Letter | Class::Number) {
                    i += 2;
                    continue;
                }
            }
        }

        if let Some(e) = saint_institution(text, toks, i).or_else(|| named_business(text, toks, i))
        {
            spans.push(Span {
                start: t.t.start,
                end: toks[e].t.end,
                rule: Rule::LowerInstitution,
                certain: false,
            });
            i = e + 1;
            continue;
        }
        if let Some(e) = multi_word_place(text, toks, i, lex) {
            if outside_scotland_run(text, toks, i, e, lex) {
                i = e + 1;
                continue;
            }
            spans.push(Span {
                start: t.t.start,
                end: toks[e].t.end,
                rule: Rule::Place,
                certain: true,
            });
            i = e + 1;
            continue;
        }
        if t.class.namey()
            && (is_world_place(text, toks, i, lex)
                || is_eponym(text, toks, i)
                || (town_outside_scotland(text, toks, i, lex)
                    && !home_town::home_town(text, toks, i)))
        {
            i += 1;
            continue;
        }
        if let Some(e) = named_storm_or_law(text, toks, i) {
            i = e + 1;
            continue;
        }
        if t.t.all_caps && (3..=4).contains(&lc.len()) && HOSPITALS.contains(&lc) {
            spans.push(Span {
                start: t.t.start,
                end: t.t.end,
                rule: Rule::Hospital,
                certain: false,
            });
            i += 1;
            continue;
        }
        if (t.t.all_caps || (t.class == Class::Term && t.t.end - t.t.start == 2))
            && initials_in_context(text, toks, i, lex, lc)
            && !(t.t.end - t.t.start >= 3
                && acronym_defined(
                    text,
                    toks,
                    i,
                    &mut local_acronyms,
                    &mut undefined_acronyms,
                    lc,
                ))
        {
            spans.push(Span {
                start: t.t.start,
                end: t.t.end,
                rule: Rule::Initials,
                certain: false,
            });
            i += 1;
            continue;
        }
        let rule = match t.class {
            Class::Word | Class::NameWord | Class::Name | Class::Unknown
                if called_in_quotes(text, &t.t) && !t.role && !KIN_ADDRESS.contains(&lc) =>
            {
                Some(Rule::Relation)
            }
            _ if t.class.namey()
                && !language_quotes.is_empty()
                && language_quotes
                    .iter()
                    .any(|&(s, e)| s < t.t.start && t.t.end <= e) =>
            {
                None
            }
            Class::Name | Class::NameWord | Class::Unknown | Class::Term | Class::Word
                if t.t.sentence_start && alone_on_its_line(text, &t.t, lex, t.class, lc) =>
            {
                Some(Rule::SignOff)
            }
            // "St Andrew's Day", "St Patrick's Night": a feast day.
            Class::Name | Class::NameWord
                if t.possessive
                    && after_saint(text, toks, i)
                    && toks.get(i + 1).is_some_and(|n| {
                        n.t.joined && matches!(n.t.text(text), "Day" | "Eve" | "Night")
                    }) =>
            {
                None
            }
            Class::Name
                if super::lexicon::LANGUAGES_NAMED_TOO.contains(&lc)
                    && (spoken_language(text, toks, i)
                        || language_pairs::paired_with_a_language(text, toks, i)) =>
            {
                None
            }
            Class::Name => Some(Rule::Gazetteer),
            Class::Unknown if t.t.all_caps => {
                if code_part(toks, i, lc)
                    || acronym_alone(text, toks, i)
                    || acronym_in_a_list(text, toks, i, lex)
                    || acronym_defined(
                        text,
                        toks,
                        i,
                        &mut local_acronyms,
                        &mut undefined_acronyms,
                        lc,
                    )
                {
                    None
                } else {
                    Some(Rule::Capitals)
                }
            }
            Class::Unknown
                if (in_foreign_quote(text, toks, i, lex)
                    || contraction(t.t.text(text))
                    || caseless_phrase(t.t.text(text))
                    || in_foreign_italics(text, toks, i, lex))
                    && !gaelic_vocative(text, toks, i) =>
            {
                None
            }
            Class::Unknown
                if plural_acronym(t.t.text(text))
                    && acronym_defined(
                        text,
                        toks,
                        i,
                        &mut local_acronyms,
                        &mut undefined_acronyms,
                        &lc[..lc.len() - 1],
                    ) =>
            {
                None
            }
            Class::Unknown => Some(Rule::Unknown),
            Class::Place => Some(Rule::Place),
            // "my son Jan", "Jan Kowal", "June Baxter": a month that is a
            // given name, after a relation or before a surname no
            // dictionary holds.
            Class::Term
                if MONTH_GIVEN_NAMES.contains(&lc)
                    && !t.t.sentence_start
                    && (after_relation(text, toks, i, lex)
                        || toks
                            .get(i + 1)
                            .is_some_and(|n| n.t.joined && n.t.cap && n.class == Class::Name)) =>
            {
                Some(Rule::FullName)
            }
            Class::NameWord | Class::Word
                if after_relation(text, toks, i, lex)
                    && !t.role
                    && !is_eponym(text, toks, i)
                    && !KIN_ADDRESS.contains(&lc)
                    && (is_name_like(lex, lc) || lower_relation_before(text, toks, i, lex)) =>
            {
                Some(Rule::Relation)
            }
            Class::NameWord | Class::Word
                if !t.role && after_greeting(text, toks, i) && is_name_like(lex, lc) =>
            {
                Some(Rule::Relation)
            }
            // "Thanks, Mo", "Cheers, SJ": a short name or initials closing
            // a message.
            Class::Term | Class::Word
                if t.t.end - t.t.start == 2
                    && !lex.is_known_term(lc)
                    && closes_a_message(text, toks, i) =>
            {
                Some(Rule::SignOff)
            }
            Class::NameWord | Class::Word | Class::Term
                if !t.role
                    && (quoted_after_name(text, toks, i)
                        || quoted_between_names(text, toks, i)
                        || two_word_nickname_between_names(text, toks, i)) =>
            {
                Some(Rule::Relation)
            }
            Class::Word
                if place_word_after_locative(text, toks, i, lex)
                    || headland::ness_place_after_locative(text, toks, i, lex) =>
            {
                Some(Rule::Place)
            }
            Class::NameWord if ethnic_descriptor(text, toks, i) => None,
            Class::NameWord if t.possessive && !after_saint(text, toks, i) => {
                Some(Rule::Possessive)
            }
            Class::NameWord if !t.t.sentence_start => name_word_rule(text, toks, i),
            Class::NameWord if lex.strong_name_words.contains(lc) => Some(Rule::Gazetteer),
            Class::NameWord if person_at_sentence_start(text, toks, i) => Some(Rule::NameWord),
            Class::NameWord => run_of_names(toks, i).then_some(Rule::FullName),
            _ => None,
        };
        let Some(rule) = rule else {
            i += 1;
            continue;
        };
        // Grow to the full name: neighbouring capitalised tokens that can
        // be names (Dean O'Donnell, Siobhán Quinn, Mohammed Iqbal).
        let mut s = i;
        let given = |k: usize| {
            let mut b = String::new();
            toks[k].class == Class::Word && lex.first.contains(lc_of(text, &toks[k].t, &mut b))
        };
        while s > 0
            && toks[s].t.joined
            && toks[s - 1].t.cap
            && (toks[s - 1].class.namey() || (toks[s].class == Class::Name && given(s - 1)))
            && !toks[s - 1].role
        {
            if in_covered(&toks[s - 1]) || toks[s - 1].t.end < spans.last().map_or(0, |p| p.end) {
                break;
            }
            s -= 1;
        }
        let mut e = i;
        while joined_cap(e + 1)
            && (toks[e + 1].class.namey() || surname_after_given(text, toks, e, lex))
            && !toks[e + 1].role
            && !in_covered(&toks[e + 1])
        {
            e += 1;
            if toks[e].possessive {
                break;
            }
        }
        let rule = if e > s && rule != Rule::Place {
            Rule::FullName
        } else {
            rule
        };
        // A place run that contains a name is reported as a name.
        let certain = toks[s..=e]
            .iter()
            .any(|t| matches!(t.class, Class::Name | Class::Place));
        spans.push(Span {
            start: toks[s].t.start,
            end: toks[e].t.end,
            rule,
            certain,
        });
        i = e + 1;
    }
    lower_pass(text, classified, lex, &mut spans);
    hyphenated_initials(text, &mut spans);
    let phrases = language_phrases(text, lex);
    if !phrases.is_empty() {
        spans.retain(|s| !phrases.iter().any(|&(a, b)| a <= s.start && s.end <= b));
    }
    spans
}

/// Initials of a double-barrelled name: `HO-B`, `H.O-B.`, `AS-J`: two or
/// three capitals (maybe dotted), a hyphen and one capital. No acronym of
/// prose has that shape (`A-Z` has one capital before the hyphen).
fn hyphenated_initials(text: &str, spans: &mut Vec<Span>) {
    let b = text.as_bytes();
    let mut extra = Vec::new();
    for at in memchr::memchr_iter(b'-', b) {
        let Some(&last) = b.get(at + 1) else {
            continue;
        };
        if !last.is_ascii_uppercase() || b.get(at + 2).is_some_and(u8::is_ascii_alphanumeric) {
            continue;
        }
        let mut start = at;
        let mut caps = 0;
        while start > 0 {
            let c = b[start - 1];
            if c.is_ascii_uppercase() {
                caps += 1;
            } else if c != b'.' {
                break;
            }
            start -= 1;
        }
        while start < at && b[start] == b'.' {
            start += 1;
        }
        let glued_before =
            start > 0 && (b[start - 1].is_ascii_alphanumeric() || b[start - 1] == b'-');
        if !(2..=3).contains(&caps) || glued_before {
            continue;
        }
        let end = if b.get(at + 2) == Some(&b'.') {
            at + 3
        } else {
            at + 2
        };
        extra.push(Span {
            start,
            end,
            rule: Rule::Initials,
            certain: false,
        });
    }
    if !extra.is_empty() {
        spans.extend(extra);
        spans.sort_by_key(|s| s.start);
        spans.dedup_by(|b, a| b.start < a.end);
    }
}

/// Whether every part of `cell` ("Polish", "Urdu / Punjabi") names a
/// language or a people.
fn names_languages(cell: &str, lex: &Lexicon) -> bool {
    let mut b = String::new();
    let mut parts = cell
        .split(['/', ','])
        .map(|p| p.trim().trim_matches(['*', '_']))
        .peekable();
    parts.peek().is_some()
        && parts.all(|p| {
            p.starts_with(char::is_uppercase) && lex.groups.contains(lower_into(p, &mut b))
        })
}

/// Phrases in another language that the text labels as such, as byte
/// ranges: the phrase cell of a table row whose first cell names the
/// language (`| Polish | *Nie wiem* | I don't know |`), and a phrase in
/// italics followed by "in" and the language (`*ʿayb* in Arabic`) or
/// after the language's name with words no English has (`A Polish mother
/// said: "*Wszystko w porządku*"`). Every capital inside is the phrase's.
fn language_phrases(text: &str, lex: &Lexicon) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    // Only lines with a bar or an asterisk can hold either: they are
    // found by searching for those bytes, not by walking every line.
    let bytes = text.as_bytes();
    let mut next_line = 0;
    while let Some(k) = memchr::memchr2(b'|', b'*', &bytes[next_line..]) {
        let hit = next_line + k;
        let at =
            memchr::memrchr(b'\n', &bytes[next_line..hit]).map_or(next_line, |n| next_line + n + 1);
        next_line = memchr::memchr(b'\n', &bytes[hit..]).map_or(bytes.len(), |n| hit + n + 1);
        let line = &text[at..next_line];
        let body = line.trim_start();
        if let Some(row) = body.strip_prefix('|') {
            let lead = at + (line.len() - body.len()) + 1;
            let mut cells = row.split('|');
            let (Some(first), Some(second)) = (cells.next(), cells.next()) else {
                continue;
            };
            if names_languages(first, lex) {
                let from = lead + first.len() + 1;
                out.push((from, from + second.len()));
            }
            continue;
        }
        if !line.contains('*') {
            continue;
        }
        let mut from = 0;
        while let Some(open) = line[from..].find('*').map(|k| from + k) {
            if line[open + 1..].starts_with('*') {
                from = open + 2;
                continue;
            }
            let Some(close) = line[open + 1..].find('*').map(|k| open + 1 + k) else {
                break;
            };
            from = close + 1;
            let phrase = &line[open + 1..close];
            if phrase.is_empty() || phrase.len() > 80 {
                continue;
            }
            let after = line[close + 1..].trim_start_matches(['"', '\u{201d}']);
            let labelled_after = after
                .strip_prefix(" in ")
                .and_then(|r| r.split(|c: char| !c.is_alphabetic()).next())
                .is_some_and(|w| names_languages(w, lex));
            let mut b = String::new();
            let foreign_word = phrase.split_whitespace().any(|w| {
                let w = w.trim_matches(|c: char| !c.is_alphabetic());
                !w.is_empty()
                    && w.starts_with(char::is_lowercase)
                    && !lex.is_word(lower_into(w, &mut b))
            });
            let mut lb = open.saturating_sub(60);
            while !line.is_char_boundary(lb) {
                lb += 1;
            }
            let labelled_before = foreign_word
                && line[lb..open]
                    .split(|c: char| !c.is_alphabetic())
                    .any(|w| w.len() > 2 && names_languages(w, lex));
            if labelled_after || labelled_before {
                out.push((at + open, at + close + 1));
            }
        }
    }
    out
}

/// Names, titles, streets and institutions in lower case. Only the
/// neighbours of trigger words (a relation, a person's verb, a street
/// word, a title…) and words in brackets can be one, so only they are
/// looked at: most lower-case tokens are never touched.
fn lower_pass(
    text: &str,
    classified: &super::class::Classified,
    lex: &Lexicon,
    spans: &mut Vec<Span>,
) {
    let (toks, trig) = (&classified.toks[..], &classified.trig[..]);
    let n = toks.len();
    if n == 0 {
        return;
    }
    // Which tokens have a trigger beside them, worked out over plain
    // byte arrays (loops the compiler vectorises; `trig` holds each
    // token's `Tok::trig`); then only those tokens, a few in a hundred,
    // are looked at.
    let mut near: Vec<u8> = trig.iter().map(|&b| b & TITLE).collect();
    for (v, &b) in near.iter_mut().zip(&trig[1..]) {
        *v |= b & (VERB | PLACE);
    }
    for (v, &b) in near[1..].iter_mut().zip(trig) {
        *v |= b & RELATION;
    }
    if n > 2 {
        for (v, &b) in near[2..].iter_mut().zip(trig) {
            *v |= b & CONTACT;
        }
    }
    for open in memchr::memchr_iter(b'(', text.as_bytes()) {
        if let Ok(j) = toks.binary_search_by_key(&(open + 1), |t| t.t.start) {
            near[j] |= BRACKET;
        }
    }
    let found_before = spans.len();
    let mut done_to = 0;
    for i in nonzero_bytes(&near) {
        let t = &toks[i];
        if t.class != Class::Lower || t.t.start < done_to || t.t.end - t.t.start == 1 {
            continue;
        }
        if let Some((rule, e)) = lower_place_or_title(text, toks, i, lex) {
            spans.push(Span {
                start: t.t.start,
                end: toks[e].t.end,
                rule,
                certain: false,
            });
            done_to = toks[e].t.end;
        } else if lower_name(text, toks, i, lex) {
            spans.push(lower_span(&t.t));
        }
    }
    quoted_lower_names(text, toks, lex, spans);
    for i in super::class::with_trigger(trig, BUSINESS) {
        if i > 0 && toks[i - 1].t.cap && toks[i].class == Class::Lower {
            if let Some(from) = shop_before_its_kind(text, toks, i, lex) {
                spans.push(Span {
                    start: toks[from].t.start,
                    end: toks[i].t.end,
                    rule: Rule::LowerInstitution,
                    certain: false,
                });
            }
        }
    }
    nouns_are_no_names(text, toks, spans, found_before);
    // After the noun test, which reads "about" and "of" as taking a noun:
    // in a chat "ask them about vali" is a person. Its own test for a
    // noun is an article or a possessive right before.
    casual_lines(text, toks, &classified.lower_openers, lex, spans);
    if spans.len() > found_before {
        spans.sort_by_key(|s| s.start);
    }
}

/// The indices of the bytes of `bytes` that are not zero, in order, eight
/// bytes tested at once: most tokens have no trigger beside them.
fn nonzero_bytes(bytes: &[u8]) -> impl Iterator<Item = usize> + '_ {
    bytes.chunks(8).enumerate().flat_map(|(c, chunk)| {
        let mut eight = [0u8; 8];
        eight[..chunk.len()].copy_from_slice(chunk);
        let x = u64::from_le_bytes(eight);
        // High bit of each byte that is not zero.
        let mut found = ((x & 0x7f7f_7f7f_7f7f_7f7f).wrapping_add(0x7f7f_7f7f_7f7f_7f7f) | x)
            & 0x8080_8080_8080_8080;
        std::iter::from_fn(move || {
            (found != 0).then(|| {
                let k = found.trailing_zeros() as usize / 8;
                found &= found - 1;
                c * 8 + k
            })
        })
    })
}

/// A word the lower-case rules took for a name that the text also uses as
/// a noun ("the family's izzat", "the izzat of the family") is the noun
/// everywhere: a lower-case name after an article is not a name.
fn nouns_are_no_names(text: &str, toks: &[Tok], spans: &mut Vec<Span>, from: usize) {
    if spans.len() == from {
        return;
    }
    let mut words: Vec<&str> = spans[from..]
        .iter()
        .filter(|s| s.rule == Rule::Lower)
        .map(|s| &text[s.start..s.end])
        .collect();
    words.sort_unstable();
    words.dedup();
    if words.is_empty() {
        return;
    }
    // One pass over the tokens, a length test before any comparison.
    let mut nouns: Vec<String> = Vec::new();
    for (j, t) in toks.iter().enumerate() {
        let len = t.t.end - t.t.start;
        if t.t.cap || !words.iter().any(|w| w.len() == len) {
            continue;
        }
        let word = t.t.text(text);
        if !words.contains(&word) || nouns.iter().any(|n| n == word) {
            continue;
        }
        let noun = after_determiner(text, toks, j)
            || (t.t.joined
                && (text[..t.t.start].ends_with("'s ")
                    || text[..t.t.start].ends_with("\u{2019}s ")));
        if noun {
            nouns.push(word.to_string());
        }
    }
    if !nouns.is_empty() {
        let mut k = from;
        while k < spans.len() {
            let s = &spans[k];
            if s.rule == Rule::Lower && nouns.iter().any(|n| *n == text[s.start..s.end]) {
                spans.remove(k);
            } else {
                k += 1;
            }
        }
    }
}

/// Given names in lower case inside quoted speech or a typed note in
/// quotes ("the woman one nadia she got me", "told eilidh."): a first name
/// no dictionary holds is a person there. A quote mostly in another
/// language is left to the rules for capitals.
fn quoted_lower_names(text: &str, toks: &[Tok], lex: &Lexicon, spans: &mut Vec<Span>) {
    let bytes = text.as_bytes();
    let mut opens = memchr::memchr_iter(b'"', bytes)
        .chain(text.match_indices('\u{201c}').map(|(k, _)| k))
        .collect::<Vec<_>>();
    if opens.is_empty() {
        return;
    }
    opens.sort_unstable();
    let mut k = 0;
    let mut buf = String::new();
    while k < opens.len() {
        let open = opens[k];
        // The closing mark on the same line, if any.
        let line_end = memchr::memchr(b'\n', &bytes[open..]).map_or(text.len(), |e| open + e);
        let close = opens[k + 1..]
            .iter()
            .copied()
            .find(|&c| c < line_end)
            .or_else(|| text[open..line_end].find('\u{201d}').map(|c| open + c));
        let Some(close) = close else {
            k += 1;
            continue;
        };
        let from = toks.partition_point(|t| t.t.start <= open);
        let to = toks.partition_point(|t| t.t.end <= close);
        let inside = &toks[from..to];
        if inside.len() >= 3 {
            let english = inside
                .iter()
                .filter(|q| {
                    q.class == Class::Lower && {
                        let lc = lc_of(text, &q.t, &mut buf);
                        lex.is_word(lc)
                    }
                })
                .count();
            if english * 2 >= inside.len() {
                for q in inside {
                    let len = q.t.end - q.t.start;
                    if q.class != Class::Lower || !(4..=12).contains(&len) || q.t.digit {
                        continue;
                    }
                    let glued = |b: Option<&u8>| {
                        b.is_some_and(|b| matches!(b, b'@' | b'.' | b'_' | b'/' | b'-'))
                    };
                    if glued(bytes.get(q.t.start.wrapping_sub(1)))
                        || (glued(bytes.get(q.t.end))
                            && bytes
                                .get(q.t.end + 1)
                                .is_some_and(u8::is_ascii_alphanumeric))
                    {
                        continue;
                    }
                    let word = strip_possessive(&text[q.t.start..q.t.end]).0;
                    if !lex.name_bloom.may_hold(word) {
                        continue;
                    }
                    let lc = lc_of(text, &q.t, &mut buf);
                    if lex.first.contains(lc)
                        && !lex.is_word(lc)
                        && !lex.is_known_term(lc)
                        && !lex.roles.contains(lc)
                    {
                        // An overlap with a span found before is dropped
                        // when the spans are merged.
                        spans.push(lower_span(&q.t));
                    }
                }
            }
        }
        k = opens.partition_point(|&o| o <= close);
    }
}

/// Scotland's inhabited islands whose names are also given names or
/// surnames (Lewis, Harris, Skye, Iona) or no dictionary's words (Tiree,
/// Uist): a whole island identifies nobody.
const ISLANDS: &[&str] = &[
    "Lewis",
    "Harris",
    "Skye",
    "Barra",
    "Tiree",
    "Coll",
    "Mull",
    "Iona",
    "Islay",
    "Jura",
    "Arran",
    "Bute",
    "Uist",
    "Benbecula",
    "Eriskay",
    "Vatersay",
    "Berneray",
    "Scalpay",
    "Raasay",
    "Eigg",
    "Canna",
    "Colonsay",
    "Gigha",
    "Lismore",
    "Kerrera",
    "Luing",
    "Cumbrae",
    "Orkney",
    "Shetland",
    "Hoy",
    "Sanday",
    "Stronsay",
    "Westray",
    "Rousay",
    "Shapinsay",
    "Unst",
    "Yell",
    "Fetlar",
    "Whalsay",
    "Bressay",
    "Foula",
    "Taransay",
    "Ulva",
    "Bernera",
];

/// An island named as a place: after "on", "in" or "Isle of" ("Isle of
/// Lewis", "grown up on Lewis") or in a list of islands that
/// such a word opens ("in Barra, Harris, Skye and Tiree"). "Lewis said"
/// and "her brother Lewis" stay names.
fn island_as_a_place(text: &str, start: usize, end: usize) -> bool {
    let word = &text[start..end];
    let word = word
        .strip_prefix("North ")
        .or_else(|| word.strip_prefix("South "))
        .unwrap_or(word);
    if !ISLANDS.contains(&word) {
        return false;
    }
    let mut at = start;
    for _ in 0..8 {
        let before = text[..at].trim_end_matches(' ');
        let before = before
            .strip_suffix(" North")
            .or_else(|| before.strip_suffix(" South"))
            .unwrap_or(before);
        let w_start = crate::text::trailing_word_start(before);
        let prev = &before[w_start..];
        // "to Iona", "from Skye" may be a person thanked or writing; "of"
        // only in "Isle of".
        if matches!(prev, "on" | "in" | "across" | "around")
            || (prev == "of" && before[..w_start].ends_with("Isle "))
        {
            return true;
        }
        // Step back over a listed island: "Barra, Harris, " / "Skye and ".
        let listed = before.strip_suffix(',').or_else(|| {
            before
                .strip_suffix(" and")
                .or_else(|| before.strip_suffix(" &"))
        });
        let Some(listed) = listed else { return false };
        let listed = listed.trim_end_matches(' ');
        let l_start = crate::text::trailing_word_start(listed);
        if !ISLANDS.contains(&&listed[l_start..]) {
            return false;
        }
        at = l_start;
    }
    false
}

/// "the Salt & Vinegar chippy", "the Golden Lotus takeaway": a shop's
/// own name in capitals before the kind of shop in lower case. The index
/// of the name's first token. A people's or a place's word ("the Kurdish
/// cafe", "a Leith takeaway"), a chain alone, and one ordinary word ("the
/// Hospital cafe") pass.
fn shop_before_its_kind(text: &str, toks: &[Tok], i: usize, lex: &Lexicon) -> Option<usize> {
    let mut b = String::new();
    if !LOWER_BUSINESSES.contains(&lc_of(text, &toks[i].t, &mut b))
        && !LOWER_BUSINESSES.contains(&toks[i].t.text(text))
    {
        return None;
    }
    if !toks[i].t.joined {
        return None;
    }
    let mut j = i;
    while j > 0 && i - j < 4 {
        let p = &toks[j - 1];
        let gap = &text[p.t.end..toks[j].t.start];
        if !p.t.cap || p.t.digit || !(gap == " " || gap == " & ") || p.role {
            break;
        }
        j -= 1;
        if p.t.sentence_start {
            break;
        }
    }
    let run = &toks[j..i];
    if run.is_empty() || run.iter().all(|t| t.t.all_caps) {
        return None;
    }
    if j > 0 && generic_determiner(text, toks, j) {
        return None;
    }
    let mut public = false;
    let mut ordinary = 0;
    let mut named = false;
    for t in run {
        let lc = lc_of(text, &t.t, &mut b);
        if lex.groups.contains(lc)
            || lex.world_places.contains(lc)
            || lex.places.contains(lc)
            || PUBLIC_BODY_WORDS.contains(&lc)
            || matches!(t.class, Class::Term | Class::Place)
        {
            public = true;
        }
        match t.class {
            Class::Word => ordinary += 1,
            Class::NameWord | Class::Name | Class::Unknown => named = true,
            _ => {}
        }
    }
    (!public && (named || ordinary >= 2)).then_some(j)
}

/// Words before a lower-case place in a typed note ("dawid from
/// niddrie", "moving to craigshill").
const LOWER_PLACE_CUES: &[&str] = &[
    "from", "in", "to", "at", "near", "round", "roon", "up", "down", "outside", "frae", "tae",
];

/// Words before a street word that make a road no named street ("the
/// main road", "a back lane", "the ring road").
const NOT_STREET_NAMES: &[&str] = &[
    "main", "back", "side", "ring", "slip", "dirt", "busy", "same", "other", "country", "private",
    "public", "high", "new", "old", "long", "short", "quiet", "wrong", "right", "one", "each",
    "every", "this", "that", "the", "a", "an", "any", "our", "his", "her", "their", "my", "your",
    "access", "trunk", "link", "bypass", "toll", "food", "river", "blood", "piggy", "data",
    "memory", "big", "wee", "open", "car", "play", "skate", "water", "fire", "front", "b",
];

/// Street words a typed note writes after a street's own name ("seafield
/// st", "elm row", "the muirhouse flats", "4 sighthill bank").
const CASUAL_STREETS: &[&str] = &[
    "st", "road", "rd", "row", "flats", "street", "ave", "avenue", "drive", "crescent", "bank",
    "terrace", "court", "gardens", "place", "square", "grove", "close", "quadrant", "walk", "wynd",
    "brae", "loan", "lane", "view",
];

/// Lines typed in lower case (a chat export, running notes: a sentence
/// or a message opening in lower case, "Amira: did u see what marius
/// posted", "27/02/24  mum phoned"): there a given name no dictionary
/// holds is a person without a cue word beside it ("me n tomasz", "ask
/// semhar"), a place of the gazetteer after "from/in/to" is where
/// someone lives ("dawid from niddrie"), and a word before a street word
/// names the street ("on ferry road", "the grant st flats"). Only lines
/// with such a lower-case opening are looked at; each candidate asks the
/// Bloom filter before any set.
fn casual_lines(
    text: &str,
    toks: &[Tok],
    lower_openers: &[usize],
    lex: &Lexicon,
    spans: &mut Vec<Span>,
) {
    let mut buf = String::new();
    let found_from = spans.len();
    let mut lines: Vec<(usize, usize)> = Vec::new();
    let mut line_from = 0;
    // The next of `lower_openers` to look at.
    let mut opener = 0;
    while line_from < toks.len() {
        // The tokens of one line: up to the next gap with a newline. No
        // token holds a newline and the gaps lie between the tokens, so
        // that gap is the one of the first token after the next newline.
        let after = toks[line_from].t.end;
        let line_to = match memchr::memchr(b'\n', &text.as_bytes()[after..]) {
            Some(k) => super::class::first_not(toks, line_from + 1, |t| t.t.start <= after + k),
            None => toks.len(),
        };
        let line = &toks[line_from..line_to];
        // A line opening in lower case right after a typed line is typed
        // too: chat messages end without a full stop.
        let follows_typed = lines.last().is_some_and(|&(_, to)| to == line_from)
            && line[0].class == Class::Lower
            && line[0].t.alpha
            && text[line[0].t.gap_start..line[0].t.start].trim_matches([' ', '\t']) == "\n";
        // A line's first token may open it without a sentence start (a
        // wrapped line); after it only the tokens opening a sentence in
        // lower case can, so only those are read.
        while lower_openers.get(opener).is_some_and(|&k| k <= line_from) {
            opener += 1;
        }
        let casual = follows_typed
            || opens_in_lower_case(text, line, 0, &line[0])
            || lower_openers[opener..]
                .iter()
                .take_while(|&&k| k < line_to)
                .any(|&k| opens_in_lower_case(text, line, k - line_from, &toks[k]));
        if casual {
            casual_line(text, toks, line_from, line_to, lex, spans, &mut buf);
            lines.push((line_from, line_to));
        }
        line_from = line_to;
    }
    // A word-name found acting is that person in the other typed lines
    // too ("blessing has asthma" after "says blessing and favour").
    let mut names: Vec<&str> = spans[found_from..]
        .iter()
        .filter(|s| s.rule == Rule::Lower)
        .map(|s| &text[s.start..s.end])
        .filter(|w| lex.word_names.contains(*w))
        .collect();
    names.sort_unstable();
    names.dedup();
    if names.is_empty() {
        return;
    }
    let mut more = Vec::new();
    for &(from, to) in &lines {
        for q in &toks[from..to] {
            let w = q.t.text(text);
            if q.class == Class::Lower
                && names.contains(&w)
                && !spans[found_from..].iter().any(|s| s.start == q.t.start)
            {
                more.push(lower_span(&q.t));
            }
        }
    }
    spans.extend(more);
}

/// Token `k` of a line opens a message or a sentence in lower case: the
/// line's first word after a line that ended a sentence, a word after a
/// full stop (not after "e.g." or "no. 4"), or after a speaker's label
/// near the line's start ("Amira: did u see"). Not in quotes, brackets,
/// tables or emphasis, and not after a semicolon or a colon in prose.
fn opens_in_lower_case(text: &str, line: &[Tok], k: usize, q: &Tok) -> bool {
    // Every opening below follows a full stop, a colon or a line's start,
    // which the tokenizer marks: most tokens stop at this test.
    if !(q.t.sentence_start || k == 0)
        || q.class != Class::Lower
        || !q.t.alpha
        || q.t.end - q.t.start < 2
    {
        return false;
    }
    let gap = &text[q.t.gap_start..q.t.start];
    if gap.contains([
        '"', '\u{201c}', '\u{2018}', '(', '[', '\'', '*', '_', '`', '|', ';', ',',
    ]) {
        return false;
    }
    if k == 0 {
        // After a wrapped line's last word, a line opens mid-sentence.
        // The full stop that ends the line before is in the gap.
        let before = text[..q.t.start].trim_end();
        return before.is_empty()
            || before.ends_with(['.', '!', '?', ':', ']'])
            || before.ends_with(|c: char| c.is_ascii_digit());
    }
    let p = &line[k - 1];
    if gap.contains(['.', '!', '?']) {
        return p.t.end - p.t.start > 1 && !p.t.digit && !matches!(p.t.text(text), "no" | "No");
    }
    // A timestamp's colons ("20:14") are no label's.
    gap.contains(':') && k <= 8 && !text[line[0].t.start..p.t.start].contains(": ")
}

/// Words before a lower-case word-name in a typed note that make it a
/// person spoken of or to ("says blessing", "tell precious", "me n
/// honey").
const WORD_NAME_BEFORE: &[&str] = &[
    "says", "said", "tell", "told", "ask", "asked", "with", "n", "wi", "and", "&", "see", "saw",
    "phoned", "called", "texted", "seen",
];

/// A lower-case word-name in a typed note that acts or is spoken of: a
/// person's verb or "and" after it, or a verb of telling before it.
fn word_name_acts(text: &str, toks: &[Tok], i: usize, to: usize, lex: &Lexicon) -> bool {
    let mut b = String::new();
    let next_ok = toks.get(i + 1).filter(|_| i + 1 < to).is_some_and(|n| {
        n.t.joined && {
            let w = lc_of(text, &n.t, &mut b);
            lex.person_verbs.contains(w)
                || matches!(
                    w,
                    "has" | "is" | "was" | "are" | "were" | "and" | "im" | "came" | "went"
                )
        }
    });
    let prev_ok = i > 0
        && toks[i].t.joined
        && WORD_NAME_BEFORE.contains(&lc_of(text, &toks[i - 1].t, &mut b));
    // Both sides, so "honey and lemon" or "said thanks" stay words.
    next_ok && prev_ok
        || prev_ok && text[toks[i].t.end..].starts_with([' ', ',']) && {
            let w = toks
                .get(i + 1)
                .map(|n| lc_of(text, &n.t, &mut b).to_string());
            matches!(
                w.as_deref(),
                Some("im" | "i'm" | "she" | "he" | "u" | "you")
            )
        }
}

/// Words for a person before a given name in a typed message ("some boy
/// kyle", "mates wi jordan", "my pal mark").
const PERSON_NOUNS: &[&str] = &[
    "boy",
    "girl",
    "guy",
    "lad",
    "lass",
    "lassie",
    "pal",
    "mate",
    "mates",
    "wi",
    "cousin",
    "bro",
    "called",
    "named",
    "boyfriend",
    "girlfriend",
    "bf",
    "gf",
];

fn word_is_a_person_here(
    text: &str,
    toks: &[Tok],
    i: usize,
    from: usize,
    to: usize,
    lex: &Lexicon,
) -> bool {
    let mut b = String::new();
    let after_noun =
        i > from && toks[i].t.joined && PERSON_NOUNS.contains(&lc_of(text, &toks[i - 1].t, &mut b));
    let surname_after =
        i + 1 < to && toks[i + 1].t.joined && toks[i + 1].class == Class::Lower && {
            let n = lc_of(text, &toks[i + 1].t, &mut b);
            n.len() >= 3 && lex.last.contains(n) && !lex.is_word(n) && !lex.is_known_term(n)
        };
    after_noun || surname_after
}

fn casual_line(
    text: &str,
    toks: &[Tok],
    from: usize,
    to: usize,
    lex: &Lexicon,
    spans: &mut Vec<Span>,
    buf: &mut String,
) {
    let bytes = text.as_bytes();
    let glued = |b: Option<&u8>| b.is_some_and(|b| matches!(b, b'@' | b'.' | b'_' | b'/' | b'-'));
    let mut i = from;
    while i < to {
        let q = &toks[i];
        let len = q.t.end - q.t.start;
        if q.class != Class::Lower
            || q.t.digit
            || !(3..=14).contains(&len)
            || text[q.t.end..].starts_with("://")
            || glued(bytes.get(q.t.start.wrapping_sub(1)))
            || (glued(bytes.get(q.t.end))
                && bytes
                    .get(q.t.end + 1)
                    .is_some_and(u8::is_ascii_alphanumeric))
        {
            i += 1;
            continue;
        }
        // "<name> road", "<name> st flats": a street by its name.
        if let Some(n) = toks.get(i + 1).filter(|n| {
            i + 1 < to && n.t.joined && n.class == Class::Lower && n.t.start - q.t.end == 1
        }) {
            let w = lc_of(text, &n.t, buf).to_string();
            if CASUAL_STREETS.contains(&w.as_str()) {
                let lc = lc_of(text, &q.t, buf);
                // An ordinary word names a street only before a street's
                // own word ("ferry road", "elm row"), never "place".
                let word_only = lex.is_word(lc) && !(lex.places.contains(lc) || lex.is_name(lc));
                let ok = !NOT_STREET_NAMES.contains(&lc)
                    && !lc.contains('-')
                    && (!word_only
                        || matches!(w.as_str(), "road" | "rd" | "st" | "street" | "row"))
                    && w != "place"
                    && !lex.roles.contains(lc)
                    && !lex.relations.contains(lc)
                    && !lex.is_known_term(lc)
                    && !generic_determiner(text, toks, i)
                    && !is_service_word(lc);
                if ok {
                    let mut e = i + 1;
                    // "grant st flats": a second street word.
                    if let Some(m) = toks.get(e + 1).filter(|m| e + 1 < to && m.t.joined) {
                        if matches!(lc_of(text, &m.t, buf), "flats" | "shops") {
                            e += 1;
                        }
                    }
                    // "4 sighthill bank": the number is the address's.
                    let start = if i > from
                        && toks[i - 1].class == Class::Number
                        && toks[i].t.joined
                        && toks[i - 1].t.end - toks[i - 1].t.start <= 3
                    {
                        toks[i - 1].t.start
                    } else {
                        q.t.start
                    };
                    spans.push(Span {
                        start,
                        end: toks[e].t.end,
                        rule: Rule::LowerStreet,
                        certain: false,
                    });
                    i = e + 1;
                    continue;
                }
            }
        }
        // "gran says blessing and favour are staying", "tell precious im
        // coming": a given name that is also a word, where a person is
        // spoken of or to.
        if lex.word_names.contains(lc_of(text, &q.t, buf)) && word_name_acts(text, toks, i, to, lex)
        {
            spans.push(lower_span(&q.t));
            i += 1;
            continue;
        }
        let cue = i > from && toks[i - 1].t.joined && {
            let p = lc_of(text, &toks[i - 1].t, buf);
            LOWER_PLACE_CUES.contains(&p)
        };
        let word = strip_possessive(&text[q.t.start..q.t.end]).0;
        // "mates wi jordan": after a word for a person, a country that is
        // a given name too (the Bloom filter holds names only).
        if i > from
            && toks[i].t.joined
            && PERSON_NOUNS.contains(&lc_of(text, &toks[i - 1].t, buf))
            && lex.world_places.contains(lc_of(text, &q.t, buf))
        {
            spans.push(lower_span(&q.t));
            i += 1;
            continue;
        }
        if !cue && !lex.name_bloom.may_hold(word) {
            i += 1;
            continue;
        }
        // "the family's izzat", "an abaya": a noun after an article.
        if i > from
            && toks[i].t.joined
            && (matches!(
                lc_of(text, &toks[i - 1].t, buf),
                "the"
                    | "a"
                    | "an"
                    | "this"
                    | "that"
                    | "his"
                    | "her"
                    | "their"
                    | "my"
                    | "your"
                    | "our"
            ) || toks[i - 1].possessive)
        {
            // "listen to her aiden shes lying": a given name addressed.
            let lc = lc_of(text, &q.t, buf);
            if lex.first.contains(lc)
                && !lex.is_word(lc)
                && !lex.is_known_term(lc)
                && chat_vocative::addressed(text, toks, i, to)
            {
                spans.push(lower_span(&q.t));
            }
            i += 1;
            continue;
        }
        let lc = lc_of(text, &q.t, buf);
        // "racist lewis", "thanks ruaridh,": a given name addressed, where
        // its word sense, if any, is rare.
        if (lex.strong_name_words.contains(lc)
            || (lex.first.contains(lc) && !lex.is_word(lc) && !lex.is_known_term(lc)))
            && chat_vocative::addressed(text, toks, i, to)
        {
            spans.push(lower_span(&q.t));
            i += 1;
            continue;
        }
        if lex.is_word(lc) || lex.is_known_term(lc) || lex.roles.contains(lc) {
            // "some boy kyle", "mates wi jordan", "kyle mackie": a given
            // name that is also a word or a place, after a word for a
            // person or before a surname no dictionary holds.
            if (lex.first.contains(lc)
                || lex.name_words.contains(lc)
                || lex.world_places.contains(lc))
                && !lex.roles.contains(lc)
                && word_is_a_person_here(text, toks, i, from, to, lex)
            {
                spans.push(lower_span(&q.t));
            }
            i += 1;
            continue;
        }
        // After "from/in/to" a place of the gazetteer, or a word no list
        // holds (a scheme or an estate: "in pilton", "to craigshill"); a
        // town outside Scotland or a country passes.
        let place = cue
            && !lex.outside.contains(lc)
            && !lex.world_places.contains(lc)
            && (lex.places.contains(lc)
                || (len >= 5
                    && lc.chars().all(char::is_alphabetic)
                    // A surname is a place's name too ("in kinnaird");
                    // a given name after "to" or "from" is a person.
                    && !lex.first.contains(lc)
                    && !lex.is_plural_term(lc)));
        let person = lex.first.contains(lc) && !lex.world_places.contains(lc);
        if place || person {
            spans.push(Span {
                start: q.t.start,
                end: q.t.end,
                rule: if place { Rule::Place } else { Rule::Lower },
                certain: false,
            });
        }
        i += 1;
    }
}

fn is_name_like(lex: &Lexicon, lc: &str) -> bool {
    lex.name_words.contains(lc) || lex.first.contains(lc) || lex.last.contains(lc)
}

/// "her partner Dean", "his friend, Mohammed", "a man called Jordan".
fn after_relation(text: &str, toks: &[Tok], i: usize, lex: &Lexicon) -> bool {
    // A nickname opens with a capital word of its own ("known as "Big
    // Tam""): look before the start of the capitalised run.
    let mut s = i;
    while s > 0 && toks[s].t.joined && toks[s - 1].t.cap && !toks[s - 1].role {
        s -= 1;
    }
    let g = &text[toks[s].t.gap_start..toks[s].t.start];
    let quoted = g.contains(['"', '“', '‘']);
    if s == 0 || (toks[s].t.sentence_start && !quoted) {
        return false;
    }
    let gap_ok = g
        .chars()
        .all(|c| matches!(c, ' ' | ',' | '\t' | '"' | '“' | '‘' | '\''));
    if !gap_ok || g.matches(',').count() > 1 {
        return false;
    }
    let p = &toks[s - 1];
    // "Named Persons", "Partner Agencies": a Title Case term, not a
    // relative's name.
    if p.t.cap && (p.class != Class::Word || toks[i].class == Class::Word) {
        return false;
    }
    // What makes the word a relative's name is asked before the plural
    // test below (each reads the text alone, so the order changes no
    // answer): most capitalised words follow no relation, and this is
    // the cheaper.
    let mut buf = String::new();
    let prev = lc_of(text, &p.t, &mut buf);
    let mut other = String::new();
    let named = lex.relations.contains(prev)
        // "a man known locally as Tam", "known to friends as Shug".
        || (prev == "as"
            && (s.saturating_sub(4)..s - 1)
                .any(|j| lc_of(text, &toks[j].t, &mut other) == "known"))
        // An appositive after a relation phrase: "her partner at the
        // time, Mantas,"; only lowercase words between, in the same
        // clause.
        || (g.contains(',') && {
            let mut found = false;
            for j in (s.saturating_sub(5)..s - 1).rev() {
                let t = &toks[j + 1];
                if toks[j].t.cap || (j + 1 < s - 1 && !t.t.joined) {
                    break;
                }
                if lex.relations.contains(lc_of(text, &toks[j].t, &mut other)) {
                    found = true;
                    break;
                }
            }
            found
        });
    if !named {
        return false;
    }
    // "partner Committees", "Parents: Children": a plural of a word,
    // where no given name is ("her son Miles" stays).
    let mut word_buf = String::new();
    let lc = lc_of(text, &toks[i].t, &mut word_buf);
    if matches!(lc, "children" | "people" | "men" | "women") {
        return false;
    }
    if let Some(stem) = lc.strip_suffix('s') {
        let singular = stem
            .strip_suffix("ie")
            .map_or_else(|| stem.to_string(), |y| format!("{y}y"));
        if lex.is_word(lc) && lex.is_word(&singular) && !lex.first.contains(lc) {
            return false;
        }
    }
    true
}

/// A name or initials alone on a line between blank lines, maybe with a
/// comma: how a message opens ("SJ,") or is signed ("Kev"). A word of
/// the dictionary alone ("Summary", "Thanks") is a heading or a closing,
/// and so is a known acronym; initials are two capitals.
fn alone_on_its_line(
    text: &str,
    t: &super::token::Token,
    lex: &Lexicon,
    class: Class,
    lc: &str,
) -> bool {
    // Read from the gap before the token and a few bytes after it, never
    // the whole line: the test must not grow with the text.
    let gap = &text[t.gap_start..t.start];
    let at_text_start = t.gap_start == 0 && gap.trim().is_empty();
    // A gap without a line break (most) has no blank line in it.
    let blank_before = at_text_start
        || gap.bytes().any(|b| b == b'\n') && {
            let mut lines = gap.rsplit('\n');
            let own = lines.next().unwrap_or("");
            own.trim().is_empty()
                && lines.next().is_some_and(|l| l.trim().is_empty())
                && (lines.next().is_some() || t.gap_start == 0)
        };
    if !blank_before {
        return false;
    }
    let rest = &text.as_bytes()[t.end..];
    let mut k = 0;
    while k < rest.len() && k < 8 && matches!(rest[k], b',' | b'.' | b'!' | b' ' | b'\t' | b'\r') {
        k += 1;
    }
    if k < rest.len() && rest[k] != b'\n' {
        return false;
    }
    let mut n = k + 1;
    while n < rest.len() && n < k + 8 && matches!(rest[n], b' ' | b'\t' | b'\r') {
        n += 1;
    }
    let blank_after = k >= rest.len() || n >= rest.len() || rest[n] == b'\n';
    if !blank_after {
        return false;
    }
    let after_paragraph = gap
        .split('\n')
        .next()
        .unwrap_or("")
        .trim()
        .ends_with(['.', ',', '!', '?', ')']);
    match class {
        // Two capitals: initials, though an abbreviation shares them
        // ("KM") when they sign a paragraph; never a body alone.
        Class::Term => {
            t.all_caps
                && t.end - t.start == 2
                && !matches!(lc, "uk" | "eu" | "un" | "us" | "gp" | "ok" | "nb" | "ps")
                && (after_paragraph || !lex.is_known_term(lc) && !lex.is_word(lc))
        }
        // "Mo", "Jo": a short given name that is a word too, after a
        // paragraph.
        Class::Word => {
            t.end - t.start == 2
                && !t.all_caps
                && after_paragraph
                && lex.first.contains(lc)
                && !KIN_ADDRESS.contains(&lc)
                && !matches!(lc, "ma" | "pa" | "no" | "so" | "ok" | "oh" | "hi")
        }
        // A name that is also a word ("Hope", "Mark") signs a message
        // only after a paragraph or a closing ("Thanks,"), not in a list
        // of one-word headings.
        // Abstract nouns that head a paragraph of a briefing ("Hope",
        // "Trust") are no signature.
        Class::NameWord => {
            !lex.is_known_term(lc)
                && after_paragraph
                && !matches!(
                    lc,
                    "hope"
                        | "faith"
                        | "joy"
                        | "grace"
                        | "trust"
                        | "will"
                        | "patience"
                        | "charity"
                        | "unity"
                        | "harmony"
                        | "honesty"
                        | "justice"
                        | "liberty"
                        | "destiny"
                        | "promise"
                        | "summer"
                        | "autumn"
                        | "winter"
                        | "spring"
                )
        }
        _ => !lex.is_known_term(lc),
    }
}

/// "St Bride's parish", "St Kentigern's church": a saint's name and a
/// faith or school word in lower case is one local institution. The
/// index of the word.
fn saint_institution(text: &str, toks: &[Tok], i: usize) -> Option<usize> {
    let (s, n) = (&toks[i], toks.get(i + 1)?);
    let st = s.t.text(text);
    if !(st == "St" || st == "Saint") || !n.t.joined || !n.t.cap || !n.possessive {
        return None;
    }
    // "walking to St Peter's", "the group at St Mun's": a parish's church
    // or school by its saint alone, where a place stands.
    let placed = i > 0
        && s.t.joined
        && matches!(
            toks[i - 1].t.text(text),
            "at" | "to" | "from" | "in" | "outside" | "near" | "attends" | "attended" | "attending"
        );
    let w = toks.get(i + 2).filter(|w| w.t.joined);
    let alone = placed && w.is_none_or(|w| !w.t.cap) && !text[n.t.end..].starts_with(['-', '/']);
    let Some(w) = w else {
        return alone.then_some(i + 1);
    };
    matches!(
        w.t.text(text),
        "parish"
            | "church"
            | "chapel"
            | "cathedral"
            | "congregation"
            | "school"
            | "primary"
            | "academy"
            | "nursery"
            | "hospital"
            | "hall"
            | "hospice"
            // "St Mirin's group": what meets at the parish.
            | "group"
            | "groups"
            | "club"
            | "youth"
            | "playgroup"
            | "toddlers"
            | "foodbank"
            | "mass"
    )
    .then_some(i + 2)
    .or(alone.then_some(i + 1))
}

/// `called me "Kirsteen a ghràidh"`, `calls him "Tiny"`: the name someone
/// is called by, in quotes after the verb, in any language.
fn called_in_quotes(text: &str, t: &super::token::Token) -> bool {
    let before = &text[..t.start];
    let Some(before) = before
        .strip_suffix('"')
        .or_else(|| before.strip_suffix('\u{201c}'))
        .and_then(|b| b.strip_suffix(' '))
    else {
        return false;
    };
    let Some((verb_part, object)) = before.rsplit_once(' ') else {
        return false;
    };
    let verb = verb_part.rsplit(' ').next().unwrap_or("");
    matches!(object, "me" | "him" | "her" | "them" | "us")
        && matches!(
            verb.to_ascii_lowercase().as_str(),
            "called" | "calls" | "call" | "calling"
        )
}

/// Kinds of business a family member works at or uses, named in brackets
/// after the word: "by taxi (Streamline)", "the barber's (Kurdistan
/// Cuts)".
const BUSINESS_NOUNS: &[&str] = &[
    "taxi",
    "cab",
    "barber",
    "barbers",
    "takeaway",
    "salon",
    "cafe",
    "café",
    "restaurant",
    "pub",
    "garage",
    "hairdresser",
    "hairdressers",
    "landlord",
    "letting",
];

/// Public bodies, which may be named: "worked for Police Scotland".
const PUBLIC_BODY_WORDS: &[&str] = &[
    "police",
    "council",
    "nhs",
    "board",
    "service",
    "services",
    "government",
    "scotland",
    "university",
    "army",
    "navy",
    "partnership",
    "office",
    "trust",
    "authority",
    "scottish",
    "national",
    "british",
    "royal",
    "uk",
];

/// A business named where only a business stands: after "worked at",
/// "employed by", "a shift at" ("worked at Streamline", "a shift at
/// Bayview Fisheries"), or in brackets after the kind of business. The
/// index of the name's last token.
fn named_business(text: &str, toks: &[Tok], i: usize) -> Option<usize> {
    let t = &toks[i];
    if i < 2 || t.role || t.t.all_caps || t.t.sentence_start && !text[..t.t.start].ends_with('(') {
        return None;
    }
    let gap = &text[t.t.gap_start..t.t.start];
    // In brackets a place may open the name ("(Kurdistan Cuts)").
    let place_ok = gap == " (" && matches!(t.class, Class::Term | Class::Place);
    if !place_ok
        && !matches!(
            t.class,
            Class::Word | Class::NameWord | Class::Unknown | Class::Name
        )
    {
        return None;
    }
    // Most capitalised tokens stop here, before any lower-casing.
    let prev_raw = toks[i - 1].t.text(text);
    let mut b = String::new();
    let cued = if gap == " (" {
        BUSINESS_NOUNS.contains(&lc_of(text, &toks[i - 1].t, &mut b))
    } else if prev_raw == "the"
        && t.t.joined
        && &text[toks[i - 1].t.gap_start..toks[i - 1].t.start] == ", "
    {
        // "runs a takeaway, the Golden Lotus, in Leith": a shop named in
        // apposition ("the agency, the Care Inspectorate," is a body). "the
        // local cafe, the Polish deli" lists a kind of shop.
        !toks.get(i + 1).is_some_and(|n| {
            n.t.joined
                && !n.t.cap
                && local_cues::is_shop_kind(lc_of(text, &n.t, &mut String::new()))
        }) && matches!(
            lc_of(text, &toks[i - 2].t, &mut b),
            "takeaway"
                | "cafe"
                | "café"
                | "shop"
                | "salon"
                | "barber"
                | "barbers"
                | "restaurant"
                | "pub"
                | "bar"
                | "garage"
                | "store"
                | "hotel"
                | "hairdresser"
                | "hairdressers"
        )
    } else if t.t.joined
        && toks[i - 1].t.joined
        && (matches!(prev_raw, "at" | "for" | "by")
            || (prev_raw == "the" && i >= 3 && toks[i - 2].t.text(text) == "at"))
    {
        // "worked at the Da Haaf Chip Shop": the article after "at".
        let (prep, verb) = if prev_raw == "the" {
            ("at", i - 3)
        } else {
            (prev_raw, i - 2)
        };
        let before = lc_of(text, &toks[verb].t, &mut b);
        match prep {
            "at" => matches!(
                before,
                "worked"
                    | "works"
                    | "working"
                    | "work"
                    | "job"
                    | "jobs"
                    | "shift"
                    | "shifts"
                    | "employed"
                    | "placement"
                    // "a cleaner at Brodies", "a carer at Hillview".
                    | "cleaner"
                    | "carer"
                    | "waiter"
                    | "waitress"
                    | "barmaid"
                    | "barman"
                    | "chef"
                    | "cook"
                    | "labourer"
                    | "receptionist"
                    | "mechanic"
                    | "hairdresser"
                    | "stylist"
                    | "packer"
                    | "porter"
                    | "apprentice"
                    | "apprenticeship"
                    | "volunteer"
                    | "volunteers"
                    | "volunteered"
                    // "the manager at Glow & Go", "the counter at Lorn
                    // Motor Hire": who serves a business's customers.
                    | "manager"
                    | "owner"
                    | "supervisor"
                    | "counter"
                    | "till"
            ),
            "for" => matches!(before, "worked" | "works" | "working" | "drove" | "drives"),
            "by" => before == "employed",
            _ => false,
        }
    } else {
        false
    };
    if !cued {
        return None;
    }
    let mut e = i;
    // A proper term alone in the brackets is a chain or a brand ("a taxi
    // (Uber)"); with a word after it, a local business ("Kurdistan Cuts").
    let must_grow = place_ok;
    while toks.get(e + 1).is_some_and(|n| {
        (n.t.joined || &text[n.t.gap_start..n.t.start] == " & ")
            && n.t.cap
            && !n.role
            && matches!(
                n.class,
                Class::Word
                    | Class::NameWord
                    | Class::Unknown
                    | Class::Name
                    | Class::Place
                    | Class::Term
            )
    }) && e - i < 3
    {
        e += 1;
    }
    // "(Council-funded)": a word of a kind, not a name.
    let describes =
        t.t.text(text)
            .rsplit_once('-')
            .is_some_and(|(_, last)| last.starts_with(char::is_lowercase));
    let public = describes
        || toks[i..=e].iter().any(|k| {
            lc_of(text, &k.t, &mut b)
                .split('-')
                .any(|w| PUBLIC_BODY_WORDS.contains(&w))
        });
    (!(public || must_grow && e == i)).then_some(e)
}

/// "Fiona Mackintosh", "Ruaridh Gillies": a given name and then a word
/// that is also a surname (a raincoat, a hunting guide) is a full name.
fn surname_after_given(text: &str, toks: &[Tok], e: usize, lex: &Lexicon) -> bool {
    let (g, n) = (&toks[e], &toks[e + 1]);
    if n.class != Class::Word || g.possessive || n.t.all_caps {
        return false;
    }
    let mut b = String::new();
    if !lex.first.contains(lc_of(text, &g.t, &mut b)) {
        return false;
    }
    lex.last.contains(lc_of(text, &n.t, &mut b))
}

/// "Thanks, Mo", "Cheers SJ", "Hi JT,": a greeting or a closing word and
/// then the token, which ends its line.
fn closes_a_message(text: &str, toks: &[Tok], i: usize) -> bool {
    let t = &toks[i].t;
    if i == 0 || !matches!(&text[t.gap_start..t.start], " " | ", ") {
        return false;
    }
    let mut b = String::new();
    let word = lc_of(text, &toks[i - 1].t, &mut b);
    let greeting = matches!(
        word,
        "hi" | "hiya" | "hello" | "dear" | "hey" | "morning" | "afternoon" | "evening"
    );
    let closing = matches!(
        word,
        "thanks" | "cheers" | "regards" | "best" | "love" | "ta"
    );
    let after = &text[t.end..];
    // "Morning SJ, are you in?", "Hi SJ - quick one": a greeting names
    // whom it greets, whatever follows.
    if greeting
        && (after.starts_with([',', '!', '\n', '\r'])
            || after.starts_with(" -")
            || after.starts_with(" \u{2014}")
            || after.is_empty())
    {
        return true;
    }
    let rest = after.trim_start_matches([',', '.', '!', ' ', '\t']);
    (greeting || closing) && (rest.is_empty() || rest.starts_with(['\n', '\r']))
}

/// "Hi Gill,", "Dear Rose", "Hiya Hope": the person a message is to.
fn after_greeting(text: &str, toks: &[Tok], i: usize) -> bool {
    if i == 0 || !toks[i].t.joined {
        return false;
    }
    // What follows first: it rules out nearly every word without the
    // lowering of the one before.
    let rest = &text[toks[i].t.end..];
    if !(rest.starts_with([',', '!', '\n']) || rest.starts_with(" -") || rest.is_empty())
        || toks.get(i + 1).is_some_and(|n| n.t.joined && n.t.cap)
    {
        return false;
    }
    let mut b = String::new();
    matches!(
        lc_of(text, &toks[i - 1].t, &mut b),
        "hi" | "hiya" | "hello" | "dear" | "hey" | "morning" | "afternoon" | "thanks" | "cheers"
    )
}

/// A nickname in quotes in brackets after a name: `Connor Guthrie
/// ("Skinny")`.
fn quoted_after_name(text: &str, toks: &[Tok], i: usize) -> bool {
    let t = &toks[i].t;
    let before = &text[..t.start];
    let quoted = ["(\"", "(\u{201c}", "(\u{2018}", "('"]
        .iter()
        .find(|q| before.ends_with(*q));
    let Some(q) = quoted else {
        return false;
    };
    let close = text[t.end..].starts_with(['"', '\u{201d}', '\u{2019}', '\''])
        && text[t.end..].chars().nth(1) == Some(')');
    close
        && i > 0
        && toks[i - 1].t.cap
        && toks[i - 1].class.namey()
        && before[..before.len() - q.len()].ends_with(' ')
}

/// A nickname in quotes between a given name and a surname: `Catriona
/// "Cat" Bain`, `Mohamed ‘Mo’ Farah`. Whatever word it is, the quotes
/// and the names on both sides make it what the person is called.
fn quoted_between_names(text: &str, toks: &[Tok], i: usize) -> bool {
    const OPENING: [char; 4] = ['"', '\u{201c}', '\u{2018}', '\''];
    const CLOSING: [char; 4] = ['"', '\u{201d}', '\u{2019}', '\''];
    if i == 0 || i + 1 >= toks.len() {
        return false;
    }
    let (before, this, after) = (&toks[i - 1], &toks[i].t, &toks[i + 1]);
    let Some(opening) = text[..this.start].chars().next_back() else {
        return false;
    };
    let Some(closing) = text[this.end..].chars().next() else {
        return false;
    };
    if !OPENING.contains(&opening) || !CLOSING.contains(&closing) {
        return false;
    }
    let open_at = this.start - opening.len_utf8();
    let close_end = this.end + closing.len_utf8();
    let names = |tok: &Tok| tok.t.cap && !tok.role && tok.class.namey();
    text[before.t.end..open_at] == *" "
        && text[close_end..after.t.start] == *" "
        && names(before)
        && names(after)
}

/// Months that are given names too.
const MONTH_GIVEN_NAMES: &[&str] = &["jan", "june", "april", "may"];

/// A nickname of two words in quotes between a given name and a surname:
/// `Alasdair "Ally Beag" MacIntyre`; token `i` is either word.
fn two_word_nickname_between_names(text: &str, toks: &[Tok], i: usize) -> bool {
    const OPENING: [char; 4] = ['"', '\u{201c}', '\u{2018}', '\''];
    const CLOSING: [char; 4] = ['"', '\u{201d}', '\u{2019}', '\''];
    let names = |tok: &Tok| tok.t.cap && !tok.role && tok.class.namey();
    let pair = |first: usize| {
        if first == 0 || first + 2 >= toks.len() {
            return false;
        }
        let (given, x, y, surname) = (
            &toks[first - 1],
            &toks[first],
            &toks[first + 1],
            &toks[first + 2],
        );
        // The token tests first: they are cheaper than reading the
        // quotes, and most pairs fail them.
        if !(y.t.joined && x.t.cap && y.t.cap) {
            return false;
        }
        let Some(opening) = text[..x.t.start].chars().next_back() else {
            return false;
        };
        let Some(closing) = text[y.t.end..].chars().next() else {
            return false;
        };
        let open_at = x.t.start - opening.len_utf8();
        let close_end = y.t.end + closing.len_utf8();
        OPENING.contains(&opening)
            && CLOSING.contains(&closing)
            && y.t.joined
            && x.t.cap
            && y.t.cap
            && text[given.t.end..open_at] == *" "
            && close_end <= surname.t.start
            && text[close_end..surname.t.start] == *" "
            && names(given)
            && names(surname)
    };
    pair(i) || (i >= 1 && pair(i - 1))
}

/// After "was" or "is": "Hope was aged", "Sky was born".
const PERSON_PARTICIPLES: &[&str] = &[
    "aged",
    "born",
    "seen",
    "admitted",
    "placed",
    "excluded",
    "bullied",
    "injured",
    "accommodated",
    "hospitalised",
    "hospitalized",
    "assaulted",
    "abused",
    "upset",
    "scared",
    "frightened",
    "afraid",
    "hungry",
    "unkempt",
    "withdrawn",
    "distressed",
    "crying",
    "missing",
    "pregnant",
    "living",
    "staying",
    "found",
    "taken",
    "removed",
    "collected",
    "brought",
    "known",
];

/// A name-word opening a sentence that reads as a person: a verb of a
/// person follows, or a bracket holds a pseudonym ("River (the name Child
/// B2 uses at school)").
fn person_at_sentence_start(text: &str, toks: &[Tok], i: usize) -> bool {
    if age_follows(text, toks[i].t.end) || alone_in_brackets(text, &toks[i]) {
        return true;
    }
    let rest = &text[toks[i].t.end..];
    if vocative::addressed_or_kin(rest) {
        return true;
    }
    if let Some(after) = rest.strip_prefix(", ") {
        // "Princess, Brooklyn and Harmony all knew": a list of names.
        if let Some(n) = toks.get(i + 1) {
            let names_follow = n.t.cap
                && matches!(n.class, Class::Name | Class::NameWord)
                && toks.get(i + 2).is_some_and(|a| {
                    let mut b = String::new();
                    matches!(lc_of(text, &a.t, &mut b), "and" | "or")
                        || (a.t.cap && matches!(a.class, Class::Name | Class::NameWord))
                });
            if names_follow {
                return true;
            }
        }
        // "Faith, the … children's worker, met": an appositive with a role.
        if after.starts_with("the ") || after.starts_with("a ") || after.starts_with("our ") {
            let clause_end = after.find([',', '.', ';', '\n']).unwrap_or(after.len());
            let clause_end = toks[i].t.end + 2 + clause_end;
            let mut b = String::new();
            if toks[i + 1..]
                .iter()
                .take_while(|t| t.t.end <= clause_end)
                .any(|t| {
                    t.role || matches!(lc_of(text, &t.t, &mut b), "worker" | "officer" | "nurse")
                })
            {
                return true;
            }
        }
    }
    let Some(next) = toks.get(i + 1) else {
        return false;
    };
    let gap = &text[next.t.gap_start..next.t.start];
    if gap.trim_start().starts_with('(') {
        let close = text[next.t.start..]
            .find(')')
            .map_or(text.len(), |k| next.t.start + k);
        return toks[i + 1..]
            .iter()
            .take_while(|t| t.t.start < close)
            .any(|t| t.role);
    }
    if !next.t.joined {
        return false;
    }
    let mut buf = String::new();
    let w = lc_of(text, &next.t, &mut buf).to_string();
    if PERSON_VERBS.contains(&w.as_str()) || ACTION_VERBS.contains(&w.as_str()) {
        return true;
    }
    matches!(w.as_str(), "was" | "is" | "had")
        && toks.get(i + 2).is_some_and(|t| {
            t.t.joined && PERSON_PARTICIPLES.contains(&lc_of(text, &t.t, &mut buf))
        })
}

/// Nouns that make the capitalised word before them part of an eponymous
/// term rather than a person: a Moses basket, the Apgar score, Asperger's
/// syndrome, a Guthrie card.
const EPONYM_HEADS: &[&str] = &[
    "competence",
    "competent",
    "guidelines",
    "basket",
    "baskets",
    "syndrome",
    "disease",
    "palsy",
    "score",
    "scores",
    "scale",
    "test",
    "tests",
    "card",
    "criteria",
    "manoeuvre",
    "sign",
    "chart",
    "charts",
    "procedure",
    "fracture",
    "fractures",
    "reflex",
    "position",
    "muscular",
    "dystrophy",
    "lymphoma",
    "sarcoma",
    "tumour",
    "anomaly",
    "malformation",
];

/// Only a possessive that names a condition ("Asperger's syndrome"); "Jo's
/// card" is a person's.
const EPONYM_POSSESSIVE_HEADS: &[&str] = &[
    "syndrome",
    "disease",
    "palsy",
    "hierarchy",
    "theory",
    "model",
    "framework",
    "triangle",
    "cycle",
    "principle",
    "principles",
    "stages",
    "competence",
];

/// "Pitch 11", "plot 4", "caravan 2", "croft 11", "Croit 7": one home on
/// a Travellers' site, a caravan park or a township, as a flat number is.
fn pitch_number(text: &str, toks: &[Tok], i: usize) -> bool {
    i > 0
        && toks[i].t.joined
        && toks[i].t.end - toks[i].t.start <= 3
        && [
            "pitch", "plot", "caravan", "chalet", "croft", "croit", "cottage",
        ]
        .iter()
        .any(|w| toks[i - 1].t.text(text).eq_ignore_ascii_case(w))
}

/// "at no. 29", "at number 4", "lived at No 12A": a house in the street
/// the text has named, or a neighbour's.
fn house_number(text: &str, toks: &[Tok], i: usize) -> bool {
    if i < 2 || toks[i].t.end - toks[i].t.start > 4 || !toks[i - 1].t.joined {
        return false;
    }
    let no = toks[i - 1].t.text(text);
    if !matches!(toks[i - 2].t.text(text), "at" | "to" | "from") {
        return false;
    }
    let gap = &text[toks[i].t.gap_start..toks[i].t.start];
    // "at number 3" may be a place in a table; after a verb of living it
    // is a house.
    let lives = || {
        let mut b = String::new();
        i >= 3
            && matches!(
                lc_of(text, &toks[i - 3].t, &mut b),
                "lives" | "lived" | "living" | "live" | "stays" | "stayed" | "staying" | "moved"
            )
    };
    let cue = (no.eq_ignore_ascii_case("no") && matches!(gap, ". " | " "))
        || (no.eq_ignore_ascii_case("number") && gap == " " && lives());
    let digits = text[toks[i].t.start..toks[i].t.end]
        .bytes()
        .take_while(u8::is_ascii_digit)
        .count();
    cue && (1..=3).contains(&digits)
}

/// `3F2`, `1F1`: floor, F, flat.
fn edinburgh_flat(text: &str, t: &super::token::Token) -> bool {
    let b = &text.as_bytes()[t.start..t.end];
    let f = b.iter().position(|&c| c == b'F');
    f.is_some_and(|f| {
        (1..=2).contains(&f)
            && (1..=2).contains(&(b.len() - f - 1))
            && b[..f].iter().all(u8::is_ascii_digit)
            && b[f + 1..].iter().all(u8::is_ascii_digit)
    })
}

/// A name-word alone in brackets, after a word: "Physio (Grace) notes".
fn alone_in_brackets(text: &str, t: &Tok) -> bool {
    text[..t.t.start].ends_with('(')
        && text[t.t.end..].starts_with(')')
        && text[..t.t.start - 1].ends_with(' ')
}

/// Name particles written in lower case after a title: "Mr al-Khatib",
/// "Dr el-Sayed", "Mrs nic Leòid", "Mr van Dijk".
fn name_particle(token: &str) -> bool {
    let lower = token.to_lowercase();
    ["al-", "el-", "ul-", "bin-", "abu-"]
        .iter()
        .any(|p| lower.starts_with(p) && lower.len() > p.len() + 1)
        || matches!(
            lower.as_str(),
            "nic" | "mac" | "van" | "von" | "de" | "da" | "di" | "du" | "le" | "la" | "bin" | "ibn"
        )
}

/// "Sergeant Lamb", "Nurse Hall": a soft title before a surname that is
/// also a word, unless the pair is a term ("Sheriff Court", "Nurse
/// Practitioner", "Lord Advocate").
fn is_soft_title_surname(text: &str, n: &Tok, lex: &Lexicon) -> bool {
    const NOT_SURNAMES: &[&str] = &[
        "court",
        "courts",
        "training",
        "general",
        "advocate",
        "advocacy",
        "manager",
        "team",
        "teams",
        "unit",
        "service",
        "services",
        "specialist",
        "lead",
        "led",
        "consultant",
        "education",
        "practitioner",
        "practitioners",
        "prescriber",
        "bank",
        "station",
        "stations",
        "office",
        "offices",
        "class",
        "classes",
        "principal",
        "provost",
        "chancellor",
        "clerk",
        "president",
        "secretary",
        "superintendent",
        "inspector",
        "inspectors",
        "constable",
        "sergeant",
        "officer",
        "officers",
        "visitor",
        "visitors",
        "nature",
        "earth",
        "church",
        "superior",
        "christmas",
        "teresa",
        "may",
        "care",
        "aid",
        "support",
        "staff",
    ];
    let mut b = String::new();
    let lc = lc_of(text, &n.t, &mut b);
    !NOT_SURNAMES.contains(&lc) && lex.last.contains(lc)
}

/// Soft titles that are adjectives or pseudonyms ("Young People", "Baby
/// Box", "Big Lottery"): never before a surname that is also a word.
const ADJECTIVE_TITLES: &[&str] = &["wee", "big", "little", "young", "old", "baby", "mother"];

/// A lower-case relation right before: "Hunter's cousin Royal", "her son
/// Marvel" (any capitalised word there is a name); not "Partner Agencies".
fn lower_relation_before(text: &str, toks: &[Tok], i: usize, lex: &Lexicon) -> bool {
    if i == 0 || !toks[i].t.joined || toks[i - 1].t.cap {
        return false;
    }
    let next_cap = toks.get(i + 1).is_some_and(|n| n.t.joined && n.t.cap);
    let mut b = String::new();
    !next_cap && lex.relations.contains(lc_of(text, &toks[i - 1].t, &mut b))
}

/// A child's age right after a name: "Honey, aged 9,", "Precious (6)",
/// "Marvel (aged 4)", "Joy, 7, and".
fn age_follows(text: &str, end: usize) -> bool {
    let mut to = text.len().min(end + 16);
    while !text.is_char_boundary(to) {
        to -= 1;
    }
    let rest = &text[end..to];
    let rest = rest.trim_start_matches(['\'', '\u{2019}', 's']);
    let (bracket, rest) = if let Some(r) = rest.strip_prefix(" (") {
        (true, r)
    } else if let Some(r) = rest.strip_prefix(", ") {
        (false, r)
    } else {
        return false;
    };
    let rest = rest
        .strip_prefix("aged ")
        .or_else(|| rest.strip_prefix("age "))
        .unwrap_or(rest);
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    if !(1..=2).contains(&digits) {
        return false;
    }
    let after = &rest[digits..];
    if bracket {
        after.starts_with(')') || after.starts_with(" years)") || after.starts_with(" yrs)")
    } else {
        // "- Precious, aged 9" ending its list item.
        after.starts_with([',', '\n', '\r', ';'])
            || after.starts_with(" years")
            || rest.len() < 16 && after.is_empty()
    }
}

/// Words whose capitalised form after a possessive name makes a public
/// scheme named after someone ("Sarah's Law", "Clare's Law").
const EPONYM_CAPITAL_HEADS: &[&str] = &["law", "laws", "scheme", "principle", "principles"];

/// "Storm Babet" (a named storm) and "Sarah's Law" (a disclosure scheme):
/// the index of the last token of the term.
fn named_storm_or_law(text: &str, toks: &[Tok], i: usize) -> Option<usize> {
    let next = toks.get(i + 1).filter(|n| n.t.joined && n.t.cap)?;
    // Most capitalised pairs are neither: a byte test before lowering.
    let first = text.as_bytes()[toks[i].t.start];
    if !toks[i].possessive && first != b'S' && first != b's' {
        return None;
    }
    let mut buf = String::new();
    let lc = lc_of(text, &toks[i].t, &mut buf);
    if lc == "storm" && !toks[i].possessive {
        let after = toks.get(i + 2);
        let single = !after.is_some_and(|a| a.t.joined && a.t.cap);
        return (single && next.class != Class::Letter).then_some(i + 1);
    }
    if toks[i].possessive && !next.possessive {
        let head = lc_of(text, &next.t, &mut buf);
        if EPONYM_CAPITAL_HEADS.contains(&head) {
            return Some(i + 1);
        }
    }
    None
}

/// A town of England, Wales, Northern Ireland or Ireland (Dover, Kettering)
/// right after a locative word: where a family came from, not an address
/// here. One that is also a name passes only after a word that puts only a
/// place after it ("arrived from Dover"; "gave it to Dover" is a person).
fn town_outside_scotland(text: &str, toks: &[Tok], i: usize, lex: &Lexicon) -> bool {
    let mut buf = String::new();
    if !lex.outside.contains(lc_of(text, &toks[i].t, &mut buf)) {
        return false;
    }
    let next_cap = toks.get(i + 1).is_some_and(|n| n.t.joined && n.t.cap);
    let prev_cap =
        i > 0 && toks[i].t.joined && toks[i - 1].t.cap && !is_locative(text, &toks[i - 1]);
    if next_cap || prev_cap {
        return false;
    }
    // "Ballinasloe in County Galway", "Appleby in Cumbria": a town placed
    // in its county or region.
    let in_region = toks.get(i + 2).is_some_and(|r| {
        let mut b = String::new();
        toks[i + 1].t.joined
            && lc_of(text, &toks[i + 1].t, &mut b) == "in"
            && r.t.joined
            && r.t.cap
            && {
                let lc = lc_of(text, &r.t, &mut b);
                lc == "county" || lex.world_places.contains(lc)
            }
    });
    if in_region && !toks[i].possessive {
        return true;
    }
    // A given name after "to" or "at" is a person ("gave it to Sofia"); a
    // surname that is a town is the town after any locative ("at Dover").
    if !lex.first.contains(lc_of(text, &toks[i].t, &mut buf)) {
        return after_locative_any_case(text, toks, i);
    }
    if !toks[i].possessive && after_one_of(text, toks, i, &["at", "near"]) {
        return true;
    }
    // A Scottish neighbourhood may share an English town's name ("the
    // Larkfield area of Greenock"): only a locative right before makes it
    // the town.
    match toks[i].class {
        Class::Place | Class::Unknown => after_locative(text, toks, i),
        _ => after_one_of(text, toks, i, PLACE_ONLY_LOCATIVES),
    }
}

/// A town of more than one word outside Scotland (Milton Keynes).
fn outside_scotland_run(text: &str, toks: &[Tok], s: usize, e: usize, lex: &Lexicon) -> bool {
    let mut buf = String::new();
    let mut name = String::new();
    for (k, t) in toks[s..=e].iter().enumerate() {
        if k > 0 {
            name.push(' ');
        }
        name.push_str(lc_of(text, &t.t, &mut buf));
    }
    lex.outside.contains(name.as_str())
}

/// "Ah'm", "Ye'll", "Dinnae've": a contraction of another language or
/// dialect, never a name (O'Neill and D'Arcy have their capital after the
/// apostrophe).
fn contraction(word: &str) -> bool {
    let word = word.replace('\u{2019}', "'");
    ["'m", "'re", "'ve", "'ll", "'d", "n't"]
        .iter()
        .any(|c| word.len() > c.len() + 1 && word.ends_with(c))
}

/// The phrases quoted right after the language they are in, as byte
/// ranges: "he said, in Dari, *"Mara bebinid"*", "in Polish: "Nie
/// wiedziałem…"". A capital inside one is the phrase's. Found once per
/// text, from its quotation marks.
fn named_language_quotes(text: &str, lex: &Lexicon) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut marks: Vec<usize> = memchr::memchr_iter(b'"', bytes).collect();
    if text.contains('\u{201c}') {
        marks.extend(text.match_indices(['\u{201c}', '\u{201d}']).map(|(k, _)| k));
        marks.sort_unstable();
    }
    let mut k = 0;
    while k + 1 < marks.len() {
        let (open, close) = (marks[k], marks[k + 1]);
        let same_line = memchr::memchr(b'\n', &bytes[open..close]).is_none();
        if !same_line || text[open..].starts_with('\u{201d}') {
            k += 1;
            continue;
        }
        if quoted_after_language(text, open, lex) {
            out.push((open, close));
        }
        k += 2;
    }
    out
}

/// "…, in Dari, *" right before the quotation mark at `open`.
fn quoted_after_language(text: &str, open: usize, lex: &Lexicon) -> bool {
    let mut from = open.saturating_sub(40);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let before = &text[from..open];
    let open = before.len();
    let lead = before[..open].trim_end_matches([' ', '*', '_', ',', ':', '\u{2014}', '\u{2013}']);
    let word_start = crate::text::trailing_word_start(lead);
    let language = &lead[word_start..];
    if language.is_empty() || !language.starts_with(char::is_uppercase) {
        return false;
    }
    let mut b = String::new();
    let lc = lower_into(language, &mut b);
    if !lex.groups.contains(lc) {
        return false;
    }
    let rest = lead[..word_start].trim_end_matches([' ', ',']);
    rest.ends_with(" in") || rest.ends_with(" In") || rest.ends_with("in plain")
}

/// An unknown capitalised word inside a quoted phrase in another language
/// ("Ciamar a tha thu", "Dzień dobry, kochanie"): most of the phrase's
/// words are no English words, so the capital is the phrase's, not a
/// name's. Gazetteer names inside it are still found.
fn in_foreign_quote(text: &str, toks: &[Tok], i: usize, lex: &Lexicon) -> bool {
    const OPEN: [char; 4] = ['"', '\u{201c}', '\u{2018}', '\u{ab}'];
    const CLOSE: [char; 4] = ['"', '\u{201d}', '\u{2019}', '\u{bb}'];
    let t = &toks[i].t;
    let line_start = text[..t.start].rfind('\n').map_or(0, |k| k + 1);
    let before = &text[line_start..t.start];
    let Some(open) = before.rfind(OPEN) else {
        return false;
    };
    let open = line_start + open;
    if before[open - line_start..]
        .chars()
        .skip(1)
        .any(|c| CLOSE.contains(&c) && c != '\u{2019}')
    {
        return false;
    }
    let line_end = text[t.end..].find('\n').map_or(text.len(), |k| t.end + k);
    let Some(close) = text[t.end..line_end].find(|c| CLOSE.contains(&c) && c != '\u{2019}') else {
        return false;
    };
    let close = t.end + close;
    let (mut foreign, mut english) = (0, 0);
    let mut buf = String::new();
    for q in toks.iter().filter(|q| q.t.start > open && q.t.end <= close) {
        if q.class == Class::Name {
            continue;
        }
        let lc = lc_of(text, &q.t, &mut buf);
        if q.class == Class::Unknown
            || lex.gaelic_scots.contains(lc)
            || !(lex.is_word(lc) || lex.is_known_term(lc))
        {
            foreign += 1;
        } else {
            english += 1;
        }
    }
    foreign >= 2 && foreign >= english
}

/// A language where the text speaks of it: "in Shona", "spoke Shona",
/// "Shona speakers", "a Shona interpreter".
fn spoken_language(text: &str, toks: &[Tok], i: usize) -> bool {
    let mut b = String::new();
    // In a list of languages: "spoke Polish, Slovak, Shona and Somali".
    let language = |k: usize, b: &mut String| {
        let t = &toks[k];
        t.t.cap && {
            let lex = lexicon();
            let lc = lc_of(text, &t.t, b);
            lex.groups.contains(lc) && !super::lexicon::LANGUAGES_NAMED_TOO.contains(&lc)
        }
    };
    let listed = |gap: &str| matches!(gap, ", " | " and " | " or ");
    if (i > 0 && listed(&text[toks[i].t.gap_start..toks[i].t.start]) && language(i - 1, &mut b))
        || toks
            .get(i + 1)
            .is_some_and(|n| listed(&text[n.t.gap_start..n.t.start]) && language(i + 1, &mut b))
    {
        return true;
    }
    // "switched to Shona", not "spoke to Shona".
    if i > 1
        && toks[i - 1].t.text(text) == "to"
        && matches!(
            lc_of(text, &toks[i - 2].t, &mut b),
            "switched" | "switching" | "changed" | "translated" | "moved"
        )
    {
        return true;
    }
    let before = i > 0
        && toks[i].t.joined
        && matches!(
            lc_of(text, &toks[i - 1].t, &mut b),
            "in" | "into" | "speaks" | "spoke" | "speak" | "speaking" | "fluent"
        );
    before
        || toks.get(i + 1).is_some_and(|n| {
            n.t.joined
                && matches!(
                    lc_of(text, &n.t, &mut b),
                    "speaker"
                        | "speakers"
                        | "speaking"
                        | "interpreter"
                        | "interpreters"
                        | "language"
                        | "translation"
                )
        })
}

/// A name called in Gaelic: the particle "a" and a lenited capital
/// ("a Sheumais", "a Mhàiri", "a Chaluim"), in a quote of Gaelic too.
fn gaelic_vocative(text: &str, toks: &[Tok], i: usize) -> bool {
    let b = toks[i].t.text(text).as_bytes();
    i > 0
        && toks[i].t.joined
        && toks[i - 1].t.text(text) == "a"
        && b.len() >= 4
        && b[1] == b'h'
        && matches!(
            b[0],
            b'B' | b'C' | b'D' | b'F' | b'G' | b'M' | b'P' | b'S' | b'T'
        )
}

/// A reported case after initials: "*D.H. and Others v. Czech Republic*",
/// "J.D. v UK": the parties of a published judgment.
fn case_name_after(text: &str, end: usize) -> bool {
    let rest = &text[end..];
    let rest = rest.strip_prefix(" and Others").unwrap_or(rest);
    rest.starts_with(" v ") || rest.starts_with(" v. ")
}

/// Right after "the".
fn after_the(text: &str, toks: &[Tok], i: usize) -> bool {
    i > 0 && toks[i].t.joined && toks[i - 1].t.text(text).eq_ignore_ascii_case("the")
}

/// Five or more letters of a script without case (Han, Thai, Arabic…) in
/// one run: a phrase, longer than any name written so.
fn caseless_phrase(word: &str) -> bool {
    word.chars().count() >= 5
        && word
            .chars()
            .all(|c| c.is_alphabetic() && !c.is_uppercase() && !c.is_lowercase())
}

/// "Black children", "Black and minority ethnic boys", "White Scottish":
/// a colour naming a people, not a surname.
fn ethnic_descriptor(text: &str, toks: &[Tok], i: usize) -> bool {
    let mut b = String::new();
    if !matches!(lc_of(text, &toks[i].t, &mut b), "black" | "white" | "brown") {
        return false;
    }
    let Some(n) = toks.get(i + 1).filter(|n| n.t.joined) else {
        return false;
    };
    matches!(
        lc_of(text, &n.t, &mut b),
        "and"
            | "or"
            | "children"
            | "child"
            | "boys"
            | "girls"
            | "families"
            | "family"
            | "people"
            | "communities"
            | "community"
            | "women"
            | "men"
            | "young"
            | "parents"
            | "mothers"
            | "fathers"
            | "british"
            | "scottish"
            | "african"
            | "caribbean"
            | "asian"
            | "irish"
            | "other"
            | "minority"
            | "pupils"
            | "staff"
            | "practitioners"
            | "workers"
    )
}

/// Inside an italic phrase (`*…*`, `_…_`) on one line that is mostly
/// words of another language in lower case ("*Tha an geàrr-chunntas seo
/// … sa Ghàidhlig cuideachd.*"): its capitalised words are that
/// language's. Names are capitalised, so only lower-case words count.
fn in_foreign_italics(text: &str, toks: &[Tok], i: usize, lex: &Lexicon) -> bool {
    let t = &toks[i].t;
    let bytes = text.as_bytes();
    // An italic phrase of a sentence or two: look no further than that.
    let lo = t.start.saturating_sub(300);
    let hi = (t.end + 300).min(text.len());
    let line_start = memchr::memrchr(b'\n', &bytes[lo..t.start]).map_or(lo, |k| lo + k + 1);
    let line_end = memchr::memchr(b'\n', &bytes[t.end..hi]).map_or(hi, |k| t.end + k);
    let (Some(open), Some(close)) = (
        memchr::memrchr2(b'*', b'_', &bytes[line_start..t.start]).map(|k| line_start + k),
        memchr::memchr2(b'*', b'_', &bytes[t.end..line_end]).map(|k| t.end + k),
    ) else {
        return false;
    };
    let (mut foreign, mut english) = (0, 0);
    let mut buf = String::new();
    let from = toks.partition_point(|q| q.t.start <= open);
    let to = toks.partition_point(|q| q.t.end <= close);
    for q in &toks[from..to.max(from)] {
        if q.class != Class::Lower {
            continue;
        }
        let lc = lc_of(text, &q.t, &mut buf);
        if lex.gaelic_scots.contains(lc) || !(lex.is_word(lc) || lex.is_known_term(lc)) {
            foreign += 1;
        } else {
            english += 1;
        }
    }
    foreign >= 3 && foreign >= english
}

/// Initials: "R.T.", "J. R. S.": single capitals each followed by a full
/// stop, two or more of them. Common abbreviations (U.K., N.B.) and a
/// pseudonym's letter ("Child A. B. said") pass. The end of the span.
fn initials(text: &str, toks: &[Tok], i: usize) -> Option<usize> {
    const ABBREVIATIONS: &[&str] = &[
        "uk", "us", "eu", "un", "nb", "ps", "am", "pm", "qc", "kc", "rc", "bc", "ad", "ie", "eg",
        "op", "no", "dc", "mp", "ba", "ma", "md", "bsc", "msc", "phd", "dob", "aka", "usa", "tv",
        "gp", "ok", "cv", "id", "pc", "jp", "ce", "ca", "vs", "hm", "rip", "asap", "pto", "rsvp",
        "ae", "ne", "nw", "se", "sw",
    ];
    if i > 0 && toks[i - 1].role && toks[i].t.joined {
        return None;
    }
    let mut letters = String::new();
    let mut end = toks[i].t.end;
    let mut k = i;
    loop {
        let t = &toks[k];
        if t.class != Class::Letter || t.possessive || !text[t.t.end..].starts_with('.') {
            break;
        }
        letters.push(text.as_bytes()[t.t.start].to_ascii_lowercase() as char);
        end = t.t.end + 1;
        match toks.get(k + 1) {
            Some(n) if matches!(&text[end..n.t.start], "" | " ") => k += 1,
            _ => break,
        }
    }
    if letters.len() == 1 {
        // "J. Green HV": an initial and a surname, though the surname is
        // also a word.
        let n = toks.get(i + 1)?;
        let mut b = String::new();
        // "… level V. She had …": a pronoun opening the next sentence is
        // no surname, though some name lists hold "She" or "He".
        let pronoun = matches!(
            n.t.text(text),
            "She" | "He" | "It" | "They" | "We" | "You" | "Her" | "His" | "The" | "This"
        );
        // "Triple P. Men who …", "Plan B. Some …": a letter naming a
        // programme or a plan ends the sentence; an ordinary word after
        // an ordinary capitalised word is the next sentence.
        let named_letter = i > 0
            && toks[i].t.joined
            && toks[i - 1].t.cap
            && toks[i - 1].class == Class::Word
            && n.class == Class::Word;
        let surname = text[end..n.t.start] == *" "
            && !pronoun
            && !named_letter
            && n.t.cap
            && !n.role
            && matches!(n.class, Class::Word | Class::NameWord | Class::Name)
            && lexicon().last.contains(lc_of(text, &n.t, &mut b));
        return surname.then_some(n.t.end);
    }
    (letters.len() >= 2 && !ABBREVIATIONS.contains(&letters.as_str())).then_some(end)
}

/// Initials in lower case signing a typed note at a line's end ("left
/// msg. r.t."): the end of the span.
fn lower_initials(text: &str, toks: &[Tok], i: usize) -> Option<usize> {
    let t = &toks[i].t;
    let n = &toks.get(i + 1)?.t;
    let single = |t: &super::token::Token| t.end - t.start == 1 && text[t.end..].starts_with('.');
    if !single(t) || !single(n) || n.start != t.end + 1 {
        return None;
    }
    let end = n.end + 1;
    let rest = &text[end..];
    (rest.is_empty() || rest.starts_with(['\n', '\r'])).then_some(end)
}

/// What follows a lower-case title and is no name.
const NOT_AFTER_TITLE: &[&str] = &[
    "and", "or", "the", "a", "an", "to", "of", "in", "on", "at", "is", "was", "has", "had", "he",
    "she", "it", "they", "teams", "word", "excel", "office", "forms", "outlook", "said", "says",
    "not", "with", "for", "who", "would", "will", "can", "also",
];

/// A title, street or institution in lower case (typed case notes): the
/// rule and the index of the span's last token.
fn lower_place_or_title(
    text: &str,
    toks: &[Tok],
    i: usize,
    lex: &Lexicon,
) -> Option<(Rule, usize)> {
    let t = &toks[i].t;
    let next = toks
        .get(i + 1)
        .map(|n| &n.t)
        .filter(|n| n.joined && n.start - t.end == 1)?;
    let len = t.end - t.start;
    if (2..=4).contains(&len) && toks[i].trig & TITLE != 0 {
        let mut b = String::new();
        let title = lc_of(text, t, &mut b);
        let rank = LOWER_RANKS.contains(&title);
        if (rank || LOWER_TITLES.contains(&title)) && !t.cap {
            let w = lc_of(text, next, &mut b);
            let surname_like = !rank || !(lex.is_word(w) || lex.is_known_term(w));
            if !next.digit && w.len() >= 2 && !NOT_AFTER_TITLE.contains(&w) && surname_like {
                // "mrs nic a' phearsain": the particles belong to the name.
                let mut e = i + 1;
                while e + 1 < toks.len()
                    && (toks[e + 1].t.joined
                        || matches!(
                            &text[toks[e].t.end..toks[e + 1].t.start],
                            "' " | "\u{2019} "
                        ))
                    && e - i < 4
                    && (name_particle(toks[e].t.text(text))
                        || text[toks[e].t.end..].starts_with(['\'', '\u{2019}']))
                {
                    e += 1;
                }
                return Some((Rule::LowerTitle, e));
            }
        }
    }
    if len < 4 || toks[i + 1].trig & PLACE == 0 {
        return None;
    }
    let mut b = String::new();
    let w = lc_of(text, next, &mut b).to_string();
    let rule = if LOWER_STREETS.contains(&w.as_str()) {
        Rule::LowerStreet
    } else if LOWER_INSTITUTIONS.contains(&w.as_str()) {
        Rule::LowerInstitution
    } else {
        return None;
    };
    let lc = lc_of(text, t, &mut b);
    if lex.is_word(lc) || lex.is_known_term(lc) {
        return None;
    }
    let known_place = lex.places.contains(lc) || lex.is_name(lc);
    // A service rather than a place: "a rheumatology clinic", "the
    // orthopaedic hospital", "an antenatal clinic". Words of medicine and
    // care the dictionary lacks still read as what is done there, and a
    // name is rarely written after "a".
    if !known_place && (is_service_word(lc) || generic_determiner(text, toks, i)) {
        return None;
    }
    (known_place || !lc.contains(|c: char| !c.is_alphabetic())).then_some((rule, i + 1))
}

/// Endings of the words that name a speciality or a kind of care
/// (rheumatology, paediatric, antenatal, physiotherapy, psychiatry,
/// orthodontics): no Scottish place or family name ends so.
fn is_service_word(lc: &str) -> bool {
    const ENDINGS: &[&str] = &[
        "ology", "ologic", "ological", "iatry", "iatric", "iatrics", "paedic", "paedics", "pedic",
        "pedics", "natal", "therapy", "ontics", "ontic", "graphy", "metry", "ectomy", "oscopy",
        "ism", "ics",
    ];
    ENDINGS
        .iter()
        .any(|e| lc.len() > e.len() + 2 && lc.ends_with(e))
}

/// True when the word before token `i` is an indefinite article or a word
/// like it ("a", "an", "another", "any"): a named place is "the X surgery"
/// or "X surgery", not "a X surgery".
fn generic_determiner(text: &str, toks: &[Tok], i: usize) -> bool {
    let Some(before) = i.checked_sub(1).map(|j| &toks[j].t) else {
        return false;
    };
    if !text[before.end..toks[i].t.start]
        .chars()
        .all(char::is_whitespace)
    {
        return false;
    }
    let mut b = String::new();
    matches!(
        lc_of(text, before, &mut b),
        "a" | "an" | "another" | "any" | "each" | "every" | "local"
    )
}

/// Scottish hospitals by the initials staff write (the Royal Alexandra
/// Hospital is "RAH"): a named hospital, as its full name would be.
const HOSPITALS: &[&str] = &[
    "rah", "rie", "gri", "qeuh", "rhc", "rhsc", "ari", "rach", "vhk", "uhw", "uhh", "uhm", "uhc",
    "uha", "wgh", "sjh", "fvrh", "bgh", "dgri", "pri", "irh", "rcht", "qmh",
];

/// Letters in capitals that are a person's initials by where they stand:
/// signing a note ("… – JG" at a line's end), before a bracketed role ("JB
/// (social worker)"), bracketed after a lower-case word ("guidance
/// (MNP)"), or after "with", "by", "to" ("discussed with MNP"). Known
/// acronyms, acronyms spelled out before them and anything with a vowel
/// pass ("with CAMHS", "by ASN staff").
fn initials_in_context(text: &str, toks: &[Tok], i: usize, lex: &Lexicon, lc: &str) -> bool {
    let t = &toks[i].t;
    let len = t.end - t.start;
    if !(2..=4).contains(&len) || t.digit {
        return false;
    }
    let no_vowel = !lc
        .chars()
        .any(|c| matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y'));
    let gap = &text[t.gap_start..t.start];
    let rest = &text[t.end..];
    // Where the letters stand first (cheap); then whether they are a
    // known acronym (a look-up).
    let line_end = rest.is_empty() || rest.starts_with(['\n', '\r']) || rest.starts_with(" |");
    let dashed = |gap: &str| gap.ends_with("– ") || gap.ends_with("- ") || gap.ends_with("— ");
    let signs = line_end && dashed(gap);
    let mut b = String::new();
    if strong_person_slot(text, toks, i, lc, lex, dashed(gap)) {
        return true;
    }
    let bracketed = no_vowel && gap == " (" && rest.starts_with(')') && i > 0 && !toks[i - 1].t.cap;
    let after_word = no_vowel
        && i > 0
        && gap == " "
        && matches!(
            lc_of(text, &toks[i - 1].t, &mut b),
            "with" | "by" | "from" | "told" | "asked"
        );
    // "with RT and MK": the next letters in a list of initials.
    let and_more = len <= 3
        && i > 1
        && gap == " "
        && matches!(lc_of(text, &toks[i - 1].t, &mut b), "and" | "or" | "&")
        && toks[i - 2].t.all_caps
        && (2..=3).contains(&(toks[i - 2].t.end - toks[i - 2].t.start))
        && !lex.is_known_term(lc_of(text, &toks[i - 2].t, &mut b));
    let after_word = after_word || and_more;
    let before_bracket = rest.starts_with(" (");
    let short = len <= 3;
    // "AB to confirm", "HC reminded members": letters that act.
    // Three letters with a vowel may be an acronym that "reported"; two
    // letters, or three without a vowel (JMK), are someone's.
    let acts = (len == 2 || no_vowel)
        && rest.starts_with(' ')
        && toks.get(i + 1).is_some_and(|n| {
            let mut b = String::new();
            let w = lc_of(text, &n.t, &mut b);
            !n.t.cap
                && (lex.person_verbs.contains(w)
                    || INITIALS_VERBS.contains(&w)
                    || (w == "to"
                        && toks.get(i + 2).is_some_and(|v| {
                            let mut b = String::new();
                            let after = lc_of(text, &v.t, &mut b);
                            !v.t.cap
                                && v.t.joined
                                && v.class == Class::Lower
                                && !DETERMINERS.contains(&after)
                                && !matches!(after, "his" | "her" | "their")
                        })))
        });
    // "v0.1 LC 03/02/22", "[FR interview, 14 Jan 2022]": someone's letters
    // before the date of their entry or the record of what they said.
    let dated = (len == 2 || no_vowel)
        && (rest.strip_prefix(' ').is_some_and(|r| {
            let digits = r.bytes().take_while(u8::is_ascii_digit).count();
            (1..=2).contains(&digits) && r[digits..].starts_with(['/', '.'])
        }) || (gap.ends_with('[')
            && toks.get(i + 1).is_some_and(|n| {
                let mut b = String::new();
                matches!(
                    lc_of(text, &n.t, &mut b),
                    "interview" | "notes" | "note" | "statement" | "email" | "call" | "comment"
                )
            })));
    // "| SL |", "| HC/GR |": an owner's cell of an action table, or two
    // people's letters joined by a slash.
    let gap_cell = gap.trim_end_matches(' ').ends_with('|');
    let cell = short
        && (gap_cell || gap.ends_with('/'))
        && (rest.trim_start_matches(' ').starts_with('|')
            || (rest.starts_with('/') && rest[1..].starts_with(|c: char| c.is_ascii_uppercase())));
    // "(DF and BI)", "Apologies: KN.": letters listed as people.
    let listed = short && (letters_in_brackets(text, t, lex) || after_attendance(text, t.start));
    if !(signs || bracketed || after_word || before_bracket || acts || cell || listed || dated)
        || lex.is_known_term(lc)
    {
        return false;
    }
    if signs || bracketed || after_word || acts || cell || listed || dated {
        return true;
    }
    // "JB (social worker)": a role in the bracket after them.
    let inside = &rest[2..];
    let close = inside.find(')').unwrap_or(inside.len());
    let inside = &inside[..close];
    inside.len() <= 40
        && inside.split_whitespace().any(|w| {
            let w = w.trim_matches(|c: char| !c.is_alphanumeric());
            lex.roles.contains(lower_into(w, &mut b)) || matches!(w, "hv" | "sw" | "gp")
        })
}

/// Slots only a person fills, where even letters that spell an acronym
/// (NB, CT, RC, CP) are someone's initials: signing a log entry after
/// its full stop ("Flagged. — CT", "— CT/MK", "backdate — JA."), acting
/// ("NB met the girl", "RC called"), the author of a report in brackets
/// ("Night report (AG):", "OPINION (NB):"), a worker's letters after their
/// role ("HV (KLP)"), or a role in brackets after them ("CP (DHT)").
fn strong_person_slot(
    text: &str,
    toks: &[Tok],
    i: usize,
    lc: &str,
    lex: &Lexicon,
    dashed: bool,
) -> bool {
    let t = &toks[i].t;
    let len = t.end - t.start;
    // Signing a paragraph or heading a dated entry, even a role's letters
    // ("uploaded. GP") are someone's.
    if t.all_caps
        && (2..=3).contains(&len)
        && !matches!(lc, "uk" | "us" | "eu" | "un")
        && (log_initials::signs_a_paragraph(text, t.start, t.end)
            || log_initials::after_a_dated_heading(text, t.start, t.end))
    {
        return true;
    }
    if !t.all_caps
        || !(2..=3).contains(&len)
        || toks[i].class == Class::Title
        || lex.roles.contains(lc)
        || ROLE_LETTERS.contains(&lc)
        || matches!(lc, "uk" | "us" | "eu" | "un")
    {
        return false;
    }
    // An acronym of three letters acts and is acted on in published
    // prose ("NHS saw a rise"); two letters in these slots are someone's.
    let letters_of_someone = len == 2 || !lex.is_known_term(lc);
    let gap = &text[t.gap_start..t.start];
    let rest = &text[t.end..];
    let ends_line = |r: &str| r.is_empty() || r.starts_with(['\n', '\r']);
    let closes = ends_line(rest) || (rest.starts_with('.') && ends_line(&rest[1..]));
    // A pair signs together: "— CT/MK".
    let pair_rest = rest.strip_prefix('/').and_then(|r| {
        let n = r.bytes().take_while(u8::is_ascii_uppercase).count();
        (2..=3).contains(&n).then(|| &r[n..])
    });
    // The dash follows an entry's last sentence: "Flagged. — CT".
    let sentence_before = || {
        text[..t.start]
            .trim_end_matches([' ', '\u{2014}', '\u{2013}', '-'])
            .ends_with(['.', '!', '?', ')', '"', '\u{201d}'])
    };
    if dashed
        && (closes || pair_rest.is_some_and(ends_line))
        && letters_of_someone
        && (sentence_before() || !lex.is_known_term(lc))
    {
        return true;
    }
    if gap == "/" && closes && i > 0 {
        let p = &toks[i - 1].t;
        let before = &text[p.gap_start..p.start];
        if p.all_caps
            && (2..=3).contains(&(p.end - p.start))
            && (before.ends_with("— ") || before.ends_with("– ") || before.ends_with("- "))
        {
            return true;
        }
    }
    // The word before, compared without case and without a copy: most
    // capitals in prose are acronyms, and this runs for each of them.
    let prev = if i > 0 {
        &text[toks[i - 1].t.start..toks[i - 1].t.end]
    } else {
        ""
    };
    let prev_is = |list: &[&str]| list.iter().any(|w| prev.eq_ignore_ascii_case(w));
    // "Tasking to TL RC.", "called DTL KMB": a worker's letters after
    // their role's, closing the clause.
    if gap == " "
        && i > 0
        && toks[i - 1].t.all_caps
        && (rest.starts_with(['.', ',', ')', ';']) || ends_line(rest))
        && prev_is(ROLE_LETTERS)
    {
        return true;
    }
    const RECORDS: &[&str] = &[
        "report",
        "opinion",
        "note",
        "notes",
        "comment",
        "comments",
        "entry",
        "statement",
        "summary",
        "update",
    ];
    if gap == " (" && rest.starts_with(')') && (prev_is(RECORDS) || prev_is(ROLE_LETTERS)) {
        return true;
    }
    // "submitted by NB (IWF ref …)", "seen by CT." — but "supported by CP
    // procedures" goes on to a word.
    if letters_of_someone
        && gap == " "
        && rest.starts_with([' ', '.', ','])
        && prev.eq_ignore_ascii_case("by")
    {
        let after = rest.trim_start_matches(' ');
        if after.starts_with(['(', '.', ',']) || ends_line(after) {
            return true;
        }
    }
    if rest.starts_with(' ') {
        if let Some(n) = toks.get(i + 1) {
            let mut b = String::new();
            let w = lc_of(text, &n.t, &mut b);
            let verb =
                STRONG_INITIALS_VERBS.contains(&w) || (len == 2 && INITIALS_VERBS.contains(&w));
            if letters_of_someone && !n.t.cap && verb {
                return true;
            }
        }
        // "CP (DHT)": a role's letters alone in the bracket after them.
        if let Some(inside) = rest.strip_prefix(" (") {
            let close = inside.find(')').unwrap_or(0);
            if close > 0 && ROLE_LETTERS.contains(&inside[..close].to_ascii_lowercase().as_str()) {
                return true;
            }
        }
    }
    false
}

/// "Mo ghaol", "Mo chridhe": Gaelic "my" before a lenited word (its
/// first consonant followed by "h"), not the given name Mo.
fn gaelic_my(text: &str, start: usize, end: usize) -> bool {
    let next = text[end..].strip_prefix(' ').unwrap_or("").as_bytes();
    &text[start..end] == "Mo"
        && next.len() >= 3
        && b"bcdfgmpst".contains(&next[0].to_ascii_lowercase())
        && next[1] == b'h'
}

/// Letters of roles, written after or before a worker's own letters.
const ROLE_LETTERS: &[&str] = &[
    "hv", "sw", "gp", "sn", "ht", "dht", "pt", "cpn", "fnp", "tl", "dtl", "sl", "oic", "dsl",
];

/// Past-tense verbs only a person does, after letters that may also
/// spell an acronym ("NB met", "RC called"): an acronym is "noted", never
/// "stepped inside".
const STRONG_INITIALS_VERBS: &[&str] = &[
    "met",
    "stepped",
    "called",
    "phoned",
    "rang",
    "spoke",
    "visited",
    "emailed",
    "texted",
    "informed",
    "explained",
    "asked",
    "told",
    "knocked",
    "drove",
];

/// Verbs of minutes and action logs after someone's initials ("HC
/// reminded members", "KN noted"), besides the verbs of a person.
const INITIALS_VERBS: &[&str] = &[
    "reminded",
    "noted",
    "chaired",
    "presented",
    "advised",
    "suggested",
    "raised",
    "queried",
    "confirmed",
    "agreed",
    "asks",
    "notes",
    "confirms",
    "agrees",
    "reports",
    "says",
    "thinks",
    "thought",
    "felt",
    "feels",
    "wondered",
    "proposed",
    "summarised",
    "welcomed",
    "thanked",
    "opened",
    "closed",
    "shared",
    "updated",
];

/// Capitals of two or three letters, the only words in a bracket
/// besides "and", "&" and commas: "(DF and BI)".
fn letters_in_brackets(text: &str, t: &super::token::Token, lex: &Lexicon) -> bool {
    let mut from = t.start.saturating_sub(40);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let mut to = (t.end + 40).min(text.len());
    while !text.is_char_boundary(to) {
        to -= 1;
    }
    let open = text[from..t.start].rfind('(').map(|k| from + k);
    let close = text[t.end..to].find(')').map(|k| t.end + k);
    let (Some(open), Some(close)) = (open, close) else {
        return false;
    };
    let inside = &text[open + 1..close];
    if inside.len() > 40 || inside.contains(['(', '\n']) {
        return false;
    }
    let words: Vec<&str> = inside
        .split(|c: char| c == ',' || c.is_whitespace())
        .filter(|w| !w.is_empty())
        .collect();
    let letters = words
        .iter()
        .filter(|w| (2..=3).contains(&w.len()) && w.bytes().all(|b| b.is_ascii_uppercase()))
        .count();
    let mut b = String::new();
    letters >= 2
        && !words
            .iter()
            .any(|w| lex.is_known_term(lower_into(w, &mut b)))
        && words.iter().all(|w| {
            matches!(*w, "and" | "&")
                || (2..=3).contains(&w.len()) && w.bytes().all(|b| b.is_ascii_uppercase())
        })
}

/// After "Apologies:" or "Present:" earlier in the line: a list of people.
fn after_attendance(text: &str, start: usize) -> bool {
    let line_start = text[..start].rfind('\n').map_or(0, |k| k + 1);
    let mut from = start.saturating_sub(120).max(line_start);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let before = &text[from..start];
    [
        "Apologies",
        "apologies",
        "Present:",
        "Present**",
        "Attendees",
        "In attendance",
    ]
    .iter()
    .any(|w| before.contains(w))
}

/// Words before a lowercase name that make it one: a relation ("dad
/// (stevie)", "her pal jodie").
fn lower_name(text: &str, toks: &[Tok], i: usize, lex: &Lexicon) -> bool {
    let t = &toks[i].t;
    let len = t.end - t.start;
    if !(2..=14).contains(&len) || t.digit {
        return false;
    }
    let bracketed = text[..t.start].ends_with('(') && text[t.end..].starts_with(')');
    if bracketed && len >= 3 {
        // "dad (stevie)", "jay (jayden)": a given name alone in brackets.
        let mut b = String::new();
        let lc = lc_of(text, t, &mut b);
        if !lex.is_word(lc) && !lex.is_known_term(lc) && lex.first.contains(lc) {
            return true;
        }
    }
    // Part of an address, a file name or a link: `stacey.c@…`, `/marek`.
    let bytes = text.as_bytes();
    let glued = |b: Option<&u8>| b.is_some_and(|b| matches!(b, b'@' | b'.' | b'_' | b'/'));
    if (glued(bytes.get(t.end)) && bytes.get(t.end + 1).is_some_and(u8::is_ascii_alphanumeric))
        || (t.start > 0 && glued(bytes.get(t.start - 1)))
    {
        return false;
    }
    let prev = i.checked_sub(1).map(|p| &toks[p].t);
    let next = toks.get(i + 1).map(|n| &n.t);
    let before = i >= 1 && toks[i - 1].trig & RELATION != 0;
    let after = toks.get(i + 1).is_some_and(|n| n.trig & VERB != 0);
    let two_before = i >= 2 && toks[i - 1].t.joined && toks[i - 2].trig & CONTACT != 0;
    if !(before || after || two_before) {
        return false;
    }
    // Most words before a verb ("the nursery reported") are in no name
    // list: the Bloom filter says so without a look-up. Initials in
    // brackets ("dad (jj)") are in none either.
    let word = strip_possessive(&text[t.start..t.end]).0;
    if len == 2 {
        if !bracketed {
            return false;
        }
    } else if !lex.name_bloom.may_hold(word) {
        return false;
    }
    let mut buf = String::new();
    let mut by_relation = false;
    if let Some(p) = prev.filter(|_| before) {
        let gap = &text[p.end..t.start];
        if matches!(gap, " " | " (" | ", ") {
            by_relation = lex.relations.contains(lc_of(text, p, &mut buf));
        }
    }
    let mut by_verb = false;
    if !by_relation && two_before && t.start - toks[i - 1].t.end == 1 {
        let to = lc_of(text, &toks[i - 1].t, &mut buf).to_string();
        by_verb = matches!(to.as_str(), "to" | "with")
            && lex
                .contact_verbs
                .contains(lc_of(text, &toks[i - 2].t, &mut buf));
    }
    if !by_relation && !by_verb && after && next.is_some_and(|n| n.start - t.end == 1) {
        let n = next.expect("checked");
        by_verb = lex.person_verbs.contains(lc_of(text, n, &mut buf));
    }
    if !(by_relation || by_verb) {
        return false;
    }
    let lc = lc_of(text, t, &mut buf);
    if len == 2 {
        // "dad (jj)": initials as a name, only in brackets after a relation.
        return by_relation && bracketed && !lex.is_word(lc) && !lex.is_known_term(lc);
    }
    // "mum (grace)": a name-word in brackets after a relation.
    if by_relation && text[..t.start].ends_with('(') && lex.name_words.contains(lc) {
        return true;
    }
    // Most words before a verb ("the nursery reported") are no name: ask
    // the name lists first, the dictionary only for those they hold.
    (lex.first.contains(lc) || lex.last.contains(lc))
        && !(lex.is_word(lc) || lex.is_known_term(lc) || lex.roles.contains(lc))
}

fn is_eponym(text: &str, toks: &[Tok], i: usize) -> bool {
    let Some(next) = toks.get(i + 1) else {
        return false;
    };
    if !next.t.joined || next.t.cap {
        return false;
    }
    let mut buf = String::new();
    let head = lc_of(text, &next.t, &mut buf);
    let heads = if toks[i].possessive {
        EPONYM_POSSESSIVE_HEADS
    } else {
        EPONYM_HEADS
    };
    let prev_cap =
        i > 0 && toks[i].t.joined && toks[i - 1].t.cap && toks[i - 1].class != Class::Word;
    // "Maslow's well-known hierarchy", "Bronfenbrenner's ecological
    // model": a word or two may describe the head.
    let head_near = heads.contains(&head)
        || toks[i].possessive
            && toks[i + 1..]
                .iter()
                .take(3)
                .take_while(|n| n.t.joined && !n.t.cap)
                .any(|n| {
                    let mut b = String::new();
                    heads.contains(&lc_of(text, &n.t, &mut b))
                });
    head_near && !prev_cap
}

/// Words before a place that make it a place ("moved from India").
const LOCATIVES: &[&str] = &[
    "in",
    "at",
    "from",
    "to",
    "into",
    "near",
    "outside",
    "around",
    "across",
    "throughout",
    "within",
    "via",
    "towards",
];

fn after_locative(text: &str, toks: &[Tok], i: usize) -> bool {
    after_one_of(text, toks, i, LOCATIVES)
}

/// After a locative, which may open a sentence ("In Manchester, he …").
fn after_locative_any_case(text: &str, toks: &[Tok], i: usize) -> bool {
    i > 0
        && toks[i].t.joined
        && !toks[i].t.sentence_start
        && super::class::lc_is_one_of(text, &toks[i - 1].t, LOCATIVES)
}

/// Words that put only a place after them: "gave it to Sofia" and "sat
/// at Jordan's" are people, "came from India" and "lived in Georgia" are
/// not.
const PLACE_ONLY_LOCATIVES: &[&str] = &[
    "from",
    "in",
    "into",
    "across",
    "throughout",
    "within",
    "outside",
];

fn after_one_of(text: &str, toks: &[Tok], i: usize, words: &[&str]) -> bool {
    i > 0
        && toks[i].t.joined
        && !toks[i].t.sentence_start
        && super::class::lc_is_one_of(text, &toks[i - 1].t, words)
}

/// A country or large city outside Scotland (Eritrea, Hong Kong, Warsaw),
/// alone or in a run of such words: where a family came from is not an
/// address. One that is also a common given name passes only after a
/// word that puts only a place after it ("from India", not "to Sofia").
fn is_world_place(text: &str, toks: &[Tok], i: usize, lex: &Lexicon) -> bool {
    let mut buf = String::new();
    let place =
        |j: usize, buf: &mut String| lex.world_places.contains(lc_of(text, &toks[j].t, buf));
    if !place(i, &mut buf) {
        return false;
    }
    let mut s = i;
    while s > 0 && toks[s].t.joined && toks[s - 1].t.cap && !is_locative(text, &toks[s - 1]) {
        s -= 1;
    }
    let mut e = i;
    while e + 1 < toks.len() && toks[e + 1].t.joined && toks[e + 1].t.cap {
        e += 1;
    }
    // "South-East Asia", "North-West": each part a qualifier.
    let qualifier = |j: usize, buf: &mut String| {
        lc_of(text, &toks[j].t, buf)
            .split('-')
            .all(|w| PLACE_QUALIFIERS.contains(&w))
    };
    let all_places = (s..=e)
        .all(|j| toks[j].class == Class::Term || place(j, &mut buf) || qualifier(j, &mut buf));
    if !all_places {
        return false;
    }
    let ambiguous = (s..=e).any(|j| {
        super::lexicon::AMBIGUOUS_WORLD_PLACES.contains(&lc_of(text, &toks[j].t, &mut buf))
    });
    // A compass point before it makes it the place ("South-East Asia",
    // "Central America"); nobody is called East Sofia.
    let compass = (s..i).any(|j| qualifier(j, &mut buf));
    // "Ghana, Pakistan, Bangladesh, India and Hong Kong": listed among
    // other countries, it is one.
    let listed_place = |j: usize, buf: &mut String| {
        place(j, buf)
            && !super::lexicon::AMBIGUOUS_WORLD_PLACES.contains(&lc_of(text, &toks[j].t, buf))
    };
    let gap = |a: usize, b: usize| &text[toks[a].t.end..toks[b].t.start];
    let and_or = |j: usize| matches!(toks[j].t.text(text), "and" | "or");
    let before = s > 0
        && ((gap(s - 1, s) == ", " && listed_place(s - 1, &mut buf))
            || (s > 1 && and_or(s - 1) && listed_place(s - 2, &mut buf)));
    let after = e + 1 < toks.len()
        && ((gap(e, e + 1) == ", " && listed_place(e + 1, &mut buf))
            || (e + 2 < toks.len() && and_or(e + 1) && listed_place(e + 2, &mut buf)));
    !ambiguous || compass || before || after || after_one_of(text, toks, s, PLACE_ONLY_LOCATIVES)
}

/// "In", "From", "At" … opening a sentence before a place ("In Erbil").
fn is_locative(text: &str, t: &Tok) -> bool {
    let mut buf = String::new();
    LOCATIVES.contains(&lc_of(text, &t.t, &mut buf))
}

/// A town of two or three words starting at `i` (Port Glasgow, East
/// Kilbride, Newton Mearns): the index of its last token.
fn multi_word_place(text: &str, toks: &[Tok], i: usize, lex: &Lexicon) -> Option<usize> {
    let next = toks.get(i + 1)?;
    if !next.t.joined || !next.t.cap {
        return None;
    }
    let mut buf = String::new();
    if !lex.place_heads.contains(lc_of(text, &toks[i].t, &mut buf)) {
        return None;
    }
    let mut name = String::new();
    name.push_str(&buf);
    let mut found = None;
    for (e, tok) in toks.iter().enumerate().take(i + 3).skip(i + 1) {
        if !tok.t.joined || !tok.t.cap {
            break;
        }
        name.push(' ');
        name.push_str(lc_of(text, &tok.t, &mut buf));
        if lex.places.contains(name.as_str()) {
            found = Some(e);
        }
    }
    found
}

/// Words that may stand in a world place's name ("South Asia", "the
/// Democratic Republic of the Congo").
const PLACE_QUALIFIERS: &[&str] = &[
    "county",
    "north",
    "south",
    "east",
    "west",
    "central",
    "northern",
    "southern",
    "eastern",
    "western",
    "united",
    "republic",
    "democratic",
    "arab",
    "new",
    "great",
    "upper",
    "lower",
];

/// A town that is also an English word (Tain, Wick, Dollar), standing alone
/// mid-sentence after a locative word: "evenings in Tain".
fn place_word_after_locative(text: &str, toks: &[Tok], i: usize, lex: &Lexicon) -> bool {
    let t = &toks[i];
    if t.t.sentence_start || t.possessive || !t.t.joined {
        return false;
    }
    // The neighbours first: they are read from the tokens, where the
    // place lists are large tables a look-up in which misses the cache.
    let next_cap = toks.get(i + 1).is_some_and(|n| n.t.joined && n.t.cap);
    if next_cap || !after_locative(text, toks, i) {
        return false;
    }
    let mut buf = String::new();
    let lc = lc_of(text, &t.t, &mut buf);
    lex.places.contains(lc) && !PLACE_WORD_STOP.contains(&lc) && !lex.outside.contains(lc)
}

/// Place names that are also words reviews capitalise after "in" or "to"
/// for other reasons (months, countries, parts of a term).
const PLACE_WORD_STOP: &[&str] = &[
    "march", "wales", "street", "church", "over", "send", "settle", "hill", "bridge", "valley",
    "tower", "court", "law", "hope",
];

fn after_saint(text: &str, toks: &[Tok], i: usize) -> bool {
    let mut buf = String::new();
    i > 0 && toks[i].t.joined && matches!(lc_of(text, &toks[i - 1].t, &mut buf), "st" | "saint")
}

/// Every capitalised token in the run around `i` can be a name, and the
/// run has at least two (Grace Hunter): a full name even at a sentence start.
fn run_of_names(toks: &[Tok], i: usize) -> bool {
    let mut s = i;
    while s > 0 && toks[s].t.joined && toks[s - 1].t.cap {
        s -= 1;
    }
    let mut e = i;
    while e + 1 < toks.len() && toks[e + 1].t.joined && toks[e + 1].t.cap {
        e += 1;
    }
    e > s && toks[s..=e].iter().all(|t| t.class.namey() && !t.role)
}

/// A name that is also a word (Grace, Hunter, Will) mid-sentence: a name
/// when it stands alone, or when its whole capitalised run is names. Inside
/// a Title Case term with other words it passes ("Hope Street" is the
/// address detector's, "Young People's Service" is a term).
fn name_word_rule(text: &str, toks: &[Tok], i: usize) -> Option<Rule> {
    let t = &toks[i];
    let prev_cap = i > 0 && t.t.joined && toks[i - 1].t.cap;
    let next = toks.get(i + 1);
    let next_cap = next.is_some_and(|n| n.t.joined && n.t.cap);
    if prev_cap || next_cap {
        return run_of_names(toks, i).then_some(Rule::FullName);
    }
    if next.is_some_and(|n| n.t.joined && n.class == Class::Number) {
        return None;
    }
    // "Jimmy S collected", "Summer W": a word-name and an initial, as
    // notes shorten a child's surname.
    if next.is_some_and(|n| n.t.joined && n.class == Class::Letter && n.t.cap)
        && !in_title_case(toks, i)
    {
        return Some(Rule::FullName);
    }
    if i > 0 {
        let mut buf = String::new();
        let p = lc_of(text, &toks[i - 1].t, &mut buf);
        if DETERMINERS.contains(&p) {
            return None;
        }
    }
    if in_title_case(toks, i) {
        return None;
    }
    Some(Rule::NameWord)
}

/// Inside a Title Case title ("A Guide for Faith and Community Groups"):
/// most words around are capitalised ordinary words. Pseudonym parts
/// (Child, B) do not count, so "Mother, Grace and Child B" is no title.
fn in_title_case(toks: &[Tok], i: usize) -> bool {
    let title_word = |t: &Tok| {
        t.t.cap && !t.role && matches!(t.class, Class::Word | Class::Term | Class::NameWord)
    };
    let before = toks[..i]
        .iter()
        .rev()
        .take(4)
        .filter(|t| title_word(t))
        .count();
    let after = toks[i + 1..]
        .iter()
        .take(4)
        .filter(|t| title_word(t))
        .count();
    before + after >= 3
}

/// Letters in capitals that belong to a code rather than a name: no vowel
/// (KZX), or next to a token with digits (SA98 LPT, a registration).
fn code_part(toks: &[Tok], i: usize, lc: &str) -> bool {
    let vowel = lc
        .chars()
        .any(|c| matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y'));
    let prev_digit = i > 0 && toks[i].t.joined && toks[i - 1].t.digit;
    let next_digit = toks.get(i + 1).is_some_and(|n| n.t.joined && n.t.digit);
    !vowel || prev_digit || next_digit
}

/// Capitals that read as an acronym by where they stand: three letters
/// alone, not beside a name ("the KPE framework", "via KPE"), or any
/// length after an article ("The NCISH study": nobody writes "the SMITH").
/// Surnames in capitals stand beside a given name ("Jodie KERR").
fn acronym_alone(text: &str, toks: &[Tok], i: usize) -> bool {
    let t = &toks[i];
    let name_beside = (i > 0 && t.t.joined && toks[i - 1].t.cap && toks[i - 1].class.namey())
        || toks
            .get(i + 1)
            .is_some_and(|n| n.t.joined && n.t.cap && n.class.namey());
    if name_beside || t.possessive {
        return false;
    }
    let mut b = String::new();
    let article =
        i > 0 && t.t.joined && matches!(lc_of(text, &toks[i - 1].t, &mut b), "the" | "a" | "an");
    t.t.end - t.t.start == 3 || (article && unpronounceable_start(t.t.text(text)))
}

/// Four or more capitals listed beside a known acronym ("CSO, LAAC,
/// GIRFEC", "SCRA and CAIU"): one more acronym of the field. Initials,
/// two or three letters, are left to their own rules.
fn acronym_in_a_list(text: &str, toks: &[Tok], i: usize, lex: &Lexicon) -> bool {
    let t = &toks[i].t;
    if t.end - t.start < 4 {
        return false;
    }
    let caps = |j: usize| toks[j].t.all_caps && !toks[j].t.digit;
    // The item listed after token `a`: across ", " or "/", or across an
    // "and"/"or" token ("SCRA and CAIU", "GIRFEC, and LAAC").
    let next_item = |a: usize| -> Option<usize> {
        let b = a + 1;
        if b >= toks.len() {
            return None;
        }
        let gap = &text[toks[a].t.end..toks[b].t.start];
        if matches!(gap, ", " | "/") && caps(b) {
            return Some(b);
        }
        let word = toks[b].t.text(text);
        (matches!(gap, " " | ", ")
            && matches!(word, "and" | "or")
            && b + 1 < toks.len()
            && &text[toks[b].t.end..toks[b + 1].t.start] == " "
            && caps(b + 1))
        .then_some(b + 1)
    };
    let mut b = String::new();
    let mut known = |j: usize| {
        let lc = lc_of(text, &toks[j].t, &mut b);
        lex.acronyms.contains(lc) || lex.is_known_term(lc)
    };
    // The list runs a few items either way: "CPPM, IRD, CSO, GIRFEC and
    // LAAC". Backwards, an item is one whose next item is this one.
    let mut items = vec![i];
    let mut j = i;
    while items.len() < 8 {
        let Some(prev) = (j.saturating_sub(2)..j)
            .rev()
            .find(|&p| p < j && next_item(p) == Some(j))
        else {
            break;
        };
        items.push(prev);
        j = prev;
    }
    let mut j = i;
    while items.len() < 16 {
        let Some(n) = next_item(j) else { break };
        items.push(n);
        j = n;
    }
    items.iter().any(|&j| j != i && known(j))
}

/// Starts with two consonants no English word starts with (NC, KP, DV):
/// letters read one by one, as an acronym is; "ZORVEX" could be a name.
fn unpronounceable_start(word: &str) -> bool {
    const ONSETS: &[&str] = &[
        "bl", "br", "ch", "cl", "cr", "dr", "dw", "fl", "fr", "gh", "gl", "gn", "gr", "kl", "kn",
        "kr", "ph", "pl", "pr", "ps", "qu", "rh", "sc", "sh", "sk", "sl", "sm", "sn", "sp", "st",
        "sw", "th", "tr", "tw", "wh", "wr", "zh",
    ];
    let lower = word.to_ascii_lowercase();
    let b = lower.as_bytes();
    let consonant = |c: u8| c.is_ascii_alphabetic() && !b"aeiouy".contains(&c);
    b.len() >= 2 && consonant(b[0]) && consonant(b[1]) && !ONSETS.contains(&&lower[..2])
}

/// An acronym in capitals spelled out just before it in the same text
/// ("Scottish Child Interview Model (SCIM)") or already so defined passes.
fn acronym_defined<'a>(
    text: &'a str,
    toks: &[Tok],
    i: usize,
    defined: &mut Vec<&'a str>,
    undefined: &mut Vec<&'a str>,
    lc: &str,
) -> bool {
    let raw = toks[i].t.text(text);
    // "key practice episodes (KPEs)" defines KPE too.
    if defined.iter().any(|d| {
        d.eq_ignore_ascii_case(raw)
            || d.strip_suffix('s')
                .is_some_and(|d| d.eq_ignore_ascii_case(raw))
    }) {
        return true;
    }
    let letters: Vec<char> = lc.chars().filter(|c| c.is_alphabetic()).collect();
    if undefined.contains(&raw) {
        // Spelled out nowhere after it: only a definition just before it
        // can still count.
    } else if spelled_out_after(text, raw, &letters) {
        defined.push(raw);
        return true;
    } else {
        undefined.push(raw);
    }
    let g = &text[toks[i].t.gap_start..toks[i].t.start];
    if !g.trim_start().starts_with('(') {
        return false;
    }
    let mut initials: Vec<char> = Vec::new();
    let mut j = i;
    let mut buf = String::new();
    while j > 0 && initials.len() < letters.len() + 2 {
        j -= 1;
        let w = lc_of(text, &toks[j].t, &mut buf);
        if matches!(w, "and" | "of" | "for" | "the" | "in" | "to" | "on") {
            continue;
        }
        match w.chars().next() {
            Some(c) => initials.push(c),
            None => break,
        }
        if initials.len() == letters.len() {
            break;
        }
    }
    initials.reverse();
    if initials == letters {
        defined.push(raw);
        return true;
    }
    false
}

/// What a child calls a parent or grandparent ("calling the new partner
/// \"Daddy\""): a relation's name for its role, never a person's own.
const KIN_ADDRESS: &[&str] = &[
    "daddy", "dad", "mummy", "mum", "mammy", "mam", "mommy", "mom", "mama", "papa", "nana",
    "nanna", "granny", "gran", "grandad", "granda", "grandpa", "grandma", "nan", "auntie", "aunty",
];

/// "KPEs", "IRDs": capitals and a plural s.
fn plural_acronym(raw: &str) -> bool {
    let b = raw.as_bytes();
    b.len() >= 3 && b[b.len() - 1] == b's' && b[..b.len() - 1].iter().all(u8::is_ascii_uppercase)
}

/// An acronym spelled out after it anywhere in the text: "NCISH —
/// National Confidential Inquiry into Suicide and Safety in Mental
/// Health", "NCISH (National Confidential …)": its letters are the first
/// letters of the words that follow, in order, some words skipped.
fn spelled_out_after(text: &str, raw: &str, letters: &[char]) -> bool {
    text.match_indices(raw).any(|(at, _)| {
        // "**EPDS** — the Edinburgh …": a glossary entry in bold.
        let rest = text[at + raw.len()..].trim_start_matches(['*', '_']);
        let Some(rest) = [" \u{2014} ", " \u{2013} ", " - ", " (", ": ", " = ", ", "]
            .iter()
            .find_map(|sep| rest.strip_prefix(sep))
        else {
            return false;
        };
        let initials: Vec<char> = rest
            .split_whitespace()
            .take(letters.len() * 2 + 2)
            .filter(|w| w.starts_with(char::is_uppercase))
            .filter_map(|w| w.chars().next())
            .flat_map(char::to_lowercase)
            .collect();
        let mut want = letters.iter().peekable();
        if initials.first() != letters.first() {
            return false;
        }
        for c in initials {
            if want.peek() == Some(&&c) {
                want.next();
            }
        }
        want.peek().is_none()
    })
}

/// Initials that a key or a first mention defines as a person ("LS =
/// Lorraine Shepherd", "JR = J. Rennie", "Gordon Fyfe (GF)"): wherever
/// they stand alone later, they name that person. The capitals of the
/// initials are those of the name, and a given name from the gazetteer
/// opens it, so an acronym spelled out ("CPC = Child Protection
/// Committee") is not one.
fn initials_defined_as_people(text: &str, lex: &Lexicon) -> Vec<String> {
    static KEYED: OnceLock<(Regex, Regex)> = OnceLock::new();
    let b = text.as_bytes();
    // Cheap tests first, so the patterns run only where their shape is:
    // a key's separator, or a bracket round two to five letters.
    let key_shape = text.contains(" = ") || text.contains(" \u{2013} ") || text.contains(": ");
    let bracket_shape = memchr::memchr_iter(b'(', b).any(|k| {
        let r = &b[k + 1..];
        let n = r.iter().take_while(|c| c.is_ascii_alphabetic()).count();
        (2..=5).contains(&n)
            && r[0].is_ascii_uppercase()
            && r[n - 1].is_ascii_uppercase()
            && r.get(n) == Some(&b')')
    });
    if !key_shape && !bracket_shape {
        return Vec::new();
    }
    let (keyed, bracketed) = KEYED.get_or_init(|| {
        let initials = r"\p{Lu}[\p{Lu}\p{Ll}]{0,3}\p{Lu}";
        let title = r"(?:(?:Mr|Mrs|Ms|Miss|Dr|Nurse)\.?\s+)?";
        let word = r"\p{Lu}[\p{L}'’\-]*\.?";
        let name = format!(r"{title}{word}(?:\s+{word}){{1,2}}");
        (
            Regex::new(&format!(
                r"(?:^|[\s,;(])({initials})\s*(?:=|\u{{2013}}|:)\s*({name})"
            ))
            .expect("initials key"),
            Regex::new(&format!(r"({name})\s*\(({initials})\)")).expect("initials bracket"),
        )
    });
    let mut out: Vec<String> = Vec::new();
    let mut keep = |initials: &str, name: &str| {
        let words: Vec<&str> = name
            .split_whitespace()
            .filter(|w| {
                !matches!(
                    w.trim_end_matches('.'),
                    "Mr" | "Mrs" | "Ms" | "Miss" | "Dr" | "Nurse"
                )
            })
            .collect();
        let capitals: String = words
            .iter()
            .flat_map(|w| w.chars().filter(|c| c.is_uppercase()))
            .collect();
        let wanted: String = initials.chars().filter(|c| c.is_uppercase()).collect();
        let mut b = String::new();
        let given = words.first().is_some_and(|w| {
            let lc = lower_into(w.trim_end_matches('.'), &mut b);
            (lc.chars().count() == 1)
                || (lex.is_name(lc) && !lex.is_word(lc))
                || (lex.first.contains(lc) && !lex.is_known_term(lc))
        });
        if capitals == wanted && given && !out.iter().any(|o| o == initials) {
            out.push(initials.to_string());
        }
    };
    if key_shape {
        for c in keyed.captures_iter(text) {
            keep(&c[1], &c[2]);
        }
    }
    if bracket_shape {
        for c in bracketed.captures_iter(text) {
            // Only the words of the name the brackets close: "met with
            // Gordon Fyfe (GF)" holds "Gordon Fyfe".
            let name = &c[1];
            let n = c[2].chars().filter(|c| c.is_uppercase()).count();
            let words: Vec<&str> = name.split_whitespace().collect();
            let tail = words[words.len().saturating_sub(n)..].join(" ");
            keep(&c[2], &tail);
        }
    }
    out
}

/// Person names (and town names, reported as addresses).
pub struct PersonNames;

/// A nickname in quotes of a letter and a word ("K-Dog", "t-bone").
fn quoted_nickname(text: &str, t: &super::token::Token) -> bool {
    let word = &text[t.start..t.end];
    let shape = word.len() >= 4
        && word.as_bytes()[1] == b'-'
        && word.as_bytes()[0].is_ascii_alphabetic()
        && word[2..].bytes().all(|b| b.is_ascii_alphabetic());
    shape
        && text[..t.start].ends_with(['"', '\u{201c}', '\u{2018}', '\''])
        && text[t.end..].starts_with(['"', '\u{201d}', '\u{2019}', '\''])
}

/// Other occurrences of a word the rules found as a name in this text
/// ("Kyle added him" found it; "never met Kyle in person" is the same
/// person): reported too, as a person must decide each.
fn same_names_elsewhere(text: &str, toks: &[Tok], spans: &mut Vec<Span>, lex: &Lexicon) {
    let mut names: Vec<String> = Vec::new();
    // Names found where only a person stands (signing a message, after
    // "her partner"): the same word in lower case elsewhere ("please
    // kev") is that person, not a term of the field.
    let mut people: Vec<String> = Vec::new();
    let mut initials: Vec<String> = Vec::new();
    for s in spans.iter().filter(|s| {
        s.rule.kind() == Kind::PersonName && s.rule != Rule::Title && s.rule != Rule::Lower
    }) {
        let (base, _) = super::lexicon::strip_possessive(&text[s.start..s.end]);
        // A short nickname found in its quotes ("Ru") or initials signing
        // a message ("SJ") are as much a name wherever else they stand.
        let short_ok =
            matches!(s.rule, Rule::Relation | Rule::SignOff) && base.chars().count() == 2;
        if matches!(s.rule, Rule::Relation | Rule::SignOff) && !base.contains(' ') {
            people.push(base.to_lowercase());
        }
        // Initials found where they act ("20/10 SH — phoned") are that
        // person in capitals anywhere else ("FROM SH's PAPER JOTTER").
        if s.rule == Rule::Initials
            && (2..=3).contains(&base.len())
            && base.bytes().all(|b| b.is_ascii_uppercase())
        {
            let lc = base.to_lowercase();
            // A role's capitals (HV, SW) say who only where they act;
            // other letters an acronym shares (NB, CT) were found only in
            // a slot a person fills, so they are that person elsewhere.
            if lex.is_known_term(&lc)
                && (lex.roles.contains(lc.as_str()) || ROLE_LETTERS.contains(&lc.as_str()))
            {
                continue;
            }
            if !names.contains(&lc) {
                names.push(lc.clone());
            }
            initials.push(lc);
            continue;
        }
        if !base.contains(' ') && (base.chars().count() >= 3 || short_ok) {
            let lc = base.to_lowercase();
            // A town passes where a locative shows it is one; a place
            // that is as often a given name (Jordan, Sofia) found as a
            // person is that person elsewhere too ("in Jordan's inbox").
            let given_too = super::lexicon::AMBIGUOUS_WORLD_PLACES.contains(&lc.as_str());
            let place = (lex.world_places.contains(lc.as_str()) && !given_too)
                || lex.outside.contains(lc.as_str())
                || lex.places.contains(lc.as_str());
            if !place && !names.contains(&lc) {
                names.push(lc);
            }
        }
    }
    if names.is_empty() {
        return;
    }
    // A cheap test first: the names' first letters and lengths.
    let shapes: Vec<(u8, usize)> = names.iter().map(|n| (n.as_bytes()[0], n.len())).collect();
    let mut buf = String::new();
    let mut extra = Vec::new();
    // A word no dictionary knows, written in lower case where no rule
    // found a name ("the sextortion", "cuckooing drug dealers"), is a
    // term of the field, and so is its capitalised form: an unknown
    // lower-case word is not a name. A gazetteer name needs a determiner
    // before it to read so ("the izzat of the family").
    let mut common: Vec<&str> = Vec::new();
    let mut k = 0;
    for (j, t) in toks.iter().enumerate() {
        let bytes = &text.as_bytes()[t.t.start..t.t.end];
        let first = bytes[0].to_ascii_lowercase();
        let len = bytes.len();
        if first < 0x80
            && !shapes
                .iter()
                .any(|&(f, l)| f == first && (len == l || len == l + 2 || len == l + 4))
        {
            continue;
        }
        while k < spans.len() && spans[k].end <= t.t.start {
            k += 1;
        }
        if k < spans.len() && spans[k].start < t.t.end {
            continue;
        }
        if t.role || t.class == Class::Number || t.class == Class::Letter {
            continue;
        }
        let lc = lc_of(text, &t.t, &mut buf);
        let Some(name) = names.iter().find(|n| *n == lc) else {
            continue;
        };
        if initials.contains(name)
            && !strip_possessive(t.t.text(text))
                .0
                .bytes()
                .all(|b| b.is_ascii_uppercase())
        {
            continue;
        }
        if !t.t.cap {
            // "skinny gave me it": a name that is a word acts.
            let acts = toks.get(j + 1).is_some_and(|n| {
                let mut b = String::new();
                n.t.joined && lex.person_verbs.contains(lc_of(text, &n.t, &mut b))
            });
            // Part of an address or a link (`mbuyi.kabongo@…`) says
            // nothing of how the word is used.
            let bytes = text.as_bytes();
            let glued = |b: Option<&u8>| b.is_some_and(|b| matches!(b, b'@' | b'.' | b'_' | b'/'));
            let in_link = glued(bytes.get(t.t.end))
                && bytes
                    .get(t.t.end + 1)
                    .is_some_and(u8::is_ascii_alphanumeric)
                || (t.t.start > 0 && glued(bytes.get(t.t.start - 1)));
            if lex.is_word(lc) {
                if !acts {
                    continue;
                }
            } else if !in_link
                && !acts
                && !people.iter().any(|p| p == name)
                && (!lex.is_name(lc) || after_determiner(text, toks, j))
                && !lower_typing::typed_in_lower_case(text, t.t.start)
            {
                common.push(name);
                continue;
            }
        }
        extra.push(Span {
            start: t.t.start,
            end: t.t.end,
            rule: Rule::NameWord,
            certain: false,
        });
    }
    if !common.is_empty() {
        let common: std::collections::HashSet<String> =
            common.into_iter().map(str::to_string).collect();
        let one_of = |s: &Span| {
            matches!(
                s.rule,
                Rule::Unknown
                    | Rule::Gazetteer
                    | Rule::NameWord
                    | Rule::Capitals
                    | Rule::Possessive
            ) && {
                let (base, _) = super::lexicon::strip_possessive(&text[s.start..s.end]);
                !base.contains(' ') && common.contains(&base.to_lowercase())
            }
        };
        spans.retain(|s| !one_of(s));
        extra.retain(|s| !one_of(s));
    }
    spans.extend(extra);
    spans.sort_by_key(|s| s.start);
}

/// Right after an article or another word that puts a noun after it.
fn after_determiner(text: &str, toks: &[Tok], j: usize) -> bool {
    let mut b = String::new();
    j > 0
        && toks[j].t.joined
        && matches!(
            lc_of(text, &toks[j - 1].t, &mut b),
            "the"
                | "a"
                | "an"
                | "of"
                | "about"
                | "this"
                | "that"
                | "such"
                | "on"
                | "for"
                | "against"
        )
}

impl PersonNames {
    fn spans(prepared: &crate::gate::PreparedText<'_>) -> Vec<Span> {
        use super::Anchors;
        let text = prepared.text;
        let lex = lexicon();
        let toks = super::toks(prepared);
        let marked = super::marked(prepared);
        let mut covered = Vec::new();
        covered.extend_from_slice(super::anchored_spans(prepared, Anchors::Street));
        covered.extend_from_slice(super::anchored_spans(prepared, Anchors::Institution));
        let mut spans = find(text, super::classified(prepared), lex, &covered);
        // An author the text cites is the author wherever it names them
        // ("Fleming and colleagues found" beside "(Fleming, Blair, Bacon
        // and Berry, 2000)"): the name passes everywhere but after a title.
        let mut authors: std::collections::HashSet<String> = std::collections::HashSet::new();
        spans.retain(|s| {
            // "Di Leone, B.A.L." in a reference list: a particle, not a
            // title ("DI", a detective inspector).
            let particle = s.rule == Rule::Title
                && text[s.start..s.end]
                    .split_whitespace()
                    .next()
                    .is_some_and(|w| {
                        matches!(
                            w,
                            "Di" | "De" | "Da" | "Van" | "Von" | "Le" | "La" | "Du" | "Dos"
                        )
                    });
            let cited = (s.rule != Rule::Title || particle)
                && citation::is_cited(text, s.start, s.end)
                && !signature::given_name_and_initial_alone(text, s.start, s.end, lex);
            // "Ferguson's work on": passes where it stands, and makes no
            // author of the name elsewhere.
            if !cited && s.rule != Rule::Title && citation::cited_possessive(text, s.start, s.end) {
                return false;
            }
            if cited {
                authors.extend(
                    text[s.start..s.end]
                        .split_whitespace()
                        .map(|w| strip_possessive(w).0.to_lowercase()),
                );
            }
            !cited
        });
        if !authors.is_empty() {
            spans.retain(|s| {
                s.rule == Rule::Title
                    || !text[s.start..s.end]
                        .split_whitespace()
                        .all(|w| authors.contains(&strip_possessive(w).0.to_lowercase()))
            });
        }
        // A nickname's second byte is a hyphen after a letter ("J-Bo"):
        // the tokens starting a byte before such a hyphen, found from the
        // hyphens.
        let bytes = text.as_bytes();
        for hyphen in memchr::memchr_iter(b'-', bytes)
            .filter(|&h| h > 0 && bytes[h - 1].is_ascii_alphabetic())
        {
            let Ok(k) = toks.binary_search_by_key(&(hyphen - 1), |t| t.t.start) else {
                continue;
            };
            let t = &toks[k];
            if t.t.end - t.t.start >= 4 && quoted_nickname(text, &t.t) {
                spans.push(Span {
                    start: t.t.start,
                    end: t.t.end,
                    rule: Rule::Relation,
                    certain: false,
                });
            }
        }
        arrows::initials_beside_arrows(text, &mut spans, lex);
        initial_surname::initial_and_word_surname(
            text,
            toks,
            &super::classified(prepared).capital_letters,
            &mut spans,
            lex,
        );
        car_park::named_car_parks(text, toks, marked, &mut spans);
        logins::initial_and_surname_logins(
            text,
            toks,
            super::login_slots(prepared),
            &mut spans,
            lex,
        );
        signed::signers(text, &mut spans, lex);
        quoted_names::quoted_after_cues(text, &mut spans);
        log_initials::lower_case_sign_offs(text, &mut spans, lex);
        log_initials::initials_at_line_edges(text, &mut spans, lex);
        log_initials::mc_initials(text, &mut spans);
        bracket_logins::logins_after_names(text, &mut spans);
        mail_headers::header_names(text, &mut spans);
        contact_names::names_before_numbers(text, &mut spans);
        spans.sort_by_key(|s| s.start);
        name_lists::lower_case_lists(text, &mut spans, lex);
        name_lists::glossed_lower_names(text, &mut spans, lex);
        spans.dedup_by(|b, a| b.start < a.end);
        spans.retain(|s| !island_as_a_place(text, s.start, s.end));
        form_fields::names_in_fields(text, &mut spans);
        dated_note::names_heading_dated_notes(text, &mut spans, lex);
        same_names_elsewhere(text, toks, &mut spans, lex);
        propagate::parts_of_full_names(text, toks, &mut spans, lex);
        let trig = super::trig(prepared);
        venues::names_by_neighbours(text, toks, marked, trig, &mut spans, lex);
        foreign::drop_foreign_capitals(text, toks, &mut spans, lex);
        quoted_foreign::drop_quoted_foreign(text, &mut spans, lex);
        spans.retain(|s| !gaelic_my(text, s.start, s.end));
        endonyms::drop_endonyms(text, &mut spans, lex);
        acronym_expansion::drop_acronym_expansions(text, &mut spans);
        statistics::drop_statistics(text, &mut spans);
        geography::drop_service_geography(text, toks, &mut spans, lex);
        greetings::drop_festivals_and_researchers(text, toks, &mut spans);
        glossary::drop_glossary_and_author_pairs(text, &mut spans);
        labels::drop_labels_ratings_and_authors(text, &mut spans);
        scholars::drop_scholars(text, &mut spans);
        writers::drop_writers(text, &mut spans);
        scholar_forms::drop_scholar_forms(text, &mut spans);
        initials_first_notes::drop_initials_first_notes(text, &mut spans);
        eponyms::drop_eponyms_and_public_figures(text, &mut spans);
        acronyms::drop_acronyms(text, &mut spans);
        short_forms::short_forms(text, &mut spans, lex);
        // The other occurrences of a name found once include authors in
        // citation shapes the first pass did not see as names at all
        // ("Cox, J.L., Holden, J.M. (1987)" where Cox is a word).
        spans.retain(|s| {
            s.rule != Rule::NameWord
                || !(authors.contains(&strip_possessive(&text[s.start..s.end]).0.to_lowercase())
                    || citation::is_cited(text, s.start, s.end)
                    || describes_people(text, s.end))
        });
        // After the passes that drop public text: these shapes are a
        // family's places whatever words they hold.
        local_cues::local_cues(text, toks, trig, &mut spans, lex);
        spans.sort_by_key(|s| s.start);
        spans
    }
}

/// Nouns for groups of people: a word-name before one ("Young people
/// said", "Black children are seen as older") describes them.
const PEOPLE_NOUNS: &[&str] = &[
    "people",
    "person's",
    "children",
    "families",
    "carers",
    "men",
    "women",
    "adults",
    "mothers",
    "fathers",
    "parents",
    "communities",
    "boys",
    "girls",
    "pupils",
    "learners",
];

fn describes_people(text: &str, end: usize) -> bool {
    let Some(rest) = text[end..].strip_prefix(' ') else {
        return false;
    };
    let word_end = rest
        .find(|c: char| !(c.is_alphabetic() || c == '\'' || c == '’'))
        .unwrap_or(rest.len());
    PEOPLE_NOUNS.contains(&&rest[..word_end])
}

impl Detector for PersonNames {
    fn name(&self) -> &'static str {
        "person-name"
    }

    fn scan(&self, text: &str, hits: &mut Vec<Hit>) {
        self.scan_prepared(&crate::gate::PreparedText::new(text), hits)
    }

    fn scan_prepared(&self, prepared: &crate::gate::PreparedText<'_>, hits: &mut Vec<Hit>) {
        let text = prepared.text;
        // Every rule needs a capital letter, except the one for names in
        // lower case, which needs a space around it.
        if !text
            .bytes()
            .any(|b| b.is_ascii_uppercase() || b >= 0x80 || b == b' ')
        {
            return;
        }
        for s in Self::spans(prepared) {
            let hit = Hit::new(
                s.start,
                s.end,
                s.rule.kind(),
                s.rule.name(),
                s.rule.message(),
            );
            hits.push(if s.certain { hit } else { hit.uncertain() });
        }
    }
}

/// What the person-name detector finds in `s`, as text: the rule files
/// under `person/` test themselves with it.
#[cfg(test)]
fn names_found(s: &str) -> Vec<&str> {
    names_and_rules_found(s)
        .into_iter()
        .map(|(n, _)| n)
        .collect()
}

/// What the person-name detector finds in `s`, with the rule of each.
#[cfg(test)]
fn names_and_rules_found(s: &str) -> Vec<(&str, &'static str)> {
    let mut hits = Vec::new();
    PersonNames.scan(s, &mut hits);
    hits.iter().map(|h| (&s[h.start..h.end], h.rule)).collect()
}

#[cfg(test)]
mod tests {
    use super::names_and_rules_found as found;

    fn texts(s: &str) -> Vec<&str> {
        found(s).into_iter().map(|(t, _)| t).collect()
    }

    #[test]
    fn a_plural_of_a_word_after_a_relation_is_no_name() {
        assert!(texts("Printing will be shared with partner Committees.").is_empty());
        assert!(texts("*Protecting Parents: Children, Migration and the State.*").is_empty());
        assert_eq!(texts("Her son Miles was there."), ["Miles"]);
    }

    #[test]
    fn a_month_that_is_a_given_name_is_found_beside_a_relation_or_a_surname() {
        let table = texts("| 11 | Krystyna Kowal & Jan Kowal | CR 4418 |");
        assert!(table.iter().any(|t| t.starts_with("Jan")), "{table:?}");
        let son = texts("my son Jan said hello");
        assert!(son.iter().any(|t| t.contains("Jan")), "{son:?}");
        assert!(texts("Seen in June and again in May by the HV.").is_empty());
    }

    #[test]
    fn a_word_name_describing_a_group_of_people_passes() {
        assert!(texts("3.14 Young people said the same.").is_empty());
        assert!(texts("Four noted that Black children were seen as older.").is_empty());
        assert_eq!(texts("Mr Young said the same."), ["Mr Young"]);
    }

    #[test]
    fn words_of_a_phrase_in_a_named_language_pass() {
        assert_eq!(
            found("he said, in Dari, *\"Mara bebinid\"* — \"see me.\""),
            []
        );
        assert!(
            found("He told the review, in Polish, *\"Nie wiedziałem, że kanapa\"*.").is_empty()
        );
        assert!(found("He also said, in Scots: *\"Ah'm no a grass\"*.").is_empty());
        assert_eq!(texts("Mara said she would come."), ["Mara"]);
    }

    #[test]
    fn new_terms_of_the_field_and_acronyms_pass() {
        assert!(found("Nudification apps and Cuckooing were new to staff.").is_empty());
        assert!(found("The KPE framework and the NCISH study were used.").is_empty());
        assert_eq!(texts("Jodie KERR attended."), ["Jodie KERR"]);
    }

    #[test]
    fn greetings_nicknames_and_names_in_quoted_speech() {
        assert_eq!(texts("> \"Hi Gill, got the email"), ["Gill"]);
        assert_eq!(
            texts("- Connor Guthrie (\"Skinny\"), 18, local. Found at Skinny's."),
            ["Connor Guthrie", "Skinny", "Skinny's"]
        );
        assert_eq!(
            texts("> \"the woman one nadia she got me a maccies and sat\""),
            ["nadia"]
        );
        assert!(texts("Dear Colleague, hi all, \"the report was agreed by the group\"").is_empty());
    }

    #[test]
    fn titles() {
        assert_eq!(
            found("Mrs Galbraith attended."),
            [("Mrs Galbraith", "title-name")]
        );
        assert_eq!(
            texts("The letter was signed by Dr. Okonkwo."),
            ["Dr. Okonkwo"]
        );
        assert_eq!(texts("PC Dunlop attended the home."), ["PC Dunlop"]);
        assert_eq!(
            texts("Health Visitor 1 spoke to Nurse Ferguson."),
            ["Nurse Ferguson"]
        );
        assert_eq!(
            texts("It was reported to Mr Brown and Mrs Jean Smith."),
            ["Mr Brown", "Mrs Jean Smith"]
        );
        assert_eq!(
            texts("Father Brennan visited the family."),
            ["Father Brennan"]
        );
    }

    #[test]
    fn soft_titles_and_pseudonyms_pass() {
        for s in [
            "Father was sentenced at the Sheriff Court.",
            "Mother and Father declined to take part.",
            "Nurse Practitioner 2 and Sister 1 attended.",
            "Child A's Named Person spoke to Practitioner B and Health Visitor 1.",
            "Police Officer 1 and Social Worker 3 visited Sibling 2.",
            "Mr A and Dr B were the consultants.",
        ] {
            assert!(found(s).is_empty(), "{s}: {:?}", found(s));
        }
    }

    #[test]
    fn gazetteer_and_unknown_words_anywhere() {
        assert_eq!(
            texts("Kayleigh had stayed over at the weekend."),
            ["Kayleigh"]
        );
        assert_eq!(
            texts("Child B said that Kayleigh had stayed over."),
            ["Kayleigh"]
        );
        assert_eq!(
            texts("Eilidh and Ruaridh were at school."),
            ["Eilidh", "Ruaridh"]
        );
        assert_eq!(
            found("The Gloverbrae bus was late.")[0].1,
            "unknown-capitalised"
        );
    }

    #[test]
    fn full_names_are_one_hit() {
        assert_eq!(
            texts("Mother's new partner, Jordan Kerr, was unknown."),
            ["Jordan Kerr"]
        );
        assert_eq!(
            texts("Child C said that Dean O'Donnell had given them a phone."),
            ["Dean O'Donnell"]
        );
        assert_eq!(
            texts("Sibling 1 was collected by Siobhán Quinn."),
            ["Siobhán Quinn"]
        );
        assert_eq!(
            texts("Father stayed with his friend Mohammed Iqbal."),
            ["Mohammed Iqbal"]
        );
        assert_eq!(texts("Grace Hunter was not seen."), ["Grace Hunter"]);
    }

    #[test]
    fn names_that_are_words() {
        assert_eq!(
            texts("The chronology showed that Grace had been absent."),
            ["Grace"]
        );
        assert_eq!(
            texts("The nursery noted that Hunter was often hungry."),
            ["Hunter"]
        );
        assert_eq!(texts("Her partner Will moved in."), ["Will"]);
        assert_eq!(texts("Rose's school was not told."), ["Rose's"]);
        assert_eq!(texts("Molly told the teacher."), ["Molly"]);
        for s in [
            "Hope was expressed that the protocol would reduce delay.",
            "Will the change be sustained? The Review Team will audit it.",
            "The Young People's Service and the Hope project helped.",
            "Mark the date in the diary.",
        ] {
            assert!(found(s).is_empty(), "{s}: {:?}", found(s));
        }
    }

    #[test]
    fn capitals_and_acronyms() {
        assert_eq!(
            texts("The form was signed KERR in block capitals."),
            ["KERR"]
        );
        assert!(found("NHS, CAMHS, GIRFEC, MARAC and IRDs were involved; GPs agreed.").is_empty());
        assert!(found(
            "The Scottish Child Interview Model (SCIM) was used; SCIM training followed."
        )
        .is_empty());
        assert_eq!(texts("The ZORVEX team met."), ["ZORVEX"]);
        assert!(found("The van SA98 LPT and the car KZX were seen.").is_empty());
    }

    #[test]
    fn world_places_eponyms_and_terms_pass() {
        for s in [
            "The family came to Scotland from Eritrea via Libya and Italy.",
            "Father had lived in Dublin, Warsaw and Hong Kong.",
            "Mother's family were from India; her father grew up in South Asia.",
            "Baby E was put down in the Moses basket; the Apgar score was normal.",
            "Named Persons in secondary schools were told.",
            "Comhairle nan Eilean Siar and the Comataidh Dìon Cloinne met.",
            "\"Naebody asked me,\" Young Person D said.",
            "Sexualised behaviour was discussed under Rurality and poverty.",
        ] {
            assert!(found(s).is_empty(), "{s}: {:?}", found(s));
        }
    }

    #[test]
    fn names_that_are_places_or_eponyms_elsewhere_are_still_found() {
        assert_eq!(texts("Child B said India told the teacher."), ["India"]);
        assert_eq!(texts("Her partner Jordan was not seen."), ["Jordan"]);
        assert_eq!(texts("Child A gave the phone to Sofia."), ["Sofia"]);
        assert_eq!(texts("Moses stayed with his aunt."), ["Moses"]);
        assert_eq!(
            texts("The youth project ran on Tuesday evenings in Tain."),
            ["Tain"]
        );
    }

    #[test]
    fn a_quoted_nickname_between_names_is_a_name_wherever_it_recurs() {
        for (s, nickname) in [
            (
                "Her key worker, Rosalind \"Ros\" Hendry, drove. Later Ros phoned.",
                "Ros",
            ),
            (
                "Seen by Robert ‘Bear’ Nisbet at 10:00; Bear said no.",
                "Bear",
            ),
            ("Carer: Margaret “Peg” Struthers. Peg is sixty-one.", "Peg"),
            (
                "**Clerk:** Alasdair \"Ally Beag\" MacIntyre, Croit 14",
                "Ally",
            ),
        ] {
            assert!(texts(s).contains(&nickname), "{s}: {:?}", found(s));
        }
        for s in [
            "The \"Safe\" Families model and the \"Team Around\" approach were used.",
            "Staff use \"Signs\" Training each year.",
        ] {
            assert!(found(s).is_empty(), "{s}: {:?}", found(s));
        }
    }

    #[test]
    fn nicknames_appositives_and_name_words_that_act_are_found() {
        assert_eq!(
            texts("a man known locally as \"Big Tam\", and this was known"),
            ["Big Tam"]
        );
        assert_eq!(
            texts("Her father's partner at the time, Mantas, had an account."),
            ["Mantas"]
        );
        assert_eq!(texts("- Hope was aged 14 months when she left."), ["Hope"]);
        assert_eq!(
            texts("River (the name Child B2 uses at school) drew a picture."),
            ["River"]
        );
        assert_eq!(
            texts("It was Councillor Grieve who chaired it."),
            ["Councillor Grieve"]
        );
        for s in [
            "Hope was expressed that the protocol would work.",
            "River levels rose; the Named Persons were told.",
            "The meeting was chaired by a councillor from the ward.",
        ] {
            assert!(found(s).is_empty(), "{s}: {:?}", found(s));
        }
    }

    #[test]
    fn multi_word_towns_and_title_case_titles() {
        assert_eq!(
            found("tested in the Port Glasgow locality first"),
            [("Port Glasgow", "place-name")]
        );
        assert!(
            found("Our leaflet, \"A Guide for Faith and Community Groups\", is out.").is_empty()
        );
        assert_eq!(texts("Mother, Grace and Child B attended."), ["Grace"]);
    }

    #[test]
    fn cited_authors_pass_but_names_near_years_do_not() {
        assert!(found(
            "Munro (2011) argued that (Brandon et al., 2020; Vincent and Petch, 2012) held."
        )
        .is_empty());
        assert!(
            found("- Reder, P., Duncan, S. and Gray, M. (1993) *Beyond blame*. Routledge.")
                .is_empty()
        );
        assert_eq!(texts("Kayden (2015) was the youngest."), ["Kayden"]);
        assert_eq!(texts("Mrs Munro (2011) argued."), ["Mrs Munro"]);
    }

    #[test]
    fn word_names_lowercase_names_and_initials_the_way_reports_write_them() {
        assert_eq!(texts("Destiny told her teacher."), ["Destiny"]);
        assert_eq!(texts("- Honey, aged 9, attended."), ["Honey"]);
        assert_eq!(
            texts("- Precious (6) and Blessing (4) were at nursery."),
            ["Precious", "Blessing"]
        );
        assert_eq!(texts("Her son Marvel was not seen."), ["Marvel"]);
        assert_eq!(texts("dad (stevie) phoned the school"), ["stevie"]);
        assert_eq!(texts("Practitioner B spoke to marek about it"), ["marek"]);
        assert_eq!(texts("then kayleigh said no"), ["kayleigh"]);
        assert_eq!(texts("The note was signed R.T. today."), ["R.T."]);
        assert_eq!(texts("Li Na and Ng Wai-man came."), ["Li", "Ng Wai-man"]);
        assert_eq!(
            texts("Oksana and Tesfaye were there."),
            ["Oksana", "Tesfaye"]
        );
        for s in [
            "Staff said it was hard; she spoke to staff and went to school.",
            "mum said the gp was kind; dad (who works away) phoned.",
            "Email stacey.c@example.org or see /marek for it.",
            "The U.K. and the E.U. agreed; N.B. this applies.",
            "Practitioner B. Then the review met.",
        ] {
            assert!(found(s).is_empty(), "{s}: {:?}", found(s));
        }
    }

    #[test]
    fn groups_towns_elsewhere_eponyms_storms_and_quoted_phrases_pass() {
        for s in [
            "Mother speaks Kurdish Sorani and the family are Irish Travellers.",
            "The family are Orthodox Christians; Father is Romanian Orthodox.",
            "The family arrived from Dover in 2019 and lived in Kettering.",
            "Gillick competence was considered; Sarah's Law and Clare's Law too.",
            "Storm Babet closed the roads.",
            "Naloxone was not offered. Pregabalin and Etizolam were found.",
            "Mother said \"Ciamar a tha thu\" to the baby each morning.",
            "Mother used the phrase \"Dzień dobry, kochanie\" when greeting.",
        ] {
            assert!(found(s).is_empty(), "{s}: {:?}", found(s));
        }
        assert_eq!(texts("Child A gave the phone to Dover."), ["Dover"]);
        assert_eq!(texts("They lived in the Larkfield area."), ["Larkfield"]);
        assert_eq!(texts("Mother said \"Marek, come here\" twice."), ["Marek"]);
    }

    #[test]
    fn typed_case_notes_titles_initials_and_places_in_lower_case() {
        assert_eq!(
            texts("call from nbr (mrs lacatus, grd flr)"),
            ["mrs lacatus"]
        );
        assert_eq!(texts("told by ms young at break"), ["ms young"]);
        assert_eq!(texts("pc soutar nice. gave me his card"), ["pc soutar"]);
        assert_eq!(texts("spoke to dc mclaverty after"), ["dc mclaverty"]);
        assert!(texts("the pc was slow and the ds form was late").is_empty());
        assert_eq!(
            texts("if you read this miss cheung please"),
            ["miss cheung"]
        );
        assert!(texts("i miss school and i miss her").is_empty());
        assert_eq!(texts("A neighbour (croft 11) phoned."), ["11"]);
        assert_eq!(texts("The trailer at pitch 9 was empty."), ["9"]);
        assert_eq!(
            texts("will mention to mrs nic a' phearsain today"),
            ["mrs nic a' phearsain"]
        );
        assert_eq!(texts("Mr al-Khatib knew."), ["Mr al-Khatib"]);
        assert_eq!(
            texts("A report by Sergeant Lamb, who led it."),
            ["Sergeant Lamb"]
        );
        assert_eq!(
            texts("hv home visit pitcairn ave. all well"),
            ["pitcairn ave"]
        );
        assert_eq!(
            texts("gp appt made at pathhead surgery."),
            ["pathhead surgery"]
        );
        // Found by the search fixtures: a kind of service in lower case is
        // no named place.
        for service in [
            "seen by allergy specialists and a rheumatology clinic in three boards",
            "referred to the orthopaedic clinic and an antenatal clinic",
            "a physiotherapy clinic saw her; the paediatric hospital kept notes",
            "a kirkhill clinic",
        ] {
            assert!(texts(service).is_empty(), "{service}: {:?}", texts(service));
        }
        assert_eq!(texts("no answer. left msg. r.t."), ["r.t."]);
        assert_eq!(texts("weighed, fine. – JG"), ["JG"]);
        assert_eq!(texts("| School, JB (social worker) |"), ["JB"]);
        assert_eq!(
            texts("guidance (MNP) spoke to her; discussed with MNP"),
            ["MNP", "MNP"]
        );
        assert_eq!(texts("seen by J. Green HV."), ["J. Green"]);
        assert_eq!(texts("brought in to the RAH by ambulance"), ["RAH"]);
        assert_eq!(texts("said \"k-dog\" sorts it"), ["k-dog"]);
        assert_eq!(texts("dad (jj) not around"), ["jj"]);
        assert_eq!(
            texts("His cousin Royal is 16. It was Royal who told her."),
            ["Royal", "Royal"]
        );
        assert_eq!(texts("Physio (Grace) notes it."), ["Grace"]);
        assert_eq!(
            texts("Princess, Brooklyn and Harmony all knew."),
            ["Princess", "Brooklyn", "Harmony"]
        );
        for s in [
            "The Young People's Service and the Baby Box scheme helped.",
            "She has ms and the team met on ms teams; the dr said so.",
            "Referred to CAMHS and discussed with SW; agreed with NHS staff.",
            "In Manchester, he watched me; they landed at Dover.",
            "Maslow's hierarchy of needs and a Merton-compliant assessment.",
            "Ferguson's work on this (Ferguson, 2016) is cited.",
            "7.3 **Faith literacy.** A note for staff.",
        ] {
            assert!(found(s).is_empty(), "{s}: {:?}", found(s));
        }
    }

    #[test]
    fn places_are_addresses() {
        let f = found("The family moved to Kirkintilloch in the spring.");
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].0, "Kirkintilloch");
    }

    #[test]
    fn letters_that_spell_an_acronym_are_someones_in_a_persons_slot() {
        let f = super::names_found("Skin check done. Flagged. — PT\nHanded over. — DN/RS\nPlan agreed — KE.\nNight report (CB): settled.\nOPINION (RC): no concerns.\nTasking to TL NB. NB met the boy at the gate.\nform submitted by CB (ref to follow)\nHV (KJT) emailed.\nCP (DHT) chased the referral.");
        for letters in ["DN", "RS", "KE", "CB", "RC", "KJT", "CP", "NB"] {
            assert!(f.contains(&letters), "{letters} in {f:?}");
        }
        // Found once where only a person stands, the letters are that
        // person in a table's cell too.
        let f = super::names_found("| 3 | 02/03 | Removed | CT |\nBody map done. — CT");
        assert_eq!(f, ["CT", "CT"]);
        // The same letters as the acronyms they spell.
        let f = super::names_found("NB: the form changed.\nThe NHS saw a rise in referrals, funded by NHS.\nA CT scan was done. Read the RC guidance.\nA PC visited.");
        assert!(f.is_empty(), "{f:?}");
    }

    #[test]
    fn two_letter_given_names_and_polish_diminutives_are_names() {
        let f = super::names_found("Jo phoned mum at teatime. Later Aga came to me with concerns and reg was noted by Aga.");
        assert!(f.contains(&"Jo") && f.contains(&"Aga"), "{f:?}");
        let f = super::names_found("\"Mo chridhe,\" she wrote to her grandson.");
        assert!(f.is_empty(), "{f:?}");
    }
}
