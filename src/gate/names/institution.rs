//! Named schools, nurseries, family centres, GP practices, health centres,
//! hospitals and care homes: a capitalised name followed by an
//! institution word ("Balgarrow Primary School", "St Mary's RC Primary",
//! "Riverside Medical Practice"). Generic phrases ("the primary school",
//! "the GP Practice", "a Children's Hospital") pass because nothing in them
//! is a name.

use super::class::{lc_of, Class, Tok};
use crate::findings::Kind;
use crate::gate::{Detector, Hit};

/// Institution words that end (or, for Primary/High, begin the end of) a
/// named institution. `true`: a name of ordinary English words is enough
/// ("Riverbank Family Centre"); `false`: the name must contain a word that
/// is no English word (so "Forest School" style terms pass).
const ANCHORS: &[(&str, bool)] = &[
    ("primary", true),
    ("secondary", true),
    ("academy", true),
    ("school", true),
    ("nursery", true),
    ("hospital", true),
    ("infirmary", true),
    ("surgery", true),
    ("practice", true),
    ("group", true),
    ("club", true),
    ("centre", true),
    ("center", true),
    ("clinic", true),
    ("college", false),
    ("home", true),
    ("unit", true),
    ("kindergarten", true),
    ("playgroup", true),
    ("creche", true),
    ("crèche", true),
    ("hospice", true),
    // Faith institutions: a named church, chapel, mosque, gurdwara…
    ("church", true),
    ("chapel", true),
    ("kirk", true),
    ("cathedral", true),
    ("mosque", true),
    ("masjid", true),
    ("gurdwara", true),
    ("mandir", true),
    ("temple", true),
    ("synagogue", true),
    ("hall", true),
    ("tabernacle", true),
    ("ministries", true),
    ("fellowship", true),
    ("parish", true),
    // "Harbour Youth Project": a named local project a family attends.
    ("project", true),
    // "the Aberdeen Foyer": supported housing for young people, named by
    // its town or its street.
    ("foyer", true),
    // "Bright Futures Childcare": a childminding or childcare business.
    ("childcare", true),
    // Named businesses and venues where someone works or is found: "Lucky
    // Nails", "Kurdistan Cuts", "the Golden Lotus Takeaway", "Baker St
    // Car Wash". Words that end many ordinary phrases ("Bar", "Cuts",
    // "Inn") need a name that is no English word.
    ("nails", true),
    // "Vale Kennels", "Low's Newsagent": a business by its trade.
    ("kennels", true),
    ("tearoom", true),
    ("tearooms", true),
    // "Brodick Cycle Hire", "Lorn Motor Hire".
    ("hire", false),
    ("cattery", true),
    ("newsagent", true),
    ("newsagents", true),
    ("beauty", true),
    ("barbers", true),
    ("barber", true),
    ("barbershop", true),
    ("salon", true),
    ("cuts", false),
    ("tattoo", true),
    ("tattoos", true),
    ("takeaway", true),
    ("cafe", true),
    ("café", true),
    ("bistro", true),
    ("chippy", true),
    ("kebabs", true),
    ("kebab", true),
    ("pizzeria", true),
    ("bakery", true),
    ("launderette", true),
    ("garage", true),
    ("motors", true),
    ("taxis", true),
    ("wash", true),
    ("bothy", true),
    ("bar", false),
    ("inn", false),
    ("hotel", true),
    ("lodge", true),
    ("royal", true),
    // "Shine Bright Valeting Ltd", "Dim Ukrainian Hub": a registered
    // business, a named community hub.
    ("ltd", true),
    ("hub", false),
    // "East Lewis Health Visiting Team": a team named by where it works,
    // with a word that names (see `find`: no place or proper term alone).
    ("team", false),
    ("den", false),
    ("shed", false),
    ("hut", false),
    ("bunker", false),
    ("clubhouse", false),
    ("hideout", false),
    // A local sports club by its town ("Paisley Saints", "Kelty
    // Rovers"): a place or a name before the club's word.
    ("saints", false),
    ("rovers", false),
    ("thistle", false),
    ("athletic", false),
    ("wanderers", false),
    // Small firms: "Spruce Removals", "Souter Legal" (a surname).
    ("removals", true),
    ("legal", false),
    // "Harbour Law LLP", "Easter Road Lets", "Little Tigers Childminding",
    // "Tigers Karate": firms, childminders and clubs named by ordinary
    // words. ("Complex" is not one: "the Leisure Complex" is generic.)
    // "Three Towns Credit Union", "Ink & Steel Studio": a local credit
    // union, a tattoo or piercing studio.
    ("union", true),
    ("studio", true),
    ("llp", true),
    ("lets", true),
    ("lettings", true),
    ("childminding", true),
    ("karate", true),
    ("judo", true),
    ("taekwondo", true),
    ("kickboxing", true),
    // Trades and shops named by ordinary words ("Sparkle Bright Cleaning",
    // "Pristine Car Valeting", "Clean Sweep Domestic Services", "Halal
    // Meat & Grocery", "Star Fried Chicken", "Golden Lotus Chinese"):
    // see `qualified` and `find` for what each needs before it.
    ("cleaning", true),
    ("cleaners", true),
    ("valeting", true),
    ("glazing", true),
    ("joinery", true),
    ("plumbing", true),
    ("roofing", true),
    ("scaffolding", true),
    ("plastering", true),
    ("builders", true),
    ("decorators", true),
    ("landscaping", true),
    ("locksmiths", true),
    ("couriers", true),
    ("catering", true),
    ("autos", true),
    ("tyres", true),
    ("grocery", true),
    ("groceries", true),
    ("supermarket", true),
    ("minimarket", true),
    ("stores", true),
    ("services", true),
    ("chicken", true),
    ("palace", true),
    ("play", true),
    ("chinese", true),
    ("indian", true),
    // A landlord's letting agency ("Sunrise Lettings").
    ("lettings", true),
    // "Ali's Mini Market", "Nowak Mart": a name no dictionary holds
    // before it ("the Labour Market" passes).
    ("market", false),
    ("mart", false),
];

