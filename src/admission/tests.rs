//! Admission as the guidance reads: what is published, what waits and what
//! is refused, locally and nationally.

use std::collections::BTreeSet;
use std::path::Path;

use super::*;
use crate::content::{Day, Signatory};
use crate::findings::{Finding, Kind, Severity};
use crate::load::{self, SiteOptions};
use crate::national::testing::{extras, local_site, today, ITEM_NEGLECT, ITEM_SUMMARY};
use crate::national::write_bundle;
use crate::text::slugify;

const CONTROL: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/samples/bad-inputs/00-control"
);
const ITEM: &str = "content/reports/ts-2024-00.md";

/// A copy of the control site (one report, TS-2024-00), changed by `edit`.
fn control(edit: impl FnOnce(&Path)) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for entry in walkdir::WalkDir::new(CONTROL) {
        let entry = entry.unwrap();
        let target = dir.path().join(entry.path().strip_prefix(CONTROL).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
    edit(dir.path());
    dir
}

fn options(root: &Path) -> SiteOptions {
    SiteOptions {
        root: root.to_path_buf(),
        register: None,
        today: today(),
    }
}

fn admitted(root: &Path, mode: Mode) -> Admission {
    admit(load::load(&options(root)).expect("the site loads"), mode).expect("admission runs")
}

/// Adds an item: the control report with another review id, `front` added
/// to its `[publication]` and `body`, signed off by both unless `signed`
/// is false (then it has no `[signoff]`).
fn add_item(root: &Path, id: &str, front: &str, body: &str, signed: bool) {
    let control = std::fs::read_to_string(Path::new(CONTROL).join(ITEM)).unwrap();
    let split = crate::content::frontmatter::split(&control).unwrap();
    let toml: String = control[split.toml_start..split.toml_end]
        .replace("TS-2024-00", id)
        .replace(
            "decision = \"publish\"",
            &format!("decision = \"publish\"\n{front}"),
        )
        .lines()
        .filter(|line| {
            signed
                || !(line.starts_with("[signoff]")
                    || line.starts_with("cpc =")
                    || line.starts_with("cog ="))
        })
        .map(|line| format!("{line}\n"))
        .collect();
    let text = format!("+++\n{toml}+++\n{body}");
    let split = crate::content::frontmatter::split(&text).unwrap();
    let signature = crate::content::signing::signature(&text, &split);
    std::fs::write(
        root.join(format!("content/reports/{}.md", id.to_lowercase())),
        regex::Regex::new("sha256 = \"[0-9a-f]{64}\"")
            .unwrap()
            .replace_all(&text, format!("sha256 = \"{signature}\"").as_str())
            .as_ref(),
    )
    .unwrap();
}

/// Signs an edited item again, as its CPC and COG would.
fn sign_again(path: &Path) {
    let text = std::fs::read_to_string(path).unwrap();
    let split = crate::content::frontmatter::split(&text).unwrap();
    let signature = crate::content::signing::signature(&text, &split);
    let text = regex::Regex::new("sha256 = \"[0-9a-f]{64}\"")
        .unwrap()
        .replace_all(&text, format!("sha256 = \"{signature}\"").as_str())
        .into_owned();
    std::fs::write(path, text).unwrap();
}

fn verdict<'a>(admission: &'a Admission, id: &str) -> &'a ItemVerdict {
    admission
        .items
        .iter()
        .find(|v| v.review_id == id)
        .unwrap_or_else(|| panic!("no verdict for {id}"))
}

fn has_page(admission: &Admission, needle: &str) -> bool {
    admission
        .files
        .iter()
        .any(|f| String::from_utf8_lossy(&f.bytes).contains(needle))
}

#[test]
fn every_item_gets_exactly_one_verdict() {
    let site = control(|root| {
        add_item(root, "TS-2024-10", "", "Body.\n", false);
        add_item(root, "TS-2024-11", "", "Call 07700 900123.\n", true);
    });
    let admission = admitted(site.path(), Mode::Publish);
    assert_eq!(admission.items.len(), 3);
    assert!(verdict(&admission, "TS-2024-00").is_published());
    assert!(verdict(&admission, "TS-2024-10").hold().is_some());
    assert!(verdict(&admission, "TS-2024-11").is_blocked());
    assert!(!admission.ok());
}

