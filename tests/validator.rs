//! The catalogue validator in `build.rs`, compiled here as a module and fed one broken fixture
//! per rule (tests/fixtures/validator/). Every error must name the file, the entry (number and
//! code) and the problem, so a maintainer can fix the TOML without reading the generator.

#[path = "../build.rs"]
#[allow(dead_code)]
mod build_script;

use std::path::{Path, PathBuf};

use build_script::{
    check_date, generate_conditions, generate_entry_sources, load_catalog, load_limits,
    parse_family, parse_limits, parse_wait, validate_catalog, Family, Wait,
};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/validator")
}

fn fixture(name: &str) -> String {
    let path = fixtures().join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

fn codes_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("codes")
}

/// (fixture, where the error must point, what it must say). Each fixture is a valid file
/// (`valid_*.toml`) with exactly one defect.
const FAILURES: &[(&str, &str, &[&str])] = &[
    (
        "bad_reviewed_date.toml",
        "entry #2 (40105)",
        &[
            "reviewed = `2026-02-30`",
            "not a date",
            "month 2 of 2026 has no day 30",
        ],
    ),
    (
        "bad_family_reviewed.toml",
        "[family]",
        &["reviewed = `27.11.2026`", "YYYY-MM-DD"],
    ),
    (
        "duplicate_code.toml",
        "entry #2 (40100)",
        &["duplicate code `40100`", "entry `40100`"],
    ),
    (
        "duplicate_alias.toml",
        "entry #2 (40105)",
        &["duplicate alias `REQUEST_TOO_FREQUENT`", "entry `40100`"],
    ),
    (
        "alias_equals_code.toml",
        "entry #2 (40105)",
        &["duplicate alias `40100`", "entry `40100`"],
    ),
    (
        "duplicate_name.toml",
        "entry #2 (40105)",
        &["duplicate variant name `RequestTooFrequent`"],
    ),
    (
        "bad_name.toml",
        "entry #2 (40105)",
        &["name `invalid_access_token`", "UpperCamelCase"],
    ),
    (
        "unknown_category.toml",
        "entry #2 (40105)",
        &["unknown category `auth`"],
    ),
    (
        "unknown_retry.toml",
        "entry #2 (40105)",
        &["unknown retry class `retry_later`"],
    ),
    (
        "unknown_evidence.toml",
        "entry #2 (40105)",
        &["unknown evidence `rumour`"],
    ),
    ("empty_title.toml", "entry #2 (40105)", &["empty title"]),
    (
        "empty_description.toml",
        "entry #2 (40105)",
        &["empty description"],
    ),
    ("empty_fix.toml", "entry #2 (40105)", &["empty fix"]),
    (
        "multiline_title.toml",
        "entry #2 (40105)",
        &["title must be one line"],
    ),
    (
        "missing_sources.toml",
        "entry #2 (40105)",
        &["missing source"],
    ),
    (
        "empty_sources.toml",
        "entry #2 (40105)",
        &["missing source"],
    ),
    (
        "non_https_source.toml",
        "entry #2 (40105)",
        &["source `http://example.com/insecure`", "https://"],
    ),
    ("bad_wait.toml", "entry #2 (40105)", &["wait `5 minutes`"]),
    (
        "http_status_out_of_range.toml",
        "entry #2 (40105)",
        &["http_status 600", "100-599"],
    ),
    (
        "wrong_code_type.toml",
        "entry #2 (40105)",
        &["`code` must be an integer"],
    ),
    (
        "wrong_code_type_str.toml",
        "entry #2 (500)",
        &["`code` must be a non-empty string"],
    ),
    (
        "padded_code.toml",
        "entry #2 ( internal )",
        &["without surrounding spaces"],
    ),
    (
        "unknown_key.toml",
        "entry #2 (40105)",
        &["unknown field `descripton`"],
    ),
    (
        "channels_outside_content_posting.toml",
        "entry #2 (40105)",
        &["`channels`", "content_posting.toml only"],
    ),
    (
        "wire_codes_outside_diagnoses.toml",
        "entry #2 (40105)",
        &["`wire_codes`", "ads_diagnoses.toml only"],
    ),
    (
        "missing_channels.toml",
        "entry #2 (internal)",
        &["missing `channels`"],
    ),
    (
        "empty_channels.toml",
        "entry #2 (internal)",
        &["`channels` must name at least one channel"],
    ),
    (
        "unknown_channel.toml",
        "entry #2 (internal)",
        &["unknown channel `webhook`"],
    ),
    (
        "missing_wire_codes.toml",
        "entry #2 (BID_TOO_HIGH)",
        &["missing `wire_codes`"],
    ),
    (
        "unknown_seed.toml",
        "entry #2 (40105)",
        &["unknown seed `007`"],
    ),
    (
        "empty_disagreement.toml",
        "entry #2 (40105)",
        &["disagreement needs a source and what it says"],
    ),
    (
        "hint_field_and_phrases.toml",
        "entry #2 (BID_TOO_HIGH)",
        &["hint #2", "`field` or `phrases`, not both"],
    ),
    (
        "hint_empty.toml",
        "entry #2 (BID_TOO_HIGH)",
        &["hint #2", "needs a `field` or at least one phrase"],
    ),
    (
        "hint_uppercase_phrase.toml",
        "entry #2 (BID_TOO_HIGH)",
        &["hint #2", "phrase `Bid Price` must be lowercase"],
    ),
    (
        "hint_bad_field.toml",
        "entry #2 (BID_TOO_HIGH)",
        &["hint #2", "field `bidPrice` must be lowercase snake_case"],
    ),
    (
        "hint_bad_source.toml",
        "entry #2 (BID_TOO_HIGH)",
        &["hint #2", "source `seen on a forum` is not an https:// URL"],
    ),
    (
        "hint_unknown_key.toml",
        "entry #2 (BID_TOO_HIGH)",
        &["unknown field `phrase`"],
    ),
    ("unknown_api.toml", "[family]", &["api = `marketing`"]),
    ("bad_wire.toml", "[family]", &["wire = `float`"]),
    ("no_entries.toml", "", &["no [[code]] entries"]),
    (
        "block_overlap.toml",
        "block #2",
        &["40100-40110 overlaps block #1"],
    ),
    (
        "block_covers_nothing.toml",
        "block #1 (50000-50099)",
        &["covers no entry"],
    ),
    (
        "block_in_str_family.toml",
        "block #1",
        &["integer codes", "wire = \"int\""],
    ),
    (
        "block_reversed.toml",
        "block #1",
        &["`from` 40199 is above `to` 40000"],
    ),
    (
        "missing_fix_outside_block.toml",
        "entry #2 (40105)",
        &["missing field `fix`"],
    ),
    (
        "reschedule_not_throttled.toml",
        "entry #2 (40105)",
        &["`reschedule = true` is for throttled codes"],
    ),
    (
        "condition_outside_shop.toml",
        "entry #2 (40105)",
        &["`conditions` belongs to shop.toml only"],
    ),
    (
        "condition_missing_keywords.toml",
        "entry #2 (36009004): condition #1",
        &["missing field `keywords`"],
    ),
    (
        "condition_empty_keyword_group.toml",
        "entry #2 (36009004): condition #1",
        &["`keywords` needs at least one non-empty group"],
    ),
    (
        "condition_uppercase_keyword.toml",
        "entry #2 (36009004): condition #1",
        &["keyword `Timestamp` must be lowercase"],
    ),
    (
        "condition_quoted_keyword.toml",
        "entry #2 (36009004): condition #1",
        &["keyword ``timestamp`` must not hold quotes"],
    ),
    (
        "condition_bad_name.toml",
        "entry #2 (36009004): condition #1",
        &["name `timestamp_too_old`", "UpperCamelCase"],
    ),
    (
        "condition_unknown_retry.toml",
        "entry #2 (36009004): condition #1",
        &["retry class `later`"],
    ),
    (
        "condition_not_needed_retry.toml",
        "entry #2 (36009004): condition #1",
        &["retry class `not_needed` is not one a failure can have"],
    ),
    (
        "condition_duplicate_name.toml",
        "entry #2 (36009004): condition #2",
        &["duplicate condition name `TimestampTooOld`"],
    ),
    (
        "condition_unknown_key.toml",
        "entry #2 (36009004): condition #1",
        &["unknown field `keyword`"],
    ),
    (
        "condition_bad_source.toml",
        "entry #2 (36009004): condition #1",
        &["source `seen in a log` is not an https:// URL"],
    ),
    (
        "condition_title_period.toml",
        "entry #2 (36009004): condition #1",
        &["title must be one line without a trailing period"],
    ),
];