/// Trades before "Services" that make it a firm ("Clean Sweep Domestic
/// Services"), not a public service ("Children's Services").
const TRADE_SERVICES: &[&str] = &[
    "cleaning",
    "domestic",
    "property",
    "building",
    "garden",
    "gardening",
    "maintenance",
    "removal",
    "removals",
    "plumbing",
    "heating",
    "electrical",
    "roofing",
    "joinery",
    "taxi",
    "lab",
    "veterinary",
    "vet",
    "courier",
    "delivery",
    "catering",
    "valeting",
    "laundry",
    "hair",
    "nail",
    "car",
    "auto",
    "motor",
    "vehicle",
    "tyre",
    "away",
    "handyman",
    "building",
    "construction",
    "scaffolding",
    "carpet",
    "window",
    "pest",
];

/// Words that make "the X Centre" a kind of centre, not one named place.
const GENERIC_CENTRE: &[&str] = &[
    "city",
    "town",
    "village",
    "shopping",
    "assessment",
    "call",
    "data",
    "visitor",
    "test",
    "testing",
    "vaccination",
    "research",
    "job",
    "distribution",
    "operations",
    "control",
    "command",
    "garden",
    "business",
    "conference",
    "exhibition",
    "science",
    "treatment",
    "rehabilitation",
    "crisis",
    "rape",
    "referral",
    "reception",
    "detention",
    "removal",
    "immigration",
    "screening",
    "training",
    "service",
    "services",
    "national",
    "regional",
    "local",
    "main",
    "new",
    "old",
    "same",
    "other",
    "trauma",
    "cancer",
    "dementia",
    "sexual",
    "education",
    "music",
    "arts",
    "art",
    "sports",
    "sport",
    "leisure",
    "fitness",
    "health",
    "medical",
    "law",
    "legal",
    "information",
    "advice",
    "pregnancy",
    "birth",
    "birthing",
    "midwifery",
    "maternity",
    "assessment",
    "mental",
    "renal",
    "diagnostic",
    "specialist",
];

/// Councils and health boards whose names open with a compass point:
/// public, so a team named by one passes.
const COMPASS_COUNCILS: &[&str] = &[
    "east ayrshire",
    "east dunbartonshire",
    "east lothian",
    "east renfrewshire",
    "north ayrshire",
    "north lanarkshire",
    "south ayrshire",
    "south lanarkshire",
    "west dunbartonshire",
    "west lothian",
];

/// Venue words that name one place even alone, capitalised after "the"
/// ("at the Bothy", "| The Den |"): nobody capitalises a common bothy.
const LONE_VENUES: &[&str] = &[
    "bothy",
    "den",
    "shed",
    "hut",
    "bunker",
    "clubhouse",
    "hideout",
];

/// Faith institutions whose name may follow the institution word
/// ("Gurdwara Singh Sabha", "Masjid Al-Noor", "Mandir Shri Ram").
const HEAD_FIRST: &[&str] = &["masjid", "gurdwara", "mandir", "temple", "church", "chapel"];

// Lookups go through `lc_of`, which drops a possessive: "Children's" is
// matched as "children".

