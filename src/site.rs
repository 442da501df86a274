//! The loaded, validated site that rendering and search read: the config
//! and the items that will be published, nothing else.

use std::path::PathBuf;

use crate::config::{Config, Scope};
use crate::content::{Day, Item, Vocabulary};
use crate::findings::Finding;
use crate::text::slugify;

/// What `render` and `search` are given. Only publishable items are here:
/// withheld, withdrawn and failing items never reach this struct.
#[derive(Debug)]
pub struct Site {
    pub config: Config,
    /// The site root folder.
    pub root: PathBuf,
    pub vocabulary: Vocabulary,
    /// The day the build is for (embargoes, overdue reviews).
    pub today: Day,
    /// Published items, newest first (then by area and review_id).
    pub items: Vec<Item>,
    /// Non-blocking findings (CLEAR gaps) the site shows to readers.
    pub warnings: Vec<Finding>,
}

impl Site {
    pub fn new(
        config: Config,
        root: PathBuf,
        today: Day,
        mut items: Vec<Item>,
        warnings: Vec<Finding>,
    ) -> Site {
        let vocabulary = Vocabulary::new(&config.taxonomy.extra_themes);
        sort_items(&mut items);
        Site {
            config,
            root,
            vocabulary,
            today,
            items,
            warnings,
        }
    }

    pub fn is_national(&self) -> bool {
        self.config.scope == Scope::National
    }

    /// The item's folder under the site root, ending in `/`: built from the
    /// review_id only (never the title), and on a national site prefixed by
    /// the area so that two areas' identical review_ids do not collide.
    pub fn item_path(&self, item: &Item) -> String {
        if self.is_national() {
            format!("learning/{}/{}/", slugify(&item.area), item.slug())
        } else {
            format!("learning/{}/", item.slug())
        }
    }
}

/// The site's order: newest first, then by area and review_id.
pub fn sort_items(items: &mut [Item]) {
    items.sort_by(|a, b| {
        b.meta
            .published
            .cmp(&a.meta.published)
            .then_with(|| a.area.cmp(&b.area))
            .then_with(|| a.meta.review_id.cmp(&b.meta.review_id))
    });
}
