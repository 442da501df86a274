//! Writes a generated clearhouse corpus for benchmarks: valid, signed off,
//! gate-clean sites of N items with realistic size and shape, deterministic
//! from a seed.
//!
//!     cargo run --release --bin gen-corpus -- --items 2000 --out /tmp/corpus [--areas 3] [--seed 7] [--plain]
//!
//! With one area OUT is a local site. With K > 1 areas, OUT/areas/<area>/ are
//! K local sites and OUT/national/ a national site over their bundles
//! (build the areas first). `--plain` also writes OUT-plain/: the same text
//! as plain Markdown with minimal front matter, for other generators.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use clap::Parser;
use clearhouse::content::body_sha256;
use clearhouse::content::vocab::{CONCERNS, PRACTICE};

#[derive(Parser)]
#[command(about = "Generate a benchmark corpus of clearhouse sites")]
struct Args {
    /// Number of items in total (split evenly across areas).
    #[arg(long)]
    items: usize,
    /// Output folder (created; must not exist or be empty).
    #[arg(long)]
    out: PathBuf,
    /// Number of CPC areas.
    #[arg(long, default_value_t = 1)]
    areas: usize,
    /// Seed for the generator.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Also write the text as plain Markdown for other generators.
    #[arg(long)]
    plain: bool,
}

/// splitmix64: small, fast and deterministic across platforms.
struct Rng(u64);

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

fn body(rng: &mut Rng, target_words: usize) -> String {
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

/// One item's file text and its plain-Markdown twin.
fn item(rng: &mut Rng, area_code: &str, index: usize) -> (String, String, String) {
    let is_report = rng.below(10) < 3;
    let year = 2019 + rng.below(7);
    let review_id = format!("{area_code}-{year}-{index:05}");
    let target_words = if is_report {
        rng.range(4000, 10000)
    } else {
        rng.range(800, 2000)
    };
    let body = body(rng, target_words);
    let sha = body_sha256(&body);
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
    let _ = writeln!(fm, "\n[signoff]\ncpc = {{ date = {}-{month:02}-01, sha256 = \"{sha}\" }}\ncog = {{ date = {}-{month:02}-08, sha256 = \"{sha}\" }}", year + 1, year + 1);
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
    for _ in 0..rng.range(1, 3) {
        let _ = writeln!(
            fm,
            "\n[[effective_practice]]\ntitle = \"{}\"\nwhy = \"{}\"",
            rng.pick(REFLECTIONS).trim_end_matches('.'),
            sentence(rng)
        );
    }
    for _ in 0..rng.range(2, 6) {
        let responsible_count = rng.range(1, 3);
        let responsible: Vec<&str> = (0..responsible_count)
            .map(|_| ORGANISATIONS[rng.skewed(ORGANISATIONS.len())])
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect();
        let _ = writeln!(
            fm,
            "\n[[strategies]]\ntitle = \"Improve how agencies respond to {}\"",
            rng.pick(OBJECTS)
        );
        let _ = writeln!(fm, "themes = {}", toml_list(&item_themes[..1]));
        let _ = writeln!(
            fm,
            "case_for_change = \"{} {}\"",
            sentence(rng),
            sentence(rng)
        );
        let _ = writeln!(fm, "learning = \"{}\"", sentence(rng));
        let _ = writeln!(fm, "evidence = \"{}\"", sentence(rng));
        let _ = writeln!(fm, "responsible = {}", toml_list(&responsible));
        if rng.below(8) != 0 {
            let _ = writeln!(fm, "review = {{ outcomes = \"{}\", by = \"{}-{:02}\", resources = \"Training and audit time.\" }}", sentence(rng), year + 2 + rng.below(3), rng.range(1, 12));
        }
    }
    let file = format!("+++\n{fm}+++\n{body}");
    let plain = format!(
        "+++\ntitle = \"{title}\"\ndate = {}-{month:02}-15\n+++\n{body}",
        year + 1
    );
    (
        review_id.to_lowercase(),
        if is_report {
            "reports".into()
        } else {
            "summaries".into()
        },
        format!("{file}\u{0}{plain}"),
    )
}

fn write(path: &Path, text: &str) {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).expect("create folder");
    }
    std::fs::write(path, text).expect("write file");
}

fn local_site(
    dir: &Path,
    plain_dir: Option<&Path>,
    area: &str,
    code: &str,
    items: usize,
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
        let (slug, folder, both) = item(rng, code, index);
        let (file, plain) = both.split_once('\u{0}').expect("two parts");
        write(
            &dir.join("content").join(&folder).join(format!("{slug}.md")),
            file,
        );
        if let Some(plain_dir) = plain_dir {
            write(&plain_dir.join("content").join(format!("{slug}.md")), plain);
        }
    }
}

fn main() {
    let args = Args::parse();
    if args.out.exists()
        && std::fs::read_dir(&args.out)
            .map(|mut d| d.next().is_some())
            .unwrap_or(false)
    {
        eprintln!("error: {} exists and is not empty", args.out.display());
        std::process::exit(2);
    }
    let mut rng = Rng(args.seed);
    let plain_root = args
        .plain
        .then(|| PathBuf::from(format!("{}-plain", args.out.display())));
    if args.areas <= 1 {
        local_site(
            &args.out,
            plain_root.as_deref(),
            "Benchmark CPC",
            "bm",
            args.items,
            &mut rng,
        );
    } else {
        let mut sources = String::new();
        for a in 0..args.areas {
            let area = format!("Area {}", a + 1);
            let code = format!("a{}", a + 1);
            let share = args.items / args.areas + usize::from(a < args.items % args.areas);
            let plain = plain_root.as_ref().map(|p| p.join(&code));
            local_site(
                &args.out.join("areas").join(&code),
                plain.as_deref(),
                &area,
                &code,
                share,
                &mut rng,
            );
            let _ = write!(sources, "\n[[sources]]\narea = \"{area}\"\nbundle = \"../areas/{code}/public/learning-bundle.json\"\n");
        }
        write(
            &args.out.join("national/config.toml"),
            &format!("title = \"Learning from reviews across Scotland\"\nbase_url = \"https://national.example.scot/\"\nscope = \"national\"\n\n[gate]\nallow = [\"Police Scotland\", \"CPC\", \"GP\"]\n{sources}"),
        );
    }
    println!(
        "wrote {} item(s) in {} area(s) to {}",
        args.items,
        args.areas.max(1),
        args.out.display()
    );
}
