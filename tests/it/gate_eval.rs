//! The gate on corpora written for it, apart from its code: reports with
//! planted identifiers and an answer key, and clean published prose. Held to
//! the bars issue 13 sets for unseen text, over all corpora: every
//! registered identifier, 99% of structured identifiers and 97% of the
//! names and places nobody registered found, at most 1 false positive
//! (errors and needs-decision findings alike: a person has to look at each)
//! per 1,000 clean words. Each miss and false positive is printed, so a
//! failure says what to look at.
//!
//! A corpus folder may hold `planted/register.toml` (the register a review
//! team would have kept; `key.tsv` then has a 4th column, `registered`
//! yes/no), `clean/allow.txt` (public bodies a site would allow, one a
//! line) and `clean/review_ids.txt` (public review ids, one a line).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use clearhouse::config::GateConfig;
use clearhouse::gate::{Gate, Register};
use clearhouse::source::SourceText;

fn corpora() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/eval");
    let mut sets: Vec<PathBuf> = std::fs::read_dir(&root)
        .expect("tests/eval")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.is_dir())
        .collect();
    sets.sort();
    assert!(!sets.is_empty(), "no corpora under {}", root.display());
    sets
}

fn markdown_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("corpus folder")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    files.sort();
    files
}

/// Non-empty, non-comment lines of an optional list file.
fn lines_of(path: &Path) -> Vec<String> {
    std::fs::read_to_string(path)
        .map(|t| {
            t.lines()
                .map(str::trim)
                .filter(|l| !l.is_empty() && !l.starts_with('#'))
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default()
}

fn line_of(text: &str, start: usize, end: usize) -> &str {
    let from = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let to = text[end..].find('\n').map_or(text.len(), |i| end + i);
    &text[from..to]
}

/// The gate a site of this corpus would run: its allow list and, for the
/// planted half, its register (as a build loads one).
fn gate_for(allow: &[String], register: Option<&Path>) -> Gate {
    let config = GateConfig {
        allow: allow.to_vec(),
        ..GateConfig::default()
    };
    let register = match register.filter(|p| p.exists()) {
        Some(path) => {
            let text = std::fs::read_to_string(path).expect("register.toml");
            Register::parse(
                &SourceText::new("register.toml", text),
                &clearhouse::gate::names::is_english_word,
            )
            .unwrap_or_else(|e| panic!("{}: {}", path.display(), e.message))
        }
        None => Register::empty(),
    };
    Gate::new(&config, register)
}

const NAME_KINDS: [&str; 3] = ["person-name", "address", "institution"];

/// Found and planted occurrences: by kind, and in the three groups the
/// bars are set on.
#[derive(Default)]
struct Recall {
    by_kind: BTreeMap<String, (usize, usize)>,
    registered: (usize, usize),
    names: (usize, usize),
    structured: (usize, usize),
    misses: Vec<String>,
}

impl Recall {
    fn add(&mut self, other: &Recall) {
        for (k, (f, a)) in &other.by_kind {
            let e = self.by_kind.entry(k.clone()).or_default();
            e.0 += f;
            e.1 += a;
        }
        for (mine, theirs) in [
            (&mut self.registered, other.registered),
            (&mut self.names, other.names),
            (&mut self.structured, other.structured),
        ] {
            mine.0 += theirs.0;
            mine.1 += theirs.1;
        }
        self.misses.extend(other.misses.iter().cloned());
    }
}

fn planted(gate: &Gate, dir: &Path, recall: &mut Recall) {
    let key = std::fs::read_to_string(dir.join("key.tsv")).expect("key.tsv");
    let mut scanned: BTreeMap<String, (String, Vec<clearhouse::gate::Hit>)> = BTreeMap::new();
    for row in key.lines().skip(1).filter(|l| !l.trim().is_empty()) {
        let cols: Vec<&str> = row.split('\t').collect();
        let (file, kind, needle, registered) = match cols[..] {
            [file, kind, needle] => (file, kind, needle, false),
            [file, kind, needle, registered] => (file, kind, needle, registered.trim() == "yes"),
            _ => panic!("bad key row {row:?}"),
        };
        let (text, hits) = scanned.entry(file.to_string()).or_insert_with(|| {
            let text = std::fs::read_to_string(dir.join(file)).expect("planted file");
            let hits = gate.scan_text(&text);
            (text, hits)
        });
        // Whitespace-insensitive: some names are split across lines. A
        // whole word only: "Lena" is not planted inside "Helena".
        let pattern = needle
            .split_whitespace()
            .map(regex::escape)
            .collect::<Vec<_>>()
            .join(r"\s+");
        let occurrences: Vec<_> = regex::Regex::new(&pattern)
            .expect("pattern")
            .find_iter(text)
            .map(|m| (m.start(), m.end()))
            .filter(|&(s, e)| {
                !text[..s]
                    .chars()
                    .next_back()
                    .is_some_and(char::is_alphanumeric)
                    && !text[e..].chars().next().is_some_and(char::is_alphanumeric)
            })
            .collect();
        assert!(
            !occurrences.is_empty(),
            "{file}: {needle:?} is not in the file"
        );
        for (s, e) in occurrences {
            let found = hits.iter().any(|h| h.start < e && h.end > s);
            let group = if registered {
                &mut recall.registered
            } else if NAME_KINDS.contains(&kind) {
                &mut recall.names
            } else {
                &mut recall.structured
            };
            group.1 += 1;
            let entry = recall.by_kind.entry(kind.to_string()).or_default();
            entry.1 += 1;
            if found {
                group.0 += 1;
                entry.0 += 1;
            } else {
                recall.misses.push(format!(
                    "{}/{file}: {kind}{} {needle:?} in {:?}",
                    corpus_name(dir),
                    if registered { " (registered)" } else { "" },
                    line_of(text, s, e)
                ));
            }
        }
    }
}

/// Clean words and the hits in them that are false positives.
fn clean(gate: &Gate, dir: &Path, review_ids: &[String]) -> (usize, Vec<String>) {
    let (mut words, mut false_positives) = (0, Vec::new());
    for file in markdown_files(dir) {
        let text = without_front_matter_keys(&std::fs::read_to_string(&file).expect("clean file"));
        words += text.split_whitespace().count();
        for hit in gate.scan_text(&text) {
            let matched = &text[hit.start..hit.end];
            // Review ids are public (they are in every URL). Until the gate
            // is told the ids of the site and its sources (issue 13, someone
            // else's part), a hit that covers exactly one of them is not
            // counted as a false positive: the gate cannot know it yet.
            if review_ids.iter().any(|id| id == matched) {
                continue;
            }
            false_positives.push(format!(
                "{}: {} ({}) {:?} in {:?}",
                file.strip_prefix(dir.parent().unwrap_or(dir))
                    .unwrap_or(&file)
                    .display(),
                hit.kind,
                hit.rule,
                matched,
                line_of(&text, hit.start, hit.end)
            ));
        }
    }
    (words, false_positives)
}

/// The text with a TOML front matter block's key names blanked (offsets
/// kept): a build gates the values of an item's front matter, never the
/// names of its fields, so `review_id =` or `age_band =` in a clean file is
/// nothing a reader of the site sees.
fn without_front_matter_keys(text: &str) -> String {
    let Some(rest) = text.strip_prefix("+++\n") else {
        return text.to_string();
    };
    let Some(end) = rest.find("\n+++") else {
        return text.to_string();
    };
    let block = rest[..end]
        .lines()
        .map(|line| match line.split_once(" = ") {
            Some((key, value)) if !key.contains('"') => {
                format!("{} = {value}", " ".repeat(key.len()))
            }
            _ => line.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n");
    format!("+++\n{block}{}", &rest[end..])
}

/// `blind4/planted` for a corpus's planted folder.
fn corpus_name(dir: &Path) -> String {
    let mut parts = dir.components().rev().take(2).collect::<Vec<_>>();
    parts.reverse();
    parts
        .iter()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// What each corpus is held to on its own, besides the bars over all of
/// them: names and places found, structured identifiers found (shares),
/// and false positives per 1,000 clean words. A floor is only ever
/// raised; a corpus below the bars says so here until it meets them.
const FLOORS: &[(&str, f64, f64, f64)] = &[
    ("blind1", 0.97, 0.99, 1.0),
    ("blind2", 0.97, 0.99, 1.0),
    ("blind3", 0.97, 0.99, 1.0),
    ("blind4", 0.97, 0.99, 1.0),
    ("blind5", 0.98, 0.99, 0.1),
    // Held out until its first run (after every change for blind1-5):
    // names 543/569, structured 378/401, 0.59 false positives per 1,000.
    // A development corpus since, at the bars: names 569/569, structured
    // 397/401, 3 false positives in 20,206 words (0.15 per 1,000).
    // recall10 (an acronym spelled out, "ICON … Comfort methods"): no
    // false positive.
    ("blind6", 1.0, 0.99, 0.05),
    // Held out until its first run (after recall4 and gatespeed2, for
    // blind6): names 442/465 (95.1%), structured 426/444 (95.9%), 21
    // false positives in 20,427 clean words (1.03 per 1,000; 19 and 0.93
    // once the harness stopped reading two front matter key names as
    // prose). A development corpus since (recall5, for the general form
    // of each miss), at the bars: names 453/465 (97.4%), structured
    // 440/444 (99.1%), 5 false positives in 20,421 words (0.24 per 1,000).
    ("blind7", 0.997, 0.997, 0.05),
    // Held out until its first run (after recall6 and gatespeed3, for
    // blind7 and recall6's own probe): names 416/434 (95.9%), structured
    // 293/295 (99.3%), 28 false positives in 20,974 clean words (1.33 per
    // 1,000: a leaflet's list of languages in their own scripts, Scottish
    // places named as where services are, greetings such as "Eid Mubarak").
    // A development corpus since (recall7, for the general form of each
    // miss), at the bars: names 433/434 (99.8%), structured 293/295, 1
    // false positive in 20,974 words (0.05 per 1,000).
    // recall9 (ages in notation: "now 5 months,"): structured 294/295.
    // recall10 (a labelled number in spaced digit groups): structured
    // 295/295.
    ("blind8", 0.997, 1.0, 0.05),
    // Held out until its first run (after recall7, for blind8): names
    // 524/559 (93.7%), structured 331/350 (94.6%; six of the misses were
    // the CPC's own review ids, public by DESIGN, labelled as references:
    // recall8 unkeyed them, see tests/eval/README.md),
    // 53 false positives in 20,058 clean words (2.64 per 1,000: a podcast's
    // HOST speaker label, RAG ratings Amber and Green, Vancouver-style
    // reference lists, programme names). A development corpus since
    // (recall8): speaker labels, RAG ratings and citation shapes pass,
    // 4 false positives (0.20 per 1,000); ages in brackets after a name
    // or "now" found: structured 340/344 with the ids unkeyed; organisations named before
    // House, Court, Hearing Centre, Interpreting Service… and initials
    // beside a contact log's arrow ("KB → mum"), a business named in full
    // then alone ("Meridian"): names 549/559 (98.2%). recall9, for the
    // general forms over blind1-9's first runs: short forms of a name
    // written in full ("Mr D", "Z quietly said", "— TB", "SW C. Ireland"),
    // local groups named by their place ("New Start Highland"), a month and
    // day before a clock time, a unit's call sign: names 555/559 (99.3%),
    // structured 342/344 (99.4%), 4 false positives; at the bars since.
    // Then a schedule said twice ("at six months and again at twelve"),
    // a stage of development ("At around eight weeks, crying peaks") and
    // a language beside another ("English and Shona") pass: 2 false
    // positives (0.10 per 1,000).
    // recall10 (a street every town has, pinned to a business or a
    // town): names 556/559.
    ("blind9", 0.994, 0.994, 0.1),
    // Held out until its first run (after recall8 and every rule before
    // it, for blind1-9): registered 671/671, names 406/415 (97.8%: the
    // first corpus to meet the names bar unseen), structured 423/431
    // (98.1%: five ages finer than a year in clinical and chat notes, a
    // student number alone and inside a URL, a day.month date), 10 false
    // positives in 20,032 clean words (0.50 per 1,000: an author-date
    // reference list, "at six months" as a review timescale, eponyms).
    // A development corpus since (the lead's structured round): an
    // identifier found again where nothing labels it, a record on a
    // public body's host, ages at a measurement or a milestone, quarters,
    // a dated log's short date; reference lists run into a paragraph:
    // structured 431/431, 6 false positives (0.30 per 1,000).
    // recall10 (scholars' possessives, a quoted phrase in another
    // language): 3 false positives (0.15 per 1,000); a venue pinned by
    // its street: names 408/415.
    ("blind10", 0.983, 1.0, 0.15),
    // Held out until its first run (after the lead's blind10 round; text
    // pasted from Word and PDF, with soft hyphens and no-break spaces):
    // registered 732/732, names 453/490 (92.4%), structured 420/430
    // (97.7%), 45 false positives in 20,138 clean words (2.23 per 1,000).
    // Its first run also found a panic (a curly quote before a cited
    // pair), mended before these figures. 64 key rows that contradict
    // DESIGN were removed first (see tests/eval/README.md). Still held
    // out when recall9 (written for blind1-9's first runs) was merged:
    // names 461/490 (94.1%), structured 420/430, 49 false positives
    // (2.43 per 1,000; a local-organisation rule's "Ayrshire Champions
    // Boards" among the new ones). A development corpus since (the
    // lead's false-positive round: RAG colours in a rated document,
    // multi-agency arrangements named by area, three places at once as
    // an area): 31 false positives (1.54 per 1,000).
    // recall10 (scholars named without a year, a semicolon run of
    // citations; agency codes with a statute's letters, labelled numbers
    // in spaced groups): structured 423/430, 21 false positives (1.04 per
    // 1,000); streets every town has pinned by a comma or "on" ("Golden
    // Phoenix Chinese Takeaway, High Street, Alloa"): names 464/490; a
    // quoted phrase in another language ("*Al-bayt sirr*" — "the house is
    // a secret"): 19 false positives (0.94 per 1,000); a venue pinned by
    // its street ("The Anchor Bar, Shore Road"): names 465/490; an
    // acronym spelled out ("ICON … Comfort methods …"): 18 false
    // positives (0.89 per 1,000); a public body's service named with its
    // possessive ("NHS Tayside's Staff Wellbeing Centre"), a statistic
    // after its author ("Cohen's κ"): 15 (0.74 per 1,000). A gaming tag
    // after "psn:", a slashed code with a review's letters after "Your
    // ref:": structured 425/430. recall11 removed five key rows (a statute,
    // a gestation, three national bodies; tests/eval/README.md): names
    // 465/487, structured 425/428. A "-ness" word after a locative is a
    // place ("lives in Coltness"); authors in brackets after a model's
    // emphasised title or before "described them in 2003" pass: names
    // 466/487, 11 false positives (0.55 per 1,000). A local office with its
    // district in brackets, an area cut by a compass point, a service of
    // ordinary words after its place ("Edinburgh Volunteer Wellbeing
    // Service"): names 469/487. "Clacks" as an area; a town of both
    // countries where someone lives now: 470/487. A named industrial
    // estate or business park ("Deans Industrial Estate"): 471/487. A
    // street in brackets after a name ("Citizens Advice Glenmorie (Ward
    // Road)"): 472/487. A given name and an initial alone on a line is a
    // signature, not a cited author ("Alasdair J." over "MacPhail"):
    // 474/487 (97.3%), at the bars, in BARS_OVER since.
    // recall12 ("the Munro review", an inquiry by its author's name): 10
    // false positives (0.50 per 1,000).
    ("blind11", 0.973, 0.992, 0.5),
    // Held out until its first run, after every other change of this
    // round (recall9, gatespeed5, perf5, the lead's blind10 and blind11
    // rounds): registered 412/412, names 301/309 (97.4%), structured
    // 249/255 (97.6%: ages in a family nurse's shorthand, "MJ 7 months"),
    // 21 false positives in 20,051 clean words (1.05 per 1,000: authors
    // named in prose without a year, "25th" centile read as a day). Two
    // key rows that contradict issue 13 (a gestation, "33/40", and "the
    // 10 wk review", a contact of the schedule) were removed first.
    // A development corpus since. recall10, for the general forms over
    // blind10-12's first runs: scholars named without a year ("developed
    // by Morrison and Wonnacott", "the work of Daniel, Taylor and Scott",
    // "Falkov's Family Model"), an age after a child's initials ("MJ 7
    // months."), agency codes ("ASP-GC-24-8821", "CH-ID LP204", "route
    // WI-ASN-07"): names 301/309, structured 255/255, 9 false positives
    // (0.45 per 1,000); at the bars since. A street every town has,
    // pinned ("a fall on High Street near …"): names 302/309.
    // An ordinal of a growth chart ("from 25th to 9th centile") is no
    // day, a reference's imprint ("Cambridge: IWF.") no one: 5 false
    // positives (0.25 per 1,000); a phrase in another language quoted or
    // heading its English ("Boję się" (Polish, …)): 3 (0.15 per 1,000).
    // A venue pinned by its street ("Riverside Recovery Hub on Gibshill
    // Road"): names 303/309. An acronym spelled out ("HEADSSS … (Home,
    // Education, …)"): 2 false positives (0.10 per 1,000). recall11: a town
    // of both countries where someone lives now ("lives with his brother
    // in Larkfield"): names 304/309.
    ("blind12", 0.983, 1.0, 0.1),
    // Written blind (a Child's Plan review, paediatric clinic letters, a
    // MARAC referral, missing-episode return discussions, a homelessness
    // assessment, an after-school club's incident book, a pharmacy's
    // supervised-consumption notes, contact-centre reports; clean: a
    // business plan, an elected members' briefing, an easy-read review, a
    // podcast transcript, a case-file audit, a 7-minute briefing with
    // footnoted references, terms of reference, a families' leaflet) and
    // held out until recall10, recall11, gatespeed6 and perf6 were in.
    // First run: registered 850/850, names and places 474/504 (94.0%),
    // structured 412/418 (98.6%), 36 false positives in 20,099 clean
    // words (1.79 per 1,000). 21 of the 30 missed names were one key
    // worker's nickname, an ordinary word ("Catriona "Cat" Bain", then
    // "Cat" alone): a nickname quoted between a given name and a surname
    // is a name (names 495/504). 19 of the false positives were a
    // footnoted reference list ("[^8]: Daniel, B., Burgess, C. and Scott,
    // J., *Review…*, 2012."): a reference's authors followed by a title in
    // italics or quotes and a year on its line are cited (17 false
    // positives, 0.85 per 1,000). "acct" and "clinic" as cues of agency
    // codes ("acct ACC-HOUS-114", "Clinic: GPOP-ARD-M04"): structured
    // 414/418. Left: scholars named in prose ("Professor Munro", "Harry
    // Ferguson's").
    // recall12: scholars beside a cue of scholarship ("Bywaters and his
    // colleagues", "Harry Ferguson's writing", "drew on Carlene Firmin's
    // work", "a term Dingwall first used") and their surname alone
    // elsewhere, a language's own name in a list, a statistic's
    // reference date ("at 31 March"), a publisher closing a reference: no
    // false positive; a day and month after a contact word ("growth
    // check 2/5"), ages in brackets beside a child or at a moment of the
    // case: structured 417/418; an initial and a word surname after a
    // signing word ("Signed: L Young"), a hotel chain's branch and a
    // named car park: names 499/504.
    ("blind13", 0.99, 0.997, 0.0),
    // Written by recall6 before its changes, for the kinds blind7 missed
    // (lower-case names and places in chat and typed notes, businesses
    // named by ordinary words, approximate ages, odd identifier shapes)
    // and the false positives it kept (authors cited "in YEAR", islands,
    // programmes, acronyms in a list). Before: names 93/134, structured
    // 39/51, 23 false positives in 1,242 clean words. Seven planted and
    // six clean batches written later, each run before any change for
    // it, first ran at names 150/166 and structured 51/55 together, 12
    // false positives in 1,951 clean words (older rules). A development
    // corpus since, at the bars: names 301/301, structured 106/106, 1
    // false positive in 3,193 words; none since recall9 (a stage of
    // development, "At around eight weeks, crying peaks", passes).
    ("recall6-probe", 1.0, 1.0, 0.0),
    // Written by recall9 before its rules, for the two largest classes of
    // first-run misses over blind1-9: short forms of a name written in
    // full nearby (`Mr F`, `N said`, a signature `L`, `E. Young`) and local
    // organisations named by a town, a community or ordinary words (`Fife
    // Polish Families Association`, `Clear Words`). Before: names 61/97,
    // no false positive in 402 clean words of anonymised forms (`Child A`,
    // `Mr D` with no name behind it, `Plan B`, `vitamin D`). After its
    // rules: names 92/97. A second batch written after them and run
    // before any change for it (new genres: a handover book, a letter,
    // a witness statement, minutes, a referral form): names 56/62, 5
    // false positives in 226 clean words (two named schools the clean
    // text should not have held, "Napier" in a university's name, two
    // area services). Since (a lone capital before any verb, initials of
    // a full name in minutes; the schools moved out of the clean text):
    // names 154/159, 2 false positives in 624 words (the older rules'
    // "Napier" and "Lanarkshire Carers Centre").
    // A third batch, ages in notation (the largest structured class of
    // blind8-9's first runs), written before any rule for it: structured
    // 12/19, no false positive in 132 words of durations. After the
    // rules for it (a label's age, "now"/"then" and a pause, "9 mo old",
    // teen number words): structured 18/19, still none. A fourth clean
    // page (lettered headings, pseudonyms, a reference list, public
    // bodies by area) first ran at 1 false positive in 264 words ("NES",
    // an older rule's).
    ("recall9-probe", 0.968, 0.947, 3.3),
    // Written by recall10 before its rules, for the largest classes of
    // blind10-12's first runs: scholars named in prose without a year
    // (clean), family names in the same shapes, ages after a child's
    // initials, agency codes and labelled numbers in spaced groups
    // (planted). Before: names 19/20, structured 4/10 then 14/20 with a
    // third batch, 30 false positives in 398 clean words. After: names
    // 19/20 ("the work of Jodie on the family tree", an older rule's),
    // structured 20/20, none in 521 words. A fourth batch, streets every
    // town has pinned by a comma or "on" to a business or a town, first
    // ran at names 27/34 with none of 96 clean words of general uses
    // flagged; after the rule for it: 32/34, still none. A fifth batch,
    // venues whose head ends ordinary phrases (Bar, Inn, Hub) pinned by a
    // street after them, first ran at 6/10 (38/44 over the corpus); after
    // the rule for it 40/44 ("the Thistle Inn", whose word is a club's,
    // and "Hope Community Hub" still missed), none of 79 clean words of
    // such heads in general flagged.
    // A clean page of acronyms spelled out, written before the rule for
    // them: 1 false positive in 330 words ("JOSIE"); none after it.
    ("recall10-probe", 0.909, 1.0, 0.0),
    // Written by recall11 after its rules, with sentences of its own in each
    // rule's form (local services, towns of both countries, "-ness" places,
    // named estates, bracketed streets, a signed initial; authors beside a
    // model's title or a year in the clean half). Its first run: names
    // 13/13, 1 false positive in 154 words ("Lord Laming set it out in
    // 2003"); none once "set … out in" was read as writing. It has no
    // structured rows.
    ("recall11-probe", 1.0, 0.0, 0.0),
    // First run on unseen text at 8dc242e (before recall12 and the
    // lead's rules after it): blind14 names 331/343 (96.5%), structured
    // 429/457 (93.9%), 1.25 false positives per 1,000; blind15 names
    // 410/420 (97.6%), structured 466/483 (96.5%), 0.55 per 1,000.
    // Since: the lead's structured round (timestamps, wrapped phone
    // numbers, labelled codes, ordinal days, dated ages), recall12, full
    // names of scholars, Scots diminutives: blind14 333/343, 450/457, 0.45;
    // blind15 412/420, 474/482, 0.05.
    ("blind14", 0.970, 0.984, 0.4),
    ("blind15", 0.980, 0.985, 0.1),
    // blind16 (written while recall12 was merged; first run at 236a410,
    // after every change of the session but the two below): names 281/283
    // (99.3%), structured 260/269 (96.7%), 1.00 false positives per
    // 1,000. Then a landline with a digit too many, a month written
    // "/01", evaluation points ("At three months, 61% of respondents"):
    // 266/269 (98.9%), 0.80; with a court's short case number after a
    // cue ("Ref mum gave me: F47/24"), 268/269: at the bars, in BARS_OVER
    // since.
    ("blind16", 0.992, 0.996, 0.85),
    // blind17 and blind18 (first run at 5482725, before any rule of the
    // session): blind17 names 368/377 (97.6%), structured 323/328
    // (98.5%), 0.62 false positives per 1,000; blind18 487/495 (98.4%),
    // 321/329 (97.6%), 0.70. Then codes after "code", "asset", "ticket",
    // "licence" or "tracking", a slashed code is never a review id, a
    // long part in capitals is a system's name, "#" and digits after a
    // cue, "last four digits", a phone number before a log's next line:
    // structured 328/328 and 327/329. With recall13 (written for their
    // classes without opening them): names 374/377 (99.2%) and 493/495
    // (99.6%), 0.29 and 0.15 false positives per 1,000: at the bars, in
    // BARS_OVER since.
    ("blind17", 0.992, 1.0, 0.3),
    ("blind18", 0.995, 0.993, 0.2),
    // blind19 and blind20 (written blind while the session's rules were
    // made; first run at 2e110d8, after every rule of the session):
    // blind19 names 448/457 (98.0%), structured 334/340 (98.2%), 1.05
    // false positives per 1,000; blind20 401/405 (99.0%), 400/411
    // (97.3%), 1.42.
    // Then IMEIs and UUIDs (a device's and an app account's ids), a plate
    // spaced after its area letters, a lower-case weekday with an
    // ordinal, a zero-padded day and month before a capital: structured
    // 338/340 and 406/411. Then reference entries after a superscript
    // note number, with "and others", a year without brackets or a peer
    // by title; a vulgar fraction kept as written ("4½ months" had read as
    // forty-one); a named child who "is N months and" well: blind20
    // 407/411, 22 false positives (1.08), blind14 7.
    // Then scholars after their discipline ("the sociologist …"),
    // acronyms whose hyphenated word gives one letter ("… Sub-group
    // (QAIS)"), medicines the dictionary lacks (naloxone, pregabalin):
    // blind19 8 false positives (0.40), blind20 17 (0.83): both at the
    // bars, in BARS_OVER since.
    ("blind19", 0.980, 0.994, 0.45),
    ("blind20", 0.990, 0.99, 0.85),
    // blind21 and blind22 (written blind in folders no helper knew of;
    // first run at 3448fa4, after the stop's first rules, which were
    // written from stop 27's misses before either was opened): blind21
    // names 721/754 (95.6%), structured 467/482 (96.9%), 0.42 false
    // positives per 1,000; blind22 512/536 (95.5%), 521/543 (95.9%),
    // 0.86. blind22's key was screened first against DESIGN.md: 29
    // month-and-year dates, two schedule points ("13-month
    // vaccinations") and a national interpreting service went.
    // Then phone numbers in CSV fields, IP addresses, ages at a moment and
    // after "baby", bracketed ages after a word-name, a review id's shape
    // after "ref" only where a review is spoken of, "reg", extensions, a
    // plate's first half, registration classes, listed days, a date's
    // shape needing a real day and month, corrected ages: structured
    // 478/482 and 539/543. "The club", a reference's imprint place, a
    // financial year's ends, SIMD: 1 and 9 false positives (0.05, 0.51).
    // Names a record's fields give (person labels, "goes by", CSV name
    // columns, lists of given names with initials), a word-name before an
    // initial, a person before a bracketed nationality, logins after
    // "by:", firms before LLP/Lets/Childminding/Karate: names 733/754
    // (97.2%) and 521/536 (97.2%). At the bars, in BARS_OVER since.
    ("blind21", 0.972, 0.99, 0.1),
    ("blind22", 0.972, 0.992, 0.55),
    // blind23 and blind24 (written blind in folders no helper knew of;
    // first run at c557228, after every rule made for blind21-22):
    // blind23 names 501/521 (96.2%), structured 524/562 (93.2%), 0.36
    // false positives per 1,000; blind24 551/575 (95.8%), 745/763
    // (97.6%), 0.93. Two month-and-year rows of blind23's key went first.
    // Then dates between a CSV row's fields, id and ages columns of tables
    // and CSV blocks, "sort … acc", partial plates "noted as", month-day
    // ranges, ages after a date of birth or a name and a dash, "ref for
    // this matter:": structured 557/562 and 756/763. Logins in a log's
    // brackets or after "login:"/"User:": blind24 names 560/575 (97.4%).
    // Ten blind23 key rows naming public bodies (sheriff courts,
    // Childline, national charities, a major hospital), which its
    // writer's rules leave unkeyed, went: names 501/511 (98.0%). A wrapped
    // reference's imprint: blind24 7 false positives (0.46). At the bars,
    // in BARS_OVER since.
    ("blind23", 0.98, 0.99, 0.4),
    ("blind24", 0.973, 0.99, 0.5),
    // blind25 and blind26 (short: about 600 words a document; written
    // blind at the stop's end, first run at 9b86b8d, after every rule of
    // the stop): blind25 names 248/259 (95.8%), structured 254/259
    // (98.1%), 0.48 false positives per 1,000; blind26 264/270 (97.8%),
    // 207/211 (98.1%), 0.37. One blind26 row keyed a line break as "\n".
    // Seven blind25 rows naming councils, police and cities as where a
    // service sits (unkeyed by its writer's rules) went after the first
    // run: names 248/252 (98.4%).
    // A number in spaced groups under an id column ("PVG scheme no."):
    // blind26 structured 209/211. Next stop: "N and ¾" after a child's
    // name, and one key row ("approx 13/14", two whole years, unkeyed by
    // DESIGN) out: blind25 structured 256/258. Both at the bars, in
    // BARS_OVER since.
    ("blind25", 0.99, 0.99, 0.5),
    ("blind26", 0.977, 0.99, 0.4),
    // blind27 and blind28 (written blind at the start of the stop after
    // 28, first run at 5d51f21 before any rule of the stop; five blind28
    // rows naming police offices by their town and a national chain's
    // shop went before the run): blind27 names 387/423 (91.5%),
    // structured 343/348 (98.6%), 0.59 false positives per 1,000; blind28
    // names 335/380 (88.2%), structured 271/281 (96.4%), 0.11. Initials
    // that spell an acronym (NB, CT, RC) in a slot only a person fills,
    // two-letter given names (Jo), Polish diminutives (Aga), logins in a
    // staff column or made of an initial and a surname, a note's author
    // after its date, boats' names and numbers, route codes, a serial
    // after a two-digit year, grouped numbers after "ref #", "receipt",
    // WNB: blind27 420/423, 348/348, 0.30; blind28 375/380, 279/281,
    // 0.11. At the bars, in BARS_OVER since.
    ("blind27", 0.99, 0.99, 0.35),
    ("blind28", 0.985, 0.99, 0.15),
    // blind29 and blind30 (written blind in the stop's middle, first run
    // at 3ba5eee, after every rule of the stop before it): blind29 names 310/323 (96.0%), structured 284/291
    // (97.6%), 0.25 false positives per 1,000; blind30 251/255 (98.4%),
    // 240/245 (98.0%), 0.35. Then a CHI number between a CSV row's
    // commas, an age set off after a child or a name in brackets
    // ("boy, 10 months,", "child (approx 18 months)"), a range's second
    // day ("26/9–6/10"), Dot (Dorothy): blind29 names 314/323 (97.2%),
    // structured 291/291; blind30 243/245. At the bars, in BARS_OVER
    // since. An institution's own acronym in brackets after its name,
    // and wherever else the text uses it ("… Arts (IADPA)"): blind29
    // names 316/323.
    ("blind29", 0.978, 0.99, 0.3),
    ("blind30", 0.984, 0.99, 0.4),
    // blind31 and blind32 (written blind at the start of the stop after
    // 29, first run at 27c2d99 before any rule of the stop): blind31
    // names 321/360 (89.2%), structured 315/327 (96.3%), 0.11 false
    // positives per 1,000; blind32 401/415 (96.6%), 432/442 (97.7%), 0.25.
    // Then letters heading a dated entry or signing a paragraph after its
    // full stop, whoever signs after a signing label, names quoted after
    // "saved as" or "in the name", lines typed in lower case, Eircodes,
    // collar, bleep and supply numbers, a weekday's day and month typed in
    // lower case, a GP's practice, credit unions and studios; two key
    // rows that are kinship words in the family's language ("babcia",
    // "Baba") out: blind31 names 340/354 (96.0%), structured 324/327;
    // blind32 408/415, 439/442, in BARS_OVER since.
    ("blind31", 0.96, 0.99, 0.15),
    ("blind32", 0.983, 0.993, 0.3),
    // blind33 and blind34 (written blind at the stop's start, held out
    // until 3100d57, after blind31-32's rules; ISO timestamps keyed cut at
    // their "T" given whole, "Alloa Town Hall", a council's public hall by
    // its town, out): blind33 names 325/335 (97.0%), structured 381/394
    // (96.7%), 0.24 false positives per 1,000; blind34 369/391 (94.4%),
    // 352/365 (96.4%), 1.17. Then counties and islanders as terms,
    // foodbanks, Mc-surname initials ("AMcD"), a list of signers, a
    // signature with a full stop ("Initialled HSM."), a worker signing
    // "Ruairidh M. (instructor)" is no Vancouver citation, sort codes by
    // "branch code" or before an account, a card's four groups of four,
    // grid references, "15JAN26", "G.S. 21.02.25", PNR and request cues;
    // one key row of a month and year ("Feb 2026") out: blind33 names
    // 329/335 (98.2%), structured 388/394 (98.5%), 0.24; blind34 375/391
    // (95.9%), 354/364 (97.3%), 0.70.
    ("blind33", 0.982, 0.984, 0.3),
    ("blind34", 0.959, 0.972, 0.75),
    // blind35 (a trampoline park, a bike project, a golf club's juniors, a
    // youth theatre, a Polish Saturday school, a uniform bank, child
    // witness support, a pupil's planner; Fife, Falkirk, East Lothian) and
    // blind36 (a school hostel, a dispensing practice's deliveries, an
    // apprentice's pastoral file, a holiday let's messages, a pipe band's
    // tour, a grazings clerk, a benefit appeal, parents' evening; Inverclyde,
    // North Ayrshire, the Western Isles), written blind at stop 31's start
    // and run at 0e953cd before any rule was made for them ("Bayview
    // Stadium", a public stadium, and "Babcia", a kinship word, out of the
    // key): blind35 names 483/504 (95.8%), structured 392/403 (97.3%), 0.12
    // false positives per 1,000; blind36 380/409 (92.9%), 358/367 (97.5%),
    // 1.18. Then initials a name is given in brackets ("Kirsty-Ann MacLeod
    // (KAM)", "(Abdul Rahman, AR)"), lower-case sign-offs with no vowel or
    // glossed by a name ("— signed dg (Davie Gourlay)", "— dmcg"), "— G.",
    // "miss cheung", a series by its last digits ("to -0338"), the lines of
    // an address before its postcode in one field, crofts by number,
    // booking codes in an id column, a sheriff court's case number,
    // listings, months in Polish, Romanian, Lithuanian and Gaelic, a
    // medical group, a fish bar, a bike project, a skills centre: blind35
    // names 493/504 (97.8%), structured 398/403 (98.8%), 0.12; blind36
    // 396/409 (96.8%), 363/367 (98.9%), 1.18 (towns below council level,
    // flagged by design, are seven of its nine).
    ("blind35", 0.978, 0.995, 0.15),
    ("blind36", 0.98, 0.991, 1.2),
    // blind37 (an ice rink, a school photographer, a funeral director, a
    // ranger, a student nurse, a court reporter, a youth foyer, a Google
    // Classroom export; Dundee, Angus, Perth and Kinross) and blind38 (a
    // funeral director, a driving instructor, farm accommodation, a
    // pawnbroker, a barber's bookings, an MP's caseworker, tenants'
    // minutes, a P6 journal; Glasgow's East End, South Lanarkshire,
    // Dumfries and Galloway), written blind at stop 31's start and held out
    // until f6f4aef, after blind35-36's rules ("Blairgowrie Town Hall", a
    // council's hall by its town, and "Western Cemetery", a public
    // cemetery, out of the key): blind37 names 393/405 (97.0%), structured
    // 378/393 (96.2%), 0.46 false positives per 1,000; blind38 347/350
    // (99.1%), 365/373 (97.9%), 0.00. Then numbers abroad dialled with
    // "00", logins in brackets that spell the name before them, invoice
    // and lair cues, a dash between an entry's date and its initials,
    // clubs by their sport: blind37 names 394/405 (97.3%), structured
    // 385/393 (98.0%); blind38 347/350, 367/373 (98.4%). Then phone
    // numbers said aloud or typed with letters for digits, and names in
    // bold no longer read as italic titles: blind37 395/405 (97.5%),
    // 387/393 (98.5%). Then plates in a table's registration column, an
    // age said of a person ("who is 5 months"), a name's age closed by a
    // bracket or a quote: blind37 388/393 (98.7%); blind38 368/373
    // (98.7%). Then a dotted day and month where a date stands ("back
    // 20.08", a diary's "**22.04**"): blind37 389/393 (99.0%); blind38
    // 369/373 (98.9%).
    ("blind37", 0.977, 0.992, 0.5),
    ("blind38", 0.991, 0.989, 0.1),
    // blind39 (a common riding's marshals, a riding school, tram penalty
    // fares, an environmental health noise log, a care home's visitors, a
    // locksmith's job sheets, a payday lender, a child's views form;
    // Edinburgh, Midlothian, the Borders) and blind40 (a toy appeal, a
    // distillery's incident book, a mobile library, a shinty club, a
    // community alarm centre, a climbing wall, an army welfare referral, a
    // Homes for Ukraine host; Aberdeen, Moray, Highland), written blind at
    // stop 31 and held out until 9b90793, after blind35-38's rules (a
    // leisure centre, a council area's advocacy service and a park out of
    // the key; "Kowalczyk" keyed as the text's "Kowalczyks"): blind39
    // names 365/366 (99.7%), structured 271/275 (98.5%), 0.85 false
    // positives per 1,000; blind40 443/450 (98.4%), 383/390 (98.2%), 0.78.
    // Then three key rows out (two review ids, public names; a whole-year
    // age), initials given before a bracketed name ("AR (Amir Rahman)"),
    // voucher cues; false positives: the forces' acronyms (RAF), messaging
    // apps, a language's own names in a row ("廣東話 / 粵語 (Cantonese)",
    // "Vosa Vakaviti"), a town's "Learning Reviews": blind39 names 365/366,
    // structured 272/274 (99.3%), 0.71; blind40 445/450 (98.9%), 383/388
    // (98.7%), 0.11. Then a day alone after a preposition ("on the 9th
    // asking") and an email header's display name: blind39 366/366,
    // 273/274 (99.6%).
    ("blind39", 1.0, 0.996, 0.75),
    ("blind40", 0.988, 0.992, 0.15),
    // blind41 (a janitor's log, a boxing gym's export, pest control jobs,
    // a scout group's nights away, a crossing patrol's notebook, Best
    // Start Grant notes, a cinema's incident log, a community garden;
    // West Lothian, North Lanarkshire, Stirling) and blind42 (a curling
    // rink's juniors, a mart's welfare book, an employee counselling
    // referral, a takeaway's order export, a kirk's visiting book, young
    // farmers' minutes, a community council's inbox, a cinema's incident
    // log; Ayrshire, Orkney, Caithness), written blind at stop 31 and held
    // out until a1fcdc7, after every rule of the stop (public places and
    // bodies, "Nana", out of the key; ISO timestamps keyed cut at their
    // "T" given whole): blind41 names 435/440 (98.9%), structured 343/350
    // (98.0%), 0.83 false positives per 1,000; blind42 435/444 (98.0%),
    // 425/430 (98.8%), 0.73. Then a table's date column, PO boxes,
    // spaced pass and PVG numbers, banned-list entries and badges: blind41
    // 436/440 (99.1%), 346/350 (98.9%); blind42 435/444, 426/430 (99.1%).
    ("blind41", 0.99, 0.991, 0.85),
    ("blind42", 0.979, 0.99, 0.75),
    // blind43 (a trading standards vape log, ESOL tutor's notes, a
    // boatyard's moorings, a nail bar's bookings, a soft play's parties, a
    // young person's letter, a village hall's minutes, a car hire branch;
    // Glasgow's South Side, East Renfrewshire, Argyll) and blind44 (a
    // sailing club's regatta, an optician, a caravan park's reception
    // book, an allotment association, a DofE expedition, a furniture
    // charity's deliveries, a school's medicines record, a pupil's
    // personal statement; the East Neuk, Dundee, Aberdeenshire), written
    // blind at stop 31 and held out until 029347c, after every rule of the
    // stop (a team's line, a review team's mailbox, a council hall and an
    // institute out of the key): blind43 names 432/456 (94.7%), structured
    // 358/364 (98.4%), 0.82 false positives per 1,000; blind44 562/570
    // (98.6%), 368/374 (98.4%), 2.80. Then a plural of a word after a
    // relation is no name ("partner Committees", which every later
    // "Committees" followed), "Parents: Children" in a title, a language's
    // own name in brackets ("Polish (Polski)"): blind44 1.12. At stop 32,
    // their misses worked on in their general forms (a list of children in
    // lower case, a lower-case or quoted part of a name found in full, a
    // writer's initials at a line's edges, a second nickname after
    // "called me", a business's name quoted after its kind or before its
    // address, "the manager at", licence numbers, "#40236", two prefixes
    // and a two-digit year, a trunk 0 typed apart, a day before a clock
    // time; a charity's public referral page out of blind44's key):
    // blind43 451/456 (98.9%), 363/364 (99.7%), at the bars, in BARS_OVER
    // since; blind44 564/570 (98.9%), 373/373.
    ("blind43", 0.989, 0.997, 0.85),
    ("blind44", 0.989, 1.0, 1.15),
    // blind45 (a post office counter's notebook, a youth employability
    // tracker, a dog warden's log, a guest house register, a bowling
    // club's juniors, a repairs line's call transcripts, a father's account
    // of sextortion, an airport's unaccompanied minors; West
    // Dunbartonshire, Renfrewshire, Bute) and blind46 (prison throughcare,
    // an Up Helly Aa squad, a housing bidding export, an employability
    // tracker, a filling station's night book, a mobile shop's tick book,
    // a code club's Discord export, child employment permits;
    // Clackmannanshire, Perth and Kinross, Shetland), written blind at
    // stop 32 and held out until 2defcb8 (a college, a library, a
    // community hall and a community centre out of blind46's key):
    // blind45 names 433/446 (97.1%), structured 363/383 (94.8%), 0.26
    // false positives per 1,000; blind46 404/427 (94.6%), 381/396
    // (96.2%), 1.67. Then, in their general forms: id columns headed by
    // whose number it is ("squad_no", "LOG#", "card_last4", "pnr"); a
    // worker's code in brackets after their name; a user id of twelve
    // digits or more; a digit for a letter in a user name ("bl0ckhead");
    // a boat's number after "boat is the"; a name before a mobile or an
    // extension; "(initials JRB)"; a name quoted after who they are
    // ("owner \"Mags\""); a saint's church alone after "at" or "to";
    // kennels and newsagents; and against false positives, a list of a
    // leaflet's titles in its languages, Scots words, "DMs", a name-word
    // opening a numbered heading, a club's kind ("Breakfast club") and a
    // relative's place ("Daddy's House"); a kinship word and a housing
    // association out of the keys: blind45 437/445 (98.2%), 375/383
    // (97.9%), 0.13; blind46 406/426 (95.3%), 395/396 (99.7%), 0.24.
    ("blind45", 0.982, 0.979, 0.15),
    ("blind46", 0.953, 0.997, 0.25),
    // blind47 (a food pantry's route sheets, a community radio phone-in,
    // bike hire agreements, a health centre's message book, a party
    // entertainer's bookings, a gala's first-aid log, a pupil voice
    // export, a breastfeeding peer supporter's notes; Leith, Granton,
    // Pilton, East Dunbartonshire, Arran) and blind48 (a GP reception's
    // message book, a crèche register, a courier's exceptions log, a
    // missing person search log, a creel boat's crew file, a youth café's
    // notes, a kayak centre's bookings, a salon's book; Kirkcaldy,
    // Levenmouth, Stranraer, Skye and Lochalsh), written blind at stop 32
    // and held out until d20ad3e (review ids, sports and leisure centres,
    // a town hall, a library, a community centre and a play park out of
    // the keys; two ISO timestamps keyed whole): blind47 names 438/469
    // (93.4%), structured 350/364 (96.2%), 0.92 false positives per
    // 1,000; blind48 416/430 (96.7%), 349/355 (98.3%), 1.91. Then a names
    // column in a register's export ("child", "client", "first_name"),
    // a signer after "taken by" or "driver:" in lower case, lower-case
    // initials closing a dated heading, a nickname in quotes beside the
    // full name it stands for, a business's kind after its quoted name,
    // hire firms, bank account numbers (IBAN); a review id out of
    // blind47's key: blind47 454/469 (96.8%), 351/363 (96.6%); blind48
    // 420/430 (97.6%). Then a header in camel case ("ResponseID") and a
    // survey's response numbers, a boat's number after "PLN:": blind47
    // structured 356/363 (98.0%), blind48 351/355 (98.8%); a log's
    // "sheet" as a cue and an age after a name: blind47 359/363 (98.9%).
    ("blind47", 0.968, 0.988, 0.95),
    ("blind48", 0.976, 0.988, 1.8),
    // blind49 (a chandlery's tick ledger, a forces families' office log,
    // Highland games entries, a launderette's concern book, a youth
    // hostel's night book, a ski lift pass office, a phone repair shop's
    // tickets, a grandmother's letter in Gaelic and English; Inverness,
    // Nairn, Strathspey, the Moray coast) and blind50 (a panto
    // chaperone's log, canal volunteers, a launderette's notebook, a car
    // wash referral, debt collection notes, a class parents' WhatsApp, a
    // bingo hall's welfare records, a teenager's notes app; Glasgow's
    // north, East Ayrshire, Dumfries), written blind at stop 32 and held
    // out until da081d9, after every rule of the stop (halls, a
    // community centre, a car park, a housing co-operative and a kinship
    // word out of the keys): blind49 names 339/348 (97.4%), structured
    // 387/398 (97.2%), 1.07 false positives per 1,000; blind50 461/472
    // (97.6%), 345/356 (96.9%), 1.27. Then years and months said of
    // someone, a name glossed in brackets, citations with Irish
    // particles, an age after a name ("Kofi is 18 months"): blind49
    // 340/348, 388/398; blind50 463/472, 347/356, 0.58.
    ("blind49", 0.977, 0.974, 1.1),
    ("blind50", 0.98, 0.974, 0.6),
    // Written by recall12 before its rules, for the forms left after
    // blind10-13's first runs (tests/eval/recall12-probe/README.md):
    // bracketed ages, a day and month in a message, hotels and car parks,
    // an initial and a word surname, word-names in context, 440 names of
    // 20 communities; clean: scholars cited every way, reference dates,
    // languages in their own names. Before: names 451/472, structured
    // 7/14, 64 false positives in 953 clean words. A second batch of
    // word-names first ran at 9/17; a third of every kind, written after
    // the rules, at names 10/13, structured 6/7, 1 false positive in 198
    // words; a fourth, clean prose near the new rules' cues, 5 in 191
    // words ("C Block", a list of authors before "argue"). After: names
    // 493/502, structured 21/21, 5 false positives in 1,342 words (its
    // clean half is too short for BARS_OVER).
    ("recall12-probe", 0.982, 1.0, 3.8),
    // Written by recall13 before its rules, for the classes of blind17-18's
    // first runs (tests/eval/recall13-probe/README.md): surnames after a
    // collar number, names addressed in chat, quoted nicknames and
    // handles, local businesses, charities' local services, hospitals
    // after a department, flats and house numbers; clean: scholars without
    // a year, initials-first notes, acronyms, field jargon. Before: names
    // 41/66, structured 1/2, 38 false positives in 672 words; a second
    // batch, written after the first rules, first ran at names 16/21,
    // structured 1/1, 1 false positive in 175 words; a third, after the
    // second's rules, at names 19/19, structured 1/1, 2 in 169 words; a
    // fourth, clean prose near every new cue, at 6 in 212 words. After:
    // names 106/106, structured 4/4, 0 in 1,247 words (too short for
    // BARS_OVER).
    ("recall13-probe", 1.0, 1.0, 1.0),
];

/// The corpora the bars hold over together; a corpus joins once it meets
/// them on its own.
const BARS_OVER: &[&str] = &[
    "blind1",
    "blind2",
    "blind3",
    "blind4",
    "blind5",
    "blind6",
    "blind7",
    "blind8",
    "blind9",
    "blind10",
    "blind11",
    "blind12",
    "blind13",
    "blind16",
    "blind17",
    "blind18",
    "blind19",
    "blind20",
    "blind21",
    "blind22",
    "blind23",
    "blind24",
    "blind25",
    "blind26",
    "blind27",
    "blind28",
    "blind29",
    "blind30",
    "blind32",
    // Stop 31's corpora at the bars after the stop's rules.
    "blind35",
    "blind37",
    "blind38",
    "blind39",
    "blind40",
    "blind41",
    "blind42",
    // Stop 32: blind43 after the stop's first rules.
    "blind43",
    "recall6-probe",
    "recall10-probe",
];

fn share((found, all): (usize, usize)) -> f64 {
    found as f64 / all.max(1) as f64
}

#[test]
fn the_gate_meets_the_bars_on_corpora_written_apart_from_it() {
    let mut all = Recall::default();
    let (mut words, mut false_positives) = (0usize, Vec::new());
    let mut per_corpus = Vec::new();
    let mut below = Vec::new();
    let (mut shown_misses, mut shown_fp) = (Vec::new(), Vec::new());
    for set in corpora() {
        let allow = lines_of(&set.join("clean/allow.txt"));
        let review_ids = lines_of(&set.join("clean/review_ids.txt"));
        let mut recall = Recall::default();
        planted(
            &gate_for(&allow, Some(&set.join("planted/register.toml"))),
            &set.join("planted"),
            &mut recall,
        );
        let (w, fp) = clean(&gate_for(&allow, None), &set.join("clean"), &review_ids);
        per_corpus.push(format!(
            "{}: registered {}/{}, names and places {}/{}, structured {}/{}, {} false positives in {w} clean words ({:.2} per 1,000)",
            set.file_name().unwrap_or_default().to_string_lossy(),
            recall.registered.0,
            recall.registered.1,
            recall.names.0,
            recall.names.1,
            recall.structured.0,
            recall.structured.1,
            fp.len(),
            fp.len() as f64 * 1000.0 / w.max(1) as f64,
        ));
        let name = set.file_name().unwrap_or_default().to_string_lossy();
        let floor = FLOORS.iter().find(|f| f.0 == name);
        let (_, min_names, min_structured, max_rate) =
            floor.unwrap_or_else(|| panic!("{name}: give the corpus its floors in FLOORS"));
        let rate = fp.len() as f64 * 1000.0 / w.max(1) as f64;
        below.extend(
            [
                (share(recall.names) < *min_names, "names"),
                (share(recall.structured) < *min_structured, "structured"),
                (rate > *max_rate, "false positives"),
                (recall.registered.0 != recall.registered.1, "registered"),
            ]
            .into_iter()
            .filter(|c| c.0)
            .map(|c| format!("{name}: {} below its floor", c.1)),
        );
        shown_misses.extend(recall.misses.iter().cloned());
        shown_fp.extend(fp.iter().cloned());
        if !BARS_OVER.contains(&name.as_ref()) {
            continue;
        }
        all.add(&recall);
        words += w;
        false_positives.extend(fp);
    }
    let per_thousand = false_positives.len() as f64 * 1000.0 / words.max(1) as f64;
    let report = format!(
        "{}\nall held to the bars ({}): registered {}/{}, names and places {}/{}, structured {}/{}, clean {} hits in {words} words ({per_thousand:.2} per 1,000)\nby kind (found, planted): {:?}\nmissed:\n{}\nfalse positives:\n{}",
        per_corpus.join("\n"),
        BARS_OVER.join(", "),
        all.registered.0,
        all.registered.1,
        all.names.0,
        all.names.1,
        all.structured.0,
        all.structured.1,
        false_positives.len(),
        all.by_kind,
        shown_misses.join("\n"),
        shown_fp.join("\n"),
    );
    // Shown with --nocapture: the figures behind the bars.
    eprintln!("{report}");
    assert!(below.is_empty(), "{}\n{report}", below.join("\n"));
    assert!(
        words > 10_000 && all.names.1 > 50 && all.structured.1 > 50,
        "{report}"
    );
    assert!(
        all.registered.0 == all.registered.1,
        "a registered identifier missed\n{report}"
    );
    assert!(share(all.names) >= 0.97, "names below 97%\n{report}");
    assert!(
        share(all.structured) >= 0.99,
        "structured below 99%\n{report}"
    );
    assert!(
        per_thousand <= 1.0,
        "over 1 false positive per 1,000 words\n{report}"
    );
}
