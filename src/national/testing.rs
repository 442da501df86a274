//! Fictional items and sites shared by this module's unit tests.

use std::path::PathBuf;

use crate::config::Config;
use crate::content::{self, Day, ItemKind};
use crate::site::Site;
use crate::source::SourceText;

/// The day the tests run "as of" (the same as the integration tests').
pub fn today() -> Day {
    Day::parse("2026-11-26").unwrap()
}

/// A report on neglect with two strategies, one lacking its review plan.
/// `BODY_SHA256` is replaced with the body's hash by `signed`.
pub const ITEM_NEGLECT: &str = r#"+++
title = "Learning from a review of neglect"
review_id = "NO-2024-01"
kind = "report"
published = 2025-03-01
period = "2021-2023"
age_band = "1-4"
themes = ["neglect", "information-sharing"]
agencies = ["health", "social-work"]

[signoff]
cpc = { date = 2025-01-20, sha256 = "BODY_SHA256" }
cog = { date = 2025-02-10, sha256 = "BODY_SHA256" }

[publication]
decision = "publish"
family_consulted = true
proceedings = "none"

[[strategies]]
title = "Share concerns about missed appointments"
themes = ["information-sharing"]
case_for_change = "Missed appointments were recorded by each agency but never added up."
learning = "A pattern of missed appointments is a concern in itself."
evidence = "Three agencies each saw part of the pattern."
responsible = ["Health board", "Children's social work"]
review = { outcomes = "Missed appointments are shared.", by = "2026-03", resources = "Staff time." }

[[strategies]]
title = "Supervision that asks what has changed for the child"
themes = ["neglect"]
case_for_change = "Plans were reviewed against tasks, not against the child's daily life."
learning = "Supervision should ask what has changed for the child."
evidence = "Reviews recorded tasks completed while the home did not change."
responsible = ["Children's social work"]
+++
## How the review was conducted

Concerns about Child A were not shared between the health visitor and the school.
"#;

/// A learning summary with one extra (local) theme.
pub const ITEM_SUMMARY: &str = r#"+++
title = "Learning about exploitation"
review_id = "NO-2025-01"
kind = "summary"
published = 2025-09-01
themes = ["criminal-exploitation", "county-lines"]
agencies = ["police", "education"]

[signoff]
cpc = { date = 2025-06-20, sha256 = "BODY_SHA256" }
cog = { date = 2025-07-10, sha256 = "BODY_SHA256" }

[publication]
decision = "summary-only"
family_consulted = true
proceedings = "concluded"

[[strategies]]
title = "Recognise exploitation as harm"
case_for_change = "Young Person B was treated as an offender first."
learning = "Exploitation is harm to the child."
evidence = "Police and education records described offending, not exploitation."
responsible = ["Police Scotland", "Education"]
review = { outcomes = "Referrals name exploitation.", by = "2025-06", resources = "Training." }
+++
## What happened

Young Person B was exploited by adults who used him to carry drugs.
"#;

/// When the tests' bundles were built.
pub fn built() -> crate::national::BuildTime {
    crate::national::BuildTime::parse("2026-11-26T09:30:00Z").unwrap()
}

/// What a bundle carries beside its items, with no statistics file and
/// no decisions.
pub fn extras() -> crate::national::BundleExtras<'static> {
    static NONE: std::collections::BTreeMap<String, crate::national::Decided> =
        std::collections::BTreeMap::new();
    crate::national::BundleExtras {
        built: built(),
        statistics_sha256: None,
        decided: &NONE,
    }
}

/// The item text with its sign-off hashes filled in.
pub fn signed(text: &str) -> String {
    let split = content::frontmatter::split(text).expect("test item has front matter");
    let sha = content::signing::signature(text, &split);
    text.replace("BODY_SHA256", &sha)
}

/// A local site for `area` holding `items` (signed off), as `check` would
/// hand it to rendering.
pub fn local_site(area: &str, items: &[&str]) -> Site {
    let slug = crate::text::slugify(area);
    let config = Config::parse(&SourceText::new(
        "config.toml",
        format!(
            "title = 'Learning'\nbase_url = 'https://{}.example.org/'\narea = '{area}'\n[taxonomy]\nextra_themes = ['county-lines']\n",
            slug.trim_end_matches("-cpc")
        ),
    ))
    .expect("test config parses");
    let items = items
        .iter()
        .map(|text| {
            let text = signed(text);
            let kind = if text.contains("kind = \"summary\"") {
                ItemKind::Summary
            } else {
                ItemKind::Report
            };
            let folder = if kind == ItemKind::Summary {
                "summaries"
            } else {
                "reports"
            };
            let id = text
                .lines()
                .find_map(|l| l.strip_prefix("review_id = \""))
                .and_then(|l| l.strip_suffix('"'))
                .unwrap()
                .to_lowercase();
            content::parse_item(
                &format!("content/{folder}/{id}.md"),
                text.into_bytes(),
                kind,
                area,
            )
            .expect("test item parses")
        })
        .collect();
    Site::new(config, PathBuf::from("/nonexistent"), today(), items)
}
