//! The publication workflow as a CPC runs it (issue 14): sign-off covers
//! the whole item, `signoff` refuses what cannot be published, and nothing
//! unfinished publishes.

use std::path::Path;

use crate::common::*;

const ITEM: &str = "content/reports/sa-2023-02.md";
const ID: &str = "SA-2023-02";

fn read(root: &Path, rel: &str) -> String {
    std::fs::read_to_string(root.join(rel)).unwrap()
}

fn edit(root: &Path, from: &str, to: &str) {
    let text = read(root, ITEM);
    assert!(text.contains(from), "{ITEM} has {from:?}");
    std::fs::write(root.join(ITEM), text.replacen(from, to, 1)).unwrap();
}

/// The reasons `check` holds the item for (empty when it is published).
fn held_for(root: &Path, id: &str) -> Vec<String> {
    let (code, json) = check_json(root);
    assert_eq!(code, 0, "{json:#}");
    json["held"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|h| h["review_id"] == id)
        .flat_map(|h| h["reasons"].as_array().unwrap().clone())
        .map(|r| r.as_str().unwrap().to_string())
        .collect()
}

fn signoff(root: &Path, by: &str, date: &str) -> std::process::Output {
    let file = root.join(ITEM);
    clearhouse(
        root,
        &[
            "signoff",
            file.to_str().unwrap(),
            "--by",
            by,
            "--date",
            date,
        ],
    )
}

