//! The `tiktok-errors` command line: exit codes, JSON shapes, and the README's examples.
#![cfg(feature = "cli")]

use std::collections::BTreeMap;
use std::io::Write;
use std::process::{Command, Output, Stdio};

use serde_json::Value;
use tiktok_errors::{AnyCode, ErrorCode};

mod common;

fn run(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_tiktok-errors"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the CLI runs");
    let mut pipe = child.stdin.take().expect("stdin is piped");
    pipe.write_all(stdin.unwrap_or(b""))
        .expect("stdin accepts the body");
    drop(pipe);
    child.wait_with_output().expect("the CLI finishes")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("UTF-8 output")
}

fn json_lines(o: &Output) -> Vec<Value> {
    stdout(o)
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is one JSON object"))
        .collect()
}

const RETRY: &[&str] = &[
    "transient",
    "throttled",
    "refresh_token",
    "reauthorize",
    "fix_request",
    "account_action",
    "not_needed",
];

const ENTRY_KEYS: &[&str] = &[
    "api",
    "kind",
    "code",
    "code_type",
    "name",
    "aliases",
    "title",
    "description",
    "fix",
    "category",
    "retry",
    "wait_seconds",
    "wait_until_utc_midnight",
    "reschedule",
    "http_status",
    "channels",
    "carried_by",
    "known",
    "verified",
    "evidence",
    "sources",
    "seeds",
    "note",
    "disagreements",
];

fn assert_entry_shape(v: &Value) {
    for k in ENTRY_KEYS {
        assert!(v.get(k).is_some(), "missing key {k} in {v}");
    }
    assert_eq!(v["known"], true);
    assert!(RETRY.contains(&v["retry"].as_str().unwrap()), "{v}");
}

#[test]
fn explain_prints_every_api_where_the_code_exists() {
    let o = run(&["explain", "40100", "--json"], None);
    assert!(o.status.success());
    let lines = json_lines(&o);
    let apis: Vec<&str> = lines.iter().map(|v| v["api"].as_str().unwrap()).collect();
    assert_eq!(apis, ["ads", "business-messaging"]);
    for v in &lines {
        assert_entry_shape(v);
        assert_eq!(v["code"], "40100");
        assert_eq!(v["retry"], "throttled");
        assert_eq!(v["verified"], true);
    }
    let o = run(
        &["explain", "40100", "--api", "business-messaging", "--json"],
        None,
    );
    assert_eq!(json_lines(&o).len(), 1);
    let text = stdout(&run(&["explain", "40100"], None));
    assert!(text.contains("Ads 40100 — Too many requests"));
    assert!(text.contains("Business Messaging 40100"));
    assert!(
        text.contains("Other readings:"),
        "the seed's conflicting reading is shown"
    );
}

#[test]
fn explain_finds_diagnoses_aliases_and_sdk_names() {
    for (query, code, kind) in [
        ("BID_TOO_LOW", "BID_TOO_LOW", "diagnosis"),
        ("bid_too_low", "BID_TOO_LOW", "diagnosis"),
        ("invalid_params", "invalid_param", "code"),
        ("REQUEST_TOO_FREQUENT", "40100", "code"),
        ("ERROR_CODE_REQUEST_TOO_FREQUENT", "40100", "code"),
        ("video duration", "duration_check_failed", "code"),
    ] {
        let lines = json_lines(&run(&["explain", query, "--json"], None));
        assert!(!lines.is_empty(), "{query}");
        assert!(
            lines.iter().any(|v| v["code"] == code && v["kind"] == kind),
            "{query}: {lines:?}"
        );
    }
}

#[test]
fn explain_answers_every_catalogue_entry() {
    // Every entry of every family, through the binary.
    for c in AnyCode::all() {
        let e = c.entry();
        let code = e.code().to_string();
        let o = run(
            &["explain", &code, "--api", e.api().as_str(), "--json"],
            None,
        );
        let lines = json_lines(&o);
        assert!(
            lines
                .iter()
                .any(|v| v["name"] == e.name() && v["known"] == true),
            "{code}"
        );
    }
}

