//! URLs that carry an identifier: social media profiles, profile-style paths
//! (`/u/name`, `/users/123`, `/in/name`, `@handle`), handle-like path
//! segments (`jayden.r.2009`, `ty_mcg_2011`) and query strings with
//! identifying parameters (`name=`, `id=`, `dob=`, `user=`, `postcode=`).
//!
//! Plain institutional links (guidance, legislation) are the normal content
//! of a published review and must pass, so a URL is flagged for what its
//! path or query says, never just for being a URL.

use regex::Regex;

use super::util::{char_after, char_before, eq_any};
use crate::findings::Kind;
use crate::gate::{Detector, Hit};

pub struct Url {
    /// `http(s)://` and `www.` URLs.
    full: Regex,
    /// A social media handle written on its own (`@kd_2012_xo`).
    handle: Regex,
    /// The `.tld/` of a bare domain with a path (`example.org/u/x`); the
    /// domain is then read backwards by hand, because a regex starting with
    /// a letter class would try every word in the text.
    bare: Regex,
}

/// Hosts where the first path segment names a person's account.
const SOCIAL_HOSTS: &[&str] = &[
    "facebook.com",
    "fb.com",
    "fb.me",
    "instagram.com",
    "instagr.am",
    "twitter.com",
    "x.com",
    "tiktok.com",
    "linkedin.com",
    "youtube.com",
    "youtu.be",
    "snapchat.com",
    "reddit.com",
    "threads.net",
    "pinterest.com",
    "pinterest.co.uk",
    "tumblr.com",
    "twitch.tv",
    "github.com",
    "medium.com",
    "t.me",
    "telegram.me",
    "wa.me",
    "discord.gg",
    "discord.com",
    "onlyfans.com",
    "vk.com",
    "soundcloud.com",
    "gofundme.com",
    "justgiving.com",
    "patreon.com",
    "kik.me",
    "ask.fm",
    "linktr.ee",
    "bsky.app",
    "mastodon.social",
    "roblox.com",
    "steamcommunity.com",
    "yubo.live",
    "wattpad.com",
    "deviantart.com",
    "vimeo.com",
    "flickr.com",
    "myspace.com",
    "cash.app",
    "paypal.me",
    "venmo.com",
    "only.fans",
];

/// Hosts whose subdomain is the account name (`name.tumblr.com`).
const SUBDOMAIN_HOSTS: &[&str] = &[
    "tumblr.com",
    "blogspot.com",
    "blogspot.co.uk",
    "wordpress.com",
    "substack.com",
    "wixsite.com",
    "weebly.com",
    "carrd.co",
    "neocities.org",
];

/// First path segments on social hosts that are site pages, not accounts.
const SOCIAL_RESERVED: &[&str] = &[
    "help",
    "about",
    "policies",
    "policy",
    "privacy",
    "legal",
    "terms",
    "login",
    "signup",
    "settings",
    "explore",
    "search",
    "hashtag",
    "safety",
    "business",
    "watch",
    "home",
    "support",
    "contact",
    "careers",
    "press",
    "jobs",
    "results",
    "feed",
    "tos",
    "community-guidelines",
];

/// Path segments after which the next segment identifies an account or
/// a person's material.
const PROFILE_MARKERS: &[&str] = &[
    "u",
    "user",
    "users",
    "profile",
    "profiles",
    "people",
    "person",
    "member",
    "members",
    "in",
    "pub",
    "invite",
    "invites",
    "album",
    "albums",
    "account",
    "accounts",
    "channel",
    "c",
    "add",
    "child",
    "children",
    "pupil",
    "pupils",
    "student",
    "students",
    "family",
    "families",
    "patient",
    "patients",
    "client",
    "clients",
    "fundraising",
    "f",
    "author",
    "authors",
    "player",
    "players",
    "gamer",
    "uid",
    "userid",
    "id",
    "wishlist",
];

