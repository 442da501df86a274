//! What a sign-off signs, in one place: the digest `clearhouse signoff`
//! writes into `[signoff]`, admission compares with the item as it is now,
//! and the bundle carries as each item's checksum.
//!
//! A sign-off covers the whole item but its `[signoff]` table: the values
//! of the front matter as parsed, in a canonical form (so that spacing,
//! comments, key order and the choice of inline or standard tables do not
//! matter, while every value does), then the body with CRLF read as LF.
//! docs/signing.md gives the form exactly.

use sha2::{Digest, Sha256};

use super::frontmatter::Split;

/// Who signs an item off.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, clap::ValueEnum)]
pub enum Signatory {
    /// The Child Protection Committee.
    Cpc,
    /// The Chief Officers Group.
    Cog,
}

impl Signatory {
    pub const BOTH: [Signatory; 2] = [Signatory::Cpc, Signatory::Cog];

    /// The key in `[signoff]`.
    pub fn key(self) -> &'static str {
        match self {
            Signatory::Cpc => "cpc",
            Signatory::Cog => "cog",
        }
    }

    /// "CPC" or "COG", as people write them.
    pub fn abbreviation(self) -> &'static str {
        match self {
            Signatory::Cpc => "CPC",
            Signatory::Cog => "COG",
        }
    }
}

/// Names the scheme inside what is hashed, so that no digest of another
/// scheme (or of another program's canonical form) can ever collide with
/// one of these.
const SCHEME: &str = "clearhouse-signoff-2\n";

/// The digest a sign-off of this item's text must carry (lowercase hex):
/// sha256 of [`signed_content`].
pub fn signature(text: &str, split: &Split) -> String {
    hex(&Sha256::digest(signed_content(text, split).as_bytes()))
}

/// What a sign-off signs: the scheme line, the canonical JSON of the front
/// matter without `[signoff]`, a line feed, then the body with CRLF as LF.
/// Front matter that does not parse is taken as written (such an item is a
/// schema error and never published, but it still gets a digest).
pub fn signed_content(text: &str, split: &Split) -> String {
    let front = &text[split.toml_start..split.toml_end];
    let body = &text[split.body_start..];
    match toml::from_str::<toml::Table>(front) {
        Ok(table) => signed_values(&toml_to_json(&toml::Value::Table(table)), body),
        Err(_) => format!(
            "{SCHEME}{}\n{}",
            json_string(&front.replace("\r\n", "\n")),
            body.replace("\r\n", "\n")
        ),
    }
}

/// The digest of an item given as values: its front matter in the JSON
/// data model of [`toml_to_json`] (as a bundle carries it) and its body.
/// Equal to [`signature`] of any file with those values.
pub fn signature_of_values(front_matter: &serde_json::Value, body: &str) -> String {
    hex(&Sha256::digest(
        signed_values(front_matter, body).as_bytes(),
    ))
}

fn signed_values(front_matter: &serde_json::Value, body: &str) -> String {
    let mut canonical = String::new();
    match front_matter {
        serde_json::Value::Object(map) => {
            let mut without = map.clone();
            without.remove("signoff");
            canonical_value(&serde_json::Value::Object(without), &mut canonical);
        }
        other => canonical_value(other, &mut canonical),
    }
    format!("{SCHEME}{canonical}\n{}", body.replace("\r\n", "\n"))
}

/// TOML values in JSON's data model: dates and times become the strings
/// TOML writes for them (so a date and the same date quoted sign alike:
/// they mean the same), floats JSON numbers.
pub fn toml_to_json(value: &toml::Value) -> serde_json::Value {
    use serde_json::Value as J;
    match value {
        toml::Value::String(s) => J::String(s.clone()),
        toml::Value::Integer(i) => J::from(*i),
        toml::Value::Float(f) => serde_json::Number::from_f64(*f)
            .map(J::Number)
            .unwrap_or_else(|| J::String(format!("{f:?}"))),
        toml::Value::Boolean(b) => J::Bool(*b),
        toml::Value::Datetime(d) => J::String(d.to_string()),
        toml::Value::Array(values) => J::Array(values.iter().map(toml_to_json).collect()),
        toml::Value::Table(table) => J::Object(
            table
                .iter()
                .map(|(k, v)| (k.clone(), toml_to_json(v)))
                .collect(),
        ),
    }
}