#[test]
fn explain_finds_every_seed_code() {
    // The seed documents, parsed independently: 100 (seed 000) + 25 (seed 001) + 8 (seed 004).
    let s000 = common::parse_seed_000();
    let (s001, _, _) = common::parse_seed_001();
    let s004 = common::parse_seed_004();
    let mut queries: Vec<(String, &str)> = Vec::new();
    queries.extend(s000.numeric.iter().map(|(c, _)| (c.to_string(), "ads")));
    queries.extend(s000.symbolic.iter().map(|(c, _)| (c.clone(), "ads")));
    queries.extend(s001.iter().map(|c| (c.code.clone(), "content-posting")));
    queries.extend(s004.iter().map(|c| (c.to_string(), "business-messaging")));
    assert_eq!(queries.len(), 100 + 25 + 8);
    for (code, api) in &queries {
        let o = run(&["explain", code, "--api", api, "--json"], None);
        assert!(o.status.success(), "{code}");
        let lines = json_lines(&o);
        assert!(
            !lines.is_empty() && lines.iter().all(|v| v["known"] == true && v["api"] == *api),
            "explain {code:?} --api {api}: {lines:?}"
        );
    }
}

#[test]
fn explain_unknown_code_is_an_answer_not_an_error() {
    let o = run(&["explain", "99999", "--json"], None);
    assert!(o.status.success());
    let lines = json_lines(&o);
    assert_eq!(lines.len(), 1);
    assert_eq!(lines[0]["known"], false);
    assert_eq!(lines[0]["code"], "99999");
    let o = run(
        &["explain", "access_token_invalid", "--api", "ads", "--json"],
        None,
    );
    assert!(o.status.success());
    assert_eq!(json_lines(&o)[0]["known"], false);
    let o = run(&["explain", "nope"], None);
    assert!(o.status.success());
    assert!(stdout(&o).contains("known: false"));
}

#[test]
fn usage_errors_exit_2_with_a_message() {
    for args in [
        &["explain", "40100", "--api", "marketingg"][..],
        &["explain"][..],
        &["frobnicate"][..],
        &["decode", "--status", "abc"][..],
        &["list", "--category", "nope"][..],
        &["export", "--format", "xml"][..],
    ] {
        let o = run(args, None);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(
            err.contains("Usage") || err.contains("usage") || err.contains("error:"),
            "{args:?}: {err}"
        );
    }
}

fn decode_json(args: &[&str], body: &[u8]) -> Value {
    let mut all = vec!["decode", "--json"];
    all.extend_from_slice(args);
    let o = run(&all, Some(body));
    assert!(
        o.status.success(),
        "{:?}",
        String::from_utf8_lossy(&o.stderr)
    );
    let lines = json_lines(&o);
    assert_eq!(lines.len(), 1);
    let v = lines.into_iter().next().unwrap();
    for k in [
        "outcome",
        "api",
        "code",
        "known",
        "name",
        "retry",
        "message",
        "request_id",
        "http_status",
        "fail_reason",
    ] {
        assert!(v.get(k).is_some(), "missing {k} in {v}");
    }
    v
}

