//! Keeps `benches/common/baseline_match.rs` in step with `codes/*.toml`.
//!
//! The lookup benches compare the crate's `phf` maps with plain generated `match` functions.
//! Benches cannot have a build script of their own, and emitting the baseline from the crate's
//! `build.rs` would put bench-only code into every build of the library, so the baseline is a
//! checked-in generated file and this test is its generator: it reads the catalogue with the
//! same `build.rs` code the crate is built from, renders the `match` functions, and fails when
//! the checked-in file differs. To regenerate after editing the catalogue:
//!
//! ```text
//! TIKTOK_ERRORS_BLESS=1 cargo test --test bench_baseline
//! ```

#[allow(dead_code)]
#[path = "../build.rs"]
mod build;

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

use build::{Code, Family};

const TARGET: &str = "benches/common/baseline_match.rs";

fn any_variant(f: &Family) -> &'static str {
    match f.api.as_str() {
        "ads" => "Ads",
        "ads-diagnosis" => "AdsDiagnosis",
        "content-posting" => "ContentPosting",
        "business-messaging" => "BusinessMessaging",
        _ => "OAuth",
    }
}

fn family<'a>(families: &'a [Family], api: &str) -> &'a Family {
    families
        .iter()
        .find(|f| f.api == api)
        .unwrap_or_else(|| panic!("no family `{api}` in codes/"))
}

/// `match code { "40100" => Some(..), "REQUEST_TOO_FREQUENT" => Some(..), .. }`: every code text
/// and alias of one family, exactly as `{ENUM}_BY_STR` holds them.
fn str_match(out: &mut String, f: &Family, fn_name: &str) {
    let en = &f.enum_name;
    let _ = writeln!(
        out,
        "/// `{en}` by wire code text or alias (`{en}::from_code`), as a generated `match`."
    );
    let _ = writeln!(
        out,
        "#[inline(never)]\npub fn {fn_name}(code: &str) -> Option<tiktok_errors::{en}> {{\n    match code {{"
    );
    for e in &f.entries {
        for key in std::iter::once(e.code.text()).chain(e.aliases.iter().cloned()) {
            let _ = writeln!(
                out,
                "        {key:?} => Some(tiktok_errors::{en}::{}),",
                e.name
            );
        }
    }
    out.push_str("        _ => None,\n    }\n}\n\n");
}

/// The same keys bucketed by length first: `match code.len() { 5 => match code { .. }, .. }`.
fn str_match_by_len(out: &mut String, f: &Family, fn_name: &str) {
    let en = &f.enum_name;
    let mut by_len: BTreeMap<usize, Vec<(String, &str)>> = BTreeMap::new();
    for e in &f.entries {
        for key in std::iter::once(e.code.text()).chain(e.aliases.iter().cloned()) {
            by_len
                .entry(key.len())
                .or_default()
                .push((key, e.name.as_str()));
        }
    }
    let _ = writeln!(
        out,
        "/// `{en}` by wire code text or alias, as a generated `match` on the length, then the text."
    );
    let _ = writeln!(
        out,
        "#[inline(never)]\npub fn {fn_name}(code: &str) -> Option<tiktok_errors::{en}> {{\n    match code.len() {{"
    );
    for (len, keys) in &by_len {
        let _ = writeln!(out, "        {len} => match code {{");
        for (key, name) in keys {
            let _ = writeln!(
                out,
                "            {key:?} => Some(tiktok_errors::{en}::{name}),"
            );
        }
        out.push_str("            _ => None,\n        },\n");
    }
    out.push_str("        _ => None,\n    }\n}\n\n");
}

/// `match code { 40100 => Some(..), .. }`: the integer codes of one family (`{ENUM}_BY_INT`).
fn int_match(out: &mut String, f: &Family, fn_name: &str) {
    let en = &f.enum_name;
    let _ = writeln!(
        out,
        "/// `{en}` by integer wire code (`{en}::from_int`), as a generated `match`."
    );
    let _ = writeln!(
        out,
        "#[inline(never)]\npub fn {fn_name}(code: i64) -> Option<tiktok_errors::{en}> {{\n    match code {{"
    );
    for e in &f.entries {
        if let Code::Int(i) = e.code {
            let _ = writeln!(out, "        {i} => Some(tiktok_errors::{en}::{}),", e.name);
        }
    }
    out.push_str("        _ => None,\n    }\n}\n\n");
}

