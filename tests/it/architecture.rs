//! Dependencies point one way: every `crate::` and `super::` path under
//! `src/` is checked against the stage order `docs/architecture.md`
//! lists — no module uses a stage after its own — and sibling modules
//! never import each other in a cycle.
//!
//! It reads the source as text: `use` trees are expanded, other paths are
//! found where they are written, comments are skipped. It does not see
//! paths a macro builds; there are none in `src/` today.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Top-level module → its stage number, from the numbered list in
/// docs/architecture.md (the backticked names before each item's colon).
fn stages() -> BTreeMap<String, usize> {
    let doc = std::fs::read_to_string(repo().join("docs/architecture.md")).unwrap();
    let mut stages = BTreeMap::new();
    for line in doc.lines() {
        let Some((number, rest)) = line.split_once(". ") else {
            continue;
        };
        let Ok(number) = number.trim().parse::<usize>() else {
            continue;
        };
        let head = rest.split_once(':').map_or(rest, |(head, _)| head);
        for module in head.split('`').skip(1).step_by(2) {
            stages.insert(module.to_string(), number);
        }
    }
    stages
}

/// A module as its path from the crate root, e.g. `["render", "pages"]`.
type Module = Vec<String>;

/// Every source file of the library with its module path.
fn modules() -> Vec<(PathBuf, Module)> {
    let src = repo().join("src");
    walkdir::WalkDir::new(&src)
        .into_iter()
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "rs"))
        .filter_map(|e| {
            let rel = e.path().strip_prefix(&src).unwrap().to_path_buf();
            let mut parts: Vec<String> = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            let file = parts.pop()?;
            if parts.first().is_some_and(|p| p == "bin")
                || parts.is_empty() && (file == "lib.rs" || file == "main.rs")
            {
                return None;
            }
            if file != "mod.rs" {
                parts.push(file.trim_end_matches(".rs").to_string());
            }
            Some((e.path().to_path_buf(), parts))
        })
        .collect()
}

/// The longest prefix of `path` that names a module in `known`.
fn resolve(path: &[String], known: &BTreeSet<Module>) -> Option<Module> {
    (1..=path.len())
        .rev()
        .map(|n| path[..n].to_vec())
        .find(|prefix| known.contains(prefix))
}

/// The paths a file uses, each as written from `crate` or `super` (with
/// `super` already resolved against the file's module), outside comments.
fn paths_used(text: &str, module: &Module) -> Vec<Vec<String>> {
    // The module a file-level `super` names (for a mod.rs, the folder's
    // parent); inside an inline module (`mod tests { … }`) it names the
    // file's own module.
    let file_parent: Module = module[..module.len() - 1].to_vec();
    let mut paths = Vec::new();
    let mut depth = 0usize;
    let mut inline_at: Vec<usize> = Vec::new();
    let mut statement = String::new();
    for raw in text.lines() {
        let line = raw.split("//").next().unwrap_or("");
        let trimmed = line.trim();
        let base = if inline_at.is_empty() {
            file_parent.clone()
        } else {
            module.clone()
        };
        let expand = |path: &str| -> Option<Vec<String>> {
            let mut parts: Vec<String> = path.split("::").map(str::to_string).collect();
            match parts.first().map(String::as_str) {
                Some("crate") => Some(parts.split_off(1)),
                Some("super") => {
                    let mut at = base.clone();
                    parts.remove(0);
                    while parts.first().map(String::as_str) == Some("super") {
                        parts.remove(0);
                        at.pop();
                    }
                    at.extend(parts);
                    Some(at)
                }
                _ => None,
            }
        };
        if trimmed.starts_with("use ")
            || trimmed.starts_with("pub use ")
            || trimmed.starts_with("pub(crate) use ")
            || !statement.is_empty()
        {
            statement.push_str(trimmed);
            statement.push(' ');
            if trimmed.ends_with(';') {
                let tree = statement
                    .trim()
                    .trim_start_matches("pub(crate) ")
                    .trim_start_matches("pub ")
                    .trim_start_matches("use ")
                    .trim_end_matches(';')
                    .to_string();
                statement.clear();
                for path in expand_use(&tree) {
                    paths.extend(expand(&path));
                }
            }
        } else {
            for word in line.split(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':')) {
                if word.starts_with("crate::") || word.starts_with("super::") {
                    paths.extend(expand(word.trim_end_matches(':')));
                }
            }
        }
        let opens_inline = (trimmed.starts_with("mod ")
            || trimmed.starts_with("pub mod ")
            || trimmed.starts_with("pub(crate) mod "))
            && trimmed.ends_with('{');
        if opens_inline {
            inline_at.push(depth);
        }
        depth += line.matches('{').count();
        depth = depth.saturating_sub(line.matches('}').count());
        while inline_at.last().is_some_and(|at| depth <= *at) && !opens_inline {
            inline_at.pop();
        }
    }
    paths
}

