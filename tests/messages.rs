//! Every real message in `tests/data/messages.toml` (the tuned part of the corpus) is read and
//! diagnosed, and the result is compared with the reading recorded next to it; the figures are
//! printed (`cargo test --test messages -- --nocapture`). The held-back part is read by
//! `tests/messages_heldback.rs` only.
//!
//! No reading may be wrong; at least 95% must be right; the misses are listed in
//! `KNOWN_MISSES` so a change in either direction shows up here.

mod corpus;

use std::collections::BTreeSet;

use corpus::{diagnosis_figure, reading_figure, search_figure, Fixture};
use tiktok_errors::message::{diagnose, read_message};
use tiktok_errors::{decode, lookup, Api, TikTokError};

/// Fixtures whose reading is incomplete (never false), by message text.
const KNOWN_MISSES: &[&str] = &[
    // An error word as the whole message: its words are not read (as with `access_denied`).
    "spam_risk_too_many_pending_share",
];

fn load() -> Vec<Fixture> {
    corpus::parse(
        include_str!("data/messages.toml"),
        "tests/data/messages.toml",
    )
}

#[test]
fn fixtures_are_real_and_sourced() {
    let all = load();
    assert!(all.len() >= 60, "only {} fixtures", all.len());
    let mut texts = BTreeSet::new();
    for f in &all {
        assert!(
            texts.insert(f.text.as_str()),
            "duplicate fixture {:?}",
            f.text
        );
        let indexed = f
            .source
            .strip_prefix("github-code-index:")
            .is_some_and(|id| !id.is_empty() && id.bytes().all(|b| b.is_ascii_digit()));
        assert!(
            f.source.starts_with("https://") || (indexed && f.seen.is_some()),
            "{:?}: source must be a URL, or an index id with `seen`",
            f.text
        );
        assert!(
            matches!(f.code, toml::Value::Integer(_) | toml::Value::String(_)),
            "{:?}: code must be an integer or a string",
            f.text
        );
        let _ = (&f.note, f.api());
        if let Some(k) = &f.kind {
            let known = [
                "missing",
                "invalid_value",
                "not_supported",
                "out_of_range",
                "not_found",
                "denied",
                "conflict",
                "limit",
                "credentials",
                "other",
            ];
            assert!(
                known.contains(&k.as_str()),
                "{:?}: unknown kind {k}",
                f.text
            );
        }
        assert!(
            !(f.no_diagnosis && f.diagnosis.is_some()),
            "{:?}: both diagnosis and no_diagnosis",
            f.text
        );
    }
}

#[test]
fn readings_are_right_on_95_percent_and_never_wrong() {
    let all = load();
    let fig = reading_figure(&all);
    println!("{}", fig.report("tuned corpus"));
    assert!(
        fig.wrong.is_empty(),
        "wrong readings:\n{}",
        fig.wrong.join("\n")
    );
    let misses: Vec<&str> = all
        .iter()
        .filter(|f| {
            fig.misses
                .iter()
                .any(|m| m.starts_with(&format!("{:?}:", f.text)))
        })
        .map(|f| f.text.as_str())
        .collect();
    assert_eq!(
        misses, KNOWN_MISSES,
        "the incomplete readings changed; update KNOWN_MISSES"
    );
    assert!(
        fig.share() >= 0.95,
        "right on {} of {} ({:.2})",
        fig.right,
        fig.total,
        fig.share()
    );
}

