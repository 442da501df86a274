//! When an item is due for publication: sign-offs, the COG's decision,
//! proceedings, embargo and withdrawal. An item that is not yet due is
//! held — never rendered in a build, listed with its reasons, and not an
//! error (DESIGN.md, "Each item is, at every build, in exactly one state").

use serde::Serialize;

use crate::content::{Day, Decision, Item, ItemKind, Proceedings, Signatory};

/// One reason an item is not published yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum HoldReason {
    /// Past `withdraw_after`: taken off the site.
    Withdrawn { after: Day },
    /// `decision = "withheld"`: the COG decided not to publish it.
    DecisionWithheld,
    /// A full report whose decision is `summary-only`: the COG decided to
    /// publish only a learning summary, which is a separate item.
    SummaryOnlyReport,
    /// A report while criminal, FAI or children's hearings proceedings are
    /// ongoing: publication waits for them.
    ProceedingsOngoing,
    /// `embargo_until` is after today.
    Embargoed { until: Day },
    /// No sign-off by this body yet.
    AwaitingSignoff(Signatory),
    /// Signed off by this body on `signed`, but changed since.
    ChangedSinceSignoff { by: Signatory, signed: Day },
}

impl HoldReason {
    /// A stable name for machines (`check --format json`).
    pub fn code(self) -> &'static str {
        match self {
            HoldReason::Withdrawn { .. } => "withdrawn",
            HoldReason::DecisionWithheld => "decision-withheld",
            HoldReason::SummaryOnlyReport => "summary-only-report",
            HoldReason::ProceedingsOngoing => "proceedings-ongoing",
            HoldReason::Embargoed { .. } => "embargoed",
            HoldReason::AwaitingSignoff(Signatory::Cpc) => "awaiting-cpc-signoff",
            HoldReason::AwaitingSignoff(Signatory::Cog) => "awaiting-cog-signoff",
            HoldReason::ChangedSinceSignoff { .. } => "changed-since-signoff",
        }
    }

    /// The reason in a few words, with no date and nothing about the item:
    /// what a public CI log may show.
    pub fn label(self) -> String {
        match self {
            HoldReason::Withdrawn { .. } => "withdrawn".into(),
            HoldReason::DecisionWithheld => "decision withheld".into(),
            HoldReason::SummaryOnlyReport => "report with a summary-only decision".into(),
            HoldReason::ProceedingsOngoing => "proceedings ongoing".into(),
            HoldReason::Embargoed { .. } => "embargoed".into(),
            HoldReason::AwaitingSignoff(by) => format!("awaiting {} sign-off", by.abbreviation()),
            HoldReason::ChangedSinceSignoff { .. } => "changed since sign-off".into(),
        }
    }

    /// The reason in a sentence, with its dates.
    pub fn describe(self) -> String {
        match self {
            HoldReason::Withdrawn { after } => format!("withdrawn after {after} (withdraw_after)"),
            HoldReason::DecisionWithheld => "decision withheld: the COG decided not to publish it".into(),
            HoldReason::SummaryOnlyReport => "a full report with decision = \"summary-only\": only its learning summary is published".into(),
            HoldReason::ProceedingsOngoing => "proceedings ongoing: publication waits until they conclude".into(),
            HoldReason::Embargoed { until } => format!("embargoed until {until}"),
            HoldReason::AwaitingSignoff(by) => format!("awaiting {} sign-off", by.abbreviation()),
            HoldReason::ChangedSinceSignoff { by, signed } => format!(
                "changed since the {} signed it off on {signed}",
                by.abbreviation()
            ),
        }
    }

    /// What to do about it, for the item at `path`.
    pub fn help(self, path: &str) -> String {
        match self {
            HoldReason::Withdrawn { .. } => "remove withdraw_after (or set a later day) to publish it again".into(),
            HoldReason::DecisionWithheld => "nothing to do unless the COG decides to publish; publish its learning as a summary in content/summaries/".into(),
            HoldReason::SummaryOnlyReport => "publish the learning as a summary in content/summaries/; keep or move this report as the COG decides".into(),
            HoldReason::ProceedingsOngoing => "when the proceedings have concluded, set proceedings = \"concluded\"".into(),
            HoldReason::Embargoed { until } => format!("it is published by the first build on or after {until}"),
            HoldReason::AwaitingSignoff(by) | HoldReason::ChangedSinceSignoff { by, .. } => format!(
                "once the {} has approved it as it is now, run `clearhouse signoff {path} --by {} --date YYYY-MM-DD`",
                by.abbreviation(),
                by.key()
            ),
        }
    }

    /// The day this reason stops holding the item, where one is known.
    pub fn due(self) -> Option<Day> {
        match self {
            HoldReason::Embargoed { until } => Some(until),
            _ => None,
        }
    }
}

