//! `learning-bundle.json`: what a local site hands to national sites
//! (docs/bundle.md; schema/learning-bundle.v2.schema.json).
//!
//! This module writes bundles and reads them back, checking every rule of
//! the schema and every item's checksum. It does not decide whether the
//! content may be published (that is `ingest`, which runs the gate again),
//! and it never fetches anything.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::content::{Day, FrontMatter, Item, ItemKind};
use crate::files::OutputFile;
use crate::findings::{Finding, Kind, Severity};
use crate::site::Site;

/// File name of the bundle in a local site's output.
pub const BUNDLE_FILE: &str = "learning-bundle.json";
/// The `schema` value every bundle carries.
pub const SCHEMA_NAME: &str = "clearhouse-bundle";
/// The one version this clearhouse writes and reads.
pub const VERSION: u64 = 2;

/// A whole bundle as written and as read back.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Bundle {
    /// Always `clearhouse-bundle`.
    pub schema: String,
    /// Format version; readers refuse versions they do not know.
    pub version: u64,
    /// `clearhouse <version>` that wrote it, for diagnosing differences.
    pub generator: String,
    /// The CPC area every item belongs to.
    pub area: String,
    /// The local site's `base_url`.
    pub base_url: String,
    /// The day the local site was built.
    pub built: Day,
    /// The local site's `[taxonomy] extra_themes`.
    pub vocabulary: Vec<String>,
    /// Every published item, in the local site's order (newest first).
    pub items: Vec<BundleItem>,
}

/// One published report or summary.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BundleItem {
    /// The item's review_id (the same as in its front matter).
    pub review_id: String,
    /// `report` or `summary` (the same as in its front matter).
    pub kind: ItemKind,
    /// Absolute URL of the item on the local site.
    pub url: String,
    /// The item's sign-off digest (`content::signing`): what its CPC and COG
    /// signed, computed again from `front_matter` and `body` by readers.
    pub sha256: String,
    /// The item's front matter as written (its values, `[signoff]`
    /// included), in JSON's data model: dates as strings.
    pub front_matter: Value,
    /// The Markdown body, line endings as LF.
    pub body: String,
}

/// The bundle of a (local) site's published items.
pub fn write_bundle(site: &Site) -> OutputFile {
    let bundle = bundle_of(site);
    let mut bytes = serde_json::to_vec_pretty(&bundle)
        .expect("a bundle is strings, booleans and arrays, which always serialise");
    bytes.push(b'\n');
    OutputFile::new(BUNDLE_FILE, bytes)
}

/// The bundle as a value, before it is written.
pub fn bundle_of(site: &Site) -> Bundle {
    let base_url = site.config.base_url_trimmed();
    let items = site
        .items
        .iter()
        .map(|item| {
            let body = item.body().replace("\r\n", "\n");
            let front_matter = front_matter_values(item);
            let sha256 = item.signature.clone();
            BundleItem {
                review_id: item.meta.review_id.clone(),
                kind: item.meta.kind,
                url: format!("{base_url}/{}", site.item_path(item)),
                sha256,
                front_matter,
                body,
            }
        })
        .collect();
    Bundle {
        schema: SCHEMA_NAME.to_string(),
        version: VERSION,
        generator: format!("clearhouse {}", env!("CARGO_PKG_VERSION")),
        area: site.config.area.clone().unwrap_or_default(),
        base_url: site.config.base_url.clone(),
        built: site.today,
        vocabulary: site.config.taxonomy.extra_themes.clone(),
        items,
    }
}

/// Each published item's entry as the bundle writes it, with the item's
/// source path: what admission scans to find which item a register entry
/// in the bundle came from.
pub fn entries(site: &Site) -> Vec<(String, Vec<u8>)> {
    let bundle = bundle_of(site);
    site.items
        .iter()
        .zip(&bundle.items)
        .map(|(item, entry)| {
            let bytes = serde_json::to_vec_pretty(entry)
                .expect("a bundle entry is strings, booleans and arrays, which always serialise");
            (item.source.path.clone(), bytes)
        })
        .collect()
}

/// The values of an item's front matter as a bundle carries them.
fn front_matter_values(item: &Item) -> Value {
    let front = &item.source.text[item.split.toml_start..item.split.toml_end];
    // A published item's front matter has parsed already.
    toml::from_str::<toml::Table>(front)
        .map(|table| crate::content::signing::toml_to_json(&toml::Value::Table(table)))
        .unwrap_or(Value::Null)
}