#[test]
fn a_report_signed_only_by_the_cpc_is_held_and_the_rest_is_published() {
    let site = control(|root| {
        add_item(root, "TS-2024-10", "", "Body of the held report.\n", true);
        let path = root.join("content/reports/ts-2024-10.md");
        let text = std::fs::read_to_string(&path).unwrap();
        let cog = text
            .lines()
            .find(|l| l.starts_with("cog = "))
            .unwrap()
            .to_string();
        std::fs::write(&path, text.replace(&format!("{cog}\n"), "")).unwrap();
    });
    let admission = admitted(site.path(), Mode::Publish);
    assert!(admission.ok(), "{:#?}", admission.all_findings());
    let held = admission.held();
    assert_eq!(held.len(), 1);
    assert_eq!(held[0].review_id, "TS-2024-10");
    assert_eq!(held[0].reason, "awaiting-cog-signoff");
    assert_eq!(
        verdict(&admission, "TS-2024-10").hold().unwrap().reasons,
        vec![HoldReason::AwaitingSignoff(Signatory::Cog)]
    );
    assert_eq!(admission.published(), 1);
    assert!(
        !has_page(&admission, "TS-2024-10"),
        "a held item is nowhere in the site"
    );
    assert!(admission.previews.is_empty(), "a build renders no draft");
}

#[test]
fn an_embargoed_report_is_held_until_its_day() {
    let site = control(|root| {
        add_item(
            root,
            "TS-2024-10",
            "embargo_until = 2027-02-01",
            "Embargoed body.\n",
            true,
        );
    });
    let admission = admitted(site.path(), Mode::Publish);
    let held = admission.held();
    assert_eq!(held[0].due.as_deref(), Some("2027-02-01"));
    let later = SiteOptions {
        today: Day::parse("2027-02-01").unwrap(),
        ..options(site.path())
    };
    let admission = admit(load::load(&later).unwrap(), Mode::Publish).unwrap();
    assert!(admission.held().is_empty());
    assert_eq!(admission.published(), 2);
}

#[test]
fn personal_data_in_a_held_item_blocks_it_like_any_other_error() {
    let site = control(|root| {
        add_item(
            root,
            "TS-2024-10",
            "",
            "Call Mother on 07700 900123.\n",
            false,
        );
    });
    let admission = admitted(site.path(), Mode::Publish);
    let item = verdict(&admission, "TS-2024-10");
    assert!(item.is_blocked());
    assert!(item
        .findings
        .iter()
        .any(|f| f.kind == Kind::Phone && f.is_error()));
    assert!(!admission.ok());
}

#[test]
fn review_ids_that_differ_only_in_case_are_one_id() {
    let site = control(|root| {
        add_item(root, "TS-2024-99", "", "Another body.\n", true);
        let path = root.join("content/reports/ts-2024-99.md");
        let text = std::fs::read_to_string(&path).unwrap();
        std::fs::write(&path, text.replace("\"TS-2024-99\"", "\"ts-2024-00\"")).unwrap();
    });
    let admission = admitted(site.path(), Mode::Publish);
    let blocked: Vec<&ItemVerdict> = admission.items.iter().filter(|v| v.is_blocked()).collect();
    assert_eq!(blocked.len(), 1, "the later of the two is refused");
    assert!(blocked[0]
        .findings
        .iter()
        .any(|f| f.rule == "duplicate-review-id"));
}

/// A register entry only the rendered page shows: the date the template
/// writes out in words from `published = 2025-05-12`, which the gate does
/// not read as a personal date in the front matter.
#[test]
fn an_item_only_the_post_render_scan_catches_is_blocked_and_listed_nowhere() {
    let site = control(|root| {
        add_item(root, "TS-2024-10", "", "A second report.\n", true);
        let path = root.join("content/reports/ts-2024-10.md");
        let text = std::fs::read_to_string(&path).unwrap();
        std::fs::write(
            &path,
            text.replace("published = 2025-05-12", "published = 2025-06-01"),
        )
        .unwrap();
        sign_again(&path);
        let register = root.join("private/register.toml");
        let mut text = std::fs::read_to_string(&register).unwrap();
        text.push_str("\n[[identifier]]\ntext = \"12 May 2025\"\nkind = \"date\"\n");
        std::fs::write(register, text).unwrap();
    });
    let admission = admitted(site.path(), Mode::Publish);
    let item = verdict(&admission, "TS-2024-00");
    assert!(item.is_blocked(), "{item:#?}");
    assert!(item.findings.iter().any(|f| f.rule == "post-build-scan"));
    assert!(verdict(&admission, "TS-2024-10").is_published());
    assert!(
        admission.findings.iter().all(|f| !f.is_error()),
        "{:#?}",
        admission.findings
    );
    assert!(
        !has_page(&admission, "TS-2024-00"),
        "its pages and listings are gone"
    );
    assert!(has_page(&admission, "TS-2024-10"));
    assert!(!admission.ok());
}