/// Query parameters whose value identifies a person.
const IDENT_PARAMS: &[&str] = &[
    "name",
    "fname",
    "firstname",
    "first_name",
    "forename",
    "lname",
    "lastname",
    "last_name",
    "surname",
    "fullname",
    "full_name",
    "user",
    "username",
    "user_name",
    "userid",
    "user_id",
    "uid",
    "u",
    "id",
    "pid",
    "profile",
    "profile_id",
    "profileid",
    "account",
    "accountid",
    "account_id",
    "handle",
    "member",
    "memberid",
    "member_id",
    "dob",
    "birth",
    "birthdate",
    "birthday",
    "date_of_birth",
    "dateofbirth",
    "postcode",
    "post_code",
    "postal",
    "zip",
    "address",
    "addr",
    "street",
    "email",
    "mail",
    "phone",
    "tel",
    "mobile",
    "chi",
    "nhs",
    "nhsno",
    "nhs_number",
    "nino",
    "ni",
    "child",
    "childid",
    "child_id",
    "childname",
    "pupil",
    "pupilid",
    "pupil_id",
    "patient",
    "patientid",
    "patient_id",
    "case",
    "caseid",
    "case_id",
    "caseref",
    "ref",
    "reference",
    "parent",
    "family",
    "familyid",
    "student",
    "studentid",
    "student_id",
    "client",
    "clientid",
    "client_id",
    "person",
    "personid",
    "person_id",
    "subject",
    "who",
    "contact",
    "recipient",
    "to",
    "from",
    "owner",
    "author",
    "player",
    "friend",
    "invite",
    "invited_by",
    "referrer",
    "vehicle",
    "reg",
    "registration",
    "plate",
];

/// Identifying-looking parameters that institutional sites use for their own
/// documents (`?id=1234` on a council page), so they pass there.
const DOCUMENT_PARAMS: &[&str] = &[
    "id",
    "pid",
    "ref",
    "reference",
    "case",
    "u",
    "subject",
    "to",
    "from",
];

/// Path segments of a case management system's record pages: an id after
/// one is a person's record, even on a council's or a health board's host
/// (`…/swis/case?id=2271449`).
const RECORD_SEGMENTS: &[&str] = &[
    "case",
    "cases",
    "client",
    "clients",
    "person",
    "people",
    "child",
    "children",
    "record",
    "records",
    "family",
    "families",
    "referral",
    "referrals",
    "patient",
    "patients",
    "student",
    "students",
    "pupil",
    "pupils",
    "swis",
    "carefirst",
    "mosaic",
    "eclipse",
];

/// File extensions: a segment ending in one is a document, not a handle.
const FILE_EXTENSIONS: &[&str] = &[
    "html", "htm", "php", "asp", "aspx", "jsp", "pdf", "doc", "docx", "xls", "xlsx", "csv", "ppt",
    "pptx", "odt", "ods", "rtf", "txt", "xml", "json", "rss", "atom", "jpg", "jpeg", "png", "gif",
    "svg", "webp", "mp3", "mp4", "zip", "js", "css", "cfm", "shtml",
];

impl Url {
    pub fn new() -> Url {
        let full = Regex::new(r"(?i:https?://|www\.)[^\s<>\x22'`)\]}|]+").expect("url regex");
        let bare = Regex::new(
            r"\.(?i:com|org|net|uk|scot|io|me|tv|gg|co|info|app|social|ly|be|to|link|site|online|page|fm|ee|live|am|fans|blog|us|eu|ie)/",
        )
        .expect("bare url regex");
        let handle = Regex::new(r"@[A-Za-z0-9_][A-Za-z0-9_.]{2,29}").expect("handle regex");
        Url { full, bare, handle }
    }
}

impl Default for Url {
    fn default() -> Self {
        Url::new()
    }
}

/// Public bodies whose own URLs are what a review legitimately links to.
fn institutional(host: &str) -> bool {
    const SUFFIXES: &[&str] = &[
        ".gov.uk",
        ".gov.scot",
        ".gov.wales",
        ".nhs.uk",
        ".nhs.scot",
        ".scot.nhs.uk",
        ".ac.uk",
        ".sch.uk",
        ".police.uk",
        ".parliament.uk",
        ".parliament.scot",
        ".mod.uk",
        ".judiciary.uk",
        ".europa.eu",
        ".who.int",
    ];
    const HOSTS: &[&str] = &[
        "gov.scot",
        "gov.uk",
        "careinspectorate.com",
        "careinspectorate.scot",
        "scotcourts.gov.uk",
        "copfs.gov.uk",
        "scotland.police.uk",
        "celcis.org",
        "iriss.org.uk",
        "nspcc.org.uk",
        "learning.nspcc.org.uk",
        "childprotection.scot",
        "scra.gov.uk",
        "sssc.uk.com",
        "hes.scot",
        "education.gov.scot",
        "who.int",
    ];
    let h = host.trim_start_matches("www.");
    HOSTS.contains(&h) || SUFFIXES.iter().any(|s| h.ends_with(s)) || h.ends_with(".gov")
}

