//! Generated corpora for benchmarks and scale tests: valid, signed off,
//! gate-clean sites of any size with the shape of real Learning Review
//! publications, deterministic from a seed. Two profiles:
//!
//! - `Standard`: 70% summaries of 800–2,000 words, 30% reports of
//!   4,000–10,000 words, 2–6 strategies of a sentence or two each, skewed
//!   themes (about 24 KB an item);
//! - `Heavy`: what published reviews with full CLEAR strategies look like —
//!   half reports of 3,500–5,500 words and half summaries of 1,800–2,800,
//!   5–7 strategies whose CLEAR components are paragraphs, 3–5 examples of
//!   effective practice with a paragraph each (about 35 KB an item).
//!
//! Used by the `gen-corpus` binary and the benchmarks.

use std::fmt::Write as _;
use std::path::Path;

use crate::content::vocab::{CONCERNS, PRACTICE};

/// splitmix64: small, fast and deterministic across platforms.
pub struct Rng(pub u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn range(&mut self, low: usize, high: usize) -> usize {
        low + self.below(high - low + 1)
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }

    /// Zipf-like skew: low indexes are much more likely.
    fn skewed(&mut self, n: usize) -> usize {
        let u = (self.next() >> 11) as f64 / (1u64 << 53) as f64;
        ((n as f64).powf(u) - 1.0).floor() as usize % n
    }
}

const ACTORS: &[&str] = &[
    "Child A",
    "Mother",
    "Father",
    "Sibling 1",
    "Health Visitor 1",
    "Practitioner B",
    "Teacher 1",
    "Social Worker 2",
    "the Named Person",
    "the health visitor",
    "the school",
    "children's social work",
    "the police",
    "the GP",
    "the nursery",
    "adult mental health services",
    "the housing officer",
    "the midwife",
    "the Review Team",
    "the lead professional",
    "Police Officer 1",
    "Midwife 1",
];
const VERBS: &[&str] = &[
    "recorded",
    "shared",
    "noticed",
    "raised",
    "discussed",
    "assessed",
    "reviewed",
    "escalated",
    "explained",
    "described",
    "questioned",
    "considered",
    "missed",
    "followed up",
    "reported",
];
const OBJECTS: &[&str] = &[
    "concerns about the home",
    "the pattern of missed appointments",
    "what the child said",
    "the risk to the baby",
    "the impact of parental drinking",
    "the family's debts",
    "bruising that had not been explained",
    "the child's attendance at school",
    "the views of the children",
    "a history of domestic abuse",
    "the condition of the house",
    "the plan agreed at the last meeting",
    "the referral from the school",
    "worries about online contact",
    "the change in the young person's behaviour",
    "the need for a combined chronology",
];
const TIMES: &[&str] = &[
    "in the spring",
    "later that year",
    "over several months",
    "at the next visit",
    "in the autumn",
    "within a week",
    "during the summer holidays",
    "before the meeting",
    "after the birth",
    "over the following year",
    "at the review",
    "the same day",
];
const REFLECTIONS: &[&str] = &[
    "This was a missed opportunity to bring together what agencies knew.",
    "In the Review Team's view, the children's own words were the clearest evidence.",
    "Practitioners told the review that they had felt unsure who held the full picture.",
    "The records show that each concern was judged on its own.",
    "No single agency held all of the information that mattered.",
    "Supervision gave practitioners little time to reflect on the family as a whole.",
    "Thresholds were applied to each referral rather than to the accumulation of concerns.",
    "The learning session helped practitioners to see the case through the child's eyes.",
    "Professional curiosity would have prompted questions about who else lived in the home.",
    "The plan was not reviewed when circumstances changed.",
];
const HEADINGS: &[&str] = &[
    "Information held by agencies was not brought together",
    "The voice of the child was not always heard",
    "Missed appointments were read as the family's choice",
    "Assessment did not keep pace with change",
    "Supervision and support for practitioners",
    "Working with fathers and partners",
    "Transitions between services",
    "Escalation when plans drifted",
];
const ORGANISATIONS: &[&str] = &[
    "Health board",
    "Children's social work",
    "Education services",
    "Police Scotland",
    "Housing services",
    "Adult mental health services",
    "Alcohol and drug partnership",
    "Third sector partners",
    "CPC learning and development group",
    "General practice",
];
const AGENCIES: &[&str] = &[
    "health",
    "social-work",
    "police",
    "education",
    "housing",
    "third-sector",
];
const AGE_BANDS: &[&str] = &[
    "pre-birth",
    "under-1",
    "1-4",
    "5-10",
    "11-15",
    "16-17",
    "18-25",
];
const TRIGGERS: &[&str] = &["died", "significant-harm", "at-risk", "effective-practice"];

