//! The front matter of an item, as documented structs (DESIGN.md, "An item").
//!
//! Every struct denies unknown keys: a typo must be an error, never data
//! that silently goes missing.

use serde::{Deserialize, Serialize};

use super::day::{Day, Month};

/// Everything between the `+++` lines of a report or learning summary.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    /// Title shown on the site; never used in URLs.
    pub title: String,
    /// The review's only identifier, e.g. `EX-2024-01`; URLs use it.
    pub review_id: String,
    /// `report` (a full report) or `summary` (a learning summary).
    pub kind: ItemKind,
    /// The date the CPC published the item.
    pub published: Day,
    /// Years the review covered, `2021-2023` or `2022`; never day dates.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<String>,
    /// Age band of the child at the time of the incident.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub age_band: Option<AgeBand>,
    /// Why the review was held.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trigger: Option<Trigger>,
    /// Themes from the controlled vocabulary.
    #[serde(default)]
    pub themes: Vec<String>,
    /// Agencies involved (health, social-work, police, education, …).
    #[serde(default)]
    pub agencies: Vec<String>,
    /// The CPC's and Chief Officers Group's sign-offs of this exact body.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signoff: Option<Signoff>,
    /// The COG's publication decision and what it depends on.
    pub publication: Publication,
    /// The item leaves the site after this date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub withdraw_after: Option<Day>,
    /// Examples of effective practice and why they worked.
    #[serde(default)]
    pub effective_practice: Vec<EffectivePractice>,
    /// Strategies for improving practice and systems, checked against CLEAR.
    #[serde(default)]
    pub strategies: Vec<Strategy>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ItemKind {
    Report,
    Summary,
}

impl ItemKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ItemKind::Report => "report",
            ItemKind::Summary => "summary",
        }
    }

    /// How the site names this kind to a reader.
    pub fn label(self) -> &'static str {
        match self {
            ItemKind::Report => "Learning Review report",
            ItemKind::Summary => "Learning summary",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize, Serialize)]
pub enum AgeBand {
    #[serde(rename = "pre-birth")]
    PreBirth,
    #[serde(rename = "under-1")]
    Under1,
    #[serde(rename = "1-4")]
    From1To4,
    #[serde(rename = "5-10")]
    From5To10,
    #[serde(rename = "11-15")]
    From11To15,
    #[serde(rename = "16-17")]
    From16To17,
    #[serde(rename = "18-25")]
    From18To25,
}

impl AgeBand {
    pub fn as_str(self) -> &'static str {
        match self {
            AgeBand::PreBirth => "pre-birth",
            AgeBand::Under1 => "under-1",
            AgeBand::From1To4 => "1-4",
            AgeBand::From5To10 => "5-10",
            AgeBand::From11To15 => "11-15",
            AgeBand::From16To17 => "16-17",
            AgeBand::From18To25 => "18-25",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            AgeBand::PreBirth => "Pre-birth",
            AgeBand::Under1 => "Under 1",
            AgeBand::From1To4 => "1 to 4",
            AgeBand::From5To10 => "5 to 10",
            AgeBand::From11To15 => "11 to 15",
            AgeBand::From16To17 => "16 to 17",
            AgeBand::From18To25 => "18 to 25 (care leavers)",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Trigger {
    Died,
    SignificantHarm,
    AtRisk,
    EffectivePractice,
}

impl Trigger {
    pub fn as_str(self) -> &'static str {
        match self {
            Trigger::Died => "died",
            Trigger::SignificantHarm => "significant-harm",
            Trigger::AtRisk => "at-risk",
            Trigger::EffectivePractice => "effective-practice",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Trigger::Died => "A child died",
            Trigger::SignificantHarm => "A child was significantly harmed",
            Trigger::AtRisk => "A child was at risk of significant harm",
            Trigger::EffectivePractice => "Learning from effective practice",
        }
    }
}

/// Both sign-offs; each hashes the body it approved.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Signoff {
    /// Child Protection Committee sign-off.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cpc: Option<SignoffEntry>,
    /// Chief Officers Group sign-off.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cog: Option<SignoffEntry>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SignoffEntry {
    /// The day it was signed off.
    pub date: Day,
    /// Lowercase hex sha256 of the body at sign-off.
    pub sha256: String,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Publication {
    /// `publish`, `summary-only` or `withheld`.
    pub decision: Decision,
    /// Whether the family was consulted about publication.
    #[serde(default)]
    pub family_consulted: bool,
    /// Criminal, FAI or children's hearings proceedings.
    #[serde(default)]
    pub proceedings: Proceedings,
    /// Not published before this date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub embargo_until: Option<Day>,
    /// While the item is not published, whether the build counts it in the
    /// statistics-only records the area sends the national body (year,
    /// themes, age band, trigger, the CLEAR shape of its strategies and who
    /// is responsible; never text or its review id). Unset: see
    /// [`Publication::counts_in_statistics`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub statistics: Option<bool>,
}

impl Publication {
    /// Whether an item that is not published is counted as a
    /// statistics-only record: as `statistics` says, and by default yes —
    /// except a report whose decision is `summary-only`, whose review is
    /// counted once already, through its learning summary.
    pub fn counts_in_statistics(&self, kind: ItemKind) -> bool {
        self.statistics
            .unwrap_or(!(kind == ItemKind::Report && self.decision == Decision::SummaryOnly))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Decision {
    Publish,
    SummaryOnly,
    Withheld,
}

impl Decision {
    pub fn as_str(self) -> &'static str {
        match self {
            Decision::Publish => "publish",
            Decision::SummaryOnly => "summary-only",
            Decision::Withheld => "withheld",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Proceedings {
    #[default]
    None,
    Concluded,
    Ongoing,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct EffectivePractice {
    /// What was done well.
    pub title: String,
    /// Why it worked.
    #[serde(default)]
    pub why: String,
}

/// A strategy for improving practice or systems, with its CLEAR components.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Strategy {
    /// What the strategy does.
    pub title: String,
    /// Themes the strategy addresses.
    #[serde(default)]
    pub themes: Vec<String>,
    /// C: the issue, consequences of no change, policy context.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub case_for_change: Option<String>,
    /// L: key lessons and how learning will transfer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub learning: Option<String>,
    /// E: evidence of the shortcoming and that the strategy will address it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<String>,
    /// A: the disciplines or organisations responsible.
    #[serde(default)]
    pub responsible: Vec<String>,
    /// R: desired outcomes, timeline and resources.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review: Option<ReviewPlan>,
    /// Progress: proposed, in-progress, completed or not-required.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<StrategyStatus>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ReviewPlan {
    /// What success looks like.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outcomes: Option<String>,
    /// When it is reviewed, `YYYY-MM`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by: Option<Month>,
    /// What it needs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resources: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum StrategyStatus {
    Proposed,
    InProgress,
    Completed,
    NotRequired,
}

impl StrategyStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            StrategyStatus::Proposed => "proposed",
            StrategyStatus::InProgress => "in-progress",
            StrategyStatus::Completed => "completed",
            StrategyStatus::NotRequired => "not-required",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            StrategyStatus::Proposed => "Proposed",
            StrategyStatus::InProgress => "In progress",
            StrategyStatus::Completed => "Completed",
            StrategyStatus::NotRequired => "No change required",
        }
    }
}

/// The five CLEAR components, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Clear {
    CaseForChange,
    Learning,
    Evidence,
    Responsibility,
    Review,
}

impl Clear {
    pub const ALL: [Clear; 5] = [
        Clear::CaseForChange,
        Clear::Learning,
        Clear::Evidence,
        Clear::Responsibility,
        Clear::Review,
    ];

