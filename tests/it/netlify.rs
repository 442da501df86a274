//! The deploy headers: a strict Content-Security-Policy that still lets the
//! search page's WebAssembly run, and nothing from a third party.

#[test]
fn netlify_headers_are_strict_and_self_contained() {
    let text =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/netlify.toml")).unwrap();
    let netlify: toml::Value = toml::from_str(&text).unwrap();
    assert_eq!(
        netlify["build"]["command"].as_str(),
        Some("cargo run --release -- build")
    );
    assert_eq!(netlify["build"]["publish"].as_str(), Some("public"));
    let headers = netlify["headers"].as_array().unwrap();
    let all = headers
        .iter()
        .find(|h| h["for"].as_str() == Some("/*"))
        .expect("headers for every path");
    let values = &all["values"];
    assert_eq!(values["X-Content-Type-Options"].as_str(), Some("nosniff"));
    assert_eq!(values["X-Frame-Options"].as_str(), Some("DENY"));
    assert_eq!(values["Referrer-Policy"].as_str(), Some("no-referrer"));

    let csp = values["Content-Security-Policy"].as_str().unwrap();
    let directives: Vec<(&str, Vec<&str>)> = csp
        .split(';')
        .map(str::trim)
        .filter(|d| !d.is_empty())
        .map(|d| {
            let mut parts = d.split_whitespace();
            (parts.next().unwrap(), parts.collect())
        })
        .collect();
    let get = |name: &str| {
        directives
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.clone())
    };
    let script = get("script-src").expect("script-src");
    assert!(!script.contains(&"'unsafe-inline'") && !script.contains(&"'unsafe-eval'"));
    assert!(
        script.contains(&"'wasm-unsafe-eval'"),
        "Pagefind's wasm must run"
    );
    assert_eq!(get("object-src"), Some(vec!["'none'"]));
    assert_eq!(get("frame-ancestors"), Some(vec!["'none'"]));
    assert!(get("default-src").is_some());
    for (name, sources) in &directives {
        for source in sources {
            let allowed = source.starts_with('\'') || *source == "data:";
            assert!(allowed, "{name} allows a third-party origin: {source}");
        }
    }
}
