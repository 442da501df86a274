//! Names that only their neighbours mark: a person after the role they
//! play ("driver Bob", "coach Hope"), and the clubs, teams, farms and
//! party venues that place a child in a community ("Inverness Otters
//! club", "Spartans girls U16", "Deans Farm", "a party at Fun Factory").
//! Their words are often ordinary English, so no list finds them.

use super::super::lexicon::{lower_into, strip_possessive, NEIGHBOUR};
use super::{lc_of, Class, Lexicon, Rule, Span, Tok};

/// Roles whose holder a report names by a given name alone.
const ROLE_NOUNS: &[&str] = &[
    "driver",
    "coach",
    "neighbour",
    "neighbor",
    "landlord",
    "landlady",
    "lodger",
    "babysitter",
    "childminder",
    "janitor",
    "caretaker",
    "manager",
    "supervisor",
    "boss",
    "colleague",
    "tutor",
    "instructor",
    "trainer",
    "mentor",
    "volunteer",
    "flatmate",
    "housemate",
    "classmate",
];

/// Words after a club's or team's own name.
const CLUB_WORDS: &[&str] = &["club", "fc", "afc", "rfc", "juniors", "youths"];

/// Words before "at" that make what follows a venue.
const EVENT_WORDS: &[&str] = &["party", "parties", "birthday", "sleepover", "disco", "play"];

/// Street words that name a street with no number beside them (a match,
/// not a list: asked of most capitalised words).
fn street_word(w: &str) -> bool {
    matches!(
        w,
        "Street"
            | "Road"
            | "Crescent"
            | "Avenue"
            | "Drive"
            | "Terrace"
            | "Gardens"
            | "Lane"
            | "Square"
            | "Grove"
            | "Wynd"
            | "Brae"
            | "Loan"
            | "Place"
            | "Court"
            | "View"
    )
}

/// An under-age team's label: U16, U12s.
fn age_group(word: &str) -> bool {
    let w = word.strip_suffix('s').unwrap_or(word);
    w.len() >= 2 && w.len() <= 3 && w.starts_with('U') && w[1..].bytes().all(|b| b.is_ascii_digit())
}

/// The run of capitalised words of a name ending at token `end` (at most
/// three, joined, none a title, number or role word); its first token.
fn cap_run_ending(toks: &[Tok], end: usize) -> Option<usize> {
    let ok = |t: &Tok| {
        t.t.cap
            && !t.t.digit
            && !t.role
            && !matches!(t.class, Class::Title | Class::Number | Class::Letter)
    };
    if !ok(&toks[end]) {
        return None;
    }
    let mut from = end;
    while from > 0 && end - from < 2 && toks[from].t.joined && ok(&toks[from - 1]) {
        from -= 1;
    }
    Some(from)
}

/// The run of capitalised words starting at token `from` (at most three).
fn cap_run_starting(toks: &[Tok], from: usize) -> Option<usize> {
    let ok = |t: &Tok| {
        t.t.cap
            && !t.t.digit
            && !t.role
            && !matches!(t.class, Class::Title | Class::Number | Class::Letter)
    };
    if from >= toks.len() || !ok(&toks[from]) {
        return None;
    }
    let mut to = from;
    while to + 1 < toks.len() && to - from < 2 && toks[to + 1].t.joined && ok(&toks[to + 1]) {
        to += 1;
    }
    Some(to)
}

/// The longest word of the lists a lower-case token is compared with
/// ("childminder").
const LONGEST_WORD: usize = 11;

/// Words after a club's name that an age group follows.
const TEAM_WORDS: &[&str] = &["girls", "boys", "ladies", "mens", "womens"];

/// A token's lower-case form (as `lc_of` makes it) where it may be one of
/// this file's words: `None` for an ASCII token longer than all of them.
/// ASCII is lowered on the stack, without a `String`.
fn short_lc<'a>(
    text: &str,
    t: &Tok,
    small: &'a mut [u8; LONGEST_WORD],
    big: &'a mut String,
) -> Option<&'a str> {
    let (base, _) = strip_possessive(t.t.text(text));
    if !base.is_ascii() {
        return Some(lower_into(base, big));
    }
    let n = base.len();
    if n > LONGEST_WORD {
        return None;
    }
    small[..n].copy_from_slice(base.as_bytes());
    small[..n].make_ascii_lowercase();
    std::str::from_utf8(&small[..n]).ok()
}

/// Every word a lower-case token is compared with here.
fn listed_words() -> impl Iterator<Item = &'static str> {
    [ROLE_NOUNS, CLUB_WORDS, TEAM_WORDS, EVENT_WORDS, &["at"]]
        .into_iter()
        .flatten()
        .copied()
        // `local_cues.rs` reads its cue words' tokens by the same bit.
        .chain(super::local_cues::cue_words())
}