/// Percent-decodes the few escapes that matter for handles (`%40` is `@`).
fn decode(segment: &str) -> String {
    segment
        .replace("%40", "@")
        .replace("%7E", "~")
        .replace("%7e", "~")
}

/// A path segment that reads like a personal handle: a dotted or
/// underscored name that is not a file (`jayden.r.2009`, `ty_mcg_2011`), or
/// letters run into a birth-year-like number (`ghostboi2009`).
fn handle_like(segment: &str) -> bool {
    let s = segment;
    if s.len() < 3 || !s.bytes().any(|b| b.is_ascii_alphabetic()) {
        return false;
    }
    if s.starts_with('@') || s.starts_with('~') {
        return s.len() > 1;
    }
    if s.contains('.') {
        let ext = s.rsplit('.').next().unwrap_or("");
        if eq_any(ext, FILE_EXTENSIONS) {
            return false;
        }
        // Two or more parts with letters (`some.person`, `jayden.r.2009`);
        // version numbers like `v1.2` have only one.
        let parts: Vec<&str> = s.split(['.', '_']).collect();
        let wordy = parts
            .iter()
            .filter(|p| p.bytes().any(|b| b.is_ascii_alphabetic()))
            .count();
        return wordy >= 2
            && parts.iter().all(|p| {
                !p.is_empty() && p.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
            });
    }
    if s.contains('_') {
        // Underscored handles are short or carry digits (`ty_mcg_2011`,
        // `some_person`); longer all-word ones are page slugs.
        let parts: Vec<&str> = s.split('_').collect();
        let has_digit = s.bytes().any(|b| b.is_ascii_digit());
        return parts
            .iter()
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_alphanumeric()))
            && (has_digit || parts.len() == 2);
    }
    // letters then 2 or 4 digits, no hyphen: lucyb07, ghostboi2009
    let letters = s.bytes().take_while(u8::is_ascii_alphabetic).count();
    let digits = s.len() - letters;
    letters >= 3
        && (digits == 2 || digits == 4)
        && s.as_bytes()[letters..].iter().all(u8::is_ascii_digit)
        && !s.to_ascii_lowercase().starts_with("covid")
}

/// A path segment after a record marker that picks out one record: a
/// number of five digits or more (`5521907`, `mkerr5521907`) or a handle,
/// not a page with a year (`2024-handbook`).
fn names_a_record(segment: &str) -> bool {
    let longest_digits = segment
        .split(|c: char| !c.is_ascii_digit())
        .map(str::len)
        .max()
        .unwrap_or(0);
    longest_digits >= 5 || handle_like(segment)
}