#[test]
fn a_static_file_that_fails_the_gate_is_not_among_the_files() {
    let site = control(|root| {
        std::fs::create_dir_all(root.join("static")).unwrap();
        std::fs::write(root.join("static/notes.txt"), "Ask Stacey Corrigan.\n").unwrap();
        std::fs::write(root.join("static/site.txt"), "Nothing here.\n").unwrap();
    });
    let admission = admitted(site.path(), Mode::Publish);
    let paths: BTreeSet<&str> = admission.files.iter().map(|f| f.path.as_str()).collect();
    assert!(!paths.contains("notes.txt"));
    assert!(paths.contains("site.txt"));
    assert!(admission
        .findings
        .iter()
        .any(|f| f.path == "static/notes.txt" && f.kind == Kind::Register));
    assert!(!admission.ok());
}

#[test]
fn a_preview_shows_a_draft_on_its_own_page_and_lists_it_nowhere() {
    let site = control(|root| add_item(root, "TS-2024-10", "", "Draft body words.\n", false));
    let admission = admitted(site.path(), Mode::Preview);
    let item = verdict(&admission, "TS-2024-10");
    let Verdict::Held {
        preview: Some(page),
        ..
    } = &item.verdict
    else {
        panic!("{item:#?}");
    };
    assert_eq!(page, "learning/ts-2024-10/index.html");
    let draft = String::from_utf8_lossy(&admission.previews[0].bytes).into_owned();
    assert!(draft.contains("DRAFT — not published"), "{draft}");
    assert!(draft.contains("awaiting CPC sign-off"));
    assert!(draft.contains("Draft body words"));
    assert!(
        !has_page(&admission, "TS-2024-10"),
        "drafts are in no published file"
    );
}

#[test]
fn readmitting_an_edited_item_judges_it_as_a_whole_admission_would() {
    let site = control(|_| {});
    let mut admission = admitted(site.path(), Mode::Preview);
    let theme = crate::render::Theme::load(site.path(), "default").unwrap();
    let path = site.path().join(ITEM);
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &path,
        text.replace("Eight practitioners", "Nine practitioners"),
    )
    .unwrap();
    let config = admission.site().config.clone();
    let candidate = load::load_item(&config, site.path(), ITEM);
    let done = admission
        .readmit(vec![(ITEM.to_string(), Some(candidate))], &theme)
        .unwrap();
    assert_eq!(
        done.unpublished,
        vec![("Test CPC".to_string(), "TS-2024-00".to_string())]
    );
    assert_eq!(done.previews.len(), 1, "changed since sign-off: a draft");
    assert_eq!(admission.published(), 0);
    let whole = admitted(site.path(), Mode::Preview);
    assert_eq!(
        verdict(&whole, "TS-2024-00").verdict,
        verdict(&admission, "TS-2024-00").verdict
    );
}

/// A national site over bundles written from `sites` (area, items).
fn national(sites: &[(&str, &[&str])]) -> (tempfile::TempDir, Admission) {
    let dir = tempfile::tempdir().unwrap();
    let mut config = String::from(
        "title = 'Scotland'\nbase_url = 'https://national.example.org/'\nscope = 'national'\n",
    );
    for (area, items) in sites {
        let slug = slugify(area);
        let bundle = write_bundle(&local_site(area, items), extras());
        std::fs::write(dir.path().join(format!("{slug}.json")), &bundle.bytes).unwrap();
        config.push_str(&format!(
            "[[sources]]\narea = '{area}'\nbundle = '{slug}.json'\n"
        ));
    }
    std::fs::write(dir.path().join("config.toml"), config).unwrap();
    let admission = admitted(dir.path(), Mode::Publish);
    (dir, admission)
}