/// The cross-family keys exactly as build.rs builds `ANY_BY_CODE`: lowercased code or alias ->
/// every entry it names, in family order.
fn any_keys(families: &[Family]) -> BTreeMap<String, Vec<String>> {
    let mut keys: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for f in families {
        for e in &f.entries {
            let any = format!(
                "tiktok_errors::AnyCode::{}(tiktok_errors::{}::{})",
                any_variant(f),
                f.enum_name,
                e.name
            );
            for key in std::iter::once(e.code.text()).chain(e.aliases.iter().cloned()) {
                let v = keys.entry(key.to_lowercase()).or_default();
                if !v.contains(&any) {
                    v.push(any.clone());
                }
            }
        }
    }
    keys
}

fn render(families: &[Family]) -> String {
    let mut out = String::new();
    out.push_str(
        "// @generated by tests/bench_baseline.rs from codes/*.toml. Do not edit; regenerate with\n\
         // `TIKTOK_ERRORS_BLESS=1 cargo test --test bench_baseline`.\n\
         //\n\
         // Plain `match` lookups over the same keys as the crate's phf maps: the baseline of\n\
         // benches/lookup.rs. Included by benches/common/mod.rs with `include!`.\n\n",
    );
    let ads = family(families, "ads");
    let cp = family(families, "content-posting");
    str_match(&mut out, ads, "ads_from_code_match");
    str_match_by_len(&mut out, ads, "ads_from_code_match_by_len");
    int_match(&mut out, ads, "ads_from_int_match");
    str_match(&mut out, cp, "content_posting_from_code_match");
    str_match_by_len(&mut out, cp, "content_posting_from_code_match_by_len");

    let keys = any_keys(families);
    out.push_str(
        "/// Every lowercased code and alias of every family to each entry it names (`ANY_BY_CODE`),\n\
         /// as a generated `match`.\n\
         #[inline(never)]\n\
         pub fn any_by_code_match(key: &str) -> &'static [tiktok_errors::AnyCode] {\n    match key {\n",
    );
    for (k, v) in &keys {
        let _ = writeln!(out, "        {k:?} => &[{}],", v.join(", "));
    }
    out.push_str("        _ => &[],\n    }\n}\n\n");
    out.push_str(
        "/// `any_by_code_match` bucketed by length first.\n\
         #[inline(never)]\n\
         pub fn any_by_code_match_by_len(key: &str) -> &'static [tiktok_errors::AnyCode] {\n    match key.len() {\n",
    );
    let mut by_len: BTreeMap<usize, Vec<(&String, &Vec<String>)>> = BTreeMap::new();
    for (k, v) in &keys {
        by_len.entry(k.len()).or_default().push((k, v));
    }
    for (len, entries) in &by_len {
        let _ = writeln!(out, "        {len} => match key {{");
        for (k, v) in entries {
            let _ = writeln!(out, "            {k:?} => &[{}],", v.join(", "));
        }
        out.push_str("            _ => &[],\n        },\n");
    }
    out.push_str("        _ => &[],\n    }\n}\n\n");

    // Integer keys of the cross-family map (what `lookup_int` can find).
    out.push_str(
        "/// Every integer code of every family to each entry it names (`lookup_int`), as a\n\
         /// generated `match`.\n\
         #[inline(never)]\n\
         pub fn any_by_int_match(code: i64) -> &'static [tiktok_errors::AnyCode] {\n    match code {\n",
    );
    let mut ints: Vec<(i64, &Vec<String>)> = keys
        .iter()
        .filter_map(|(k, v)| {
            // Only keys that are the decimal text `lookup_int` formats (not `"007"`, `"+5"`).
            k.parse::<i64>()
                .ok()
                .filter(|i| i.to_string() == *k)
                .map(|i| (i, v))
        })
        .collect();
    ints.sort_by_key(|(i, _)| *i);
    for (i, v) in ints {
        let _ = writeln!(out, "        {i} => &[{}],", v.join(", "));
    }
    out.push_str("        _ => &[],\n    }\n}\n");
    out
}

#[test]
fn bench_baseline_match_is_fresh() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let families = build::load_catalog(&root.join("codes")).expect("the catalogue is valid");
    let want = render(&families);
    let path = root.join(TARGET);
    if std::env::var_os("TIKTOK_ERRORS_BLESS").is_some() {
        std::fs::write(&path, &want).unwrap_or_else(|e| panic!("cannot write {TARGET}: {e}"));
        return;
    }
    let have = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        have == want,
        "{TARGET} is stale (the catalogue in codes/ changed). Regenerate it with\n\
         TIKTOK_ERRORS_BLESS=1 cargo test --test bench_baseline"
    );
}