/// Why a URL identifies someone, as a rule name, or `None` when it passes.
pub(super) fn identifying(url: &str) -> Option<&'static str> {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let (before_fragment, _) = rest.split_once('#').unwrap_or((rest, ""));
    let (host_path, query) = before_fragment
        .split_once('?')
        .unwrap_or((before_fragment, ""));
    let (host, path) = host_path.split_once('/').unwrap_or((host_path, ""));
    let host = host.rsplit_once('@').map_or(host, |(_, h)| h);
    let host = host.split(':').next().unwrap_or(host).to_ascii_lowercase();
    let bare_host = host
        .trim_start_matches("www.")
        .trim_start_matches("m.")
        .trim_start_matches("mobile.");
    let institutional = institutional(&host);

    for pair in query.split(['&', ';']) {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        let key = key.to_ascii_lowercase();
        if value.is_empty() || !IDENT_PARAMS.contains(&key.as_str()) {
            continue;
        }
        if institutional
            && DOCUMENT_PARAMS.contains(&key.as_str())
            && !path.split('/').any(|s| eq_any(s, RECORD_SEGMENTS))
        {
            continue;
        }
        return Some("url-query-identifier");
    }

    let segments: Vec<String> = path
        .split('/')
        .filter(|s| !s.is_empty())
        .map(decode)
        .collect();
    // A service's own name as a label of the host is that service
    // ("m.facebook.com", "facebook.co.uk", "web.facebook.example.com").
    let social = SOCIAL_HOSTS.contains(&bare_host)
        || bare_host.split('.').any(|label| {
            label.len() >= 6
                && SOCIAL_HOSTS
                    .iter()
                    .any(|h| h.split('.').next() == Some(label))
        });
    if social {
        if let Some(first) = segments.first() {
            if !eq_any(first, SOCIAL_RESERVED) {
                return Some("url-social-profile");
            }
        }
    }
    if let Some(sub) = SUBDOMAIN_HOSTS
        .iter()
        .find_map(|h| bare_host.strip_suffix(h))
    {
        if !sub.is_empty() && sub != "." {
            return Some("url-social-profile");
        }
    }
    if segments
        .iter()
        .any(|s| (s.starts_with('@') || s.starts_with('~')) && s.len() > 1)
    {
        return Some("url-handle");
    }
    if institutional {
        // A public body's own pages pass, but not a person's record on
        // its systems (`…ac.uk/students/jsmith2231178`).
        let record = segments
            .windows(2)
            .any(|pair| eq_any(&pair[0], RECORD_SEGMENTS) && names_a_record(&pair[1]));
        return record.then_some("url-record-path");
    }
    for pair in segments.windows(2) {
        if eq_any(&pair[0], PROFILE_MARKERS) {
            return Some("url-profile-path");
        }
    }
    if segments.iter().any(|s| handle_like(s)) {
        return Some("url-handle");
    }
    if SHARE_HOSTS
        .iter()
        .any(|h| bare_host == *h || bare_host.ends_with(&format!(".{h}")))
        && !segments.is_empty()
    {
        return Some("url-shared-file");
    }
    let opaque_value = query
        .split(['&', ';'])
        .filter_map(|pair| pair.split_once('=').map(|(_, v)| v));
    if segments
        .iter()
        .map(String::as_str)
        .chain(opaque_value)
        .any(opaque_id)
    {
        return Some("url-opaque-id");
    }
    None
}

/// File-sharing and photo hosts: a link with a path is a private share of
/// someone's files (case papers, photographs).
const SHARE_HOSTS: &[&str] = &[
    "dropbox.com",
    "drive.google.com",
    "docs.google.com",
    "photos.google.com",
    "photos.app.goo.gl",
    "onedrive.live.com",
    "1drv.ms",
    "sharepoint.com",
    "box.com",
    "wetransfer.com",
    "we.tl",
    "icloud.com",
    "imgur.com",
    "flickr.com",
    "mega.nz",
];

/// A random-looking token (`1aX9kQ7LmZ2pT5vR8wYc`): an account, file or
/// case id. Letters and digits alternate often, which words, dates and
/// version numbers do not.
fn opaque_id(segment: &str) -> bool {
    let bytes = segment.as_bytes();
    if bytes.len() < 12
        || !bytes
            .iter()
            .all(|b| b.is_ascii_alphanumeric() || *b == b'_')
    {
        return false;
    }
    let digits = bytes.iter().filter(|b| b.is_ascii_digit()).count();
    let letters = bytes.iter().filter(|b| b.is_ascii_alphabetic()).count();
    let switches = bytes
        .windows(2)
        .filter(|w| w[0].is_ascii_digit() != w[1].is_ascii_digit())
        .count();
    digits >= 3 && letters >= 3 && switches >= 5
}

