//! The shared sample corpus: the good site builds with exactly its one
//! CLEAR warning, and every bad input gives the outcome its expect.json
//! names (kinds, file, line, suggestion, no false-positive kinds, the
//! items held by check and by build, nothing forbidden in the output).

use std::path::Path;

use serde_json::Value;

use crate::common::*;

/// Findings that block publication: errors, and uncertain findings no
/// person has decided yet (`needs-decision`), which block the same way.
fn error_findings(json: &Value) -> Vec<&Value> {
    json["findings"]
        .as_array()
        .expect("findings array")
        .iter()
        .filter(|f| f["severity"] == "error" || f["severity"] == "needs-decision")
        .collect()
}

#[test]
fn the_good_site_checks_clean_but_for_its_clear_gap() {
    let site = copy_site(&samples().join("good-site"));
    let (code, json) = check_json(site.path());
    assert_eq!(json["ok"], true, "{json:#}");
    assert_eq!(code, 0);
    let findings = json["findings"].as_array().unwrap();
    // The sample reports leave out the terms of reference, a part the
    // guidance asks for: one `structure` warning each, and nothing else
    // but the CLEAR gap.
    let (parts, findings): (Vec<&Value>, Vec<&Value>) =
        findings.iter().partition(|f| f["kind"] == "structure");
    assert_eq!(parts.len(), 5, "{json:#}");
    for part in parts {
        assert_eq!(part["severity"], "warning");
        assert!(part["message"]
            .as_str()
            .unwrap()
            .contains("terms of reference"));
    }
    assert_eq!(findings.len(), 1, "exactly the CLEAR warning: {json:#}");
    let clear = findings[0];
    assert_eq!(clear["kind"], "clear");
    assert_eq!(clear["severity"], "warning");
    assert_eq!(clear["path"], "content/reports/sa-2023-02.md");
    let line = clear["line"].as_u64().unwrap();
    assert!(line == 37 || line == 38, "line {line}");
}

/// One bad-input case against its expect.json.
fn check_case(case: &Path) -> Result<(), String> {
    let expect: Value =
        serde_json::from_slice(&std::fs::read(case.join("expect.json")).unwrap()).unwrap();
    let site = copy_site(case);
    let (code, json) = check_json(site.path());
    let errors = error_findings(&json);
    let kinds: Vec<&str> = expect["kinds"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k.as_str().unwrap())
        .collect();
    let may_also: Vec<&str> = expect["may_also"]
        .as_array()
        .map(|a| a.iter().map(|k| k.as_str().unwrap()).collect())
        .unwrap_or_default();
    match expect["exit"].as_str().unwrap() {
        "zero" if code != 0 => return Err(format!("check exited {code}, expected 0: {json:#}")),
        "nonzero" if code == 0 => {
            return Err(format!("check exited 0, expected an error: {json:#}"))
        }
        _ => {}
    }
    for kind in &kinds {
        let of_kind: Vec<&&Value> = errors.iter().filter(|f| f["kind"] == *kind).collect();
        if of_kind.is_empty() {
            return Err(format!("no error of kind {kind}: {json:#}"));
        }
        if let Some(path) = expect["path"].as_str() {
            if !of_kind.iter().any(|f| f["path"] == path) {
                return Err(format!("no {kind} finding names {path}: {json:#}"));
            }
        }
        if let Some(line) = expect["line"].as_u64() {
            if !of_kind.iter().any(|f| f["line"].as_u64() == Some(line)) {
                return Err(format!("no {kind} finding at line {line}: {json:#}"));
            }
        }
    }
    if !kinds.is_empty() {
        for finding in &errors {
            let kind = finding["kind"].as_str().unwrap();
            if !kinds.contains(&kind) && !may_also.contains(&kind) {
                return Err(format!("false positive of kind {kind}: {finding:#}"));
            }
        }
    }
    if let Some(min) = expect["min_findings"].as_object() {
        for (kind, n) in min {
            let count = errors.iter().filter(|f| f["kind"] == kind.as_str()).count() as u64;
            if count < n.as_u64().unwrap() {
                return Err(format!("{count} {kind} findings, expected at least {n}"));
            }
        }
    }
    if let Some(suggest) = expect["suggest"].as_str() {
        let said = errors.iter().any(|f| {
            f["message"].as_str().unwrap_or("").contains(suggest)
                || f["help"].as_str().unwrap_or("").contains(suggest)
        });
        if !said {
            return Err(format!("no finding suggests {suggest}: {json:#}"));
        }
    }
    // The human output never carries what the gate found.
    let human = clearhouse(site.path(), &["check"]);
    let stderr = String::from_utf8_lossy(&human.stderr);
    for finding in &errors {
        if finding["kind"] == "register" {
            continue;
        }
        let masked = finding["masked"].as_str().unwrap_or("");
        if !masked.is_empty() && !stderr.contains(masked) {
            return Err(format!(
                "human output does not show the masked text {masked}"
            ));
        }
    }

    let mut expected_held: Vec<String> = expect["held"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|id| id.as_str().unwrap().to_string())
        .collect();
    expected_held.sort();
    let mut check_held: Vec<String> = json["held"]
        .as_array()
        .ok_or("check --format json has no held list")?
        .iter()
        .map(|h| h["review_id"].as_str().unwrap_or("").to_string())
        .collect();
    check_held.sort();
    if expect["held"].is_array() && check_held != expected_held {
        return Err(format!(
            "check held {check_held:?}, expected {expected_held:?}"
        ));
    }

    let out = site.path().join("public");
    let built = clearhouse(site.path(), &["build", "--format", "json"]);
    let build_ok = built.status.success();
    // A successful build lists holds in its summary; a blocked one in the
    // JSON it was asked for.
    let mut build_held = if build_ok {
        held_ids(&String::from_utf8_lossy(&built.stderr))
    } else {
        let blocked: Value = serde_json::from_slice(&built.stdout).map_err(|e| e.to_string())?;
        blocked["held"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|h| h["review_id"].as_str().unwrap_or("").to_string())
            .collect()
    };
    build_held.sort();
    if build_held != check_held {
        return Err(format!(
            "build held {build_held:?}, check held {check_held:?}: {}",
            String::from_utf8_lossy(&built.stderr)
        ));
    }
    if build_ok != (code == 0) {
        return Err(format!(
            "build and check disagree (build {:?}, check {code})",
            built.status.code()
        ));
    }
    if !build_ok {
        if out.exists() {
            return Err("a failed build left an output folder".into());
        }
        return Ok(());
    }
    let files = output_files(&out);
    if files.is_empty() {
        return Err("the build wrote nothing".into());
    }
    if site.path().join("private").exists() && files.iter().any(|(p, _)| p.starts_with("private")) {
        return Err("private/ was copied".into());
    }
    let texts: Vec<(String, String)> = files
        .iter()
        .map(|(p, b)| (p.clone(), readable(b)))
        .collect();
    for forbidden in expect["output_must_not_contain"]
        .as_array()
        .into_iter()
        .flatten()
    {
        let forbidden = forbidden.as_str().unwrap();
        if let Some((path, _)) = texts.iter().find(|(_, t)| t.contains(forbidden)) {
            return Err(format!("output {path} contains {forbidden:?}"));
        }
    }
    for required in expect["output_must_contain"]
        .as_array()
        .into_iter()
        .flatten()
    {
        let required = required.as_str().unwrap();
        if !texts.iter().any(|(_, t)| t.contains(required)) {
            return Err(format!("no output file contains {required:?}"));
        }
    }
    for (path, text) in &texts {
        if path.ends_with(".html") {
            let lower = text.to_lowercase();
            if lower.contains("javascript:")
                || lower.contains(" onerror=")
                || lower.contains(" onload=")
            {
                return Err(format!("{path} carries live script from content"));
            }
        }
    }
    Ok(())
}