/// Every raw form of a token that `lc_of` lowers to a listed word, case
/// aside: bare or possessive (`'s`, `’s`), each `k` also as a Kelvin sign
/// (the one character outside ASCII besides `İ` that lowers to an ASCII
/// letter, and `İ` lowers to two characters). The lexicon's trigger table
/// gives these the bit `NEIGHBOUR`, so this file lowers only the tokens
/// with that bit: a table read made for every token anyway, where a
/// `String` per lower-case token cost more than the rules.
pub(in crate::gate::names) fn trigger_forms() -> Vec<String> {
    let mut forms = Vec::new();
    for w in listed_words() {
        let mut bases = vec![String::new()];
        for c in w.chars() {
            let mut next = Vec::new();
            for b in &bases {
                next.push(format!("{b}{c}"));
                if c == 'k' {
                    next.push(format!("{b}\u{212A}"));
                }
            }
            bases = next;
        }
        for b in bases {
            forms.push(format!("{b}'s"));
            forms.push(format!("{b}\u{2019}s"));
            forms.push(b);
        }
    }
    forms
}

/// Adds spans for names marked by a role noun before them and for named
/// clubs, teams, farms and party venues, where no other span covers them.
/// Every cue is a trigger word or capitalised, so only the `marked`
/// tokens are walked.
pub(super) fn names_by_neighbours(
    text: &str,
    toks: &[Tok],
    marked: &[usize],
    trig: &[u8],
    spans: &mut Vec<Span>,
    lex: &Lexicon,
) {
    let mut extra: Vec<Span> = Vec::new();
    let mut b = String::new();
    let all_terms = |from: usize, to: usize, b: &mut String| {
        (from..=to).all(|k| {
            let lc = lc_of(text, &toks[k].t, b);
            lex.is_known_term(lc) || toks[k].class == Class::Term
        })
    };
    let (mut small, mut big) = ([0u8; LONGEST_WORD], String::new());
    // Only tokens with the bit, read from the byte array of the bits.
    for j in super::super::class::with_trigger(trig, NEIGHBOUR) {
        let t = &toks[j];
        if t.t.cap || t.class != Class::Lower {
            continue;
        }
        let Some(lc) = short_lc(text, t, &mut small, &mut big) else {
            continue;
        };
        let next = toks.get(j + 1).filter(|n| n.t.joined);
        // "a party (Kacper's, at Fun Factory)". First: "at" is the
        // commonest of these words, and no other shape's.
        if lc == "at" {
            // The words before only when a word follows.
            let event = next.is_some() && {
                let (mut ps, mut pb) = ([0u8; LONGEST_WORD], String::new());
                toks[j.saturating_sub(6)..j].iter().any(|p| {
                    !p.t.cap
                        && p.trig & NEIGHBOUR != 0
                        && short_lc(text, p, &mut ps, &mut pb)
                            .is_some_and(|w| EVENT_WORDS.contains(&w))
                }) && !text[toks[j.saturating_sub(6)].t.start..t.t.start].contains('\n')
            };
            if event {
                if let Some(to) = cap_run_starting(toks, j + 1) {
                    if !all_terms(j + 1, to, &mut b) {
                        extra.push(venue(toks, j + 1, to));
                    }
                }
            }
            continue;
        }
        // "driver Bob": a given name after the role.
        if ROLE_NOUNS.contains(&lc) {
            if let Some(n) = next {
                let after_cap = toks.get(j + 2).is_some_and(|m| m.t.joined && m.t.cap);
                if n.t.cap
                    && !n.t.all_caps
                    && !after_cap
                    && matches!(n.class, Class::NameWord | Class::Name)
                {
                    extra.push(Span {
                        start: n.t.start,
                        end: n.t.end,
                        rule: Rule::NameWord,
                        certain: false,
                    });
                }
            }
            continue;
        }
        // "Inverness Otters club"; "The club" opening a sentence names none.
        if CLUB_WORDS.contains(&lc) && j > 0 && t.t.joined {
            let from = cap_run_ending(toks, j - 1).and_then(|from| {
                (from..j).find(|&k| !super::DETERMINERS.contains(&lc_of(text, &toks[k].t, &mut b)))
            });
            // "Breakfast club", "the Homework club", "Your club:": one
            // ordinary word in the singular is the club's kind, where a
            // team's name is a plural ("the Otters club") or a name.
            let kind_of_club = |from: usize| {
                let w = &toks[from];
                from + 1 == j
                    && w.class == Class::Word
                    && (w.t.sentence_start || !w.t.text(text).ends_with('s'))
            };
            if let Some(from) = from {
                if !all_terms(from, j - 1, &mut b) && !kind_of_club(from) {
                    extra.push(venue(toks, from, j - 1));
                }
            }
            continue;
        }
        // "Spartans girls U16".
        if TEAM_WORDS.contains(&lc)
            && j > 0
            && t.t.joined
            && next.is_some_and(|n| age_group(n.t.text(text)))
        {
            if let Some(from) = cap_run_ending(toks, j - 1) {
                if !all_terms(from, j - 1, &mut b) {
                    extra.push(venue(toks, from, j + 1));
                }
            }
            continue;
        }
    }
    // Every street word and "Farm" is capitalised: the flags rule out most
    // tokens before their text is read. Both shapes in one walk: a street
    // span and a farm span that start together end at different words,
    // the street's first, so their order is the order of two walks.
    for &j in marked.iter().skip_while(|&&j| j == 0) {
        let t = &toks[j];
        if !t.t.joined || !t.t.cap {
            continue;
        }
        let w = t.t.text(text);
        // "Deans Farm": a capitalised name before Farm.
        if w == "Farm" || w == "Farms" {
            if let Some(from) = cap_run_ending(toks, j - 1) {
                if !all_terms(from, j - 1, &mut b) {
                    extra.push(venue(toks, from, j));
                }
            }
            continue;
        }
        // "Lothian Crescent": a street named after a Scottish area or
        // town, whose name alone is a known term the address detector
        // steps over.
        let p = &toks[j - 1];
        if !p.t.cap || p.t.all_caps || !street_word(w) {
            continue;
        }
        let lc = lc_of(text, &p.t, &mut b);
        if super::geography::scottish_place(lex, lc) {
            extra.push(Span {
                start: p.t.start,
                end: t.t.end,
                rule: Rule::LowerStreet,
                certain: false,
            });
        }
    }
    if extra.is_empty() {
        return;
    }
    // A venue is one hit: a word of it found already ("Jims", unknown)
    // gives way to the whole name; a span reaching past it keeps its own.
    extra.retain(|e| {
        !spans
            .iter()
            .any(|s| s.start < e.end && e.start < s.end && (s.start < e.start || s.end > e.end))
    });
    extra.sort_by_key(|s| s.start);
    extra.dedup_by(|b, a| b.start < a.end);
    spans.retain(|s| !extra.iter().any(|e| s.start < e.end && e.start < s.end));
    spans.extend(extra);
    spans.sort_by_key(|s| s.start);
}