/// JSON with keys in byte order and no spaces; strings escaped as
/// `serde_json` escapes them; integers in decimal; other numbers as the
/// string of Rust's shortest round-trip form of the float.
fn canonical_value(value: &serde_json::Value, out: &mut String) {
    use serde_json::Value as J;
    match value {
        J::Null => out.push_str("null"),
        J::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        J::Number(n) => match (n.as_i64(), n.as_u64(), n.as_f64()) {
            (Some(i), _, _) => out.push_str(&i.to_string()),
            (_, Some(u), _) => out.push_str(&u.to_string()),
            (_, _, Some(f)) => out.push_str(&json_string(&format!("{f:?}"))),
            _ => out.push_str(&json_string(&n.to_string())),
        },
        // A multi-line string keeps its line endings when TOML reads it, and
        // an editor or a git checkout on Windows turns them into CRLF: read
        // as LF, as the body is, so the same item signs alike everywhere.
        J::String(s) => out.push_str(&json_string(&s.replace("\r\n", "\n"))),
        J::Array(values) => {
            out.push('[');
            for (i, v) in values.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                canonical_value(v, out);
            }
            out.push(']');
        }
        J::Object(map) => {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort_by(|a, b| a.as_bytes().cmp(b.as_bytes()));
            out.push('{');
            for (i, key) in keys.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&json_string(key));
                out.push(':');
                canonical_value(&map[key.as_str()], out);
            }
            out.push('}');
        }
    }
}

fn json_string(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_default()
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// sha256 of a body alone, CRLF as LF, lowercase hex: what sign-offs
/// signed before they covered the whole item. Kept only so that the
/// re-signing tool (`examples/resign.rs`) can tell a sign-off given under
/// the old scheme from one deliberately left stale.
pub fn body_sha256(body: &str) -> String {
    let normalised = body.replace("\r\n", "\n");
    hex(&Sha256::digest(normalised.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sign(text: &str) -> String {
        let split = crate::content::frontmatter::split(text).unwrap();
        signature(text, &split)
    }

    const ITEM: &str = "+++\ntitle = \"A\"\nthemes = [\"neglect\", \"pre-birth\"]\npublished = 2025-03-01\n\n[signoff]\ncpc = { date = 2025-01-20, sha256 = \"x\" }\n\n[[strategies]]\ntitle = \"S\"\nresponsible = [\"Health board\"]\nreview = { outcomes = \"O\", by = \"2026-03\" }\n+++\nBody.\n";

    #[test]
    fn reformatting_the_front_matter_keeps_the_signature() {
        let reformatted = "+++\n# a comment\npublished   = 2025-03-01\nthemes = [ \"neglect\",\n  \"pre-birth\" ]\ntitle = 'A'\n\n[[strategies]]\nresponsible = [\"Health board\"]\ntitle = \"\"\"S\"\"\"\n[strategies.review]\nby = \"2026-03\"\noutcomes = \"O\"\n\n[signoff]\ncog = { date = 2025-02-01, sha256 = \"y\" }\ncpc = { date = 2025-01-20, sha256 = \"z\" }\n+++\r\nBody.\r\n";
        assert_eq!(sign(ITEM), sign(reformatted));
    }

    #[test]
    fn line_endings_inside_multi_line_strings_do_not_count() {
        let lf = "+++\ntitle = \"A\"\n[[effective_practice]]\ntitle = \"P\"\nwhy = \"\"\"\nOne.\nTwo.\"\"\"\n+++\nBody.\n";
        assert_eq!(sign(lf), sign(&lf.replace('\n', "\r\n")));
        assert_ne!(sign(lf), sign(&lf.replace("One.\nTwo.", "One. Two.")));
    }

    #[test]
    fn values_as_a_bundle_carries_them_sign_as_the_file_does() {
        let split = crate::content::frontmatter::split(ITEM).unwrap();
        let table: toml::Table = toml::from_str(&ITEM[split.toml_start..split.toml_end]).unwrap();
        let json = toml_to_json(&toml::Value::Table(table));
        // Through text, as a bundle travels.
        let json: serde_json::Value = serde_json::from_str(&json.to_string()).unwrap();
        assert_eq!(signature_of_values(&json, "Body.\n"), sign(ITEM));
    }

    #[test]
    fn every_value_is_signed() {
        for (from, to) in [
            ("title = \"S\"", "title = \"T\""),
            ("\"Health board\"]", "\"Police\"]"),
            ("by = \"2026-03\"", "by = \"2026-04\""),
            ("\"pre-birth\"", "\"neglect\""),
            ("2025-03-01", "2025-03-02"),
            ("Body.", "Body!"),
        ] {
            let changed = ITEM.replacen(from, to, 1);
            assert_ne!(changed, ITEM, "{from}");
            assert_ne!(sign(ITEM), sign(&changed), "{from} -> {to}");
        }
    }

    #[test]
    fn the_digest_is_the_documented_one() {
        // docs/signing.md and docs/bundle.md work this example by hand.
        let item = "+++\ntitle = \"T\"\nreview_id = \"X-1\"   # a comment\n[signoff]\ncpc = { date = 2025-01-20, sha256 = \"x\" }\n+++\nHi\n";
        assert_eq!(
            sign(item),
            "28ba46489a80b8e0d54125fca8a1d9f0e456ef13c613b57c2f995f229b818f0f"
        );
    }

    #[test]
    fn body_hash_reads_crlf_as_lf() {
        assert_eq!(body_sha256("a\r\nb\n"), body_sha256("a\nb\n"));
        assert_eq!(
            body_sha256(""),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
    }
}