/// Anchors that are institution words only after a qualifier, with the
/// qualifiers that make them so ("Medical Practice", not "Effective Practice").
fn qualified(anchor: &str, prev: &str) -> bool {
    match anchor {
        "practice" => matches!(
            prev,
            "medical" | "health" | "gp" | "dental" | "family" | "general" | "group"
        ),
        "centre" | "center" => matches!(
            prev,
            "health"
                | "medical"
                | "family"
                | "children"
                | "childrens"
                | "resource"
                | "learning"
                | "youth"
                | "community"
                | "years"
                | "recovery"
                | "day"
                | "support"
                | "contact"
                | "wellbeing"
                | "welcome"
                | "advice"
                | "refugee"
                | "integration"
                | "activity"
                | "sports"
                | "leisure"
                | "carers"
                | "women"
                | "womens"
                | "cultural"
                | "culture"
                | "heritage"
                | "faith"
                // "Wick Veterinary Centre", "Leith Dental Centre": where a
                // family takes a pet or a child.
                | "veterinary"
                | "vets"
                | "dental"
                // "Clyde Marine Skills Centre": a training provider where
                // an apprentice is found.
                | "skills"
        ),
        "home" => matches!(
            prev,
            "care" | "children" | "childrens" | "residential" | "nursing"
        ),
        "unit" => matches!(
            prev,
            "children" | "childrens" | "residential" | "secure" | "adolescent"
        ),
        // "Kingdom Hall", not "Town Hall" or "Sports Hall".
        "hall" => prev == "kingdom",
        "wash" => matches!(prev, "car" | "hand"),
        // "Star Fried Chicken", "Kebab Palace", "Fun Zone Soft Play": the
        // word before says what is sold there.
        "chicken" => matches!(prev, "fried" | "peri" | "grill"),
        "palace" => matches!(
            prev,
            "kebab" | "pizza" | "curry" | "noodle" | "balti" | "spice" | "chinese" | "indian"
        ),
        "play" => prev == "soft",
        "union" => prev == "credit",
        // A public service ("Children's Services", "Housing Services")
        // is no firm: only a trade, or a word no dictionary holds, before.
        "services" => !prev.is_empty(),
        // "Inverclyde Royal", "Aberdeen Royal": a hospital by its place.
        "royal" => !prev.is_empty(),
        // "Hair and Beauty", "Beauty Salon" are the business's.
        "beauty" => !matches!(prev, "natural" | "health"),
        "project" => matches!(
            prev,
            "youth"
                | "family"
                | "families"
                | "community"
                | "women"
                | "womens"
                | "girls"
                | "boys"
                // "Spokes & Sprockets Community Bike Project": a project
                // named by what it does.
                | "bike"
                | "cycle"
                | "cycling"
                | "arts"
                | "music"
                | "food"
                | "garden"
                | "football"
                | "boxing"
                | "drama"
        ),
        // "Fair City Boxing Club", "Perth Junior Curling Club": a club a
        // child goes to, by its sport (not "the Breakfast Club").
        "club" => matches!(
            prev,
            "boxing"
                | "football"
                | "golf"
                | "curling"
                | "swimming"
                | "swim"
                | "rugby"
                | "cricket"
                | "hockey"
                | "tennis"
                | "netball"
                | "gymnastics"
                | "athletics"
                | "cycling"
                | "rowing"
                | "sailing"
                | "bowling"
                | "snooker"
                | "darts"
                | "badminton"
                | "judo"
                | "karate"
                | "dance"
                | "youth"
                | "boys"
                | "girls"
                | "angling"
                | "shinty"
                | "skating"
                | "harriers"
        ),
        // "Arran Medical Group": a GP practice of several doctors.
        "group" => matches!(prev, "medical" | "dental"),
        "fellowship" => matches!(
            prev,
            "christian" | "gospel" | "church" | "baptist" | "evangelical"
        ),
        _ => true,
    }
}

/// Words that describe the type of institution rather than name it.
const TYPE_WORDS: &[&str] = &[
    "primary",
    "secondary",
    "high",
    "academy",
    "school",
    "nursery",
    "hospital",
    "infirmary",
    "surgery",
    "practice",
    "centre",
    "center",
    "clinic",
    "college",
    "home",
    "unit",
    "medical",
    "health",
    "family",
    "children",
    "childrens",
    "early",
    "years",
    "care",
    "residential",
    "general",
    "community",
    "infant",
    "junior",
    "rc",
    "catholic",
    "roman",
    "episcopal",
    "grammar",
    "special",
    "dental",
    "gp",
    "day",
    "learning",
    "resource",
    "youth",
    "project",
    "secure",
    "maternity",
    "district",
    "nursing",
    "recovery",
    "support",
    "contact",
    "wellbeing",
    "adolescent",
    "kindergarten",
    "playgroup",
    "creche",
    "crèche",
    "hospice",
    "and",
    "sick",
    "group",
    "parish",
    "kingdom",
    "central",
    "memorial",
    "gospel",
    "christian",
    "church",
    "islamic",
    "muslim",
    "jamia",
    "jame",
    "sikh",
    "hindu",
    "jewish",
];

/// Name words that do not make an institution particular ("the Local
/// Nursery", "Forest School", "Virtual School", "Children's Hospital").
const GENERIC: &[&str] = &[
    "the",
    "a",
    "an",
    "this",
    "that",
    "his",
    "her",
    "their",
    "its",
    "our",
    "each",
    "every",
    "any",
    "local",
    "new",
    "old",
    "previous",
    "former",
    "current",
    "receiving",
    "same",
    "other",
    "next",
    "mainstream",
    "special",
    "independent",
    "private",
    "state",
    "public",
    "council",
    "authority",
    "virtual",
    "forest",
    "outdoor",
    "sunday",
    "summer",
    "holiday",
    "breakfast",
    "nurture",
    "scottish",
    "national",
    "regional",
    "area",
    "denominational",
    "non",
    "additional",
    "specialist",
    "emergency",
    "paediatric",
    "adult",
    "adults",
    "mental",
    "young",
    "people",
    "women",
    "boys",
    "girls",
    "rural",
    "urban",
    "small",
    "large",
    "first",
    "second",
    "both",
    "boarding",
    "village",
    "city",
    "town",
    "neighbouring",
    "nearest",
    "nearby",
    "partner",
    "named",
    "his",
    "one",
    "two",
    "three",
    "all",
    "some",
    "several",
    "many",
    "feeder",
    "catchment",
    "primary",
    "secondary",
    "further",
    "education",
    "funded",
    "attached",
    "relevant",
    "alternative",
    "flexible",
    "child",
    "children",
    "parent",
    "parents",
    "staff",
    "pupil",
    "pupils",
    "teaching",
    "teacher",
    "teachers",
    "transition",
    "transitions",
    "moving",
    "leaving",
    "starting",
    "attending",
    "after",
    "before",
    "during",
    "which",
    "whose",
    "nhs",
    // denominations and faiths: "the Free Church", "a Pentecostal church"
    "free",
    "catholic",
    "baptist",
    "methodist",
    "pentecostal",
    "evangelical",
    "presbyterian",
    "episcopal",
    "orthodox",
    "united",
    "reformed",
    "apostolic",
    "elim",
    "anglican",
    "congregational",
    "scotland",
    "sikh",
    "hindu",
    "islamic",
    "muslim",
    "jewish",
    "christian",
    "central",
    "mission",
    "family",
    "faith",
    "kingdom",
    "parish",
    "gospel",
    "church",
    "churches",
    "mosque",
    "mosques",
    "gurdwara",
    "mandir",
    "temple",
    "chapel",
];

