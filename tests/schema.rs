//! The catalogue as data: the export validates against its JSON Schema (`src/catalog.schema.json`,
//! checked with the `jsonschema` crate), the schema's vocabularies are the crate's, and the
//! catalogue version moves when the data does.

use serde_json::{json, Value};
use strum::IntoEnumIterator;
use tiktok_errors::report::{catalog_json, CATALOG_SCHEMA};
use tiktok_errors::{AnyCode, Category, Retry, CATALOG_DATE, CATALOG_VERSION};

fn schema() -> Value {
    serde_json::from_str(CATALOG_SCHEMA).expect("the schema is JSON")
}

fn errors(instance: &Value) -> Vec<String> {
    let schema = schema();
    let v = jsonschema::validator_for(&schema).expect("the schema compiles");
    v.iter_errors(instance)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

#[test]
fn the_schema_is_a_valid_draft_2020_12_schema() {
    let schema = schema();
    jsonschema::meta::validate(&schema).expect("valid against its meta-schema");
    assert_eq!(
        schema["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
}

#[test]
fn the_real_export_validates() {
    let export = catalog_json();
    let errs = errors(&export);
    assert!(
        errs.is_empty(),
        "{} errors, first: {:?}",
        errs.len(),
        &errs[..errs.len().min(5)]
    );
    assert_eq!(export["catalog_version"], CATALOG_VERSION);
    assert_eq!(export["catalog_date"], CATALOG_DATE);
    assert_eq!(
        export["entries"].as_array().unwrap().len(),
        AnyCode::all().count()
    );
    assert_eq!(
        export["limits"].as_array().unwrap().len(),
        tiktok_errors::limits::rows().count()
    );
}

#[test]
fn the_schema_rejects_what_the_export_must_not_be() {
    let good = catalog_json();
    let mut cases: Vec<(&str, Value)> = Vec::new();
    let mut v = good.clone();
    v.as_object_mut().unwrap().remove("catalog_version");
    cases.push(("no catalog_version", v));
    let mut v = good.clone();
    v["catalog_date"] = json!("27/11/2026");
    cases.push(("a date in another form", v));
    let mut v = good.clone();
    v["entries"][0]["retry"] = json!("maybe");
    cases.push(("an unknown retry class", v));
    let mut v = good.clone();
    v["entries"][3]["code"] = json!(40100);
    cases.push(("an integer code", v));
    let mut v = good.clone();
    v["entries"][5].as_object_mut().unwrap().remove("fix");
    cases.push(("an entry without a fix", v));
    let mut v = good.clone();
    v["entries"][7]["undocumented"] = json!(true);
    cases.push(("an undocumented key", v));
    let mut v = good.clone();
    v["entries"][9]["sources"] = json!([]);
    cases.push(("no source", v));
    let mut v = good.clone();
    v.as_object_mut().unwrap().remove("limits");
    cases.push(("no limits", v));
    let mut v = good.clone();
    v["limits"][2]["limits"]["basic"]["qps"] = json!(0);
    cases.push(("a zero limit", v));
    let mut v = good.clone();
    v["limits"][2]["limits"]
        .as_object_mut()
        .unwrap()
        .remove("premium");
    cases.push(("a row without a tier", v));
    let mut v = good.clone();
    v["limits"][2]["per"] = json!("ip");
    cases.push(("an unknown per", v));
    let mut v = good.clone();
    v["limits"][2]["path"] = json!("/ad/create");
    cases.push(("a path without its trailing slash", v));
    for (what, v) in cases {
        assert!(!errors(&v).is_empty(), "the schema accepts {what}");
    }
}

#[test]
fn the_schema_vocabularies_are_the_crates() {
    let schema = schema();
    let entry = &schema["$defs"]["entry"]["properties"];
    let listed = |key: &str| -> Vec<String> {
        entry[key]["enum"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap().to_owned())
            .collect()
    };
    let categories: Vec<String> = Category::iter()
        .filter(|c| *c != Category::Unknown)
        .map(|c| c.as_str().to_owned())
        .collect();
    assert_eq!(listed("category"), categories);
    let retries: Vec<String> = Retry::iter()
        .filter(|r| *r != Retry::Unknown)
        .map(|r| r.as_str().to_owned())
        .collect();
    assert_eq!(listed("retry"), retries);
    // Every key an entry object has is documented, and every documented key is required.
    let required: Vec<&str> = schema["$defs"]["entry"]["required"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    let mut documented: Vec<&str> = entry
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    let mut required_sorted = required.clone();
    documented.sort_unstable();
    required_sorted.sort_unstable();
    assert_eq!(documented, required_sorted);
}

/// FNV-1a over every entry, every rate-limit row and every TikTok Shop condition as the export
/// writes them: changes whenever any fact in `codes/` (the code files and `limits.toml`) changes.
fn fingerprint() -> u64 {
    let export = tiktok_errors::report::catalog_json();
    let entries = serde_json::to_string(&[
        &export["entries"],
        &export["limits"],
        &export["shop_conditions"],
    ])
    .expect("the export serializes");
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in entries.bytes() {
        h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
    }
    h
}

#[test]
fn the_catalogue_version_moves_with_the_data() {
    // (catalog_version, fingerprint of the data it names). When this fails, the catalogue's
    // facts changed: bump CATALOG_VERSION (and CATALOG_DATE) in src/catalog.rs and record the
    // new pair here.
    const PINNED: (&str, u64) = ("2026.12.4", 0x2fad_e7c7_36ba_5031);
    let now = (CATALOG_VERSION, fingerprint());
    assert_eq!(
        now,
        PINNED,
        "the catalogue changed: bump CATALOG_VERSION/CATALOG_DATE in src/catalog.rs, then pin \
         (\"{}\", 0x{:016x}) here",
        CATALOG_VERSION,
        fingerprint()
    );
}