/// `a::{b, c::{d, e}}` → `a::b`, `a::c::d`, `a::c::e` (`self`, globs and
/// renames reduced to the path they name).
fn expand_use(tree: &str) -> Vec<String> {
    let tree = tree.trim();
    let Some(open) = tree.find('{') else {
        let path = tree.split(" as ").next().unwrap_or(tree).trim();
        let path = path.trim_end_matches("::*").trim_end_matches("::self");
        return vec![path.to_string()];
    };
    let prefix = tree[..open].trim().trim_end_matches("::");
    let inner = &tree[open + 1..tree.rfind('}').unwrap_or(tree.len())];
    let mut parts = Vec::new();
    let mut level = 0;
    let mut start = 0;
    for (i, c) in inner.char_indices() {
        match c {
            '{' => level += 1,
            '}' => level -= 1,
            ',' if level == 0 => {
                parts.push(&inner[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&inner[start..]);
    parts
        .into_iter()
        .filter(|p| !p.trim().is_empty())
        .flat_map(expand_use)
        .map(|p| match p.as_str() {
            "self" | "*" | "" => prefix.to_string(),
            _ => format!("{prefix}::{p}"),
        })
        .collect()
}

/// Every module's uses of other modules.
fn uses() -> Vec<(Module, Module)> {
    let modules = modules();
    let known: BTreeSet<Module> = modules.iter().map(|(_, m)| m.clone()).collect();
    let mut edges = Vec::new();
    for (file, module) in &modules {
        let text = std::fs::read_to_string(file).unwrap();
        for path in paths_used(&text, module) {
            if let Some(target) = resolve(&path, &known) {
                if &target != module {
                    edges.push((module.clone(), target));
                }
            }
        }
    }
    edges.sort();
    edges.dedup();
    edges
}

#[test]
fn the_stage_list_names_every_top_level_module_once() {
    let stages = stages();
    let top: BTreeSet<String> = modules().into_iter().map(|(_, m)| m[0].clone()).collect();
    let listed: BTreeSet<String> = stages.keys().cloned().collect();
    assert_eq!(
        top, listed,
        "docs/architecture.md lists the modules of src/"
    );
}

#[test]
fn no_module_uses_a_stage_after_its_own() {
    let stages = stages();
    let forward: Vec<String> = uses()
        .into_iter()
        .filter(|(from, to)| stages[&from[0]] < stages[&to[0]])
        .map(|(from, to)| {
            format!(
                "{} (stage {}) uses {} (stage {})",
                from.join("::"),
                stages[&from[0]],
                to.join("::"),
                stages[&to[0]]
            )
        })
        .collect();
    assert!(forward.is_empty(), "{}", forward.join("\n"));
}

#[test]
fn sibling_modules_never_import_each_other_in_a_cycle() {
    let mut graph: BTreeMap<Module, BTreeSet<Module>> = BTreeMap::new();
    for (from, to) in uses() {
        // A child's use of its parent (`super::Type`, re-exported by
        // mod.rs) is how Rust modules are written; only siblings count.
        let siblings = from.len() == to.len() && from[..from.len() - 1] == to[..to.len() - 1];
        if siblings {
            graph.entry(from).or_default().insert(to);
        }
    }
    let mut cycles = Vec::new();
    for start in graph.keys() {
        let mut stack = vec![(start.clone(), vec![start.clone()])];
        while let Some((at, trail)) = stack.pop() {
            for next in graph.get(&at).into_iter().flatten() {
                if next == start {
                    let names: Vec<String> = trail.iter().map(|m| m.join("::")).collect();
                    cycles.push(format!("{} -> {}", names.join(" -> "), start.join("::")));
                } else if !trail.contains(next) && next > start {
                    let mut longer = trail.clone();
                    longer.push(next.clone());
                    stack.push((next.clone(), longer));
                }
            }
        }
    }
    assert!(cycles.is_empty(), "{}", cycles.join("\n"));
}

#[test]
fn the_checker_sees_uses_written_every_way() {
    let module: Module = vec!["render".into(), "pages".into()];
    let text = "use super::library::{ItemView, Library};\nuse crate::{config::Scope, site::{self, Site}};\nfn f() { crate::text::slugify(\"x\"); }\n// crate::output::x is a comment\n#[cfg(test)]\nmod tests {\n    use super::*;\n}\n";
    let paths: Vec<String> = paths_used(text, &module)
        .into_iter()
        .map(|p| p.join("::"))
        .collect();
    assert!(
        paths.contains(&"render::library::ItemView".to_string()),
        "{paths:?}"
    );
    assert!(paths.contains(&"config::Scope".to_string()), "{paths:?}");
    assert!(paths.contains(&"site".to_string()), "{paths:?}");
    assert!(paths.contains(&"text::slugify".to_string()), "{paths:?}");
    assert!(
        paths.contains(&"render::pages".to_string()),
        "inline module's super: {paths:?}"
    );
    assert!(!paths.iter().any(|p| p.starts_with("output")), "{paths:?}");
}
