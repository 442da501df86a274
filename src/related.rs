//! Related learning: for each item, the other items most like it, so that
//! a practitioner who found one relevant review finds the next without
//! searching again. Computed at build time from what items share:
//!
//! - themes, each weighted by how rare it is on the site (`ln(N / n)` for
//!   a theme on `n` of `N` items), twice over, since themes are the
//!   site's own account of what an item is about;
//! - words of their titles (stemmed, stop words left out), by rarity;
//! - agencies involved, by rarity, at half weight.
//!
//! Items from every area take part (a national site relates reviews across
//! areas). Ties go to the newer item, then the review id.

use std::collections::HashMap;

use crate::analyze::{query_words, stem};
use crate::site::Site;

/// At most this many related items per item.
pub const RELATED: usize = 5;

const THEME_WEIGHT: f64 = 2.0;
const TITLE_WEIGHT: f64 = 1.0;
const AGENCY_WEIGHT: f64 = 0.5;

/// Each item's features with their weights.
fn features(site: &Site) -> Vec<Vec<(String, f64)>> {
    let raw: Vec<Vec<(String, f64)>> = site
        .items
        .iter()
        .map(|item| {
            let mut f: Vec<(String, f64)> = Vec::new();
            for theme in &item.meta.themes {
                f.push((format!("t:{theme}"), THEME_WEIGHT));
            }
            for agency in &item.meta.agencies {
                f.push((format!("a:{agency}"), AGENCY_WEIGHT));
            }
            for word in query_words(&item.meta.title).terms {
                f.push((format!("w:{}", stem(&word)), TITLE_WEIGHT));
            }
            f.sort_by(|a, b| a.0.cmp(&b.0));
            f.dedup_by(|a, b| a.0 == b.0);
            f
        })
        .collect();
    let mut df: HashMap<&str, usize> = HashMap::new();
    for f in &raw {
        for (name, _) in f {
            *df.entry(name.as_str()).or_default() += 1;
        }
    }
    let n = site.items.len().max(1) as f64;
    raw.iter()
        .map(|f| {
            f.iter()
                .map(|(name, w)| {
                    let rarity = (n / df[name.as_str()] as f64).ln();
                    (name.clone(), w * rarity)
                })
                .filter(|(_, w)| *w > 0.0)
                .collect()
        })
        .collect()
}

/// For every item of `site` (in its order), the indexes of up to
/// [`RELATED`] others most like it, best first.
///
/// Every item is scored against every item that shares a feature with it,
/// so the work grows with the square of the site; only the best few are
/// kept (no sort of all candidates per item, which made this the build's
/// superlinear step at 20,000 items), scores live in one dense vector per
/// worker rather than a map per item, and items are scored in parallel.
pub fn related_items(site: &Site) -> Vec<Vec<usize>> {
    use rayon::prelude::*;

    let features = features(site);
    let n = site.items.len();
    let mut holders: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, f) in features.iter().enumerate() {
        for (name, _) in f {
            holders.entry(name.as_str()).or_default().push(i);
        }
    }
    // Best first: higher score, then the newer item, then the review id;
    // the index last, so that equal keys still give one order every run.
    let better = |a: (usize, f64), b: (usize, f64)| -> bool {
        let (x, y) = (&site.items[a.0], &site.items[b.0]);
        b.1.total_cmp(&a.1)
            .then(y.meta.published.cmp(&x.meta.published))
            .then_with(|| x.meta.review_id.cmp(&y.meta.review_id))
            .then(a.0.cmp(&b.0))
            .is_lt()
    };
    (0..n)
        .into_par_iter()
        .map_init(
            || (vec![0.0f64; n], Vec::new()),
            |(scores, touched), i| {
                for (name, w) in &features[i] {
                    for &j in &holders[name.as_str()] {
                        if j != i {
                            // Weights are positive, so 0.0 means untouched.
                            if scores[j] == 0.0 {
                                touched.push(j);
                            }
                            scores[j] += w;
                        }
                    }
                }
                let mut best: Vec<(usize, f64)> = Vec::with_capacity(RELATED + 1);
                for &j in touched.iter() {
                    let candidate = (j, scores[j]);
                    scores[j] = 0.0;
                    if best.len() == RELATED && !better(candidate, best[RELATED - 1]) {
                        continue;
                    }
                    let at = best
                        .iter()
                        .position(|&b| better(candidate, b))
                        .unwrap_or(best.len());
                    best.insert(at, candidate);
                    best.truncate(RELATED);
                }
                touched.clear();
                best.into_iter().map(|(j, _)| j).collect()
            },
        )
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::site::fixture;

    /// The top-few selection keeps exactly what ranking every candidate
    /// would: the same items, in the same order.
    #[test]
    fn related_items_match_a_full_ranking_of_every_other_item() {
        let dir = fixture::copy_good_site();
        let site = fixture::load_site(dir.path());
        let features = features(&site);
        let n = site.items.len();
        let expected: Vec<Vec<usize>> = (0..n)
            .map(|i| {
                let mut ranked: Vec<(usize, f64)> = (0..n)
                    .filter(|&j| j != i)
                    .filter_map(|j| {
                        let score: f64 = features[i]
                            .iter()
                            .filter(|(name, _)| features[j].iter().any(|(o, _)| o == name))
                            .map(|(_, w)| w)
                            .sum();
                        (score > 0.0).then_some((j, score))
                    })
                    .collect();
                ranked.sort_by(|a, b| {
                    let (x, y) = (&site.items[a.0], &site.items[b.0]);
                    b.1.total_cmp(&a.1)
                        .then(y.meta.published.cmp(&x.meta.published))
                        .then_with(|| x.meta.review_id.cmp(&y.meta.review_id))
                        .then(a.0.cmp(&b.0))
                });
                ranked.into_iter().take(RELATED).map(|(j, _)| j).collect()
            })
            .collect();
        assert!(expected.iter().any(|r| r.len() == RELATED.min(n - 1)));
        assert_eq!(related_items(&site), expected);
    }

    #[test]
    fn related_items_share_themes_and_never_include_the_item_itself() {
        let dir = fixture::copy_good_site();
        let site = fixture::load_site(dir.path());
        let related = related_items(&site);
        assert_eq!(related.len(), site.items.len());
        for (i, others) in related.iter().enumerate() {
            assert!(others.len() <= RELATED);
            assert!(!others.contains(&i), "an item is not related to itself");
            if let Some(&best) = others.first() {
                let shared = site.items[i]
                    .meta
                    .themes
                    .iter()
                    .filter(|t| site.items[best].meta.themes.contains(t))
                    .count();
                let title_words = |k: usize| -> Vec<String> {
                    query_words(&site.items[k].meta.title)
                        .terms
                        .iter()
                        .map(|w| stem(w))
                        .collect()
                };
                let shared_words = title_words(i)
                    .iter()
                    .filter(|w| title_words(best).contains(w))
                    .count();
                assert!(
                    shared + shared_words > 0,
                    "{} and {} share something",
                    site.items[i].meta.review_id,
                    site.items[best].meta.review_id
                );
            }
        }
        assert!(
            related.iter().filter(|r| !r.is_empty()).count() >= site.items.len() - 1,
            "almost every item has related learning"
        );
    }
}