fn sentence(rng: &mut Rng) -> String {
    if rng.below(4) == 0 {
        return rng.pick(REFLECTIONS).to_string();
    }
    let actor = rng.pick(ACTORS);
    let mut s = format!(
        "{} {} {} {}.",
        actor,
        rng.pick(VERBS),
        rng.pick(OBJECTS),
        rng.pick(TIMES)
    );
    if let Some(first) = s.get_mut(0..1) {
        first.make_ascii_uppercase();
    }
    s
}

fn paragraph(rng: &mut Rng, words: &mut usize) -> String {
    let mut p = String::new();
    for _ in 0..rng.range(3, 7) {
        let s = sentence(rng);
        *words += s.split_whitespace().count();
        if !p.is_empty() {
            p.push(' ');
        }
        p.push_str(&s);
    }
    p
}

/// A Markdown body of about `target_words` words in the guidance's sections.
pub fn body(rng: &mut Rng, target_words: usize) -> String {
    let mut words = 0;
    let mut text = String::new();
    let sections = [
        "How the review was conducted",
        "Circumstances that led to the review",
        "Practice and organisational learning",
        "Effective practice",
        "Strategies for improvement",
    ];
    let per_section = target_words / sections.len();
    for section in sections {
        let _ = writeln!(text, "## {section}\n");
        let start = words;
        while words - start < per_section {
            if section.starts_with("Practice") && rng.below(3) == 0 {
                let _ = writeln!(text, "### {}\n", rng.pick(HEADINGS));
            }
            match rng.below(12) {
                0 => {
                    for _ in 0..rng.range(3, 5) {
                        let s = sentence(rng);
                        words += s.split_whitespace().count();
                        let _ = writeln!(text, "- {s}");
                    }
                    text.push('\n');
                }
                1 => {
                    text.push_str("| Agency | Contacts | Concerns shared |\n|---|---|---|\n");
                    for agency in AGENCIES.iter().take(rng.range(2, 5)) {
                        let _ = writeln!(
                            text,
                            "| {agency} | {} | {} |",
                            rng.range(2, 40),
                            rng.range(0, 9)
                        );
                        words += 3;
                    }
                    text.push('\n');
                }
                _ => {
                    let p = paragraph(rng, &mut words);
                    let _ = writeln!(text, "{p}\n");
                }
            }
        }
    }
    text
}

fn toml_list(items: &[&str]) -> String {
    let quoted: Vec<String> = items.iter().map(|i| format!("\"{i}\"")).collect();
    format!("[{}]", quoted.join(", "))
}

fn themes(rng: &mut Rng, n: usize) -> Vec<&'static str> {
    let all: Vec<&str> = CONCERNS.iter().chain(PRACTICE.iter()).copied().collect();
    let mut chosen: Vec<&str> = Vec::new();
    while chosen.len() < n {
        let t = all[rng.skewed(all.len())];
        if !chosen.contains(&t) {
            chosen.push(t);
        }
    }
    chosen
}

/// The shape of the generated items (see the module documentation).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Profile {
    #[default]
    Standard,
    Heavy,
}

