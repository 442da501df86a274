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

/// The words practitioners use for each built-in theme: synonyms, older
/// and newer terms, acronyms and plain-English descriptions
/// (docs/search-vocabulary.md, reviewed from
/// docs/search-vocabulary-proposal.md). Search indexes them with the
/// theme, so that a query in any of them finds the items tagged with it;
/// they are never shown to readers, and outdated terms here are
/// understood, not suggested. A site adds its own in config.toml
/// (`[taxonomy.synonyms]`).
pub const SYNONYMS: &[(&str, &[&str])] = &[
    (
        "neglect",
        &[
            "neglected child",
            "neglectful parenting",
            "poor home conditions",
            "dirty house",
            "no food in the house",
            "hungry",
            "unkempt",
            "poor hygiene",
            "head lice",
            "failure to thrive",
            "FTT",
            "faltering growth",
            "weight faltering",
            "dropping centiles",
            "dental neglect",
            "tooth decay",
            "medical neglect",
            "health needs not met",
            "supervisory neglect",
            "lack of supervision",
            "left alone",
            "emotional neglect",
            "chronic neglect",
            "cumulative harm",
            "drift and delay",
            "squalor",
            "hoarding",
            "Graded Care Profile",
            "GCP2",
        ],
    ),
    (
        "domestic-abuse",
        &[
            "DA",
            "DV",
            "IPV",
            "intimate partner violence",
            "domestic violence",
            "VAWG",
            "violence against women and girls",
            "coercive control",
            "controlling behaviour",
            "post-separation abuse",
            "stalking",
            "harassment",
            "DSDAS",
            "Clare's Law",
            "IDAA",
            "IDVA",
            "MARAC",
            "DASH",
            "Safe and Together",
            "perpetrator",
            "abusive partner",
            "violent partner",
            "failure to protect",
            "witnessing domestic abuse",
            "child contact",
            "refuge",
        ],
    ),
    (
        "parental-mental-health",
        &[
            "mental illness",
            "mentally ill parent",
            "mental ill health",
            "parent in crisis",
            "sectioned",
            "detained",
            "perinatal mental health",
            "maternal mental health",
            "postnatal depression",
            "PND",
            "postpartum psychosis",
            "puerperal psychosis",
            "depression",
            "anxiety",
            "low mood",
            "psychosis",
            "schizophrenia",
            "bipolar",
            "personality disorder",
            "BPD",
            "EUPD",
            "suicidal parent",
            "CMHT",
            "CPN",
            "adult mental health services",
            "think family",
            "toxic trio",
        ],
    ),
    (
        "parental-substance-use",
        &[
            "substance misuse",
            "drug misuse",
            "alcohol misuse",
            "drug use",
            "drug-using parent",
            "heroin",
            "cocaine",
            "alcohol",
            "drinking",
            "problem drinking",
            "alcoholic",
            "addiction",
            "dependency",
            "recovery",
            "relapse",
            "methadone",
            "buprenorphine",
            "opiate replacement therapy",
            "ORT",
            "MAT",
            "benzodiazepines",
            "etizolam",
            "cannabis",
            "ADP",
            "alcohol and drug partnership",
            "Hidden Harm",
            "GOPR",
            "neonatal abstinence syndrome",
            "NAS",
            "FASD",
            "toxic trio",
        ],
    ),
    (
        "infant-injury",
        &[
            "NAI",
            "non-accidental injury",
            "inflicted injury",
            "shaken baby",
            "abusive head trauma",
            "AHT",
            "bruising in a non-mobile baby",
            "non-mobile infant",
            "pre-mobile",
            "bruise on a baby",
            "baby",
            "infant",
            "sentinel injury",
            "fracture",
            "rib fractures",
            "skeletal survey",
            "head injury",
            "subdural haemorrhage",
            "retinal haemorrhage",
            "torn frenulum",
            "baby bruising protocol",
            "coping with crying",
            "ICON",
        ],
    ),
    (
        "child-sexual-exploitation",
        &[
            "CSE",
            "sexual exploitation",
            "sexually exploited",
            "grooming",
            "online grooming",
            "sextortion",
            "sexual extortion",
            "trafficking",
            "older boyfriend",
            "party houses",
            "exchanging sex",
            "going missing with adults",
            "child prostitution",
        ],
    ),
    (
        "criminal-exploitation",
        &[
            "CCE",
            "child criminal exploitation",
            "county lines",
            "drug lines",
            "cuckooing",
            "drug running",
            "running drugs",
            "made to sell drugs",
            "drug debt",
            "debt bondage",
            "trafficking",
            "child trafficking",
            "modern slavery",
            "forced labour",
            "labour exploitation",
            "NRM",
            "National Referral Mechanism",
            "organised crime",
            "gangs",
            "treated as an offender not a victim",
        ],
    ),
    (
        "online-harm",
        &[
            "online abuse",
            "online safety",
            "internet safety",
            "cyberbullying",
            "online bullying",
            "sexting",
            "image sharing",
            "self-generated images",
            "nudes",
            "intimate images",
            "sextortion",
            "online grooming",
            "catfishing",
            "CSAM",
            "IIOC",
            "indecent images",
            "harmful content",
            "pro-self-harm content",
            "livestreaming",
            "social media",
            "gaming",
            "online games",
            "Report Remove",
        ],
    ),
    (
        "adolescent-risk",
        &[
            "teenagers at risk",
            "young people at risk outside the home",
            "going missing",
            "missing episodes",
            "missing from home",
            "missing from care",
            "return home interview",
            "return discussion",
            "contextual safeguarding",
            "extra-familial harm",
            "peer-on-peer abuse",
            "child-on-child abuse",
            "adultification",
            "risk-taking",
            "youth justice",
            "offending",
            "knife crime",
            "gangs",
            "16 and 17 year olds",
        ],
    ),
    (
        "disability",
        &[
            "disabled child",
            "child with a disability",
            "ASN",
            "additional support needs",
            "SEN",
            "SEND",
            "complex needs",
            "complex health needs",
            "learning disability",
            "learning difficulties",
            "autism",
            "autistic",
            "ASD",
            "ASC",
            "ADHD",
            "neurodivergent",
            "non-verbal",
            "communication needs",
            "communication passport",
            "AAC",
            "Talking Mats",
            "diagnostic overshadowing",
            "respite",
            "short breaks",
            "wheelchair",
            "deaf",
            "blind",
            "sensory impairment",
            "CSP",
            "EHCP",
        ],
    ),
    (
        "pre-birth",
        &[
            "unborn baby",
            "unborn child",
            "pregnancy",
            "pregnant",
            "antenatal",
            "maternity",
            "midwife",
            "pre-birth assessment",
            "pre-birth case conference",
            "pre-birth CPPM",
            "pre-birth plan",
            "removed at birth",
            "late booking",
            "concealed pregnancy",
            "perinatal",
        ],
    ),
    (
        "housing-and-poverty",
        &[
            "poverty",
            "child poverty",
            "deprivation",
            "financial hardship",
            "cost of living",
            "debt",
            "money worries",
            "homelessness",
            "homeless",
            "temporary accommodation",
            "overcrowding",
            "damp and mould",
            "poor housing",
            "rent arrears",
            "eviction",
            "benefit sanction",
            "Universal Credit",
            "benefits",
            "food bank",
            "fuel poverty",
            "income maximisation",
            "money advice",
            "welfare rights",
            "NRPF",
            "no recourse to public funds",
        ],
    ),
    (
        "physical-abuse",
        &[
            "physical harm",
            "hitting",
            "assault",
            "bruises",
            "marks",
            "unexplained injuries",
            "burns",
            "scalds",
            "bite marks",
            "fractures",
            "broken bones",
            "NAI",
            "non-accidental injury",
            "physical punishment",
            "smacking",
            "body map",
            "inconsistent explanation",
        ],
    ),
    (
        "emotional-abuse",
        &[
            "emotional harm",
            "psychological abuse",
            "psychological harm",
            "emotional neglect",
            "rejection",
            "belittling",
            "humiliating",
            "shouting",
            "threats",
            "scapegoating",
            "exposure to domestic abuse",
            "coercive parenting",
            "controlling parenting",
        ],
    ),
    (
        "child-sexual-abuse",
        &[
            "CSA",
            "sexual abuse",
            "sexually abused",
            "intrafamilial sexual abuse",
            "incest",
            "disclosure",
            "JII",
            "joint investigative interview",
            "SCIM",
            "Scottish Child Interview Model",
            "Bairns' Hoose",
            "Barnahus",
            "forensic medical examination",
            "registered sex offender",
            "RSO",
            "MAPPA",
        ],
    ),
    (
        "harmful-sexual-behaviour",
        &[
            "HSB",
            "problematic sexual behaviour",
            "concerning sexual behaviour",
            "sexually harmful behaviour",
            "sexualised behaviour",
            "peer-on-peer sexual abuse",
            "child-on-child sexual abuse",
            "young people who sexually harm",
            "Traffic Light Tool",
            "AIM3",
        ],
    ),
    (
        "suicide-and-self-harm",
        &[
            "self harm",
            "self-injury",
            "DSH",
            "cutting",
            "overdose",
            "ligature",
            "suicidal",
            "suicidal thoughts",
            "suicidal ideation",
            "took their own life",
            "suicide attempt",
            "safety plan",
            "safety planning",
            "suicide prevention",
            "postvention",
        ],
    ),
    (
        "fabricated-or-induced-illness",
        &[
            "FII",
            "Munchausen",
            "Munchausen's syndrome by proxy",
            "Munchausen by proxy",
            "MSbP",
            "perplexing presentations",
            "induced illness",
            "illness induction",
            "fabricated illness",
            "exaggerated illness",
            "medically unexplained symptoms",
            "reported, not observed",
            "doctor shopping",
            "over-medicalisation",
        ],
    ),
    (
        "sudden-unexpected-death-in-infancy",
        &[
            "SUDI",
            "SIDS",
            "sudden infant death",
            "cot death",
            "overlay",
            "infant death",
            "unexplained infant death",
            "safer sleep",
            "safe sleep",
            "co-sleeping",
            "bed sharing",
            "sofa sleeping",
            "Baby Box",
        ],
    ),
    (
        "children-not-in-school",
        &[
            "CME",
            "children missing education",
            "missing from education",
            "non-attendance",
            "absence",
            "persistent absence",
            "truancy",
            "school refusal",
            "EBSA",
            "emotionally based school avoidance",
            "exclusion",
            "excluded",
            "reduced timetable",
            "part-time timetable",
            "off-rolling",
            "EHE",
            "elective home education",
            "home education",
            "home schooling",
            "withdrawn from school",
            "alternative provision",
        ],
    ),
    (
        "young-carers",
        &[
            "young carer",
            "child carer",
            "young adult carer",
            "hidden carer",
            "sibling carer",
            "young carer statement",
            "caring for a parent",
            "looking after mum",
            "looking after dad",
            "parentification",
            "young carers service",
        ],
    ),
    (
        "parental-learning-disability",
        &[
            "PLD",
            "parent with a learning disability",
            "learning disabled parent",
            "parents with learning difficulties",
            "cognitive impairment",
            "adapted parenting assessment",
            "PAMS",
            "supported parenting",
            "easy read",
            "accessible information",
            "advocacy",
        ],
    ),
    (
        "information-sharing",
        &[
            "info sharing",
            "sharing information",
            "data sharing",
            "data protection",
            "GDPR",
            "consent to share",
            "confidentiality",
            "information not passed on",
            "records not transferred",
            "joining the dots",
            "concern report",
            "VPD",
            "vulnerable persons database",
        ],
    ),
    (
        "professional-curiosity",
        &[
            "curiosity",
            "professionally curious",
            "respectful uncertainty",
            "healthy scepticism",
            "taking things at face value",
            "accepting explanations",
            "think the unthinkable",
            "rule of optimism",
            "confirmation bias",
            "reported, not observed",
            "unannounced visit",
        ],
    ),
    (
        "voice-of-the-child",
        &[
            "child's voice",
            "child's views",
            "wishes and feelings",
            "lived experience",
            "day in the life",
            "seeing the child alone",
            "speaking to the child alone",
            "listening to children",
            "UNCRC",
            "children's rights",
            "children's advocacy",
            "child-centred",
        ],
    ),
    (
        "transitions",
        &[
            "transition to adult services",
            "moving to adult services",
            "turning 16",
            "turning 18",
            "cliff edge",
            "throughcare",
            "aftercare",
            "continuing care",
            "staying put",
            "care leavers",
            "leaving care",
            "care experienced",
            "pathway plan",
            "CAMHS discharge",
            "primary to secondary",
            "moving area",
            "transfer-in conference",
        ],
    ),
    (
        "multi-agency-working",
        &[
            "multiagency",
            "interagency",
            "inter-agency",
            "partnership working",
            "joint working",
            "working together",
            "joined-up working",
            "professionals' meeting",
            "core group",
            "team around the child",
            "TAC",
            "IRD",
            "interagency referral discussion",
            "strategy discussion",
            "CPPM",
            "MARAC",
            "MAPPA",
            "MASH",
        ],
    ),
    (
        "risk-assessment",
        &[
            "assessing risk",
            "risk analysis",
            "threshold",
            "significant harm",
            "National Risk Framework",
            "My World Triangle",
            "resilience matrix",
            "SHANARRI",
            "risk checklist",
            "risk scoring",
            "risk matrix",
            "safety planning",
            "cumulative risk",
        ],
    ),
    (
        "non-engagement",
        &[
            "WNB",
            "was not brought",
            "DNA",
            "did not attend",
            "missed appointments",
            "no access visits",
            "door not answered",
            "disguised compliance",
            "apparent cooperation",
            "false compliance",
            "hard to reach",
            "hard to engage",
            "resistance",
            "uncooperative",
            "avoidance",
            "non-compliance",
            "closed for non-engagement",
        ],
    ),
    (
        "planning-and-review",
        &[
            "child's plan",
            "child protection plan",
            "care plan",
            "review meeting",
            "case conference",
            "CPPM",
            "child protection planning meeting",
            "core group",
            "Child Protection Register",
            "registration",
            "deregistration",
            "CSO",
            "compulsory supervision order",
            "permanence",
            "SMART outcomes",
            "drift and delay",
            "step down",
            "step up",
            "CIN",
            "LAC review",
        ],
    ),
    (
        "record-keeping",
        &[
            "recording",
            "records",
            "case records",
            "case notes",
            "case file",
            "chronology",
            "single-agency chronology",
            "integrated chronology",
            "multi-agency chronology",
            "body map",
            "case file audit",
        ],
    ),
    (
        "escalation",
        &[
            "escalating concerns",
            "professional disagreement",
            "professional differences",
            "resolving professional differences",
            "dispute resolution",
            "professional challenge",
            "challenging a decision",
            "escalation procedure",
            "whistleblowing",
            "not being listened to",
            "concern not taken seriously",
        ],
    ),
    (
        "lead-professional",
        &[
            "Named Person",
            "key worker",
            "allocated worker",
            "case holder",
            "named social worker",
            "care manager",
            "Child's Plan coordinator",
            "change of worker",
            "handover",
            "unallocated case",
            "continuity of worker",
        ],
    ),
    (
        "whole-family-assessment",
        &[
            "whole family approach",
            "think family",
            "dads",
            "fathers",
            "male carers",
            "mum's new partner",
            "boyfriend",
            "invisible men",
            "hidden men",
            "who lives in the home",
            "household members",
            "extended family",
            "grandparents",
            "kinship care",
            "kinship carers",
            "FGDM",
            "family group decision making",
            "family support",
        ],
    ),
    (
        "culture-and-identity",
        &[
            "culture",
            "cultural identity",
            "cultural competence",
            "ethnicity",
            "race",
            "racism",
            "adultification",
            "faith",
            "religion",
            "language",
            "interpreter",
            "English as an additional language",
            "EAL",
            "asylum",
            "asylum seeker",
            "refugee",
            "migrant",
            "new to Scotland",
            "UASC",
            "unaccompanied asylum-seeking child",
            "separated child",
            "NRPF",
            "Gypsy/Traveller",
            "LGBT",
            "gender identity",
            "honour-based abuse",
            "forced marriage",
            "FGM",
        ],
    ),
    (
        "leadership-and-supervision",
        &[
            "supervision",
            "reflective supervision",
            "management oversight",
            "manager oversight",
            "line management",
            "team leader",
            "team manager",
            "caseloads",
            "workforce pressures",
            "staff turnover",
            "vacancies",
            "agency staff",
            "restructure",
            "organisational culture",
            "quality assurance",
        ],
    ),
    (
        "effective-practice",
        &[
            "good practice",
            "what worked",
            "what helped",
            "what went well",
            "positive practice",
            "notable practice",
            "strengths-based practice",
            "appreciative inquiry",
        ],
    ),
];

/// The built-in synonyms of a theme (empty for a site's own themes).
pub fn builtin_synonyms(theme: &str) -> &'static [&'static str] {
    SYNONYMS
        .iter()
        .find(|(t, _)| *t == theme)
        .map_or(&[], |(_, words)| words)
}

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