fn venue(toks: &[Tok], from: usize, to: usize) -> Span {
    Span {
        start: toks[from].t.start,
        end: toks[to].t.end,
        rule: Rule::LowerInstitution,
        certain: false,
    }
}

#[cfg(test)]
mod tests {
    use super::super::names_found as found;

    #[test]
    fn a_name_after_a_role_is_found() {
        assert_eq!(
            found("She was dropped off by the taxi, driver Lance, at six."),
            ["Lance"]
        );
    }

    #[test]
    fn clubs_teams_farms_and_party_venues_are_found() {
        assert_eq!(
            found("He trains with the Perth Pelicans club twice a week."),
            ["Perth Pelicans"]
        );
        assert_eq!(
            found("She plays for Thistle Rovers boys U14s on Sundays."),
            ["Thistle Rovers boys U14s"]
        );
        assert_eq!(
            found("Father works at a farm (Windy Hill Farm) near the town."),
            ["Windy Hill Farm"]
        );
        assert_eq!(
            found("She said she had been at a friend's, at the flats, Fife Terrace."),
            ["Fife Terrace"]
        );
        assert_eq!(
            found("The boy went to a birthday party at Jungle Jims on Saturday."),
            ["Jungle Jims"]
        );
    }

    #[test]
    fn a_club_after_an_article_names_none() {
        assert!(found("The club suspended the coach. This club has rules.").is_empty());
        assert_eq!(found("The Leith Otters club met."), ["Leith Otters"]);
        assert!(found("Breakfast club was good. Your club: the Homework club.").is_empty());
        assert_eq!(found("She swims with the Otters club."), ["Otters"]);
    }

    #[test]
    fn every_form_of_a_listed_word_has_the_trigger_bit() {
        use super::super::super::lexicon::{lexicon, lower_into, strip_possessive, NEIGHBOUR};
        use super::{listed_words, trigger_forms, LONGEST_WORD};
        let forms = trigger_forms();
        let mut b = String::new();
        for form in &forms {
            let upper = form.to_uppercase();
            for f in [form.as_str(), &upper, &form.replace("'s", "'S")] {
                assert!(lexicon().triggers.bits(f) & NEIGHBOUR != 0, "{f}");
            }
            let lc = lower_into(strip_possessive(form).0, &mut b);
            assert!(listed_words().any(|w| w == lc), "{form}");
        }
        assert!(forms.iter().any(|f| f == "careta\u{212A}er\u{2019}s"));
        assert!(listed_words().all(|w| w.len() <= LONGEST_WORD));
    }

    #[test]
    fn public_clubs_and_ordinary_parties_pass() {
        assert_eq!(
            found("A party at Christmas was held by the NHS club."),
            Vec::<&str>::new()
        );
    }
}