#[test]
fn a_national_site_holds_every_areas_items() {
    let south_neglect = ITEM_NEGLECT.replace("NO-2024-01", "SO-2024-01");
    let (_dir, admission) = national(&[
        ("North CPC", &[ITEM_NEGLECT, ITEM_SUMMARY]),
        ("South CPC", &[&south_neglect, ITEM_NEGLECT]),
    ]);
    let findings = admission.all_findings();
    let errors: Vec<&Finding> = findings.iter().filter(|f| f.is_error()).collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let site = admission.site();
    assert!(site.is_national());
    assert_eq!(site.items.len(), 4);
    let paths: BTreeSet<String> = site.items.iter().map(|i| site.item_path(i)).collect();
    assert!(paths.contains("learning/north-cpc/no-2024-01/"));
    assert!(
        paths.contains("learning/south-cpc/no-2024-01/"),
        "equal ids in two areas do not collide"
    );
    assert!(site.vocabulary.contains("county-lines"));
    assert!(
        findings
            .iter()
            .any(|f| f.kind == Kind::Clear && !f.is_error()),
        "CLEAR gaps are shown nationally too"
    );
}

#[test]
fn a_tampered_bundle_blocks_the_national_build_and_is_named() {
    let (dir, _) = national(&[("North CPC", &[ITEM_NEGLECT])]);
    let path = dir.path().join("north-cpc.json");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &path,
        text.replacen("were not shared", "were not sharec", 1),
    )
    .unwrap();
    let admission = admitted(dir.path(), Mode::Publish);
    assert!(!admission.ok());
    let findings = admission.all_findings();
    let refused = findings.iter().find(|f| f.is_error()).unwrap();
    assert_eq!(refused.kind, Kind::Schema);
    assert_eq!(refused.path, "north-cpc.json");
    assert_eq!(refused.rule, "bundle-checksum");
    assert!(admission.site().items.is_empty());
}

#[test]
fn themes_a_national_site_does_not_know_are_warnings() {
    let (dir, _) = national(&[("North CPC", &[ITEM_SUMMARY])]);
    // Rewrite the bundle as if the area had not declared its extra theme.
    let path = dir.path().join("north-cpc.json");
    let mut value: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    value["vocabulary"] = serde_json::json!([]);
    std::fs::write(&path, value.to_string()).unwrap();
    let admission = admitted(dir.path(), Mode::Publish);
    let findings = admission.all_findings();
    let theme = findings
        .iter()
        .find(|f| f.kind == Kind::Theme)
        .expect("the unknown theme is reported");
    assert_eq!(theme.severity, Severity::Warning);
    assert_eq!(theme.path, "sources/north-cpc/no-2025-01.md");
    assert!(admission.ok());
    assert_eq!(admission.site().items.len(), 1);
}

#[test]
fn an_area_listed_twice_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let bundle = write_bundle(&local_site("North CPC", &[ITEM_NEGLECT]), extras());
    std::fs::write(dir.path().join("n.json"), &bundle.bytes).unwrap();
    std::fs::write(
        dir.path().join("config.toml"),
        "title='S'\nbase_url='https://n.example.org'\nscope='national'\n[[sources]]\narea='North CPC'\nbundle='n.json'\n[[sources]]\narea='North CPC'\nbundle='n.json'\n",
    )
    .unwrap();
    let admission = admitted(dir.path(), Mode::Publish);
    assert!(admission
        .findings
        .iter()
        .any(|f| f.rule == "duplicate-source"));
    assert_eq!(
        admission.site().items.len(),
        1,
        "its items are counted once"
    );
}

#[test]
fn a_bundle_carrying_a_postcode_or_chi_number_is_blocked_nationally() {
    let planted = ITEM_NEGLECT.replace(
        "Concerns about Child A were not shared",
        "Concerns about Child A (CHI 0101011237, living at KY21 7QT) were not shared",
    );
    let (_dir, admission) = national(&[("North CPC", &[&planted])]);
    assert!(
        !admission.ok(),
        "the national gate blocks the bundle's item"
    );
    let findings = admission.all_findings();
    let kinds: BTreeSet<Kind> = findings
        .iter()
        .filter(|f| f.is_error())
        .map(|f| f.kind)
        .collect();
    assert!(kinds.contains(&Kind::ChiNumber), "{kinds:?}");
    assert!(kinds.contains(&Kind::Postcode), "{kinds:?}");
    let chi = findings.iter().find(|f| f.kind == Kind::ChiNumber).unwrap();
    assert_eq!(chi.path, "sources/north-cpc/no-2024-01.md");
    assert!(chi.help.as_deref().unwrap().contains("North CPC"));
    assert!(admission.site().items.is_empty());
}