#[test]
fn a_changed_value_holds_the_item_until_it_is_signed_again_and_reformatting_does_not() {
    let site = copy_site(&samples().join("good-site"));
    let root = site.path();
    assert!(held_for(root, ID).is_empty(), "published as signed");

    // Reformatting: comments, spacing, key order, inline against standard
    // tables, quoting.
    let text = read(root, ITEM);
    let reformatted = text
        .replacen(
            "title = \"Learning from a review of long-term neglect of three children\"",
            "# The title, as the COG approved it.\ntitle   =   'Learning from a review of long-term neglect of three children'",
            1,
        )
        .replacen(
            "[publication]\ndecision = \"publish\"\nfamily_consulted = true\nproceedings = \"none\"",
            "[publication]\nproceedings = \"none\"   # concluded in 2024? no: none\nfamily_consulted = true\ndecision = \"publish\"",
            1,
        )
        .replacen(
            "review = { outcomes = \"A combined chronology is in place for every child where neglect is a concern, and is used at planning meetings.\", by = \"2026-06\", resources = \"Chronology guidance and training from the CPC learning and development group.\" }",
            "[strategies.review]\nby = \"2026-06\"\noutcomes = \"\"\"A combined chronology is in place for every child where neglect is a concern, and is used at planning meetings.\"\"\"\nresources = \"Chronology guidance and training from the CPC learning and development group.\"",
            1,
        );
    assert_ne!(reformatted, text);
    std::fs::write(root.join(ITEM), &reformatted).unwrap();
    assert!(
        held_for(root, ID).is_empty(),
        "reformatting changes no value"
    );

    for (what, from, to) in [
        (
            "a strategy's title",
            "title = \"Use multi-agency chronologies to see cumulative harm\"",
            "title = \"Use chronologies to see cumulative harm\"",
        ),
        (
            "a responsible organisation",
            "responsible = [\"Children's social work\", \"Education services\", \"Health board\"]",
            "responsible = [\"Children's social work\", \"Education services\"]",
        ),
        ("a review date", "by = \"2026-06\"", "by = \"2027-06\""),
        ("a theme", "\"housing-and-poverty\", ", ""),
    ] {
        edit(root, from, to);
        assert_eq!(
            held_for(root, ID),
            ["changed-since-signoff", "changed-since-signoff"],
            "{what}"
        );
        for (by, date) in [("CPC", "2026-01-10"), ("cog", "2026-02-10")] {
            let out = signoff(root, by, date);
            assert!(
                out.status.success(),
                "{what}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        assert!(
            held_for(root, ID).is_empty(),
            "{what}: published once signed again"
        );
    }
}

#[test]
fn signoff_refuses_what_cannot_be_published_and_the_cog_waits_for_every_decision() {
    let site = copy_site(&samples().join("good-site"));
    let root = site.path();
    let signed = read(root, ITEM);

    // An undecided finding: a capitalised word that may be a place.
    edit(
        root,
        "## Effective practice\n",
        "## Effective practice\n\nThe family later moved to Gloverbrae.\n",
    );
    sign_again(&root.join(ITEM));
    let before = read(root, ITEM);
    let cpc = signoff(root, "Cpc", "2026-01-10");
    let said = String::from_utf8_lossy(&cpc.stdout);
    assert!(
        cpc.status.success(),
        "{}",
        String::from_utf8_lossy(&cpc.stderr)
    );
    assert!(
        said.contains(&format!("signed off {ITEM} by the CPC on 2026-01-10")),
        "{said}"
    );
    assert!(said.contains("still open for SA-2023-02"), "{said}");
    let open = String::from_utf8_lossy(&cpc.stderr);
    assert!(
        open.contains("needs-decision") || open.contains("decision"),
        "{open}"
    );
    assert!(!open.contains("Gloverbrae"), "masked: {open}");

    let after_cpc = read(root, ITEM);
    let cog = signoff(root, "COG", "2026-02-10");
    assert_eq!(cog.status.code(), Some(1));
    let said = String::from_utf8_lossy(&cog.stderr);
    assert!(said.contains("was not signed off by the COG"), "{said}");
    assert!(said.contains("still need a person's decision"), "{said}");
    assert!(!said.contains("Gloverbrae"), "masked: {said}");
    assert_eq!(read(root, ITEM), after_cpc, "nothing written");
    assert_ne!(before, after_cpc);

    // An error: a registered name refuses both.
    std::fs::write(root.join(ITEM), &signed).unwrap();
    edit(
        root,
        "## Effective practice\n",
        "## Effective practice\n\nOrla Strachan was seen.\n",
    );
    for by in ["cpc", "cog"] {
        let out = signoff(root, by, "2026-01-10");
        assert_eq!(out.status.code(), Some(1), "{by}");
        let said = String::from_utf8_lossy(&out.stderr);
        assert!(said.contains("error(s) block its publication"), "{said}");
        assert!(
            said.contains("register") && !said.contains("Orla Strachan"),
            "{said}"
        );
    }
    // A date in the future, or a file that is not an item, cannot run.
    let out = signoff(root, "cpc", "2099-01-01");
    assert_eq!(out.status.code(), Some(2));
    let out = clearhouse(
        root,
        &[
            "signoff",
            "config.toml",
            "--by",
            "cpc",
            "--date",
            "2026-01-10",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn a_new_skeleton_signed_without_being_filled_in_never_publishes() {
    let site = copy_site(&samples().join("good-site"));
    let root = site.path();
    let new = clearhouse(root, &["new", "report", "SA-2026-01"]);
    assert!(new.status.success());
    let rel = "content/reports/sa-2026-01.md";

    let (code, json) = check_json(root);
    assert_eq!(code, 1, "an unfinished item blocks the build");
    let placeholders: Vec<&str> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["path"] == rel && f["kind"] == "placeholder")
        .inspect(|f| assert_eq!(f["severity"], "error"))
        .map(|f| f["message"].as_str().unwrap())
        .collect();
    for place in [
        "`title` still ends in the placeholder",
        "in `case_for_change` of strategy 1",
        "in `title` of effective practice 1",
        "in the body",
    ] {
        assert!(
            placeholders.iter().any(|m| m.contains(place)),
            "{place}: {placeholders:#?}"
        );
    }
    // signoff refuses it…
    let file = root.join(rel);
    let out = clearhouse(
        root,
        &[
            "signoff",
            file.to_str().unwrap(),
            "--by",
            "cpc",
            "--date",
            "2026-01-10",
        ],
    );
    let skeleton = read(root, rel);
    assert_eq!(out.status.code(), Some(1));
    assert!(!skeleton.contains("\n[signoff]"), "nothing written");
    // …and signed by hand all the same, it still does not publish.
    for (by, date) in [
        (clearhouse::content::Signatory::Cpc, "2026-01-10"),
        (clearhouse::content::Signatory::Cog, "2026-02-10"),
    ] {
        clearhouse::signoff::write_signoff(
            &file,
            by,
            clearhouse::content::Day::parse(date).unwrap(),
        )
        .unwrap();
    }
    let built = clearhouse(root, &["build"]);
    assert_eq!(built.status.code(), Some(1));
    let said = String::from_utf8_lossy(&built.stderr);
    assert!(said.contains("placeholder"), "{said}");
    assert!(!root.join("public").exists(), "nothing written");
}

#[test]
fn anonymise_makes_a_word_draft_an_item_and_reports_at_its_paragraphs() {
    let site = copy_site(&samples().join("good-site"));
    let root = site.path();
    let drafts = tempfile::tempdir().unwrap();
    let draft = drafts.path().join("Review of Child J.docx");
    std::fs::write(&draft, word_document()).unwrap();
    let out = clearhouse(
        root,
        &[
            "anonymise",
            draft.to_str().unwrap(),
            "--review-id",
            "SA-2026-02",
        ],
    );
    assert_eq!(out.status.code(), Some(1), "a finding is left for a person");
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        said.contains("\"Background\" is the circumstances that led to the review"),
        "{said}"
    );
    assert!(
        said.contains("added a blank \"Terms of reference\" section"),
        "{said}"
    );
    let findings = String::from_utf8_lossy(&out.stderr);
    assert!(
        findings.contains(&format!("{}:4:", draft.display())),
        "the day date is at paragraph 4 of the document: {findings}"
    );
    assert!(
        !findings.contains("Demi") && !findings.contains("17 May"),
        "{findings}"
    );
    let written = read(root, "private/anonymised/Review of Child J.md");
    assert!(
        written.contains("title = \"Learning from a review of care\""),
        "{written}"
    );
    assert!(written.contains("review_id = \"SA-2026-02\""), "{written}");
    assert!(
        written.contains("\n## Background\n\nMother moved to the family home on 17 May 2022.\n"),
        "{written}"
    );
}

/// A .docx as Word writes one: a zip package of XML parts.
fn word_document() -> Vec<u8> {
    use std::io::Write;
    let paragraph = |style: &str, text: &str| {
        let properties = if style.is_empty() {
            String::new()
        } else {
            format!("<w:pPr><w:pStyle w:val=\"{style}\"/></w:pPr>")
        };
        format!("<w:p>{properties}<w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>")
    };
    let body: String = [
        paragraph("Title", "Learning from a review of care"),
        paragraph("Heading1", "Background"),
        paragraph("", ""),
        paragraph(
            "",
            "Demi Strachan moved to Flat 3/2, 41 Millbrae Court on 17 May 2022.",
        ),
    ]
    .concat();
    let document = format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>{body}</w:body></w:document>");
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    zip.start_file(
        "word/document.xml",
        zip::write::SimpleFileOptions::default(),
    )
    .unwrap();
    zip.write_all(document.as_bytes()).unwrap();
    zip.finish().unwrap().into_inner()
}

/// Issue 14.1: the `published` day (and the item's other dates) is the
/// item's own, never a personal date, however it is written.
#[test]
fn the_items_own_dates_are_never_personal_dates() {
    let site = copy_site(&samples().join("bad-inputs/00-control"));
    let root = site.path();
    let rel = "content/reports/ts-2024-00.md";
    let text = read(root, rel);
    let quoted = regex::Regex::new(r"(?m)^published = (\d{4}-\d\d-\d\d)$")
        .unwrap()
        .replace(&text, "published = \"$1\"")
        .into_owned();
    assert_ne!(quoted, text);
    std::fs::write(root.join(rel), &quoted).unwrap();
    let (code, json) = check_json(root);
    assert_eq!(code, 0, "{json:#}");
    assert!(
        !json["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["kind"] == "date"),
        "{json:#}"
    );
    let drafts = tempfile::tempdir().unwrap();
    for (name, draft) in [("a.md", &text), ("b.md", &quoted)] {
        let file = drafts.path().join(name);
        std::fs::write(&file, draft).unwrap();
        let out = clearhouse(root, &["anonymise", file.to_str().unwrap()]);
        assert!(
            out.status.success(),
            "{name}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}