/// Reads a bundle, checking it against the schema rules and every item's
/// checksum. `path` names the bundle in findings (as written in
/// `[[sources]]`). Every problem found is returned, not only the first.
pub fn read_bundle(bytes: &[u8], path: &str) -> Result<Bundle, Vec<Finding>> {
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            return Err(vec![refuse(
                path,
                1,
                "bundle-not-utf8",
                format!(
                    "the bundle is not UTF-8 text (bad byte at offset {})",
                    e.valid_up_to()
                ),
                "rebuild the area's site with clearhouse and copy its public/learning-bundle.json unchanged",
            )]);
        }
    };
    let value: Value = serde_json::from_str(text).map_err(|e| {
        vec![refuse(
            path,
            e.line(),
            "bundle-json",
            format!("the bundle is not valid JSON: {e}"),
            "the file is damaged or incomplete; fetch it again from the area's site, or ask the area to rebuild",
        )]
    })?;
    let mut problems = Vec::new();
    let checks = Checks { path, text };
    checks.top_level(&value, &mut problems);
    if !problems.is_empty() {
        return Err(problems);
    }
    if let Some(items) = value.get("items").and_then(Value::as_array) {
        for (index, item) in items.iter().enumerate() {
            checks.item(index, item, &mut problems);
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    serde_json::from_value(value).map_err(|e| {
        vec![refuse(
            path,
            1,
            "bundle-schema",
            format!("the bundle does not match schema version {VERSION}: {e}"),
            "rebuild the area's site with the same clearhouse version as this national site",
        )]
    })
}

/// The schema's rules, written out in Rust. Kept in step with
/// `schema/learning-bundle.v2.schema.json` by the tests below.
struct Checks<'a> {
    path: &'a str,
    text: &'a str,
}

const TOP_LEVEL_KEYS: [&str; 8] = [
    "schema",
    "version",
    "generator",
    "area",
    "base_url",
    "built",
    "vocabulary",
    "items",
];
const ITEM_KEYS: [&str; 6] = ["review_id", "kind", "url", "sha256", "front_matter", "body"];