/// An error code, a status word or a product name is never read as a field.
#[test]
fn error_code_words_are_never_fields() {
    let mut bad = Vec::new();
    for f in &load() {
        for field in read_message(&f.text).field_names() {
            if !lookup(field).is_empty() {
                bad.push(format!("{:?}: field {field:?} is an error code", f.text));
            }
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

/// The figures the issue sets targets for: diagnoses right in the top 3 for free-text 40002
/// messages, and pasted messages finding their code in the search top 3.
#[test]
fn diagnosis_and_search_figures() {
    let all = load();
    let free: Vec<&Fixture> = all.iter().filter(|f| f.is_free_text_40002()).collect();
    let (right, total, misses) = diagnosis_figure(&free);
    println!("tuned corpus: a right diagnosis in the top 3 for {right} of {total} free-text 40002 messages that record one");
    for m in &misses {
        println!("  miss: {m}");
    }
    assert!(misses.is_empty(), "{}", misses.join("\n"));
    let (right, total, misses) = search_figure(&all);
    println!(
        "tuned corpus: search finds the code in the top 3 for {right} of {total} ({:.1}%)",
        right as f64 * 100.0 / total.max(1) as f64
    );
    for m in &misses {
        println!("  miss: {m}");
    }
    assert!(
        right as f64 >= 0.85 * total as f64,
        "search right on {right} of {total}"
    );
}

#[test]
fn diagnoses_match_the_recorded_entry_and_nothing_unconvincing() {
    let mut bad = Vec::new();
    for f in &load() {
        let found = diagnose(&f.text, Some(f.api()));
        // The message's own code is not a diagnosis of it: the decoded error never lists it
        // (`ApiError::diagnoses`), and the message alone cannot know it was its own.
        let own = f.wire_entry().map(|c| c.entry().code().to_string());
        let names: Vec<String> = found
            .iter()
            .map(|d| d.name())
            .filter(|n| Some(n) != own.as_ref() || f.diagnosis.as_ref() == Some(n))
            .collect();
        for d in &found {
            assert!(
                !d.why().is_empty(),
                "{:?}: a diagnosis without a reason",
                f.text
            );
        }
        match &f.diagnosis {
            Some(want) if names.first() != Some(want) => {
                bad.push(format!(
                    "{:?}: expected {want} first, got {names:?}",
                    f.text
                ));
            }
            None if !names.is_empty() => {
                bad.push(format!("{:?}: expected none, got {names:?}", f.text));
            }
            _ => {}
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

/// The typed errors read the same: decoding a real body and asking the error gives the
/// fixture's reading and diagnosis.
#[test]
fn decoded_errors_read_their_message() {
    for f in load() {
        let body = match (&f.code, f.api()) {
            (toml::Value::Integer(c), Api::Ads | Api::BusinessMessaging) => serde_json::json!({
                "code": c, "message": f.text, "request_id": "fixture"
            }),
            (toml::Value::String(c), Api::ContentPosting) => serde_json::json!({
                "data": {}, "error": {"code": c, "message": f.text, "log_id": "fixture"}
            }),
            (toml::Value::Integer(c), Api::Shop) => serde_json::json!({
                "code": c, "data": null, "message": f.text, "request_id": "fixture"
            }),
            _ => continue,
        };
        let body = serde_json::to_vec(&body).expect("serializes");
        let err = decode(f.api(), &body).expect_err("an error body");
        let (details, diagnoses) = match &err {
            TikTokError::Ads(e) => (e.details(), e.diagnoses()),
            TikTokError::ContentPosting(e) => (e.details(), e.diagnoses()),
            TikTokError::BusinessMessaging(e) => (e.details(), e.diagnoses()),
            TikTokError::Shop(e) => (e.details(), e.diagnoses()),
            other => panic!("{:?} decoded as {other:?}", f.text),
        };
        assert_eq!(details, read_message(&f.text), "{:?}", f.text);
        assert_eq!(err.details(), details, "{:?}", f.text);
        let names: Vec<String> = diagnoses.iter().map(|d| d.name()).collect();
        let own = err.raw_code().map(|c| c.as_text().into_owned());
        assert!(
            own.as_ref().is_none_or(|own| !names.contains(own)),
            "{:?}: an error is not its own diagnosis",
            f.text
        );
        match &f.diagnosis {
            Some(want) if Some(want) != own.as_ref() => {
                assert_eq!(names.first(), Some(want), "{:?}", f.text);
            }
            _ => {}
        }
        assert_eq!(
            err.diagnoses().iter().map(|d| d.name()).collect::<Vec<_>>(),
            names
        );
    }
}

/// Issue 18: a Business Messaging 40105 message that says the token is incorrect is not
/// diagnosed as the empty (40104) or expired (40102) token: the message contradicts both.
#[test]
fn contradicted_candidates_are_dropped() {
    let body = br#"{"code":40105,"message":"Access token is incorrect or has been revoked.","request_id":"r"}"#;
    let err = decode(Api::BusinessMessaging, body).expect_err("an error");
    let names: Vec<String> = err.diagnoses().iter().map(|d| d.name()).collect();
    assert!(
        !names.iter().any(|n| n == "40104" || n == "40102"),
        "{names:?}"
    );
    assert_eq!(
        err.details().kind(),
        Some(tiktok_errors::message::DetailKind::Credentials)
    );
    // The same words with "expired" keep the expired token.
    let found = diagnose("Access token expired", Some(Api::BusinessMessaging));
    assert!(found.iter().any(|d| d.name() == "40102"), "{found:?}");
}

/// Issue 18, round two: a message that states an entry's condition (a conflict, something not
/// supported or retired) and names the entry's whole subject is diagnosed as it, even when the
/// word ranking keeps only wire codes; naming only part of the subject is not enough.
#[test]
fn stated_condition_and_named_subject_diagnose_their_entry() {
    let first = |m: &str| diagnose(m, Some(Api::Ads)).first().map(|d| d.name());
    assert_eq!(
        first("Unsupported report_type in sandbox environment.").as_deref(),
        Some("SANDBOX_LIMITATION")
    );
    assert_eq!(
        first("This API version does not support Smart+ campaigns.").as_deref(),
        Some("API_VERSION_DEPRECATED")
    );
    // Metrics and dimensions are the report's list parameters: the message is about a report.
    assert_eq!(
        first("The requested dimensions conflict with the metrics.").as_deref(),
        Some("REPORT_DIMENSIONS_CONFLICT")
    );
    // Part of the subject (video, not its format) with the condition is not convincing.
    assert_eq!(first("Story videos can't be used for Spark Ads."), None);
    // The condition must be the entry's: a sandbox message about a missing value is not a
    // sandbox limitation.
    assert!(!diagnose("sandbox_id is required", Some(Api::Ads))
        .iter()
        .any(|d| d.name() == "SANDBOX_LIMITATION"));
}

/// Issue 18, round two: the reader's new condition words.
#[test]
fn type_format_and_scope_complaints_are_read() {
    use tiktok_errors::message::DetailKind;
    let d = read_message("pixel_ids: Field must be set to array");
    assert_eq!(d.kind(), Some(DetailKind::InvalidValue));
    assert_eq!(d.field_names().collect::<Vec<_>>(), ["pixel_ids"]);
    assert_eq!(
        read_message("Field must be set").kind(),
        Some(DetailKind::Missing)
    );
    assert_eq!(
        read_message("Time format should be %Y-%m-%d.").kind(),
        Some(DetailKind::InvalidValue)
    );
    // `should be at least` keeps its bound.
    let d = read_message("name should be at least 2 characters");
    assert_eq!(d.kind(), Some(DetailKind::OutOfRange));
    assert_eq!(d.limit(), Some("2 characters"));
    assert_eq!(
        read_message("The user did not authorize the scope required for completing this request.")
            .kind(),
        Some(DetailKind::Denied)
    );
    assert_eq!(
        read_message("Please select a catalog.").kind(),
        Some(DetailKind::Missing)
    );
    assert_eq!(
        read_message("This campaign is archived and cannot be modified.").kind(),
        Some(DetailKind::NotSupported)
    );
    // Snake names with capitals are fields; ALL_CAPS words are values, not fields.
    let d = read_message("Placement_type and Bid_type don't match");
    assert_eq!(d.kind(), Some(DetailKind::Conflict));
    assert_eq!(
        d.field_names().collect::<Vec<_>>(),
        ["Placement_type", "Bid_type"]
    );
    assert!(
        read_message("PLACEMENT_TYPE_NORMAL and BID_TYPE_NO_BID don't match")
            .field_names()
            .next()
            .is_none()
    );
}

/// Round two: an entry's condition is read with the reader's own condition words, so an
/// `…_DUPLICATE` or `…_MISMATCH` entry is the message's when it names the entry's subject.
#[test]
fn entry_conditions_use_the_readers_condition_words() {
    let first = |m: &str| diagnose(m, Some(Api::Ads)).first().map(|d| d.name());
    assert_eq!(
        first("The adgroup name already exists.").as_deref(),
        Some("ADGROUP_NAME_DUPLICATE")
    );
    assert_eq!(
        first("Identity_type and identity_id don't match").as_deref(),
        Some("IDENTITY_TYPE_MISMATCH")
    );
    // The condition must agree: a missing identity is not an identity mismatch.
    assert!(!diagnose("identity_type is required", Some(Api::Ads))
        .iter()
        .any(|d| d.name() == "IDENTITY_TYPE_MISMATCH"));
}
