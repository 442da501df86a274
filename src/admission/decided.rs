//! The review desk's decisions as a national site needs them: for every
//! published item, the spans a person decided are not personal data, and
//! the checksum of the item they were decided on (the bundle's `sha256`),
//! so that the bundle can carry them and a national site honour them
//! without the key (docs/review-desk.md, "For the bundle").

use serde::Serialize;

use super::Admission;
use crate::decisions::{decided_spans, DecidedSpan, ItemText};

/// One published item's decided spans.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ItemDecisions {
    pub review_id: String,
    /// The item's sign-off digest, which is also its checksum in the
    /// bundle (`content::signing`): the spans hold only while the item the
    /// national site reads has it.
    pub sha256: String,
    pub spans: Vec<DecidedSpan>,
}

impl Admission {
    /// Every published item with at least one decided span, in the site's
    /// order.
    pub fn decided_spans(&self) -> Vec<ItemDecisions> {
        self.site
            .items
            .iter()
            .filter_map(|item| {
                let verdict = self.items.iter().find(|v| v.path == item.source.path)?;
                let spans = decided_spans(&ItemText::of(item), &verdict.findings);
                if spans.is_empty() {
                    return None;
                }
                Some(ItemDecisions {
                    review_id: item.meta.review_id.clone(),
                    sha256: item.signature.clone(),
                    spans,
                })
            })
            .collect()
    }
}