/// Fixtures that only fail the cross-file check ([`validate_catalog`]).
const CATALOG_FAILURES: &[(&str, &str, &[&str])] = &[(
    "diagnosis_wire_code_not_in_ads.toml",
    "entry #2 (BID_TOO_HIGH)",
    &["wire code 49999", "not in codes/ads.toml"],
)];

const VALID: &[&str] = &[
    "valid_ads.toml",
    "valid_reviewed.toml",
    "valid_content_posting.toml",
    "valid_ads_block.toml",
    "valid_ads_diagnoses.toml",
    "valid_shop.toml",
];

fn assert_names(msg: &str, file: &str, at: &str, problems: &[&str]) {
    let prefix = format!("codes/{file}: ");
    assert!(
        msg.starts_with(&prefix),
        "{file}: message does not start with {prefix:?}: {msg}"
    );
    assert!(
        msg[prefix.len()..].starts_with(at),
        "{file}: message does not point at {at:?}: {msg}"
    );
    for p in problems {
        assert!(msg.contains(p), "{file}: message does not say {p:?}: {msg}");
    }
    assert!(
        !msg.contains('\n'),
        "{file}: a build error must be one line: {msg:?}"
    );
}

#[test]
fn each_broken_fixture_is_rejected_with_file_entry_and_problem() {
    for &(file, at, problems) in FAILURES {
        match parse_family(file, &fixture(file)) {
            Ok(f) => panic!("{file} was accepted ({} entries)", f.entries.len()),
            Err(msg) => assert_names(&msg, file, at, problems),
        }
    }
}