const FUNCTION: &[&str] = &[
    "and", "of", "the", "to", "from", "in", "at", "for", "with", "between", "a", "an", "on", "by",
    "into",
];

/// Capitalised anchor words, for the window prefilter; built once. Their
/// matches do not overlap, leftmost and longest first.
pub(super) fn anchor_words() -> &'static super::token::AnchorWords {
    static AC: std::sync::OnceLock<super::token::AnchorWords> = std::sync::OnceLock::new();
    AC.get_or_init(|| {
        let pats: Vec<String> = ANCHORS
            .iter()
            .map(|(a, _)| *a)
            .filter(|w| w.is_ascii())
            .map(|w| format!("{}{}", w[..1].to_ascii_uppercase(), &w[1..]))
            .collect();
        super::token::AnchorWords::new(&pats, false)
    })
}

/// Finds named institutions over classified tokens. Returns byte spans.
/// Whether `lc` is an anchor word, and a strong one (the first entry of
/// [`ANCHORS`] for it): one look-up for each capitalised token of the
/// windows, where a walk along the list compared it with every anchor.
fn anchor_strength(lc: &str) -> Option<bool> {
    type Map = std::collections::HashMap<
        &'static str,
        bool,
        std::hash::BuildHasherDefault<super::lexicon::FxHasher>,
    >;
    static MAP: std::sync::OnceLock<Map> = std::sync::OnceLock::new();
    MAP.get_or_init(|| {
        let mut map = Map::default();
        for &(anchor, strong) in ANCHORS {
            map.entry(anchor).or_insert(strong);
        }
        map
    })
    .get(lc)
    .copied()
}