#[test]
fn every_bad_input_gives_its_expected_outcome() {
    let mut cases: Vec<_> = std::fs::read_dir(samples().join("bad-inputs"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.join("expect.json").exists())
        .collect();
    cases.sort();
    assert!(cases.len() >= 39, "the sample corpus is present");
    let failures: Vec<String> = cases
        .iter()
        .filter_map(|case| {
            check_case(case)
                .err()
                .map(|why| format!("{}: {why}", case.file_name().unwrap().to_string_lossy()))
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{} case(s) failed:\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

/// A CPC's CI log may be public: there the held summary counts holds by
/// reason and names no review; on a person's terminal it names each one,
/// and says what `withdraw_after` took off the site.
#[test]
fn a_public_log_counts_holds_without_naming_them() {
    let site = copy_site(&samples().join("bad-inputs/04-decision-withheld"));
    let companion = site.path().join("content/reports/ts-2024-44.md");
    let text = std::fs::read_to_string(&companion).unwrap();
    std::fs::write(
        &companion,
        text.replacen("\n[signoff]", "withdraw_after = 2026-01-31\n\n[signoff]", 1),
    )
    .unwrap();
    let private = clearhouse(site.path(), &["build"]);
    assert!(private.status.success());
    let said = String::from_utf8_lossy(&private.stderr);
    assert_eq!(held_ids(&said), ["TS-2024-04", "TS-2024-44"], "{said}");
    assert!(said.contains("withdrawn after 2026-01-31"), "{said}");
    assert!(said.contains("decision withheld"), "{said}");
    for public in [
        clearhouse_with(site.path(), &["build"], &[("CI", "true")]),
        clearhouse(site.path(), &["build", "--quiet"]),
        clearhouse_with(site.path(), &["check"], &[("CI", "true")]),
    ] {
        assert!(public.status.success());
        let said = String::from_utf8_lossy(&public.stderr);
        assert!(
            !said.contains("TS-2024") && !said.contains("ts-2024"),
            "a public log names a held review: {said}"
        );
        assert!(said.contains("held: 2 item(s)"), "{said}");
        assert!(
            said.contains("decision withheld 1") && said.contains("withdrawn 1"),
            "{said}"
        );
    }
}