/// One generated item: its file text and a plain-Markdown twin.
pub struct GeneratedItem {
    /// File stem: the review_id in lower case.
    pub slug: String,
    /// `reports` or `summaries`.
    pub folder: &'static str,
    pub file: String,
    /// The same body with minimal front matter, for other generators.
    pub plain: String,
}

pub fn item(rng: &mut Rng, area_code: &str, index: usize, profile: Profile) -> GeneratedItem {
    let heavy = profile == Profile::Heavy;
    let is_report = if heavy {
        rng.below(2) == 0
    } else {
        rng.below(10) < 3
    };
    let year = 2019 + rng.below(7);
    let review_id = format!("{area_code}-{year}-{index:05}");
    let target_words = match (heavy, is_report) {
        (false, true) => rng.range(4000, 10000),
        (false, false) => rng.range(800, 2000),
        (true, true) => rng.range(3500, 5500),
        (true, false) => rng.range(1800, 2800),
    };
    let body = body(rng, target_words);
    let theme_count = rng.range(2, 5);
    let item_themes = themes(rng, theme_count);
    let agency_count = rng.range(2, 4);
    let agencies: Vec<&str> = (0..agency_count)
        .map(|_| rng.pick(AGENCIES))
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    let title = format!("Learning from a review of {}", rng.pick(OBJECTS));
    let month = rng.range(1, 12);
    let mut fm = String::new();
    let _ = writeln!(fm, "title = \"{title}\"");
    let _ = writeln!(fm, "review_id = \"{review_id}\"");
    let _ = writeln!(
        fm,
        "kind = \"{}\"",
        if is_report { "report" } else { "summary" }
    );
    let _ = writeln!(fm, "published = {}-{month:02}-15", year + 1);
    let _ = writeln!(fm, "period = \"{}-{}\"", year - 2, year);
    let _ = writeln!(fm, "age_band = \"{}\"", rng.pick(AGE_BANDS));
    let _ = writeln!(fm, "trigger = \"{}\"", rng.pick(TRIGGERS));
    let _ = writeln!(fm, "themes = {}", toml_list(&item_themes));
    let _ = writeln!(fm, "agencies = {}", toml_list(&agencies));
    let _ = writeln!(fm, "\n[signoff]\ncpc = {{ date = {}-{month:02}-01, sha256 = \"{SIGNATURE}\" }}\ncog = {{ date = {}-{month:02}-08, sha256 = \"{SIGNATURE}\" }}", year + 1, year + 1);
    let _ = writeln!(
        fm,
        "\n[publication]\ndecision = \"{}\"\nfamily_consulted = true\nproceedings = \"{}\"",
        if is_report { "publish" } else { "summary-only" },
        if rng.below(2) == 0 {
            "none"
        } else {
            "concluded"
        }
    );
    // The plain twin carries the same strategy and practice text as the
    // item's page shows, so that other generators index the same words.
    let mut plain_extra = String::new();
    let mut unused = 0;
    let (practices, strategies) = if heavy {
        (rng.range(3, 5), rng.range(5, 7))
    } else {
        (rng.range(1, 3), rng.range(2, 6))
    };
    let mut text = |rng: &mut Rng| {
        if heavy {
            paragraph(rng, &mut unused)
        } else {
            sentence(rng)
        }
    };
    if practices > 0 {
        plain_extra.push_str("\n## Effective practice\n");
    }
    for _ in 0..practices {
        let title = rng.pick(REFLECTIONS).trim_end_matches('.');
        let why = text(rng);
        let _ = writeln!(
            fm,
            "\n[[effective_practice]]\ntitle = \"{title}\"\nwhy = \"{why}\""
        );
        let _ = write!(plain_extra, "\n### {title}\n\n{why}\n");
    }
    plain_extra.push_str("\n## Strategies for improvement\n");
    for _ in 0..strategies {
        let responsible_count = rng.range(1, 3);
        let responsible: Vec<&str> = (0..responsible_count)
            .map(|_| ORGANISATIONS[rng.skewed(ORGANISATIONS.len())])
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect();
        let title = format!("Improve how agencies respond to {}", rng.pick(OBJECTS));
        let case_for_change = if heavy {
            text(rng)
        } else {
            format!("{} {}", sentence(rng), sentence(rng))
        };
        let learning = text(rng);
        let evidence = text(rng);
        let _ = writeln!(fm, "\n[[strategies]]\ntitle = \"{title}\"");
        let _ = writeln!(fm, "themes = {}", toml_list(&item_themes[..1]));
        let _ = writeln!(fm, "case_for_change = \"{case_for_change}\"");
        let _ = writeln!(fm, "learning = \"{learning}\"");
        let _ = writeln!(fm, "evidence = \"{evidence}\"");
        let _ = writeln!(fm, "responsible = {}", toml_list(&responsible));
        let _ = write!(
            plain_extra,
            "\n### {title}\n\n{case_for_change}\n\n{learning}\n\n{evidence}\n\nResponsible: {}.\n",
            responsible.join(", ")
        );
        if rng.below(8) != 0 {
            let outcomes = text(rng);
            let by = format!("{}-{:02}", year + 2 + rng.below(3), rng.range(1, 12));
            let _ = writeln!(fm, "review = {{ outcomes = \"{outcomes}\", by = \"{by}\", resources = \"Training and audit time.\" }}");
            let _ = write!(plain_extra, "\n{outcomes} By {by}.\n");
        }
    }
    let file = signed(&format!("+++\n{fm}+++\n{body}"));
    let plain = format!(
        "+++\ntitle = \"{title}\"\ndate = {}-{month:02}-15\n+++\n{body}{plain_extra}",
        year + 1
    );
    GeneratedItem {
        slug: review_id.to_lowercase(),
        folder: if is_report { "reports" } else { "summaries" },
        file,
        plain,
    }
}