pub fn find(text: &str, toks: &[Tok]) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = Vec::new();
    let mut buf = String::new();
    let mut prev_buf = String::new();
    let mut i = 0;
    while i < toks.len() {
        let t = &toks[i];
        if !t.t.cap || t.t.all_caps || t.class == Class::Letter {
            i += 1;
            continue;
        }
        let lc = lc_of(text, &t.t, &mut buf);
        let Some(strong_anchor) = anchor_strength(lc) else {
            i += 1;
            continue;
        };
        let anchor = lc.to_string();
        let prev_lc = if i > 0 && t.t.joined && toks[i - 1].t.cap {
            lc_of(text, &toks[i - 1].t, &mut prev_buf).to_string()
        } else {
            String::new()
        };
        // "the Boomerang Centre": one capitalised word between "the" and
        // the centre names it, unless it is a kind of centre ("the City
        // Centre", "the Assessment Centre").
        let the_one = matches!(anchor.as_str(), "centre" | "center")
            && !prev_lc.is_empty()
            && !GENERIC_CENTRE.contains(&prev_lc.as_str())
            && i >= 2
            && !toks[i - 1].t.sentence_start
            && toks[i - 1].t.joined
            && lc_of(text, &toks[i - 2].t, &mut buf) == "the";
        // "GP: Barony Practice", "her GP is Burnside Practice": a practice
        // named right after a GP's label is the family's GP practice.
        let gp_named = anchor == "practice" && !prev_lc.is_empty() && i >= 2 && {
            let before = text[..toks[i - 1].t.start].trim_end_matches([' ', '*']);
            let before = before
                .strip_suffix(':')
                .or_else(|| before.strip_suffix(" is"))
                .or_else(|| before.strip_suffix(" at"))
                .unwrap_or("");
            before.trim_end_matches([' ', '*']).ends_with("GP")
        };
        if !(qualified(&anchor, &prev_lc) || the_one || gp_named) {
            i += 1;
            continue;
        }
        // "Legal Aid", "Legal Services": the firm's word ends its name.
        if anchor == "legal" && toks.get(i + 1).is_some_and(|n| n.t.joined && n.t.cap) {
            i += 1;
            continue;
        }
        // Primary / Secondary / High are adjectives unless they end the
        // name or are followed by School ("Primary Care" is not a school).
        let next = toks.get(i + 1).filter(|n| n.t.joined && n.t.cap);
        // "Royal" names a hospital only at the end ("born at Inverclyde
        // Royal"), not in "Royal College of Nursing"; and only after a
        // place.
        if anchor == "royal"
            && (next.is_some()
                || toks.get(i + 1).is_some_and(|n| {
                    n.t.joined && {
                        let mut b = String::new();
                        lc_of(text, &n.t, &mut b) == "of"
                    }
                })
                || !matches!(toks[i - 1].class, Class::Term | Class::Place))
        {
            i += 1;
            continue;
        }
        // "Govan Parish Church" is the church's; "Parish Council" no place.
        if anchor == "parish" && next.is_some() {
            i += 1;
            continue;
        }
        if matches!(anchor.as_str(), "primary" | "secondary") {
            if let Some(n) = next {
                let nlc = lc_of(text, &n.t, &mut prev_buf);
                if !matches!(nlc, "school" | "schools" | "department" | "academy") {
                    i += 1;
                    continue;
                }
            }
        }
        // Walk back over type words (General, Medical, Royal is a name).
        let mut j = i;
        while j > 0 && toks[j].t.joined && toks[j - 1].t.cap && !toks[j].t.sentence_start {
            let p = lc_of(text, &toks[j - 1].t, &mut buf);
            if TYPE_WORDS.contains(&p) && p != "and" {
                j -= 1;
            } else {
                break;
            }
        }
        // Then over the name itself: up to four capitalised words, or
        // "St" / "Saint", stopping at function words and sentence starts.
        let name_end = j;
        let ampersand = |j: usize| text[toks[j - 1].t.end..toks[j].t.start] == *" & ";
        while j > 0
            && name_end - j < 4
            && (toks[j].t.joined || ampersand(j))
            && !toks[j].t.sentence_start
        {
            let p = &toks[j - 1];
            if !p.t.cap || p.t.digit {
                break;
            }
            let plc = lc_of(text, &p.t, &mut buf);
            if FUNCTION.contains(&plc) {
                break;
            }
            j -= 1;
        }
        let name = &toks[j..name_end];
        let lex = super::lexicon::lexicon();
        // "a Car Wash": "Car" is the kind of wash, not its name; so are
        // "Soft" in "Soft Play" and "Fried" in "Fried Chicken".
        let name = if matches!(anchor.as_str(), "wash" | "play" | "chicken") && !name.is_empty() {
            &name[..name.len() - 1]
        } else {
            name
        };
        let particular: Vec<&Tok> = name
            .iter()
            .filter(|n| {
                let nlc = lc_of(text, &n.t, &mut buf);
                // "the Romanian Orthodox Church" names a denomination.
                !GENERIC.contains(&nlc) && !n.role && !lex.groups.contains(nlc)
            })
            .collect();
        let saint = name.iter().any(|n| {
            let nlc = lc_of(text, &n.t, &mut buf);
            matches!(nlc, "st" | "saint" | "st." | "sts")
        });
        // "East Lewis Health Visiting Team": a compass point and a place
        // name a district below a council ("East Lothian" is a council).
        let district = matches!(anchor.as_str(), "team" | "hub")
            && name.windows(2).any(|w| {
                let a = lc_of(text, &w[0].t, &mut buf).to_string();
                let b = lc_of(text, &w[1].t, &mut prev_buf);
                matches!(a.as_str(), "north" | "south" | "east" | "west")
                    && matches!(
                        w[1].class,
                        Class::Term | Class::Place | Class::Name | Class::NameWord
                    )
                    && !COMPASS_COUNCILS.contains(&format!("{a} {b}").as_str())
            });
        // "Paisley Saints", "Souter Legal": a club by its town, a firm by
        // its founder, even where the town or surname is also a word.
        let club_or_firm = matches!(
            anchor.as_str(),
            "saints" | "rovers" | "thistle" | "athletic" | "wanderers" | "legal"
        ) && particular.iter().any(|n| {
            let nlc = lc_of(text, &n.t, &mut buf);
            lex.places.contains(nlc) || lex.last.contains(nlc)
        });
        // "at West College": a college named by a compass point alone is
        // one college of a region, where a person studies.
        let compass_college = anchor == "college"
            && name.len() == 1
            && matches!(
                lc_of(text, &name[0].t, &mut buf),
                "north" | "south" | "east" | "west"
            );
        let nameish = district
            || club_or_firm
            || compass_college
            || particular.iter().any(|n| {
                if matches!(anchor.as_str(), "team" | "hub") {
                    // "the Highland Child Protection Team", "the Scottish
                    // Government's team" are public; a team named by a
                    // village or a person's name is not.
                    matches!(n.class, Class::Unknown | Class::Name)
                } else {
                    matches!(
                        n.class,
                        Class::Unknown | Class::Name | Class::NameWord | Class::Place | Class::Term
                    )
                }
            });
        // "*Skipping School: Invisible Children*": the title of a
        // publication, in italics, of ordinary words.
        // Bold ("**Fair City Boxing Club**") is how a log marks a name.
        let opening = &text[..toks[j].t.start];
        let italic_title = j < i
            && opening.ends_with(['*', '_'])
            && !opening.ends_with("**")
            && !opening.ends_with("__")
            && particular
                .iter()
                .all(|n| matches!(n.class, Class::Word | Class::Term));
        let lone = name.is_empty()
            && next.is_none()
            && LONE_VENUES.contains(&anchor.as_str())
            && i > 0
            && t.t.joined
            && lc_of(text, &toks[i - 1].t, &mut buf) == "the";
        // Firms and shops named by ordinary words need two of them, none
        // a people's or a place's name ("Golden Lotus Chinese", not
        // "Hong Kong Chinese" or "Simplified Chinese"), and "Services"
        // a trade or a word no dictionary holds ("Kowalski Services").
        let business_ok = match anchor.as_str() {
            "chinese" | "indian" => {
                particular.len() >= 2
                    && particular.iter().all(|n| n.class == Class::Word)
                    && name.len() == particular.len()
            }
            "services" => {
                let trade = TRADE_SERVICES.contains(&prev_lc.as_str()) && particular.len() >= 2;
                let named = particular
                    .iter()
                    .any(|n| matches!(n.class, Class::Unknown | Class::Name));
                trade || named
            }
            // "Halal Meat & Grocery": a faith's word may open the name.
            "cleaning" | "catering" | "stores" | "grocery" | "groceries" | "supermarket" => {
                particular.len() >= 2
                    || (name.len() >= 2 && !particular.is_empty())
                    || particular.iter().any(|n| n.class != Class::Word)
            }
            _ => true,
        };
        // "The Harbour Bar, Quay Street": its street pins a venue whose
        // head ends ordinary phrases.
        let nameish = nameish
            // "Golden Sands Fish Bar": a chip shop, however ordinary its
            // words ("the Snack Bar" has no name before its kind).
            || (anchor == "bar" && prev_lc == "fish" && particular.len() >= 2)
            || (matches!(anchor.as_str(), "bar" | "inn" | "hub")
                && super::venue_pin::pinned_by_address(text, t.t.end));
        let mut hit = lone
            || (business_ok
                && !particular.is_empty()
                && !italic_title
                && (saint || nameish || strong_anchor))
            // "Holiday Inn Express Aberdeen …": a chain's words are generic
            // ("holiday"), its branch makes it one building.
            || (anchor == "inn"
                && !italic_title
                && super::venue_pin::hotel_branch(text, t.t.start, t.t.end));
        if !hit && HEAD_FIRST.contains(&anchor.as_str()) {
            // "Gurdwara Singh Sabha": the name follows.
            let mut k = i;
            let mut named = false;
            while k + 1 < toks.len() && k - i < 4 && toks[k + 1].t.joined && toks[k + 1].t.cap {
                let n = &toks[k + 1];
                let nlc = lc_of(text, &n.t, &mut buf);
                if FUNCTION.contains(&nlc) {
                    break;
                }
                named |= !GENERIC.contains(&nlc) && !n.role && !lex.groups.contains(nlc);
                k += 1;
            }
            if named {
                let start = if name.is_empty() { i } else { j };
                out.push((toks[start].t.start, toks[k].t.end));
                i = k + 1;
                continue;
            }
            hit = false;
        }
        // Extend forward over further type words and a "for …" tail
        // ("Royal Hospital for Children and Young People").
        let mut k = i;
        while k + 1 < toks.len() && toks[k + 1].t.joined && toks[k + 1].t.cap {
            let nlc = lc_of(text, &toks[k + 1].t, &mut buf);
            if TYPE_WORDS.contains(&nlc) && nlc != "and" || toks[k + 1].class.namey() {
                k += 1;
            } else {
                break;
            }
        }
        if hit {
            if k + 2 < toks.len()
                && toks[k + 1].t.joined
                && toks[k + 2].t.joined
                && toks[k + 2].t.cap
            {
                let f = lc_of(text, &toks[k + 1].t, &mut buf);
                if matches!(f, "for" | "of") {
                    k += 2;
                    while k + 1 < toks.len() && toks[k + 1].t.joined {
                        let n = &toks[k + 1];
                        let nlc = lc_of(text, &n.t, &mut buf);
                        if n.t.cap
                            || (nlc == "and"
                                && toks.get(k + 2).is_some_and(|m| m.t.cap && m.t.joined))
                        {
                            k += 1;
                        } else {
                            break;
                        }
                    }
                }
            }
            out.push((toks[j].t.start, toks[k].t.end));
        }
        i = k + 1;
    }
    out.retain(|&(s, e)| !super::public_part::of_a_public_body(text, s, e));
    out
}