/// Why an item is held: every reason that applies, most lasting first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hold {
    pub reasons: Vec<HoldReason>,
}

impl Hold {
    /// The reason a summary names first.
    pub fn primary(&self) -> HoldReason {
        self.reasons[0]
    }

    /// The day the item becomes due: known only when every reason has a
    /// day (an embargo does; a missing sign-off does not).
    pub fn due(&self) -> Option<Day> {
        self.reasons
            .iter()
            .map(|r| r.due())
            .collect::<Option<Vec<Day>>>()
            .and_then(|days| days.into_iter().max())
    }

    /// Every reason in a sentence.
    pub fn describe(&self) -> String {
        let parts: Vec<String> = self.reasons.iter().map(|r| r.describe()).collect();
        parts.join("; ")
    }
}

/// What a held item looks like in `check --format json` and summaries.
#[derive(Debug, Clone, Serialize)]
pub struct HeldItem {
    /// The item's file, relative to the site root.
    pub path: String,
    pub review_id: String,
    /// The first reason's code (see `HoldReason::code`).
    pub reason: &'static str,
    /// Every reason's code.
    pub reasons: Vec<&'static str>,
    /// Every reason in words, with dates.
    pub message: String,
    /// `YYYY-MM-DD` when the item becomes due, where known.
    pub due: Option<String>,
    /// What to do about the first reason.
    pub help: String,
    /// The first reason in a few words (for summaries that must not name the item).
    #[serde(skip)]
    pub label: String,
}