/// Stands for the signature until the item is whole.
const SIGNATURE: &str = "SIGNATURE";

/// The item with both sign-offs over it as it is (`content::signing`).
fn signed(text: &str) -> String {
    let split =
        crate::content::frontmatter::split(text).expect("generated items have front matter");
    text.replace(SIGNATURE, &crate::content::signing::signature(text, &split))
}

pub fn write(path: &Path, text: &str) {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).expect("create folder");
    }
    std::fs::write(path, text).expect("write file");
}

/// Writes one local site of `items` items (and optionally its plain twin).
pub fn local_site(
    dir: &Path,
    plain_dir: Option<&Path>,
    area: &str,
    code: &str,
    items: usize,
    profile: Profile,
    rng: &mut Rng,
) {
    write(
        &dir.join("config.toml"),
        &format!("title = \"Learning from reviews: {area}\"\nbase_url = \"https://{code}.example.scot/\"\nscope = \"local\"\narea = \"{area}\"\n\n[gate]\nregister = \"private/register.toml\"\nallow = [\"Police Scotland\", \"CPC\", \"GP\"]\n"),
    );
    // A register of names that never occur, so that the post-build scan
    // does its real work.
    write(
        &dir.join("private/register.toml"),
        "[[identifier]]\ntext = \"Orlaith Brannigan\"\nkind = \"person-name\"\nreplacement = \"Child A\"\n\n[[identifier]]\ntext = \"14 Quarrybrae Loan\"\nkind = \"address\"\nreplacement = \"the family home\"\n",
    );
    for index in 0..items {
        let GeneratedItem {
            slug,
            folder,
            file,
            plain,
        } = item(rng, code, index, profile);
        write(
            &dir.join("content").join(folder).join(format!("{slug}.md")),
            &file,
        );
        if let Some(plain_dir) = plain_dir {
            write(
                &plain_dir.join("content").join(format!("{slug}.md")),
                &plain,
            );
        }
    }
}
