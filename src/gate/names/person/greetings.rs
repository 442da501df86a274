//! Capitalised words that name a festival or a greeting, and researchers
//! named with the programme they built: none is a person of the case.
//! "Wigilia, the Christmas Eve meal", "Eid Mubarak", "Ramadan Mubarak"
//! (Mubarak alone is a surname and is still found), "the programme is
//! based on the work of David Olds", "a model developed by Jane Barlow".

use super::{lc_of, Kind, Rule, Span, Tok};

/// Festivals and feast days that families' own languages name.
const FESTIVALS: &[&str] = &[
    "wigilia",
    "andrzejki",
    "mikołajki",
    "wielkanoc",
    "dziady",
    "kalėdos",
    "velykos",
    "crăciun",
    "paște",
    "різдво",
    "великдень",
    "maslenitsa",
    "diwali",
    "deepavali",
    "vaisakhi",
    "baisakhi",
    "navratri",
    "dussehra",
    "holi",
    "lohri",
    "onam",
    "pongal",
    "gurpurab",
    "janmashtami",
    "nowruz",
    "navruz",
    "ramadan",
    "ramazan",
    "eid",
    "muharram",
    "ashura",
    "mawlid",
    "hanukkah",
    "chanukah",
    "pesach",
    "purim",
    "sukkot",
    "shavuot",
    "kwanzaa",
    "losar",
    "vesak",
    "wesak",
    "chuseok",
    "songkran",
    "nochebuena",
    "samhain",
    "beltane",
];

/// Greetings that follow a festival's name.
const GREETING_AFTER: &[&str] = &["mubarak", "saeed", "said", "kareem", "karim", "sameach"];

/// Words after which a full name is a researcher's, with their work.
const WORK_CUES: &[&str] = &[
    "work of",
    "developed by",
    "devised by",
    "designed by",
    "created by",
    "founded by",
    "pioneered by",
    "model of",
    "theory of",
];

/// Drops spans that are a festival's name, a greeting after one, or a
/// full name after "the work of" / "developed by".
pub(super) fn drop_festivals_and_researchers(text: &str, toks: &[Tok], spans: &mut Vec<Span>) {
    let mut b = String::new();
    let mut drop: Vec<usize> = Vec::new();
    for (n, s) in spans.iter().enumerate() {
        if s.rule.kind() != Kind::PersonName || matches!(s.rule, Rule::Title | Rule::Relation) {
            continue;
        }
        let Ok(j) = toks.binary_search_by_key(&s.start, |t| t.t.start) else {
            continue;
        };
        let one_word = toks[j].t.end == s.end;
        let lc = lc_of(text, &toks[j].t, &mut b).to_string();
        if one_word && FESTIVALS.contains(&lc.as_str()) {
            drop.push(n);
            continue;
        }
        if one_word
            && GREETING_AFTER.contains(&lc.as_str())
            && j > 0
            && toks[j].t.joined
            && FESTIVALS.contains(&lc_of(text, &toks[j - 1].t, &mut b))
        {
            drop.push(n);
            continue;
        }
        if s.rule == Rule::FullName && j >= 2 {
            let cue = format!(
                "{} {}",
                lc_of(text, &toks[j - 2].t, &mut b),
                lc_of(text, &toks[j - 1].t, &mut String::new())
            );
            if toks[j].t.joined && toks[j - 1].t.joined && WORK_CUES.contains(&cue.as_str()) {
                drop.push(n);
            }
        }
    }
    if drop.is_empty() {
        return;
    }
    let mut n = 0;
    spans.retain(|_| {
        n += 1;
        !drop.contains(&(n - 1))
    });
}

#[cfg(test)]
mod tests {
    use super::super::names_found as found;

    #[test]
    fn festivals_greetings_and_researchers_pass() {
        assert_eq!(
            found("Families greet each other with \"Diwali Mubarak\"; many keep Andrzejki in November."),
            Vec::<&str>::new()
        );
        assert_eq!(
            found("The approach was developed by Selma Fraiberg and colleagues."),
            Vec::<&str>::new()
        );
    }

    #[test]
    fn the_surname_alone_and_a_worker_named_are_still_found() {
        assert_eq!(found("Mr Mubarak attended the meeting."), ["Mr Mubarak"]);
        assert!(!found("She was visited by Selma Fraiberg on Tuesday.").is_empty());
    }
}