/// Every reason `item` is not yet due on `today`; empty when it is.
pub fn holds(item: &Item, today: Day) -> Vec<HoldReason> {
    let meta = &item.meta;
    let publication = &meta.publication;
    let mut reasons = Vec::new();
    if let Some(after) = meta.withdraw_after.filter(|after| *after < today) {
        reasons.push(HoldReason::Withdrawn { after });
    }
    match (meta.kind, publication.decision) {
        (_, Decision::Withheld) => reasons.push(HoldReason::DecisionWithheld),
        (ItemKind::Report, Decision::SummaryOnly) => reasons.push(HoldReason::SummaryOnlyReport),
        _ => {}
    }
    if meta.kind == ItemKind::Report && publication.proceedings == Proceedings::Ongoing {
        reasons.push(HoldReason::ProceedingsOngoing);
    }
    if let Some(until) = publication.embargo_until.filter(|until| *until > today) {
        reasons.push(HoldReason::Embargoed { until });
    }
    for by in Signatory::BOTH {
        let entry = meta.signoff.as_ref().and_then(|s| match by {
            Signatory::Cpc => s.cpc.as_ref(),
            Signatory::Cog => s.cog.as_ref(),
        });
        match entry {
            None => reasons.push(HoldReason::AwaitingSignoff(by)),
            Some(entry) if entry.sha256.to_lowercase() != item.signature => {
                reasons.push(HoldReason::ChangedSinceSignoff {
                    by,
                    signed: entry.date,
                })
            }
            Some(_) => {}
        }
    }
    reasons
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::parse_item;

    /// An item whose `SIG` placeholders become the digest of the item as
    /// it is (`signed` adds both sign-offs).
    fn item(front: &str, body: &str, signed: bool) -> Item {
        let signoff = if signed {
            "[signoff]\ncpc = { date = 2025-01-20, sha256 = \"SIG\" }\ncog = { date = 2025-02-10, sha256 = \"SIG\" }\n"
        } else {
            ""
        };
        let text = format!("+++\ntitle = \"Learning\"\nreview_id = \"TS-2024-00\"\nkind = \"report\"\npublished = 2025-05-12\n{front}\n{signoff}+++\n{body}");
        let split = crate::content::frontmatter::split(&text).unwrap();
        let text = text.replace("SIG", &crate::content::signing::signature(&text, &split));
        parse_item(
            "content/reports/ts-2024-00.md",
            text.into_bytes(),
            ItemKind::Report,
            "Test CPC",
        )
        .unwrap()
    }

    fn day(text: &str) -> Day {
        Day::parse(text).unwrap()
    }

    const PUBLISH: &str = "[publication]\ndecision = \"publish\"\n";

    #[test]
    fn a_report_signed_by_both_and_due_is_not_held() {
        assert_eq!(
            holds(&item(PUBLISH, "Body.\n", true), day("2026-01-01")),
            vec![]
        );
    }

    #[test]
    fn a_report_signed_only_by_the_cpc_awaits_the_cog() {
        let front =
            format!("{PUBLISH}[signoff]\ncpc = {{ date = 2025-01-20, sha256 = \"SIG\" }}\n");
        let reasons = holds(&item(&front, "Body.\n", false), day("2026-01-01"));
        assert_eq!(reasons, vec![HoldReason::AwaitingSignoff(Signatory::Cog)]);
        assert_eq!(reasons[0].label(), "awaiting COG sign-off");
    }

    #[test]
    fn an_edit_after_sign_off_holds_it_until_signed_again() {
        let mut edited = item(PUBLISH, "Body.\n", true);
        edited.signature = item(PUBLISH, "Body, edited.\n", true).signature;
        let reasons = holds(&edited, day("2026-01-01"));
        assert_eq!(reasons.len(), 2);
        assert!(reasons
            .iter()
            .all(|r| matches!(r, HoldReason::ChangedSinceSignoff { .. })));
    }

    #[test]
    fn an_embargo_holds_it_until_its_day_and_says_so() {
        let front = "[publication]\ndecision = \"publish\"\nembargo_until = 2027-03-01\n";
        let held = Hold {
            reasons: holds(&item(front, "Body.\n", true), day("2026-01-01")),
        };
        assert_eq!(
            held.reasons,
            vec![HoldReason::Embargoed {
                until: day("2027-03-01")
            }]
        );
        assert_eq!(held.due(), Some(day("2027-03-01")));
        assert!(holds(&item(front, "Body.\n", true), day("2027-03-01")).is_empty());
    }

    #[test]
    fn ongoing_proceedings_hold_a_report_with_no_due_day() {
        let front = "[publication]\ndecision = \"publish\"\nproceedings = \"ongoing\"\nembargo_until = 2027-03-01\n";
        let held = Hold {
            reasons: holds(&item(front, "Body.\n", true), day("2026-01-01")),
        };
        assert_eq!(held.primary(), HoldReason::ProceedingsOngoing);
        assert_eq!(held.due(), None, "proceedings have no known end");
    }

    #[test]
    fn withheld_summary_only_and_withdrawn_items_are_held() {
        let withheld = item("[publication]\ndecision = \"withheld\"\n", "B.\n", true);
        assert_eq!(
            holds(&withheld, day("2026-01-01")),
            vec![HoldReason::DecisionWithheld]
        );
        let summary_only = item("[publication]\ndecision = \"summary-only\"\n", "B.\n", true);
        assert_eq!(
            holds(&summary_only, day("2026-01-01")),
            vec![HoldReason::SummaryOnlyReport]
        );
        let withdrawn = item(
            &format!("withdraw_after = 2025-12-31\n{PUBLISH}"),
            "B.\n",
            true,
        );
        assert_eq!(
            holds(&withdrawn, day("2026-01-01")),
            vec![HoldReason::Withdrawn {
                after: day("2025-12-31")
            }]
        );
        assert!(holds(&withdrawn, day("2025-12-31")).is_empty());
    }
}