#[test]
fn area_names_that_read_the_same_clash_and_say_so() {
    let dir = tempfile::tempdir().unwrap();
    let bundle = write_bundle(&local_site("North CPC", &[ITEM_NEGLECT]), extras());
    std::fs::write(dir.path().join("n.json"), &bundle.bytes).unwrap();
    std::fs::write(
        dir.path().join("config.toml"),
        "title='S'\nbase_url='https://n.example.org'\nscope='national'\n[[sources]]\narea='North CPC'\nbundle='n.json'\n[[sources]]\narea='north-C.P.C.'\nbundle='n.json'\n",
    )
    .unwrap();
    let admission = admitted(dir.path(), Mode::Publish);
    let clash = admission
        .findings
        .iter()
        .find(|f| f.rule == "duplicate-source")
        .expect("the clash is found");
    assert!(
        clash.message.contains("\"North CPC\" and \"north-C.P.C.\""),
        "{}",
        clash.message
    );
    assert!(clash.message.contains("read as the same area"));
    assert!(
        !admission
            .all_findings()
            .iter()
            .any(|f| f.rule == "duplicate-review-id"),
        "not a misleading review id message"
    );
    assert_eq!(admission.site().items.len(), 1);
}

#[test]
fn a_bundle_from_an_area_spelt_differently_is_its_own() {
    let dir = tempfile::tempdir().unwrap();
    let bundle = write_bundle(&local_site("North CPC", &[ITEM_NEGLECT]), extras());
    std::fs::write(dir.path().join("n.json"), &bundle.bytes).unwrap();
    std::fs::write(
        dir.path().join("config.toml"),
        "title='S'\nbase_url='https://n.example.org'\nscope='national'\n[[sources]]\narea='North-CPC'\nbundle='n.json'\n",
    )
    .unwrap();
    let admission = admitted(dir.path(), Mode::Publish);
    assert!(admission.ok(), "{:#?}", admission.all_findings());
    assert_eq!(
        admission.site().items[0].area,
        "North-CPC",
        "named as config names it"
    );
}

/// The item with two words the gate cannot place, each a finding a person
/// must decide.
fn with_two_uncertain_words() -> String {
    ITEM_NEGLECT.replace(
        "Concerns about Child A were not shared between the health visitor and the school.",
        "Concerns about Child A were not shared between the health visitor and the school.\n\nThe Gloverbrae bus was late, and the Kintessack one too.",
    )
}