    /// URL slug and filter value.
    pub fn slug(self) -> &'static str {
        match self {
            Clear::CaseForChange => "case-for-change",
            Clear::Learning => "learning",
            Clear::Evidence => "evidence",
            Clear::Responsibility => "responsibility",
            Clear::Review => "review",
        }
    }

    pub fn letter(self) -> char {
        match self {
            Clear::CaseForChange => 'C',
            Clear::Learning => 'L',
            Clear::Evidence => 'E',
            Clear::Responsibility => 'A',
            Clear::Review => 'R',
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Clear::CaseForChange => "Case for change",
            Clear::Learning => "Learning orientated",
            Clear::Evidence => "Evidence based",
            Clear::Responsibility => "Assign responsibility",
            Clear::Review => "Review",
        }
    }

    pub fn description(self) -> &'static str {
        match self {
            Clear::CaseForChange => {
                "The issue, the consequences of making no change, and the policy context."
            }
            Clear::Learning => "The key lessons and how the learning will transfer to practice.",
            Clear::Evidence => {
                "Evidence of the shortcoming, and that the strategy will address it."
            }
            Clear::Responsibility => {
                "The discipline or organisation responsible; there may be several."
            }
            Clear::Review => "The desired outcomes, the timeline and the resources needed.",
        }
    }

    pub fn from_slug(slug: &str) -> Option<Clear> {
        Clear::ALL.into_iter().find(|c| c.slug() == slug)
    }
}

fn filled(text: &Option<String>) -> bool {
    text.as_deref().is_some_and(|t| !t.trim().is_empty())
}

impl Strategy {
    /// Whether a CLEAR component is present in full.
    pub fn has(&self, component: Clear) -> bool {
        match component {
            Clear::CaseForChange => filled(&self.case_for_change),
            Clear::Learning => filled(&self.learning),
            Clear::Evidence => filled(&self.evidence),
            Clear::Responsibility => self.responsible.iter().any(|r| !r.trim().is_empty()),
            Clear::Review => self
                .review
                .as_ref()
                .is_some_and(|r| filled(&r.outcomes) && r.by.is_some() && filled(&r.resources)),
        }
    }

    /// The components this strategy lacks, in CLEAR order.
    pub fn missing(&self) -> Vec<Clear> {
        Clear::ALL.into_iter().filter(|c| !self.has(*c)).collect()
    }
}

/// The fragment id of the `index`-th strategy (0-based) on its item page:
/// `strategy-1` for the first. Pages, feeds and both search indexes link to
/// it, so it is defined once here.
pub fn strategy_anchor(index: usize) -> String {
    format!("strategy-{}", index + 1)
}