impl Detector for Url {
    fn name(&self) -> &'static str {
        "url"
    }

    fn scan(&self, text: &str, hits: &mut Vec<Hit>) {
        let mut spans: Vec<(usize, usize)> = Vec::new();
        for m in self.full.find_iter(text) {
            spans.push((m.start(), m.end()));
        }
        let bytes = text.as_bytes();
        for m in self.bare.find_iter(text) {
            if spans.iter().any(|&(s, e)| s <= m.start() && m.start() < e) {
                continue;
            }
            let mut start = m.start();
            while start > 0
                && (bytes[start - 1].is_ascii_alphanumeric()
                    || matches!(bytes[start - 1], b'.' | b'-'))
            {
                start -= 1;
            }
            if start == m.start() {
                continue;
            }
            let rest = &text[m.end()..];
            let len = rest
                .find(|c: char| c.is_whitespace() || "<>\"'`)]}|".contains(c))
                .unwrap_or(rest.len());
            spans.push((start, m.end() + len));
        }
        if text.contains('@') {
            for m in self.handle.find_iter(text) {
                // After a letter or digit it is an email address; inside a URL
                // the URL rules judge it.
                if char_before(text, m.start()).is_some_and(|c| {
                    c.is_alphanumeric() || matches!(c, '.' | '_' | '-' | '/' | '+')
                }) || char_after(text, m.end()).is_some_and(|c| c == '@')
                    || spans.iter().any(|&(s, e)| s <= m.start() && m.start() < e)
                {
                    continue;
                }
                let name = m.as_str().trim_end_matches('.');
                hits.push(Hit::new(
                    m.start(),
                    m.start() + name.len(),
                    Kind::Url,
                    "social-handle",
                    "This looks like a social media handle, which leads straight to a person's online profile.",
                ));
            }
        }
        spans.sort_unstable();
        for (start, end) in spans {
            // Part of an email address or of a longer word: not a URL start.
            if char_before(text, start)
                .is_some_and(|c| c.is_alphanumeric() || matches!(c, '@' | '.' | '_' | '-' | '/'))
            {
                continue;
            }
            // Sentence punctuation after a URL is not part of it.
            let url = text[start..end].trim_end_matches(['.', ',', ';', ':', '!', '?', '*', '_']);
            if let Some(rule) = identifying(url) {
                let hit = Hit::new(
                    start,
                    start + url.len(),
                    Kind::Url,
                    rule,
                    "This web address carries what looks like a personal profile, handle or identifier, which can lead straight to the person.",
                );
                // A random-looking id may be a public document's.
                hits.push(if rule == "url-opaque-id" {
                    hit.uncertain()
                } else {
                    hit
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<String> {
        let mut hits = Vec::new();
        Url::new().scan(text, &mut hits);
        assert!(hits.iter().all(|h| h.kind == Kind::Url));
        hits.into_iter()
            .map(|h| text[h.start..h.end].to_string())
            .collect()
    }

    #[test]
    fn social_profiles_are_flagged() {
        assert_eq!(
            found("removed from https://m.facebook.co.uk/glenburnrovers/photos/55102 today"),
            vec!["https://m.facebook.co.uk/glenburnrovers/photos/55102"]
        );
        assert_eq!(
            found("see https://www.facebook.com/some.person today"),
            vec!["https://www.facebook.com/some.person"]
        );
        assert_eq!(
            found("on instagram.com/ghostboi_2009."),
            vec!["instagram.com/ghostboi_2009"]
        );
        assert_eq!(
            found("at https://www.tiktok.com/@jaydenr09"),
            vec!["https://www.tiktok.com/@jaydenr09"]
        );
        assert_eq!(
            found("at https://x.com/jr2009 and"),
            vec!["https://x.com/jr2009"]
        );
        assert_eq!(
            found("at https://www.linkedin.com/in/jo-bloggs-123"),
            vec!["https://www.linkedin.com/in/jo-bloggs-123"]
        );
        assert_eq!(
            found("at https://jaydenr.tumblr.com/"),
            vec!["https://jaydenr.tumblr.com/"]
        );
    }

    #[test]
    fn profile_paths_and_handles_on_any_site_are_flagged() {
        assert_eq!(
            found("account at https://social.example.org/jayden.r.2009 was"),
            vec!["https://social.example.org/jayden.r.2009"]
        );
        assert_eq!(
            found("page http://example.org/u/stacey-corrigan named"),
            vec!["http://example.org/u/stacey-corrigan"]
        );
        assert_eq!(
            found("link https://chat.example.org/invite/ty_mcg_2011 was"),
            vec!["https://chat.example.org/invite/ty_mcg_2011"]
        );
        assert_eq!(
            found("profile example.org/users/8812734 was"),
            vec!["example.org/users/8812734"]
        );
        assert_eq!(
            found("to https://photos.example.org/album/kerr-family-xmas directly"),
            vec!["https://photos.example.org/album/kerr-family-xmas"]
        );
        assert_eq!(
            found("[photos](https://social.example.org/u/stacey.c.1990/photos) but"),
            vec!["https://social.example.org/u/stacey.c.1990/photos"]
        );
    }

    #[test]
    fn identifying_query_strings_are_flagged() {
        assert_eq!(
            found("to www.example.org/profile?user=lucyb07 by"),
            vec!["www.example.org/profile?user=lucyb07"]
        );
        assert_eq!(
            found("at https://journal.example.org/child?id=G-40127&parent=1 with"),
            vec!["https://journal.example.org/child?id=G-40127&parent=1"]
        );
        assert_eq!(
            found("https://forms.example.org/f?dob=2019-03-01"),
            vec!["https://forms.example.org/f?dob=2019-03-01"]
        );
        assert_eq!(
            found("https://www.gov.scot/find?postcode=EH6"),
            vec!["https://www.gov.scot/find?postcode=EH6"]
        );
    }

    #[test]
    fn a_record_page_on_an_institutional_host_is_flagged() {
        assert_eq!(
            found("link: https://inverclyde.example.gov/swis/case?id=2271449."),
            vec!["https://inverclyde.example.gov/swis/case?id=2271449"]
        );
        assert!(found("see https://www.gov.scot/publications/guide?id=2271").is_empty());
        assert_eq!(
            found("her page (lochside.example.ac.uk/students/mkerr5521907) showed it"),
            vec!["lochside.example.ac.uk/students/mkerr5521907"]
        );
        assert!(found("see www.ed.ac.uk/students/2024-handbook and ed.ac.uk/students/").is_empty());
    }

    #[test]
    fn institutional_guidance_and_legislation_links_pass() {
        assert!(found("See https://www.gov.scot/publications/national-guidance-child-protection-scotland-2021/.").is_empty());
        assert!(
            found("See https://www.legislation.gov.uk/asp/2011/1/contents for the Act.").is_empty()
        );
        assert!(found(
            "(https://www.careinspectorate.com/images/documents/5498/joint_inspection_report.pdf)"
        )
        .is_empty());
        assert!(found("https://www.legislation.gov.uk/ukpga/1995/36/section/11").is_empty());
        assert!(found("https://www.council.gov.uk/news?id=1234").is_empty());
        assert!(found("https://www.nspcc.org.uk/keeping-children-safe/online-safety/").is_empty());
        assert!(found("https://www.facebook.com/help/123").is_empty());
    }

    #[test]
    fn a_handle_written_on_its_own_is_flagged() {
        assert_eq!(
            found("Child C's Snapchat name was @kd_2012_xo."),
            vec!["@kd_2012_xo"]
        );
        assert!(found("Write to jo.b@example.org or meet @ 10.").is_empty());
    }

    #[test]
    fn shared_files_and_opaque_ids_are_flagged() {
        assert_eq!(
            found("images (https://www.dropbox.com/s/q8k2m5xz7v1b9n3/pics.zip?dl=0)."),
            ["https://www.dropbox.com/s/q8k2m5xz7v1b9n3/pics.zip?dl=0"]
        );
        assert_eq!(
            found("see https://drive.google.com/drive/folders/1aX9kQ7LmZ2pT5vR8wYc now"),
            ["https://drive.google.com/drive/folders/1aX9kQ7LmZ2pT5vR8wYc"]
        );
        assert_eq!(
            found("at https://portal.example.org/case/a8F3k2L9q7Z1x and"),
            ["https://portal.example.org/case/a8F3k2L9q7Z1x"]
        );
        assert!(found(
            "https://doi.org/10.1111/cfs.12345 and https://www.bbc.co.uk/news/uk-scotland-61234567"
        )
        .is_empty());
    }

    #[test]
    fn non_urls_pass() {
        assert!(found("In 2021/22 the CPC met and/or wrote to s.11 of the Act.").is_empty());
        assert!(found("Email j.smith@example.org/x is odd").is_empty());
    }
}