#[test]
fn a_national_site_honours_exactly_the_spans_the_area_decided() {
    let text = with_two_uncertain_words();
    let local = local_site("North CPC", &[&text]);
    let item = &local.items[0];
    let gate = crate::gate::Gate::new(&local.config.gate, crate::gate::Register::empty());
    let mut findings = gate.scan_item(item);
    let uncertain: Vec<usize> = findings
        .iter()
        .enumerate()
        .filter(|(_, f)| f.severity == Severity::NeedsDecision)
        .map(|(i, _)| i)
        .collect();
    assert!(uncertain.len() >= 2, "{findings:#?}");
    // The area's reviewer decided the first word only.
    let decided_word = uncertain
        .iter()
        .copied()
        .find(|i| {
            item.source
                .line_text(findings[*i].line)
                .contains("Gloverbrae")
                && findings[*i].column
                    == item
                        .source
                        .line_text(findings[*i].line)
                        .find("Gloverbrae")
                        .unwrap()
                        + 1
        })
        .expect("Gloverbrae is a finding");
    findings[decided_word].severity = Severity::Decided;
    let verdicts = vec![ItemVerdict {
        path: item.source.path.clone(),
        review_id: item.meta.review_id.clone(),
        area: item.area.clone(),
        verdict: Verdict::Published { pages: Vec::new() },
        findings,
    }];
    let mut context = crate::national::Context::new(crate::national::testing::built());
    national::complete(&mut context, &local.config, &local.items, &verdicts);
    assert!(
        context.statistics_file.is_some(),
        "a local build always writes one"
    );
    let spans = &context.decided[&item.source.path];
    assert_eq!(spans.spans.len(), 1);
    assert_eq!(spans.spans[0].field, "body");

    let dir = tempfile::tempdir().unwrap();
    let write = |extras| {
        let bundle = write_bundle(&local, extras);
        std::fs::write(dir.path().join("n.json"), &bundle.bytes).unwrap();
    };
    write(context.bundle_extras());
    std::fs::write(
        dir.path().join("config.toml"),
        "title='S'\nbase_url='https://n.example.org'\nscope='national'\n[gate]\nallow=['Child A']\n[[sources]]\narea='North CPC'\nbundle='n.json'\n",
    )
    .unwrap();
    let admission = admitted(dir.path(), Mode::Publish);
    let all = admission.all_findings();
    let decided: Vec<&Finding> = all
        .iter()
        .filter(|f| f.severity == Severity::Decided)
        .collect();
    assert_eq!(decided.len(), 1, "{all:#?}");
    assert!(decided[0].message.contains("North CPC's review desk"));
    assert!(
        all.iter().any(|f| f.severity == Severity::NeedsDecision),
        "the national gate's finding on the other word still blocks"
    );
    assert!(!admission.ok());

    // With both decided, the item is published nationally.
    let mut both = context.decided[&item.source.path].clone();
    let national_item = crate::national::ingest::bundle_items(
        &crate::national::read_bundle(
            &std::fs::read(dir.path().join("n.json")).unwrap(),
            "n.json",
            today(),
        )
        .unwrap(),
        "n.json",
    )
    .0
    .remove(0);
    for finding in all.iter().filter(|f| f.severity == Severity::NeedsDecision) {
        both.spans.push(
            crate::decisions::decided_span(
                &crate::decisions::ItemText::of(&national_item),
                finding,
            )
            .unwrap(),
        );
    }
    let decided_map = std::collections::BTreeMap::from([(item.source.path.clone(), both)]);
    write(crate::national::BundleExtras {
        decided: &decided_map,
        ..context.bundle_extras()
    });
    let admission = admitted(dir.path(), Mode::Publish);
    assert!(admission.ok(), "{:#?}", admission.all_findings());
    assert_eq!(admission.site().items.len(), 1);
}

#[test]
fn a_held_item_becomes_a_statistics_only_record_and_nothing_else() {
    let dir = control(|root| {
        add_item(
            root,
            "TS-2024-09",
            "",
            "Withheld body text with a distinctive phrase.\n",
            true,
        );
        let path = root.join("content/reports/ts-2024-09.md");
        let text = std::fs::read_to_string(&path)
            .unwrap()
            .replace("decision = \"publish\"", "decision = \"withheld\"");
        std::fs::write(&path, text).unwrap();
    });
    let admission = admitted(dir.path(), Mode::Publish);
    assert!(admission.ok(), "{:#?}", admission.all_findings());
    let national = admission.national();
    let file = national
        .statistics_file
        .as_ref()
        .expect("a statistics file");
    let bundle = admission
        .files
        .iter()
        .find(|f| f.path == crate::national::BUNDLE_FILE)
        .unwrap();
    let text = String::from_utf8(bundle.bytes.clone()).unwrap();
    assert!(
        text.contains(file.sha256()),
        "the bundle names the file by its digest"
    );
    for file in &admission.files {
        let text = String::from_utf8_lossy(&file.bytes);
        assert!(
            !text.contains("TS-2024-09") && !text.contains("distinctive phrase"),
            "{}",
            file.path
        );
    }
}

/// A bundle's item is judged as a local one: a remote image in it is an
/// error on the national site too, so the national pages never make a
/// reader's browser ask another site for it.
#[test]
fn a_bundle_with_a_remote_image_is_blocked_nationally() {
    let planted = ITEM_NEGLECT.replace(
        "Concerns about Child A were not shared",
        "![chart](https://tracker.example/pixel.png)\n\nConcerns about Child A were not shared",
    );
    let (_dir, admission) = national(&[("North CPC", &[&planted])]);
    assert!(!admission.ok(), "the remote image blocks the item");
    let remote = admission
        .all_findings()
        .into_iter()
        .find(|f| f.kind == Kind::Remote && f.is_error())
        .expect("a remote error");
    assert_eq!(remote.path, "sources/north-cpc/no-2024-01.md");
    assert!(admission.site().items.is_empty());
}
