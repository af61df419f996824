//! README.md is also the crate's page on crates.io, where relative links and images do not
//! resolve: every link and image in it must be absolute (or an anchor on the same page).

#[test]
fn readme_links_are_absolute() {
    let readme = include_str!("../README.md");
    let mut checked = 0;
    for (i, _) in readme.match_indices("](") {
        let target = &readme[i + 2..];
        let end = target.find(')').expect("a markdown link closes");
        let target = &target[..end];
        assert!(
            target.starts_with("https://") || target.starts_with('#'),
            "README link `{target}` is relative: it breaks on crates.io"
        );
        checked += 1;
    }
    assert!(
        checked >= 5,
        "only {checked} links found: did the README change shape?"
    );
}

/// GitHub and crates.io show every line of a README code block: no hidden `# ` setup lines
/// (rustdoc hides them; the crate docs are the place for such examples).
#[test]
fn readme_code_blocks_hide_nothing() {
    let readme = include_str!("../README.md");
    let (mut in_block, mut in_rust) = (false, false);
    for (n, line) in readme.lines().enumerate() {
        if let Some(info) = line.strip_prefix("```") {
            in_rust = !in_block && info.starts_with("rust");
            in_block = !in_block;
            continue;
        }
        assert!(
            !(in_rust && (line.starts_with("# ") || line == "#")),
            "README.md:{}: a hidden line in a Rust block: {line}",
            n + 1
        );
    }
}

/// The first screen: what the crate is, the dependency line, an example, and the two commands.
#[test]
fn readme_first_screen_has_the_dependency_line_and_the_two_commands() {
    let readme = include_str!("../README.md");
    let first: String = readme.lines().take(35).collect::<Vec<_>>().join("\n");
    assert!(first.contains("tiktok-errors = \"0.1\""), "{first}");
    assert!(first.contains("```rust"), "{first}");
    assert!(first.contains("cargo run --features cli -- "), "{first}");
    assert!(first.contains("cargo test --all-features"), "{first}");
}

/// The typed-payload section: one result type, `Reply`, typed from `decode_as` (ids owned, so it
/// outlives the body) and untyped from `decode` (`RawData` borrowed from the body, read with
/// `data_json()` / `data_as()`, kept with `into_owned()`).
#[test]
fn readme_one_reply_type_holds() {
    use tiktok_errors::{decode, Api, Decoder, RawData, Reply};
    let readme = include_str!("../README.md");
    for claim in [
        "`Reply<'static, T>`",
        "`RawData`",
        "`Reply<'a>`",
        "`into_owned()`",
    ] {
        assert!(readme.contains(claim), "README no longer says {claim}");
    }
    #[derive(serde::Deserialize, serde::Serialize)]
    struct Created {
        id: String,
    }
    let (typed, kept): (Reply<'static, Created>, Reply<'static>) = {
        let body = String::from(r#"{"code":0,"message":"OK","request_id":"r","data":{"id":"7"}}"#);
        let untyped: Reply<'_> = decode(Api::Ads, &body).unwrap();
        let raw: &RawData<'_> = untyped.data();
        assert_eq!(raw.json(), Some(r#"{"id":"7"}"#));
        assert_eq!(untyped.data_as::<Created>().unwrap().id, "7");
        let typed = Decoder::new(Api::Ads).decode_as::<Created>(&body).unwrap();
        (typed, untyped.into_owned())
    }; // the body is dropped here
    assert_eq!(
        (typed.data().id.as_str(), typed.request_id()),
        ("7", Some("r"))
    );
    assert_eq!(kept.data_json(), Some(r#"{"id":"7"}"#));
    assert_eq!(kept.raw_code(), typed.raw_code());
    // Serializing: the untyped reply as `decode --json` prints it (its payload's size), a typed
    // one with the payload under `data`.
    #[cfg(feature = "report")]
    {
        let untyped = serde_json::to_value(&kept).unwrap();
        assert_eq!(untyped["data_bytes"], 10);
        assert_eq!(
            untyped,
            tiktok_errors::report::decode_report(
                Some(Api::Ads),
                None,
                br#"{"code":0,"message":"OK","request_id":"r","data":{"id":"7"}}"#
            )
        );
    }
    let typed = serde_json::to_value(&typed).unwrap();
    assert_eq!(
        (&typed["outcome"], &typed["data"]["id"]),
        (&"success".into(), &"7".into())
    );
}

/// The dependency sentence: the library's required dependencies are exactly the six the README
/// names, and the default features (`message`, `report`) turn on no optional dependency.
#[test]
fn readme_dependency_claims_hold() {
    let readme = include_str!("../README.md");
    assert!(readme.contains(
        "The library pulls in only serde, serde_json, thiserror, strum (its traits, no derive macros), phf\nand httpdate."
    ));
    assert!(readme.contains("add no dependencies"));
    let manifest: toml::Table = include_str!("../Cargo.toml").parse().unwrap();
    let deps = manifest["dependencies"].as_table().unwrap();
    let mut required: Vec<&str> = deps
        .iter()
        .filter(|(_, v)| v.get("optional").and_then(toml::Value::as_bool) != Some(true))
        .map(|(k, _)| k.as_str())
        .collect();
    required.sort_unstable();
    assert_eq!(
        required,
        [
            "httpdate",
            "phf",
            "serde",
            "serde_json",
            "strum",
            "thiserror"
        ]
    );
    // strum without its derive macros.
    let strum = deps["strum"].as_table().unwrap();
    assert_eq!(strum["default-features"].as_bool(), Some(false));
    assert!(!strum["features"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f.as_str() == Some("derive")));
    // The default features, and the features they enable, name only features of the crate.
    let features = manifest["features"].as_table().unwrap();
    let mut todo: Vec<&str> = vec!["default"];
    let mut seen: Vec<&str> = Vec::new();
    while let Some(f) = todo.pop() {
        seen.push(f);
        for item in features[f].as_array().unwrap() {
            let item = item.as_str().unwrap();
            assert!(
                features.contains_key(item) && !item.contains(':') && !item.contains('/'),
                "default feature {f} enables {item}, not a feature of the crate"
            );
            if !seen.contains(&item) {
                todo.push(item);
            }
        }
    }
}