impl Checks<'_> {
    fn top_level(&self, value: &Value, problems: &mut Vec<Finding>) {
        let Some(object) = value.as_object() else {
            problems.push(self.problem(
                1,
                "bundle-schema",
                "the bundle is not a JSON object".into(),
            ));
            return;
        };
        match object.get("schema") {
            Some(Value::String(s)) if s == SCHEMA_NAME => {}
            other => {
                problems.push(self.problem(
                    self.line_of("\"schema\""),
                    "bundle-schema",
                    format!(
                        "this is not a clearhouse bundle: \"schema\" is {}, expected \"{SCHEMA_NAME}\"",
                        describe(other)
                    ),
                ));
                return;
            }
        }
        match object.get("version") {
            Some(Value::Number(n)) if n.as_u64() == Some(VERSION) => {}
            Some(Value::Number(n)) => {
                problems.push(
                    self.problem(
                        self.line_of("\"version\""),
                        "bundle-version",
                        format!("the bundle is version {n}; this clearhouse reads version {VERSION} only"),
                    )
                    .with_help("use the same clearhouse version on the local and national sites (a newer national site reads older bundles once it supports them)"),
                );
                return;
            }
            other => {
                problems.push(self.problem(
                    self.line_of("\"version\""),
                    "bundle-version",
                    format!(
                        "\"version\" is {}, expected the number {VERSION}",
                        describe(other)
                    ),
                ));
                return;
            }
        }
        for key in object.keys() {
            if !TOP_LEVEL_KEYS.contains(&key.as_str()) {
                problems.push(self.problem(
                    self.line_of(&format!("\"{key}\"")),
                    "bundle-schema",
                    format!("unknown key \"{key}\" at the top of the bundle"),
                ));
            }
        }
        for key in ["generator", "area", "base_url"] {
            self.expect_string(object, key, "", problems);
        }
        if let Some(Value::String(built)) = object.get("built") {
            if Day::parse(built).is_none() {
                problems.push(self.problem(
                    self.line_of("\"built\""),
                    "bundle-schema",
                    format!("\"built\" is {built:?}, expected a date written YYYY-MM-DD"),
                ));
            }
        } else {
            self.expect_string(object, "built", "", problems);
        }
        match object.get("vocabulary") {
            Some(Value::Array(themes)) if themes.iter().all(Value::is_string) => {}
            other => problems.push(self.problem(
                self.line_of("\"vocabulary\""),
                "bundle-schema",
                format!(
                    "\"vocabulary\" is {}, expected an array of theme names",
                    describe(other)
                ),
            )),
        }
        if !matches!(object.get("items"), Some(Value::Array(_))) {
            problems.push(self.problem(
                self.line_of("\"items\""),
                "bundle-schema",
                format!(
                    "\"items\" is {}, expected an array",
                    describe(object.get("items"))
                ),
            ));
        }
    }

    fn item(&self, index: usize, item: &Value, problems: &mut Vec<Finding>) {
        let Some(object) = item.as_object() else {
            problems.push(self.problem(
                1,
                "bundle-schema",
                format!("items[{index}] is not an object"),
            ));
            return;
        };
        let review_id = object
            .get("review_id")
            .and_then(Value::as_str)
            .unwrap_or("");
        let here = if review_id.is_empty() {
            format!("items[{index}]")
        } else {
            format!("items[{index}] ({review_id})")
        };
        let line = if review_id.is_empty() {
            1
        } else {
            self.line_of(&format!(
                "\"review_id\": {}",
                Value::String(review_id.into())
            ))
        };
        let before = problems.len();
        for key in object.keys() {
            if !ITEM_KEYS.contains(&key.as_str()) {
                problems.push(self.problem(
                    line,
                    "bundle-schema",
                    format!("{here}: unknown key \"{key}\""),
                ));
            }
        }
        for key in ["review_id", "url", "sha256", "body"] {
            self.expect_string(object, key, &format!("{here}: "), problems);
        }
        match object.get("kind").and_then(Value::as_str) {
            Some("report" | "summary") => {}
            other => problems.push(self.problem(
                line,
                "bundle-schema",
                format!(
                    "{here}: \"kind\" is {}, expected \"report\" or \"summary\"",
                    describe(other.map(|s| Value::String(s.into())).as_ref())
                ),
            )),
        }
        let front_matter = match object.get("front_matter") {
            Some(fm @ Value::Object(_)) => fm,
            other => {
                problems.push(self.problem(
                    line,
                    "bundle-schema",
                    format!(
                        "{here}: \"front_matter\" is {}, expected an object",
                        describe(other)
                    ),
                ));
                return;
            }
        };
        if problems.len() > before {
            return;
        }
        let declared = object["sha256"].as_str().unwrap_or_default();
        let body = object["body"].as_str().unwrap_or_default();
        if !is_sha256_hex(declared) {
            problems.push(self.problem(
                line,
                "bundle-schema",
                format!("{here}: \"sha256\" is not 64 lowercase hexadecimal digits"),
            ));
            return;
        }
        let actual = crate::content::signing::signature_of_values(front_matter, body);
        if actual != declared {
            problems.push(
                self.problem(line, "bundle-checksum", format!("{here}: the checksum does not match the item's content: it was changed after the area built it, or damaged in transit"))
                    .with_help("do not edit bundles by hand; fetch the bundle again, or ask the area to rebuild its site"),
            );
            return;
        }
        let parsed: FrontMatter = match serde_json::from_value(front_matter.clone()) {
            Ok(parsed) => parsed,
            Err(e) => {
                problems.push(self.problem(
                    line,
                    "bundle-schema",
                    format!("{here}: the front matter does not match the item schema: {e}"),
                ));
                return;
            }
        };
        if parsed.review_id != review_id {
            problems.push(self.problem(
                line,
                "bundle-schema",
                format!(
                    "{here}: \"review_id\" differs from the front matter's ({:?})",
                    parsed.review_id
                ),
            ));
        }
        if Some(parsed.kind.as_str()) != object["kind"].as_str() {
            problems.push(self.problem(
                line,
                "bundle-schema",
                format!("{here}: \"kind\" differs from the front matter's"),
            ));
        }
    }

    fn expect_string(
        &self,
        object: &Map<String, Value>,
        key: &str,
        prefix: &str,
        problems: &mut Vec<Finding>,
    ) {
        let value = object.get(key);
        if !matches!(value, Some(Value::String(_))) {
            problems.push(self.problem(
                self.line_of(&format!("\"{key}\"")),
                "bundle-schema",
                format!(
                    "{prefix}\"{key}\" is {}, expected a string",
                    describe(value)
                ),
            ));
        }
    }

    fn problem(&self, line: usize, rule: &str, message: String) -> Finding {
        refuse(
            self.path,
            line,
            rule,
            message,
            "ask the area to rebuild its site with clearhouse and publish the new learning-bundle.json",
        )
    }

    /// Best-effort 1-based line of the first occurrence of `needle`, so
    /// that a finding points near its cause in a pretty-printed bundle.
    fn line_of(&self, needle: &str) -> usize {
        self.text
            .find(needle)
            .map(|at| self.text[..at].matches('\n').count() + 1)
            .unwrap_or(1)
    }
}

