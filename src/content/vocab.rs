//! The controlled theme vocabulary (DESIGN.md, "The theme vocabulary").
//!
//! Areas must use the same words for the same things, or national
//! aggregation counts them apart; so an unknown theme is an error with a
//! suggestion, never a new facet.

/// Harm and context.
pub const CONCERNS: &[&str] = &[
    "neglect",
    "domestic-abuse",
    "parental-mental-health",
    "parental-substance-use",
    "infant-injury",
    "child-sexual-exploitation",
    "criminal-exploitation",
    "online-harm",
    "adolescent-risk",
    "disability",
    "pre-birth",
    "housing-and-poverty",
    "physical-abuse",
    "emotional-abuse",
    "child-sexual-abuse",
    "harmful-sexual-behaviour",
    "suicide-and-self-harm",
    "fabricated-or-induced-illness",
    "sudden-unexpected-death-in-infancy",
    "children-not-in-school",
    "young-carers",
    "parental-learning-disability",
];

/// Practice learning.
pub const PRACTICE: &[&str] = &[
    "information-sharing",
    "professional-curiosity",
    "voice-of-the-child",
    "transitions",
    "multi-agency-working",
    "risk-assessment",
    "non-engagement",
    "planning-and-review",
    "record-keeping",
    "escalation",
    "lead-professional",
    "whole-family-assessment",
    "culture-and-identity",
    "leadership-and-supervision",
    "effective-practice",
];

/// Which of the two facets a theme belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ThemeGroup {
    Concern,
    Practice,
    /// Added by a site's `[taxonomy] extra_themes`.
    Local,
}

/// A site's vocabulary: the built-in themes plus its extras.
#[derive(Debug, Clone)]
pub struct Vocabulary {
    extra: Vec<String>,
}

impl Vocabulary {
    pub fn new(extra_themes: &[String]) -> Vocabulary {
        Vocabulary {
            extra: extra_themes.to_vec(),
        }
    }

    pub fn group(&self, theme: &str) -> Option<ThemeGroup> {
        if CONCERNS.contains(&theme) {
            Some(ThemeGroup::Concern)
        } else if PRACTICE.contains(&theme) {
            Some(ThemeGroup::Practice)
        } else if self.extra.iter().any(|t| t == theme) {
            Some(ThemeGroup::Local)
        } else {
            None
        }
    }

    pub fn contains(&self, theme: &str) -> bool {
        self.group(theme).is_some()
    }

    pub fn all(&self) -> impl Iterator<Item = &str> {
        CONCERNS
            .iter()
            .chain(PRACTICE.iter())
            .copied()
            .chain(self.extra.iter().map(String::as_str))
    }

    /// The closest known theme, if one is close enough to be a likely typo.
    pub fn suggest(&self, unknown: &str) -> Option<&str> {
        let wanted = unknown.trim().to_lowercase().replace(['_', ' '], "-");
        if self.contains(&wanted) {
            return self.all().find(|t| *t == wanted);
        }
        self.all()
            .map(|t| (strsim::normalized_damerau_levenshtein(&wanted, t), t))
            .filter(|(score, _)| *score >= 0.7)
            .max_by(|a, b| a.0.total_cmp(&b.0))
            .map(|(_, t)| t)
    }
}

/// Hyphenated English words inside theme slugs, kept hyphenated in labels.
const COMPOUNDS: [&str; 5] = [
    "multi-agency",
    "pre-birth",
    "non-engagement",
    "self-harm",
    "record-keeping",
];

/// "parental-mental-health" → "Parental mental health";
/// "multi-agency-working" → "Multi-agency working".
pub fn theme_label(theme: &str) -> String {
    let mut spaced = theme.replace('-', " ");
    for compound in COMPOUNDS {
        spaced = spaced.replace(&compound.replace('-', " "), compound);
    }
    let mut chars = spaced.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn near_misses_get_a_suggestion() {
        let v = Vocabulary::new(&[]);
        assert_eq!(v.suggest("informaton-sharing"), Some("information-sharing"));
        assert_eq!(v.suggest("domestic_abuse"), Some("domestic-abuse"));
        assert_eq!(v.suggest("astrophysics"), None);
    }

    #[test]
    fn extra_themes_extend_the_vocabulary() {
        let v = Vocabulary::new(&["county-lines".to_string()]);
        assert_eq!(v.group("county-lines"), Some(ThemeGroup::Local));
        assert_eq!(theme_label("voice-of-the-child"), "Voice of the child");
        assert_eq!(theme_label("multi-agency-working"), "Multi-agency working");
        assert_eq!(
            theme_label("suicide-and-self-harm"),
            "Suicide and self-harm"
        );
    }
}