/// "Daddy's House", "Granny's Kitchen": a relative's place in a child's
/// words (a title, a book's name), not a named institution.
fn kin_place(text: &str, start: usize) -> bool {
    let first = text[start..]
        .split(|c: char| c.is_whitespace())
        .next()
        .unwrap_or("");
    let (word, possessive) = super::lexicon::strip_possessive(first);
    possessive
        && super::lexicon::lexicon()
            .relations
            .contains(word.to_lowercase().as_str())
}

/// Named schools, nurseries, GP practices, health centres, hospitals.
pub struct Institutions;

impl Detector for Institutions {
    fn name(&self) -> &'static str {
        "named-institution"
    }

    fn scan(&self, text: &str, hits: &mut Vec<Hit>) {
        self.scan_prepared(&crate::gate::PreparedText::new(text), hits)
    }

    fn scan_prepared(&self, prepared: &crate::gate::PreparedText<'_>, hits: &mut Vec<Hit>) {
        let anchored = super::anchored_spans(prepared, super::Anchors::Institution);
        let more = super::organisation::find(
            prepared.text,
            super::toks(prepared),
            super::marked(prepared),
        );
        // "41 Millbrae Court" is a street, which the address detector reports.
        let streets = if more.is_empty() {
            &[][..]
        } else {
            super::anchored_spans(prepared, super::Anchors::Street)
        };
        let more = more.into_iter().filter(|&(s, e)| {
            !anchored.iter().any(|&(a, b)| a < e && s < b)
                && !streets.iter().any(|&(a, b)| a < e && s < b)
        });
        // Local groups named by their place: found where no other rule
        // found them, for a person to decide.
        let local: Vec<(usize, usize)> = super::local_org::find(prepared.text)
            .into_iter()
            .filter(|&(s, e)| !anchored.iter().any(|&(a, b)| a < e && s < b))
            .collect();
        for &(s, e) in &local {
            hits.push(
                Hit::new(
                    s,
                    e,
                    Kind::Institution,
                    "local-organisation",
                    "A local group or firm named by its town or area can locate a family; describe its kind instead, such as a community group.",
                )
                .uncertain(),
            );
        }
        let mut acronyms: Vec<&str> = Vec::new();
        for (s, e) in anchored.iter().copied().chain(more) {
            // "Lyme Regis: Russell House." closing a reference: a publisher.
            if super::person::reference_imprint(prepared.text, s, e) || kin_place(prepared.text, s)
            {
                continue;
            }
            hits.push(Hit::new(
                s,
                e,
                Kind::Institution,
                "named-institution",
                "A named school, nursery, practice or hospital can locate a family; describe its type instead, such as the primary school.",
            ));
            if let Some(acronym) = own_acronym(prepared.text, s, e) {
                if !acronyms.contains(&acronym) {
                    acronyms.push(acronym);
                }
            }
        }
        for acronym in acronyms {
            for (at, _) in prepared.text.match_indices(acronym) {
                let end = at + acronym.len();
                let glued = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
                if glued(prepared.text[..at].chars().next_back())
                    || glued(prepared.text[end..].chars().next())
                {
                    continue;
                }
                hits.push(Hit::new(
                    at,
                    end,
                    Kind::Institution,
                    "institution-acronym",
                    "An acronym a local school, club or practice is known by names it as its full name does; describe its type instead.",
                ));
            }
        }
    }
}