#[test]
fn valid_fixtures_are_accepted() {
    for &file in VALID {
        let f = parse_family(file, &fixture(file)).unwrap_or_else(|e| panic!("{file}: {e}"));
        assert_eq!(f.entries.len(), 2, "{file}");
        assert_eq!(f.file, file);
    }
    let ads = parse_family("valid_ads.toml", &fixture("valid_ads.toml")).expect("valid");
    assert_eq!(ads.api, "ads");
    assert_eq!(ads.enum_name, "AdsCode");
    assert!(ads.int_codes);
    let e = &ads.entries[0];
    assert_eq!(e.wait, Some(Wait::Seconds(300)));
    assert_eq!(e.http_status, [200]);
    assert_eq!(e.aliases, ["REQUEST_TOO_FREQUENT"]);
}

/// A `[[block]]` gives its fix to an entry without one and puts its description after the
/// entry's own, as a paragraph; entries outside the range are untouched.
#[test]
fn a_block_lends_its_text_to_the_entries_of_its_range() {
    let f = parse_family("valid_ads_block.toml", &fixture("valid_ads_block.toml")).expect("valid");
    let (outside, inside) = (&f.entries[0], &f.entries[1]);
    assert_eq!(outside.description, "A rate limit was hit.");
    assert_eq!(
        inside.description,
        "The access token is wrong or revoked.\n\nShared meaning of 40105-40199."
    );
    assert_eq!(inside.fix, "Shared fix.");
    assert_eq!(outside.fix, "Wait for the window to pass, then resend.");
}