/// A `schema` finding refusing the bundle at `path`.
pub fn refuse(path: &str, line: usize, rule: &str, message: String, help: &str) -> Finding {
    Finding::file(
        path,
        line,
        Kind::Schema,
        rule,
        Severity::Error,
        format!("bundle refused: {message}"),
    )
    .with_help(help)
}

fn is_sha256_hex(text: &str) -> bool {
    text.len() == 64
        && text
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// How a JSON value reads in a message: its type, not its content (which
/// could be personal data).
fn describe(value: Option<&Value>) -> &'static str {
    match value {
        None => "missing",
        Some(Value::Null) => "null",
        Some(Value::Bool(_)) => "a boolean",
        Some(Value::Number(_)) => "a number",
        Some(Value::String(_)) => "a different string",
        Some(Value::Array(_)) => "an array",
        Some(Value::Object(_)) => "an object",
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::national::testing::{local_site, ITEM_NEGLECT, ITEM_SUMMARY};

    fn written(items: &[&str]) -> Vec<u8> {
        write_bundle(&local_site("North CPC", items)).bytes
    }

    #[test]
    fn a_bundle_reads_back_as_written() {
        let bytes = written(&[ITEM_NEGLECT, ITEM_SUMMARY]);
        let bundle = read_bundle(&bytes, "north.json").expect("own bundle reads back");
        assert_eq!(bundle.schema, "clearhouse-bundle");
        assert_eq!(bundle.version, 2);
        assert_eq!(bundle.area, "North CPC");
        assert_eq!(bundle.built.to_string(), "2026-11-26");
        assert_eq!(bundle.vocabulary, vec!["county-lines".to_string()]);
        assert_eq!(bundle.items.len(), 2);
        let report = bundle
            .items
            .iter()
            .find(|i| i.review_id == "NO-2024-01")
            .unwrap();
        assert_eq!(report.kind, ItemKind::Report);
        assert_eq!(report.url, "https://north.example.org/learning/no-2024-01/");
        assert_eq!(
            report.front_matter["themes"],
            serde_json::json!(["neglect", "information-sharing"])
        );
        assert_eq!(report.front_matter["published"], "2025-03-01");
        assert_eq!(
            report.front_matter["signoff"]["cog"]["sha256"], report.sha256,
            "the checksum is the digest the COG signed"
        );
        assert!(report.body.starts_with("## How the review was conducted"));
        let again = serde_json::to_vec_pretty(&bundle).unwrap();
        assert_eq!(
            read_bundle(&again, "again.json").unwrap().items[0].sha256,
            bundle.items[0].sha256
        );
    }

    #[test]
    fn a_bundle_with_one_byte_changed_is_refused() {
        let bytes = written(&[ITEM_NEGLECT]);
        let text = String::from_utf8(bytes).unwrap();
        let at = text.find("were not shared").unwrap();
        let mut tampered = text.into_bytes();
        tampered[at] = b'W';
        let problems = read_bundle(&tampered, "sources/north.json").unwrap_err();
        assert_eq!(problems.len(), 1, "{problems:#?}");
        assert_eq!(problems[0].rule, "bundle-checksum");
        assert_eq!(problems[0].kind, Kind::Schema);
        assert_eq!(problems[0].path, "sources/north.json");
        assert!(problems[0].message.contains("NO-2024-01"));
        assert!(problems[0].line > 1, "points at the item");
    }

    #[test]
    fn front_matter_changes_break_the_checksum_too() {
        let bytes = written(&[ITEM_NEGLECT]);
        let text =
            String::from_utf8(bytes)
                .unwrap()
                .replacen("\"neglect\"", "\"domestic-abuse\"", 1);
        let problems = read_bundle(text.as_bytes(), "b.json").unwrap_err();
        assert_eq!(problems[0].rule, "bundle-checksum");
    }

    #[test]
    fn an_unknown_version_is_refused() {
        let text = String::from_utf8(written(&[ITEM_NEGLECT]))
            .unwrap()
            .replacen("\"version\": 2,", "\"version\": 1,", 1);
        let problems = read_bundle(text.as_bytes(), "b.json").unwrap_err();
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].rule, "bundle-version");
        assert!(problems[0].message.contains("version 1"));
    }

    #[test]
    fn invalid_json_and_other_schemas_are_refused() {
        let problems = read_bundle(b"{\"schema\": \"clearhouse-bundle\",\n", "b.json").unwrap_err();
        assert_eq!(problems[0].rule, "bundle-json");
        let problems = read_bundle(b"{\"schema\": \"geojson\"}", "b.json").unwrap_err();
        assert_eq!(problems[0].rule, "bundle-schema");
        let problems = read_bundle(b"[]", "b.json").unwrap_err();
        assert!(problems[0].message.contains("not a JSON object"));
        let problems = read_bundle(&[0xff, 0xfe], "b.json").unwrap_err();
        assert_eq!(problems[0].rule, "bundle-not-utf8");
    }

    #[test]
    fn missing_and_mistyped_fields_are_each_reported() {
        let mut value: Value = serde_json::from_slice(&written(&[ITEM_NEGLECT])).unwrap();
        let object = value.as_object_mut().unwrap();
        object.remove("area");
        object.insert("vocabulary".into(), Value::String("neglect".into()));
        object.insert("extra".into(), Value::Bool(true));
        let problems = read_bundle(value.to_string().as_bytes(), "b.json").unwrap_err();
        let messages: Vec<&str> = problems.iter().map(|p| p.message.as_str()).collect();
        assert_eq!(problems.len(), 3, "{messages:#?}");
        assert!(messages.iter().any(|m| m.contains("\"area\" is missing")));
        assert!(messages
            .iter()
            .any(|m| m.contains("\"vocabulary\" is a different string")));
        assert!(messages.iter().any(|m| m.contains("unknown key \"extra\"")));
    }

    #[test]
    fn item_fields_must_agree_with_the_front_matter() {
        let mut value: Value = serde_json::from_slice(&written(&[ITEM_NEGLECT])).unwrap();
        value["items"][0]["review_id"] = Value::String("NO-2099-01".into());
        let problems = read_bundle(value.to_string().as_bytes(), "b.json").unwrap_err();
        assert!(problems[0]
            .message
            .contains("differs from the front matter"));
        let mut value: Value = serde_json::from_slice(&written(&[ITEM_NEGLECT])).unwrap();
        value["items"][0]["sha256"] = Value::String("ABC".into());
        let problems = read_bundle(value.to_string().as_bytes(), "b.json").unwrap_err();
        assert!(problems[0].message.contains("64 lowercase hexadecimal"));
    }

    #[test]
    fn the_checksum_is_the_sign_off_digest_of_the_values_carried() {
        let bundle = read_bundle(&written(&[ITEM_NEGLECT]), "b.json").unwrap();
        let item = &bundle.items[0];
        assert_eq!(
            crate::content::signing::signature_of_values(&item.front_matter, &item.body),
            item.sha256
        );
    }

    #[test]
    fn the_schema_file_names_the_same_fields() {
        let schema: Value =
            serde_json::from_str(include_str!("../../schema/learning-bundle.v2.schema.json"))
                .expect("the schema file is JSON");
        let keys = |v: &Value| -> Vec<String> {
            let mut k: Vec<String> = v["properties"]
                .as_object()
                .unwrap()
                .keys()
                .cloned()
                .collect();
            k.sort();
            k
        };
        let mut top: Vec<String> = TOP_LEVEL_KEYS.iter().map(|s| s.to_string()).collect();
        top.sort();
        assert_eq!(keys(&schema), top);
        let mut item: Vec<String> = ITEM_KEYS.iter().map(|s| s.to_string()).collect();
        item.sort();
        assert_eq!(keys(&schema["$defs"]["item"]), item);
        assert_eq!(schema["properties"]["version"]["const"], VERSION);
        assert_eq!(schema["properties"]["schema"]["const"], SCHEMA_NAME);
    }
}