#[test]
fn decode_reports_every_outcome() {
    let v = decode_json(
        &["--api", "ads"],
        br#"{"code":0,"message":"OK","request_id":"r0","data":{}}"#,
    );
    assert_eq!(
        (v["outcome"].as_str(), v["request_id"].as_str()),
        (Some("success"), Some("r0"))
    );
    let v = decode_json(
        &[],
        br#"{"code":20001,"message":"partial","data":{"list":[]}}"#,
    );
    assert_eq!(v["outcome"], "partial_success");
    let v = decode_json(
        &["--api", "business-messaging", "--status", "200"],
        br#"{"code":40064,"message":"[40064] You are sending messages too fast. Take a rest.","request_id":"m1"}"#,
    );
    assert_eq!(v["outcome"], "error");
    assert_eq!(v["api"], "business-messaging");
    assert_eq!(v["code"], "40064");
    assert_eq!(v["known"], true);
    assert_eq!(v["retry"], "throttled");
    assert_eq!(v["http_status"], 200);
    let v = decode_json(
        &["--api", "content-posting"],
        br#"{"data":{"status":"FAILED","fail_reason":"frame_rate_check_failed"},"error":{"code":"ok","message":"","log_id":"L2"}}"#,
    );
    assert_eq!(v["outcome"], "publish_failed");
    assert_eq!(v["fail_reason"], "frame_rate_check_failed");
    assert_eq!(v["code"], "frame_rate_check_failed");
    assert_eq!(v["request_id"], "L2");
    let v = decode_json(&["--status", "502"], b"<html>502 Bad Gateway</html>");
    assert_eq!(v["outcome"], "malformed");
    assert_eq!(v["retry"], "transient");
    assert_eq!(v["known"], false);
    let v = decode_json(&[], br#"{"error":"invalid_grant","error_description":"Refresh token is invalid or expired.","log_id":"o1"}"#);
    assert_eq!(
        (v["api"].as_str(), v["code"].as_str(), v["retry"].as_str()),
        (Some("oauth"), Some("invalid_grant"), Some("reauthorize"))
    );
    let v = decode_json(&["--api", "ads"], br#"{"code":51234,"message":"new"}"#);
    assert_eq!(
        (
            v["known"].as_bool(),
            v["code"].as_str(),
            v["retry"].as_str()
        ),
        (Some(false), Some("51234"), Some("transient"))
    );
}

#[test]
fn decode_reads_a_file_and_reports_unreadable_ones() {
    let dir = std::env::temp_dir().join(format!("tiktok-errors-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("body.json");
    std::fs::write(
        &path,
        br#"{"code":40105,"message":"Access token is incorrect or has been revoked."}"#,
    )
    .unwrap();
    let o = run(&["decode", "--api", "ads", path.to_str().unwrap()], None);
    assert!(o.status.success());
    let text = stdout(&o);
    assert!(
        text.starts_with("Ads error 40105 (Access token invalid or revoked)"),
        "{text}"
    );
    assert!(text.contains("retry: refresh_token"));
    let o = run(
        &["decode", dir.join("missing.json").to_str().unwrap()],
        None,
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("cannot read"));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn search_and_list_json_use_the_explain_shape() {
    let lines = json_lines(&run(
        &["search", "pending", "share", "--json", "--limit", "3"],
        None,
    ));
    assert_eq!(lines[0]["code"], "spam_risk_too_many_pending_share");
    for v in &lines {
        assert_entry_shape(v);
        assert!(v.get("match").is_some());
    }
    let lines = json_lines(&run(&["list", "--api", "oauth", "--json"], None));
    assert_eq!(lines.len(), tiktok_errors::OAuthCode::ALL.len());
    lines.iter().for_each(assert_entry_shape);
    let text = stdout(&run(&["list", "--category", "spam"], None));
    assert!(text.starts_with("## Spam (spam, "));
    let o = run(&["search", "zzzqqq"], None);
    assert!(o.status.success());
}

#[test]
fn export_round_trips_per_api_and_category() {
    let o = run(&["export", "--format", "json"], None);
    assert!(o.status.success());
    let doc: Value = serde_json::from_slice(&o.stdout).expect("export is one JSON document");
    assert_eq!(doc["format"], "tiktok-errors-catalog");
    assert_eq!(doc["version"], 1);
    let entries = doc["entries"].as_array().unwrap();
    let mut from_export: BTreeMap<(String, String, String), usize> = BTreeMap::new();
    for v in entries {
        assert_entry_shape(v);
        *from_export
            .entry((
                v["api"].as_str().unwrap().into(),
                v["kind"].as_str().unwrap().into(),
                v["category"].as_str().unwrap().into(),
            ))
            .or_default() += 1;
    }
    let mut from_lib: BTreeMap<(String, String, String), usize> = BTreeMap::new();
    for c in AnyCode::all() {
        let e = c.entry();
        let kind = if matches!(c, AnyCode::AdsDiagnosis(_)) {
            "diagnosis"
        } else {
            "code"
        };
        *from_lib
            .entry((
                e.api().as_str().into(),
                kind.into(),
                e.category().as_str().into(),
            ))
            .or_default() += 1;
    }
    assert_eq!(from_export, from_lib);
    // Every field of an entry survives, provenance included.
    let first = AnyCode::all()
        .find(|c| !c.entry().provenance().disagreements().is_empty())
        .unwrap();
    let v = entries
        .iter()
        .find(|v| v["name"] == first.entry().name() && v["api"] == first.api().as_str())
        .unwrap();
    assert_eq!(v["description"], first.entry().description());
    assert_eq!(v["fix"], first.entry().fix());
    assert_eq!(
        v["sources"].as_array().unwrap().len(),
        first.entry().provenance().sources().len()
    );
    assert_eq!(
        v["disagreements"][0]["says"],
        first.entry().provenance().disagreements()[0].says()
    );
    let counts = doc["counts"].as_object().unwrap();
    assert_eq!(counts["ads"], tiktok_errors::AdsCode::ALL.len());
    assert_eq!(
        counts["ads-diagnosis"],
        tiktok_errors::AdsDiagnosis::ALL.len()
    );
}

/// Every `$ tiktok-errors …` example in README.md prints what the README shows (lines up to a
/// `…` are compared; `…` stands for the rest).
#[test]
fn readme_examples_match_real_output() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let mut checked = 0;
    let mut lines = readme.lines().peekable();
    while let Some(line) = lines.next() {
        let Some(cmd) = line.strip_prefix("$ ") else {
            continue;
        };
        let mut expected = Vec::new();
        while let Some(next) = lines.peek() {
            if next.is_empty() || next.starts_with("$ ") || next.starts_with("```") {
                break;
            }
            expected.push(lines.next().unwrap());
        }
        let (stdin, cmd) = match cmd.split_once(" | ") {
            Some((echo, rest)) => {
                let body = echo.trim_start_matches("echo ").trim_matches('\'');
                (Some(body.as_bytes().to_vec()), rest)
            }
            None => (None, cmd),
        };
        let args: Vec<&str> = cmd.split_whitespace().skip(1).collect();
        let actual = stdout(&run(&args, stdin.as_deref()));
        let actual: Vec<&str> = actual.lines().collect();
        for (i, want) in expected.iter().enumerate() {
            if want.trim() == "…" {
                break;
            }
            assert_eq!(
                actual.get(i).copied(),
                Some(*want),
                "README example `{cmd}`, line {}",
                i + 1
            );
        }
        checked += 1;
    }
    assert!(checked >= 4, "README shows the CLI examples");
}

#[test]
fn readme_counts_match_the_catalogue() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    for (needle, n) in [
        ("Marketing API: {} codes", tiktok_errors::AdsCode::ALL.len()),
        (
            "`AdsDiagnosis` ({} named conditions",
            tiktok_errors::AdsDiagnosis::ALL.len(),
        ),
        (
            "`ContentPostingCode` ({} `error.code`",
            tiktok_errors::ContentPostingCode::ALL.len(),
        ),
        (
            "`BusinessMessagingCode` ({})",
            tiktok_errors::BusinessMessagingCode::ALL.len(),
        ),
        ("`OAuthCode` ({})", tiktok_errors::OAuthCode::ALL.len()),
        (
            "`ShopCode` (TikTok Shop Partner API: {} codes",
            tiktok_errors::ShopCode::ALL.len(),
        ),
        (
            "{} `ShopCondition`s read from the message keyword",
            tiktok_errors::ShopCondition::ALL.len(),
        ),
    ] {
        let text = needle.replace("{}", &n.to_string());
        assert!(readme.contains(&text), "README should say {text:?}");
    }
}

/// `decode` prints what the message says and the likely conditions (issue 13); `--json` adds
/// `fields`, `received_values`, `allowed_values`, `detail_kind`, `diagnoses`, empty when nothing
/// was read.
#[test]
fn decode_reads_the_message() {
    let body = br#"{"code":40002,"message":"brand_safety: one or more value of the params is not acceptable, correct is THIRD_PARTY, LIMITED_INVENTORY, current is NO_BRAND_SAFETY","request_id":"r"}"#;
    let v = decode_json(&["--api", "ads"], body);
    assert_eq!(v["fields"], serde_json::json!(["brand_safety"]));
    assert_eq!(v["received_values"], serde_json::json!(["NO_BRAND_SAFETY"]));
    assert_eq!(
        v["allowed_values"],
        serde_json::json!(["THIRD_PARTY", "LIMITED_INVENTORY"])
    );
    assert_eq!(v["detail_kind"], "invalid_value");
    assert_eq!(v["diagnoses"], serde_json::json!([]));

    let v = decode_json(
        &[],
        br#"{"code":40002,"message":"Invalid metric fields: ['video_views']"}"#,
    );
    // The metric name is a value the caller sent for `metrics`.
    assert_eq!(v["fields"], serde_json::json!(["metrics"]));
    assert_eq!(v["received_values"], serde_json::json!(["video_views"]));
    assert_eq!(v["diagnoses"][0], "REPORT_METRICS_INVALID");

    for body in [
        &br#"{"code":50000,"message":"System error."}"#[..],
        br#"{"code":0,"message":"OK","data":{}}"#,
        b"<html>502</html>",
    ] {
        let v = decode_json(&[], body);
        for k in ["fields", "received_values", "allowed_values", "diagnoses"] {
            assert_eq!(
                v[k],
                serde_json::json!([]),
                "{k} for {:?}",
                String::from_utf8_lossy(body)
            );
        }
        assert!(v["detail_kind"].is_null());
    }

    let o = run(
        &["decode"],
        Some(br#"{"code":40002,"message":"max time span is 1 day when use stat_time_hour"}"#),
    );
    let text = stdout(&o);
    assert!(
        text.contains(
            "  Message: field: stat_time_hour · limit: 1 day · out of range · likely: REPORT_DATE_RANGE_INVALID"
        ),
        "{text}"
    );
    assert!(text.contains("REPORT_DATE_RANGE_INVALID (Invalid report date range): the message says \"max time span\""), "{text}");
}

/// `search` takes a whole pasted message and lists what `decode` would diagnose, with why.
#[test]
fn search_ranks_a_pasted_message_like_decode() {
    let o = run(
        &[
            "search",
            "--json",
            "Invalid",
            "metric",
            "fields:",
            "['video_views']",
        ],
        None,
    );
    let lines = json_lines(&o);
    // The wire code that carries the condition first, then the condition, with why.
    assert_eq!(lines[0]["code"], "40002");
    assert_eq!(lines[0]["match"], "message");
    assert_eq!(lines[0]["why"][0], "carries REPORT_METRICS_INVALID");
    assert_eq!(lines[1]["code"], "REPORT_METRICS_INVALID");
    assert_eq!(lines[1]["match"], "message");
    assert!(lines[1]["why"][0]
        .as_str()
        .unwrap()
        .contains("invalid metric fields"));
    // A message about an app-level rate limit also shows 40100 itself.
    let o = run(&["search", "App reaches the QPS limit."], None);
    let text = stdout(&o);
    assert!(text.starts_with("Ads 40100 — Too many requests"), "{text}");
    assert!(text.contains("RATE_LIMIT_APP_LEVEL"), "{text}");
    // A right first hit is never preceded by "no entry clearly matches".
    let o = run(
        &["search", "Access token is incorrect or has been revoked."],
        None,
    );
    let text = stdout(&o);
    assert!(text.starts_with("Ads 40105"), "{text}");
    assert!(
        !text.contains("No catalogue entry clearly matches"),
        "{text}"
    );
    // Nothing convincing: the closest entries by words, said to be only that.
    let o = run(&["search", "Could", "not", "acquire", "the", "IP"], None);
    assert!(stdout(&o).starts_with("No catalogue entry clearly matches this message"));
    // Short queries search as before.
    let o = run(&["search", "--json", "bid", "too", "low"], None);
    assert_eq!(json_lines(&o)[0]["code"], "BID_TOO_LOW");
}

/// `tiktok-errors limits [--tier T] [PATH] [--json]`: TikTok's published rate limits.
#[test]
fn limits_for_a_path_at_a_tier() {
    let o = run(
        &[
            "limits",
            "--tier",
            "Advanced",
            "https://business-api.tiktok.com/open_api/v1.3/ad/create/?x=1",
        ],
        None,
    );
    assert!(o.status.success());
    let text = stdout(&o);
    assert!(
        text.contains("Business API override /ad/create/, tier advanced"),
        "{text}"
    );
    assert!(
        text.contains("10 per second · 200 per minute · 86,400 per day"),
        "{text}"
    );
    assert!(text.contains("source: https://business-api.tiktok.com/portal/docs/rate-limits/v1.3"));

    // No --tier: basic; an endpoint without an override gets the tier default.
    let text = stdout(&run(&["limits", "/open_api/v1.3/campaign/get"], None));
    assert!(text.contains("tier default"), "{text}");
    assert!(
        text.contains("10 per second · 600 per minute · 864,000 per day"),
        "{text}"
    );

    let text = stdout(&run(&["limits", "/v2/post/publish/status/fetch/"], None));
    assert!(text.contains("30 per minute"), "{text}");
    assert!(text.contains("per user access token"), "{text}");

    let text = stdout(&run(&["limits", "/v2/research/video/query/"], None));
    assert!(text.contains("1,000 per day"), "{text}");
    assert!(text.contains("100,000 records per day"), "{text}");

    // An unknown path is an answer, not a failure.
    let o = run(&["limits", "/api/products/search"], None);
    assert!(o.status.success());
    let text = stdout(&o);
    assert!(text.contains("no published rate limit"), "{text}");
    assert!(text.contains("adapts"), "{text}");
}

#[test]
fn limits_table_for_a_tier() {
    for (tier, default_row) in [
        ("basic", "10       600       864,000"),
        ("ULTIMATE", "50     3,000     4,320,000"),
    ] {
        let o = run(&["limits", "--tier", tier], None);
        assert!(o.status.success());
        let text = stdout(&o);
        let lower = tier.to_lowercase();
        assert!(
            text.starts_with(&format!("TikTok's published rate limits at tier {lower}")),
            "{text}"
        );
        assert!(
            text.lines()
                .any(|l| l.starts_with("  tier default") && l.ends_with(default_row)),
            "{tier}: {text}"
        );
        for path in tiktok_errors::limits::rows().filter_map(|r| r.path()) {
            assert!(text.contains(path), "{tier}: {path} missing");
        }
        assert!(text.contains("Streaming API (no path)"));
        assert!(text.contains("TikTok Shop"));
    }
}

#[test]
fn limits_json() {
    let o = run(
        &[
            "limits",
            "--json",
            "--tier",
            "premium",
            "/open_api/v1.3/ad/create/",
        ],
        None,
    );
    assert!(o.status.success());
    let v = &json_lines(&o)[0];
    assert_eq!(v["known"], true);
    assert_eq!(v["tier"], "premium");
    assert_eq!(v["endpoint"], "/ad/create/");
    assert_eq!(
        (v["qps"].as_u64(), v["qpm"].as_u64(), v["qpd"].as_u64()),
        (Some(10), Some(300), Some(86_400))
    );
    assert_eq!(v["per"], "app");
    assert_eq!(v["reset"], "calendar");

    let v = &json_lines(&run(&["limits", "--json", "/v2/user/info"], None))[0];
    assert_eq!((v["qps"].is_null(), v["qpm"].as_u64()), (true, Some(600)));
    assert_eq!(v["reset"], "sliding");

    let v = &json_lines(&run(&["limits", "--json", "/api/orders/search"], None))[0];
    assert_eq!(v["known"], false);

    // The table: one object per row, shaped as the export's `limits`.
    let lines = json_lines(&run(&["limits", "--json"], None));
    assert_eq!(lines.len(), tiktok_errors::limits::rows().count());
    let export: Value =
        serde_json::from_slice(&run(&["export"], None).stdout).expect("export is JSON");
    assert_eq!(Value::Array(lines), export["limits"]);
}

#[test]
fn limits_rejects_an_unknown_tier_listing_the_names() {
    let o = run(&["limits", "--tier", "gold"], None);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("unknown tier `gold`"), "{err}");
    for name in ["basic", "advanced", "premium", "ultimate"] {
        assert!(err.contains(name), "{err}");
    }
}

#[test]
fn flags_spell_names_with_dashes_and_still_take_underscores() {
    let dashed = run(&["list", "--category", "rate-limit"], None);
    let underscored = run(&["list", "--category", "rate_limit"], None);
    assert!(
        dashed.status.success(),
        "{}",
        String::from_utf8_lossy(&dashed.stderr)
    );
    assert_eq!(dashed.stdout, underscored.stdout);
    assert!(
        stdout(&dashed).starts_with("## Rate limit"),
        "{}",
        stdout(&dashed)
    );
    let o = run(&["list", "--category", "nope"], None);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("rate-limit") && !err.contains("rate_limit"),
        "{err}"
    );
    let o = run(
        &["search", "budget", "--category", "campaign-management"],
        None,
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}