#[test]
fn shop_conditions_parse_in_order_and_generate() {
    let shop = parse_family("valid_shop.toml", &fixture("valid_shop.toml")).expect("valid");
    assert_eq!(shop.api, "shop");
    assert_eq!(shop.enum_name, "ShopCode");
    assert!(shop.entries[0].conditions.is_empty());
    let c = &shop.entries[1].conditions;
    let names: Vec<&str> = c.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["TimestampTooOld", "AppKeyInvalid"]);
    assert_eq!(c[1].keywords, [vec!["app_key"], vec!["app key"]]);
    let out = generate_conditions(&[shop]);
    assert!(out.contains("pub enum ShopCondition"));
    assert!(out.contains("crate::ShopCode::InvalidRequestCommon => &[ShopCondition::TimestampTooOld, ShopCondition::AppKeyInvalid]"));
    assert!(out.contains(r#"keywords: &[&["timestamp", "5 minutes"]]"#));
}

#[test]
fn every_fixture_file_is_checked() {
    let mut listed: Vec<&str> = FAILURES
        .iter()
        .chain(CATALOG_FAILURES)
        .map(|(f, _, _)| *f)
        .chain(VALID.iter().copied())
        .collect();
    listed.sort_unstable();
    let before = listed.len();
    listed.dedup();
    assert_eq!(before, listed.len(), "a fixture is listed twice");
    let mut on_disk: Vec<String> = std::fs::read_dir(fixtures())
        .expect("fixtures dir")
        .map(|e| {
            e.expect("entry")
                .file_name()
                .into_string()
                .expect("utf-8 name")
        })
        .filter(|n| n.ends_with(".toml"))
        .collect();
    on_disk.sort_unstable();
    assert_eq!(
        on_disk, listed,
        "fixtures on disk and fixtures tested differ"
    );
}

#[test]
fn broken_fixtures_differ_from_a_valid_file_by_one_defect() {
    // Guards the fixtures themselves: after the leading comment, each ads fixture shares the
    // valid file's header and first entry, so the error can only come from the defect.
    let valid = fixture("valid_ads.toml");
    let body = |t: &str| {
        t.lines()
            .skip_while(|l| l.starts_with('#'))
            .collect::<Vec<_>>()
            .join("\n")
    };
    let valid = body(&valid);
    let first_entry_end = valid
        .find("\n[[code]]\ncode = 40105")
        .expect("second entry");
    for &(file, at, _) in FAILURES {
        if at.starts_with("entry #2 (40105)") {
            let text = body(&fixture(file));
            assert_eq!(
                text[..first_entry_end],
                valid[..first_entry_end],
                "{file}: entry #1 or the header differs"
            );
        }
    }
}

fn real_families() -> Vec<Family> {
    load_catalog(&codes_dir()).unwrap_or_else(|e| panic!("the real catalogue does not load: {e}"))
}

#[test]
fn diagnosis_carried_by_a_code_missing_from_ads_is_rejected() {
    for &(file, at, problems) in CATALOG_FAILURES {
        let diag = parse_family(file, &fixture(file))
            .unwrap_or_else(|e| panic!("{file} should parse: {e}"));
        let mut families: Vec<Family> = real_families()
            .into_iter()
            .filter(|f| f.api != "ads-diagnosis")
            .collect();
        families.push(diag);
        let msg = validate_catalog(&families)
            .expect_err("validate_catalog accepted a dangling wire code");
        assert_names(&msg, file, at, problems);
    }
    // The same file with existing wire codes passes.
    let ok = parse_family(
        "valid_ads_diagnoses.toml",
        &fixture("valid_ads_diagnoses.toml"),
    )
    .expect("valid");
    let mut families: Vec<Family> = real_families()
        .into_iter()
        .filter(|f| f.api != "ads-diagnosis")
        .collect();
    families.push(ok);
    validate_catalog(&families).expect("valid diagnoses");
}

#[test]
fn catalog_needs_each_family_exactly_once() {
    let families = real_families();
    let without_oauth: Vec<Family> = families
        .iter()
        .filter(|f| f.api != "oauth")
        .cloned()
        .collect();
    let msg = validate_catalog(&without_oauth).expect_err("a missing family was accepted");
    assert!(
        msg.starts_with("codes/oauth.toml: ") && msg.contains("found 0"),
        "{msg}"
    );
    let mut twice = families.clone();
    twice.push(
        families
            .iter()
            .find(|f| f.api == "content-posting")
            .expect("cp")
            .clone(),
    );
    let msg = validate_catalog(&twice).expect_err("a repeated family was accepted");
    assert!(
        msg.starts_with("codes/content_posting.toml: ") && msg.contains("found 2"),
        "{msg}"
    );
}

#[test]
fn the_real_catalogue_loads() {
    let families = real_families();
    let apis: Vec<&str> = families.iter().map(|f| f.api.as_str()).collect();
    assert_eq!(
        apis,
        [
            "ads",
            "ads-diagnosis",
            "content-posting",
            "business-messaging",
            "oauth",
            "shop"
        ]
    );
    use tiktok_errors::ErrorCode;
    let lens: Vec<usize> = families.iter().map(|f| f.entries.len()).collect();
    assert_eq!(
        lens,
        [
            tiktok_errors::AdsCode::ALL.len(),
            tiktok_errors::AdsDiagnosis::ALL.len(),
            tiktok_errors::ContentPostingCode::ALL.len(),
            tiktok_errors::BusinessMessagingCode::ALL.len(),
            tiktok_errors::OAuthCode::ALL.len(),
            tiktok_errors::ShopCode::ALL.len(),
        ]
    );
    for f in &families {
        assert!(
            f.entries.iter().all(|e| !e.sources.is_empty()),
            "{}",
            f.file
        );
        // Every real entry has a reviewed date (the error index shows it), and its line.
        assert!(f.reviewed.is_some(), "{}: no [family] reviewed", f.file);
        for e in &f.entries {
            assert!(e.reviewed.is_some(), "{}: {}", f.file, e.code.text());
            assert!(e.line > 1, "{}: {}", f.file, e.code.text());
        }
    }
}

#[test]
fn reviewed_dates_fall_back_to_the_files_and_lines_are_the_codes() {
    let text = fixture("valid_reviewed.toml");
    let f = parse_family("valid_reviewed.toml", &text).expect("valid");
    assert_eq!(f.reviewed.as_deref(), Some("2026-11-27"));
    assert_eq!(f.entries[0].reviewed.as_deref(), Some("2026-11-27"));
    assert_eq!(f.entries[1].reviewed.as_deref(), Some("2024-02-29"));
    for e in &f.entries {
        let line = text.lines().nth(e.line - 1).unwrap();
        assert_eq!(
            line,
            format!("code = {}", e.code.text()),
            "entry {}",
            e.code.text()
        );
    }
    // Without any date, none is made up.
    let bare = parse_family("valid_ads.toml", &fixture("valid_ads.toml")).expect("valid");
    assert!(bare.entries.iter().all(|e| e.reviewed.is_none()));
    let out = generate_entry_sources(&[f]);
    assert!(
        out.contains(r#"("ads", "valid_reviewed.toml", "40105", 22, "2024-02-29")"#),
        "{out}"
    );

    for good in ["2026-11-27", "2000-01-01", "2024-02-29", "2099-12-31"] {
        assert_eq!(check_date(good), Ok(()), "{good}");
    }
    for (bad, why) in [
        ("2026-11-7", "the form"),
        ("2026/11/27", "the form"),
        ("2026-1a-27", "digits"),
        ("2026-+1-27", "digits"),
        ("1999-12-31", "2000-2099"),
        ("2026-00-10", "no month 0"),
        ("2026-13-10", "no month 13"),
        ("2026-04-31", "no day 31"),
        ("2025-02-29", "no day 29"),
        ("2100-02-29", "2000-2099"),
        ("2026-11-00", "no day 0"),
        ("２０２６-11-27", "the form"),
    ] {
        let msg = check_date(bad).expect_err(bad);
        assert!(msg.contains(why) && msg.contains(bad), "{bad}: {msg}");
    }
}

#[test]
fn generation_is_deterministic_and_is_what_the_crate_was_built_from() {
    let families = real_families();
    let a = build_script::generate(&families);
    let b = build_script::generate(&real_families());
    assert_eq!(a, b, "generate() is not deterministic");
    let built = Path::new(env!("OUT_DIR")).join("catalog.rs");
    let built =
        std::fs::read_to_string(&built).unwrap_or_else(|e| panic!("{}: {e}", built.display()));
    assert!(
        a == built,
        "generate() differs from the OUT_DIR/catalog.rs the crate was built from"
    );
}

#[test]
fn wait_values() {
    let ok: &[(&str, Wait)] = &[
        ("1s", Wait::Seconds(1)),
        ("90s", Wait::Seconds(90)),
        ("5m", Wait::Seconds(300)),
        ("24h", Wait::Seconds(86_400)),
        ("utc_midnight", Wait::UntilUtcMidnight),
    ];
    for (s, w) in ok {
        assert_eq!(parse_wait(s).as_ref(), Ok(w), "{s}");
    }
    // Every bad value is an error that quotes it, never a panic.
    for bad in [
        "",
        "s",
        "0s",
        "5",
        "5d",
        "5 m",
        "-5m",
        "1.5h",
        "5M",
        "99999999999h",
        "2000000h",
        "5é",
        "é",
        "５m",
        "midnight",
    ] {
        let r = std::panic::catch_unwind(|| parse_wait(bad));
        let r = r.unwrap_or_else(|_| panic!("parse_wait({bad:?}) panicked"));
        let msg = r.expect_err(bad);
        assert!(msg.contains(&format!("`{bad}`")), "{bad:?}: {msg}");
    }
}

/// Message hints (`[[code.hints]]`) parse, and `generate_hints` emits one arm per hinted entry.
#[test]
fn message_hints_parse_and_generate() {
    let text = fixture("hint_empty.toml").replace(
        "[[code.hints]]\nsource = \"https://example.com/issue/3\"",
        "[[code.hints]]\nfield = \"bid_price\"\nsource = \"https://example.com/issue/3\"",
    );
    let f = parse_family("ads_diagnoses.toml", &text).expect("valid hints");
    assert_eq!(f.entries[0].hints.len(), 1);
    assert_eq!(f.entries[1].hints.len(), 2);
    assert_eq!(f.entries[1].hints[1].field.as_deref(), Some("bid_price"));
    let code = build_script::generate_hints(&[f]);
    assert!(code.contains("crate::AnyCode::AdsDiagnosis(crate::AdsDiagnosis::BidTooHigh) => &["));
    assert!(code.contains("field: Some(\"bid_price\")"));
    assert!(code.contains("pub(crate) static HINTED: &[crate::AnyCode]"));
}

#[test]
fn texts_and_codes_must_fit_the_packed_tables() {
    use build_script::{check_text_fits, Code};
    let valid = parse_family("valid_ads.toml", &fixture("valid_ads.toml")).expect("valid");
    assert_eq!(check_text_fits(&valid), Ok(()));

    let mut big_code = valid.clone();
    big_code.entries[1].code = Code::Int(1 << 40);
    let msg = check_text_fits(&big_code).unwrap_err();
    assert!(
        msg.starts_with("codes/valid_ads.toml: entry #2 (1099511627776): "),
        "{msg}"
    );
    assert!(msg.contains("does not fit a 32-bit integer"), "{msg}");

    let mut long_fix = valid.clone();
    long_fix.entries[1].fix = "x".repeat(1 << 15);
    let msg = check_text_fits(&long_fix).unwrap_err();
    assert!(msg.starts_with("codes/valid_ads.toml: entry #2 ("), "{msg}");
    assert!(msg.contains("fix is 32768 bytes"), "{msg}");

    let mut long_source = valid.clone();
    long_source.entries[0].sources[0] = format!("https://{}", "y".repeat(1 << 15));
    assert!(check_text_fits(&long_source)
        .unwrap_err()
        .contains("per text"));

    let mut huge_family = valid;
    let fix = "z".repeat((1 << 15) - 1);
    for e in &mut huge_family.entries {
        e.fix.clone_from(&fix);
    }
    while huge_family.entries.len() < 5 {
        let e = huge_family.entries[0].clone();
        huge_family.entries.push(e);
    }
    let msg = check_text_fits(&huge_family).unwrap_err();
    assert!(msg.contains("its fixes text totals"), "{msg}");
}

// ---------------------------------------------------------------------------------------------
// codes/limits.toml (tests/fixtures/validator/limits/): one defect per fixture, each error names
// the file, the row (`business #n (path)`, `endpoint #n (path)`) and the problem.

const LIMIT_FAILURES: &[(&str, &str, &[&str])] = &[
    (
        "limits_unknown_tier.toml",
        "business #2 (/ad/create/)",
        &["unknown tier `gold`", "basic, advanced, premium, ultimate"],
    ),
    (
        "limits_missing_tier.toml",
        "business #2 (/ad/create/)",
        &["missing tier `premium`"],
    ),
    (
        "limits_zero.toml",
        "business #2 (/ad/create/): basic",
        &["`qps` = 0", "positive whole number"],
    ),
    (
        "limits_negative.toml",
        "business #2 (/ad/create/): basic",
        &["`qpm` = -150", "positive whole number"],
    ),
    (
        "limits_float.toml",
        "business #2 (/ad/create/): basic",
        &["`qpm` must be a positive whole number, not a float"],
    ),
    (
        "limits_string_count.toml",
        "business #2 (/ad/create/): basic",
        &["`qpm` must be a positive whole number, not a string"],
    ),
    (
        "limits_qps_above_qpm.toml",
        "business #2 (/ad/create/): basic",
        &["`qps` = 500 is above `qpm` = 150"],
    ),
    (
        "limits_qpm_above_qpd.toml",
        "business #2 (/ad/create/): basic",
        &["`qpm` = 150 is above `qpd` = 100"],
    ),
    (
        "limits_no_window.toml",
        "business #2 (/ad/create/): basic",
        &["no limit"],
    ),
    (
        "limits_unknown_window.toml",
        "business #2 (/ad/create/): basic",
        &["unknown field `qph`"],
    ),
    (
        "limits_unknown_key.toml",
        "business #2 (/ad/create/)",
        &["unknown field `sorce`"],
    ),
    (
        "limits_duplicate_path.toml",
        "business #2 (/report/task/create/)",
        &["duplicate path `/report/task/create/`", "business #1"],
    ),
    (
        "limits_path_no_leading_slash.toml",
        "business #2 (ad/create/)",
        &["path `ad/create/` must start and end with `/`"],
    ),
    (
        "limits_path_no_trailing_slash.toml",
        "business #2 (/ad/create)",
        &["path `/ad/create` must start and end with `/`"],
    ),
    (
        "limits_path_absolute.toml",
        "business #2 (/open_api/v1.3/ad/create/)",
        &["relative to /open_api/v1.N"],
    ),
    (
        "limits_path_and_scope.toml",
        "business #2 (/ad/create/)",
        &["`path` or `scope`, not both"],
    ),
    (
        "limits_missing_source.toml",
        "business #2 (/ad/create/)",
        &["missing source"],
    ),
    (
        "limits_non_https_source.toml",
        "business #2 (/ad/create/)",
        &["source `http://business-api.tiktok.com", "https://"],
    ),
    (
        "limits_empty_note.toml",
        "business #2 (/ad/create/)",
        &["empty note"],
    ),
    (
        "limits_v2_unknown_surface.toml",
        "endpoint #1 (/v2/user/info/)",
        &["unknown surface `display`"],
    ),
    (
        "limits_v2_unknown_per.toml",
        "endpoint #1 (/v2/user/info/)",
        &["unknown per `user`"],
    ),
    (
        "limits_v2_unknown_reset.toml",
        "endpoint #1 (/v2/user/info/)",
        &["unknown reset `rolling`"],
    ),
    (
        "limits_v2_not_v2_path.toml",
        "endpoint #1 (/user/info/)",
        &["must be a v2 path"],
    ),
    (
        "limits_v2_missing_source.toml",
        "endpoint #1 (/v2/user/info/)",
        &["missing source"],
    ),
    (
        "limits_v2_duplicate_path.toml",
        "endpoint #2 (/v2/user/info/)",
        &["duplicate path `/v2/user/info/`", "endpoint #1"],
    ),
    (
        "limits_missing_sandbox.toml",
        "",
        &["missing the [sandbox] table"],
    ),
];

fn limits_fixture(name: &str) -> String {
    fixture(&format!("limits/{name}"))
}

#[test]
fn each_broken_limits_fixture_is_rejected_with_file_row_and_problem() {
    for &(file, at, problems) in LIMIT_FAILURES {
        let r = std::panic::catch_unwind(|| parse_limits(file, &limits_fixture(file)));
        match r.unwrap_or_else(|_| panic!("{file}: the validator panicked")) {
            Ok(t) => panic!("{file} was accepted ({} rows)", t.rows.len()),
            Err(msg) => assert_names(&msg, file, at, problems),
        }
    }
}

#[test]
fn the_valid_limits_fixture_and_the_real_file_are_accepted() {
    let t = parse_limits("valid_limits.toml", &limits_fixture("valid_limits.toml"))
        .unwrap_or_else(|e| panic!("{e}"));
    let names: Vec<&str> = t.rows.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "Business API tier default",
            "Business API sandbox",
            "/report/task/create/",
            "/ad/create/",
            "/v2/user/info/",
            "/v2/research/"
        ]
    );
    assert_eq!(t.rows[3].counts[1], [10, 200, 86_400]);
    assert_eq!(t.rows[5].records_per_day, Some(100_000));
    assert!(t.rows[5].prefix);

    let real = load_limits(&codes_dir()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(real.rows.len(), tiktok_errors::limits::rows().count());
    let generated = build_script::generate_limits(&real);
    let built = Path::new(env!("OUT_DIR")).join("limits.rs");
    let built =
        std::fs::read_to_string(&built).unwrap_or_else(|e| panic!("{}: {e}", built.display()));
    assert!(
        generated == built,
        "generate_limits() differs from the OUT_DIR/limits.rs the crate was built from"
    );
}

#[test]
fn broken_limits_fixtures_differ_from_the_valid_one_by_one_edit() {
    let valid = limits_fixture("valid_limits.toml");
    for &(file, _, _) in LIMIT_FAILURES {
        let text = limits_fixture(file);
        let (a, b): (Vec<&str>, Vec<&str>) = (valid.lines().collect(), text.lines().collect());
        let same_head = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
        let same_tail = a
            .iter()
            .rev()
            .zip(b.iter().rev())
            .take_while(|(x, y)| x == y)
            .count();
        let changed = a.len().max(b.len()) - (same_head + same_tail).min(a.len().min(b.len()));
        assert!(
            changed <= 6,
            "{file}: {changed} lines differ from valid_limits.toml"
        );
    }
}

#[test]
fn every_limits_fixture_file_is_checked() {
    let mut listed: Vec<&str> = LIMIT_FAILURES
        .iter()
        .map(|(f, _, _)| *f)
        .chain(["valid_limits.toml"])
        .collect();
    listed.sort_unstable();
    let mut on_disk: Vec<String> = std::fs::read_dir(fixtures().join("limits"))
        .expect("limits fixtures dir")
        .map(|e| e.expect("entry").file_name().into_string().expect("utf-8"))
        .filter(|n| n.ends_with(".toml"))
        .collect();
    on_disk.sort_unstable();
    assert_eq!(on_disk, listed, "limits fixtures on disk and tested differ");
}

#[test]
fn limit_counts_and_paths() {
    use build_script::{check_counts, check_path};
    assert_eq!(check_counts(&[10, 600, 864_000]), Ok(()));
    // A shorter window below its share of a longer one is published by TikTok (events).
    assert_eq!(check_counts(&[1_000, 600_000, 86_400_000]), Ok(()));
    assert_eq!(check_counts(&[0, 600, 0]), Ok(()));
    assert!(check_counts(&[0, 0, 0]).unwrap_err().contains("no limit"));
    assert!(check_counts(&[5, 0, 4])
        .unwrap_err()
        .contains("`qps` = 5 is above `qpd` = 4"));
    for ok in ["/ad/create/", "/v2/research/", "/gmv_max/report/get/"] {
        assert_eq!(check_path(ok), Ok(()), "{ok}");
    }
    for bad in [
        "",
        "/",
        "//",
        "ad/",
        "/ad",
        "/ad//create/",
        "/Ad/",
        "/ad create/",
        "/é/",
    ] {
        let msg = check_path(bad).expect_err(bad);
        assert!(msg.contains(&format!("`{bad}`")), "{bad:?}: {msg}");
    }
}