/// "Inverurie Academy of Dance & Performing Arts (IADPA)": the capitals in
/// brackets, on the same line soon after an institution found at
/// `start..end`, that its capitalised words' initials spell. The acronym
/// is that institution wherever the text uses it.
fn own_acronym(text: &str, start: usize, end: usize) -> Option<&str> {
    let mut reach = (end + 60).min(text.len());
    while !text.is_char_boundary(reach) {
        reach -= 1;
    }
    let after = &text[end..reach];
    let open = after.find(" (")?;
    if after[..open].contains(['\n', '.', ';', ')']) {
        return None;
    }
    let inside = &after[open + 2..];
    let len = inside.bytes().take_while(u8::is_ascii_uppercase).count();
    if !(2..=6).contains(&len) || !inside[len..].starts_with(')') {
        return None;
    }
    let initials: String = text[start..end + open]
        .split(|c: char| c.is_whitespace() || c == '-')
        .filter_map(|w| w.chars().next())
        .filter(|c| c.is_uppercase())
        .collect();
    (initials == inside[..len]).then_some(&inside[..len])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(s: &str) -> Vec<&str> {
        let mut hits = Vec::new();
        Institutions.scan(s, &mut hits);
        hits.iter().map(|h| &s[h.start..h.end]).collect()
    }

    #[test]
    fn an_institutions_own_acronym_is_that_institution() {
        let t =
            "Kinellar Academy of Music & Drama (KAMD) — incident log.\nKAMD staff met the family.";
        let f = found(t);
        assert_eq!(f.iter().filter(|n| **n == "KAMD").count(), 2, "{f:?}");
        // Capitals that spell something else are left to the rest.
        let t = "Kinellar Academy of Music (IWF) referral";
        assert!(!found(t).contains(&"IWF"));
    }

    #[test]
    fn a_relatives_place_in_a_title_is_no_institution() {
        let t = "# Learning Summary — \"Daddy's House with the Bars\"";
        assert!(found(t).is_empty(), "{:?}", found(t));
        assert_eq!(
            found("She went to Vale Kennels and Low's Newsagent."),
            ["Vale Kennels", "Low's Newsagent"]
        );
    }

    #[test]
    fn practices_projects_and_chip_shops_named_by_ordinary_words_are_found() {
        assert_eq!(
            found("The number for Arran Medical Group at Lamlash."),
            ["Arran Medical Group"]
        );
        assert_eq!(
            found("He has the chippy, Golden Sands Fish Bar, on the front."),
            ["Golden Sands Fish Bar"]
        );
        assert_eq!(
            found("# Spokes & Sprockets Community Bike Project, Grangemouth"),
            ["Spokes & Sprockets Community Bike Project"]
        );
        assert_eq!(
            found("He was assaulted at **Fair City Boxing Club**, 14 Glover Street."),
            ["Fair City Boxing Club"]
        );
        assert_eq!(
            found("The review took him to Wick Veterinary Centre instead."),
            ["Wick Veterinary Centre"]
        );
        for generic in [
            "The Working Group met twice.",
            "Young people met at The Snack Bar and the Fish Bar.",
            "The Medical Group of the board met.",
            "Children went to the Breakfast Club and the Youth Club.",
        ] {
            assert!(found(generic).is_empty(), "{generic}: {:?}", found(generic));
        }
    }

    #[test]
    fn a_credit_union_and_a_studio_by_name_are_found() {
        assert_eq!(
            found("# Three Towns Credit Union — member notes"),
            ["Three Towns Credit Union"]
        );
        assert_eq!(
            found("booked at Ink & Steel Studio, Hamilton"),
            ["Ink & Steel Studio"]
        );
        assert!(found("The European Union and the Trade Union Congress").is_empty());
    }

    #[test]
    fn a_practice_named_after_a_gps_label_is_the_familys() {
        assert_eq!(
            found("HV: J Mbeki. GP: Barony Practice."),
            ["Barony Practice"]
        );
        assert_eq!(found("Her GP is Townhead Practice."), ["Townhead Practice"]);
        assert!(found("The GP Practice followed Effective Practice guidance.").is_empty());
        assert!(found("Reflective Practice sessions ran monthly.").is_empty());
    }

    #[test]
    fn named_institutions() {
        let cases = [
            (
                "Child B attended Balgarrow Primary School until the move.",
                "Balgarrow Primary School",
            ),
            ("He hung about at the Den after school.", "Den"),
            (
                "Agent: Easter Road Lets, then Harbour Law LLP.",
                "Easter Road Lets",
            ),
            ("the sheet shows Tigers Karate until 19:45", "Tigers Karate"),
            (
                "She joined the Carradale Health Visiting Team in May.",
                "Carradale Health Visiting Team",
            ),
            (
                "The van belonged to Tartan Tyre Fitters Ltd, it said.",
                "Tartan Tyre Fitters Ltd",
            ),
            ("She went to the Drumkeld Hub on Fridays.", "Drumkeld Hub"),
            (
                "Staff at St Mary's RC Primary raised it.",
                "St Mary's RC Primary",
            ),
            (
                "She was registered with Riverside Medical Practice.",
                "Riverside Medical Practice",
            ),
            (
                "The children went to the Riverbank Family Centre weekly.",
                "Riverbank Family Centre",
            ),
            (
                "Child E was admitted to Dunvarrick General Hospital.",
                "Dunvarrick General Hospital",
            ),
            (
                "Child A was moved to Glenvarrie Royal Infirmary.",
                "Glenvarrie Royal Infirmary",
            ),
            (
                "Referral from guidance staff at Craigmorven Academy.",
                "Craigmorven Academy",
            ),
            (
                "A place at Tannoch Wood Nursery was offered.",
                "Tannoch Wood Nursery",
            ),
            (
                "He was seen at the Royal Hospital for Children and Young People.",
                "Royal Hospital for Children and Young People",
            ),
            ("She lived at Rosemount Care Home.", "Rosemount Care Home"),
            (
                "Auchterlee Health Centre dispensed it.",
                "Auchterlee Health Centre",
            ),
            (
                "Staff at St Brendan’s High School raised concerns.",
                "St Brendan’s High School",
            ),
            (
                "Child F moved to Kingsway Surgery's list.",
                "Kingsway Surgery's",
            ),
        ];
        for (s, want) in cases {
            assert_eq!(found(s), [want], "{s}");
        }
    }

    #[test]
    fn named_faith_institutions() {
        for (s, want) in [
            (
                "They attended St Mary's Church on Sundays.",
                "St Mary's Church",
            ),
            (
                "Father prayed at Glasgow Central Mosque.",
                "Glasgow Central Mosque",
            ),
            (
                "The family went to Guru Nanak Gurdwara.",
                "Guru Nanak Gurdwara",
            ),
            (
                "Meals came from Gurdwara Singh Sabha weekly.",
                "Gurdwara Singh Sabha",
            ),
            ("Mother met friends at Ebenezer Chapel.", "Ebenezer Chapel"),
            (
                "Father was an elder at Dalkeith Kingdom Hall.",
                "Dalkeith Kingdom Hall",
            ),
            ("The Shri Ram Mandir hosted the group.", "Shri Ram Mandir"),
            (
                "The pastor of Cornerstone Church visited.",
                "Cornerstone Church",
            ),
        ] {
            assert_eq!(found(s), [want], "{s}");
        }
        for s in [
            "The Church of Scotland and the Free Church were consulted.",
            "The family were members of the Romanian Orthodox Church.",
            "Mother attended a Pentecostal Church and Father the local mosque.",
            "Jehovah's Witnesses meet at the Kingdom Hall.",
            "The Town Hall and the Sports Hall were used.",
            "The Catholic Church and the Scottish Episcopal Church agreed.",
        ] {
            assert!(found(s).is_empty(), "{s}: {:?}", found(s));
        }
    }

    #[test]
    fn generic_phrases_pass() {
        for s in [
            "The GP practice had no record of the domestic abuse.",
            "The Highland Child Protection Team and the Scottish Government's Protection Team met.",
            "The Glasgow Hub and the Safe Families Hub were told.",
            "The Men's Shed, a Pizza Hut, the den and the Health Visiting Team were named.",
            "Carry what primary school knows into secondary school.",
            "Child A was taken to a Children's Hospital.",
            "The GP Practice and the Health Centre shared a building.",
            "## Moving from Primary School to Secondary School",
            "Primary Care services were not told.",
            "Effective Practice in the Early Years Centre was noted.",
            "The Virtual School Head and Forest School staff attended.",
            "The Royal College of Nursing guidance was cited.",
            "Information Sharing Between Health Visiting And Nursery",
            "The Local Authority Nursery offered a place.",
            "The Leisure Complex, a Sports Complex and Judo Scotland's coaches.",
            "Scottish Karate and the Law Society's LLP guidance.",
        ] {
            assert!(found(s).is_empty(), "{s}: {:?}", found(s));
        }
    }

    #[test]
    fn venues_clubs_firms_and_parishes_named_by_plain_words() {
        assert_eq!(
            found("a group at the Kingfisher Centre on Fridays"),
            vec!["Kingfisher Centre"]
        );
        assert!(found("parking in the City Centre").is_empty());
        assert_eq!(
            found("plays for Kelty Rovers under-10s"),
            vec!["Kelty Rovers"]
        );
        assert_eq!(
            found("his solicitor at Grieve Legal, Perth"),
            vec!["Grieve Legal"]
        );
        assert!(found("applied for Legal Aid").is_empty());
        assert_eq!(
            found("studies at North College, Dundee"),
            vec!["North College"]
        );
    }

    #[test]
    fn a_publisher_closing_a_reference_passes() {
        assert!(found("Calder, M. (ed.) (2008) *Risk*. Lyme Regis: Russell House.").is_empty());
        assert!(found("Ward, H. (2012) *Safeguarding Babies*. London: Kinross House.").is_empty());
        assert!(!found("She was placed at Kinross House, a supported flat.").is_empty());
    }

    #[test]
    fn a_hotel_chains_branch_is_found() {
        assert!(!found("Dropped at the Holiday Inn Express Perth Central.").is_empty());
        assert!(found("We stayed in a Holiday Inn near the airport.").is_empty());
    }
}
