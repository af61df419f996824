//! Every real message in `tests/data/messages.toml` is read and diagnosed, and the result is
//! compared with the reading recorded next to it.
//!
//! A reading is *right* when it equals the recorded one, a *miss* when it reads less than the
//! recorded one (nothing it says is false), and *wrong* when it says something the recorded
//! reading does not. No reading may be wrong; at least 90% must be right; the misses are listed
//! in `KNOWN_MISSES` so a change in either direction shows up here.

use std::collections::BTreeSet;

use serde::Deserialize;
use tiktok_errors::message::{diagnose, read_message, DetailKind, MessageDetails};
use tiktok_errors::{decode, Api, TikTokError};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Fixtures {
    message: Vec<Fixture>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Fixture {
    text: String,
    code: toml::Value,
    api: String,
    source: String,
    seen: Option<String>,
    note: Option<String>,
    kind: Option<String>,
    #[serde(default)]
    fields: Vec<String>,
    #[serde(default)]
    received: Vec<String>,
    #[serde(default)]
    accepted: Vec<String>,
    limit: Option<String>,
    diagnosis: Option<String>,
    #[serde(default)]
    no_diagnosis: bool,
}

impl Fixture {
    fn api(&self) -> Api {
        match self.api.as_str() {
            "ads" => Api::Ads,
            "content_posting" => Api::ContentPosting,
            "business_messaging" => Api::BusinessMessaging,
            "oauth" => Api::OAuth,
            other => panic!("fixture {:?}: unknown api {other}", self.text),
        }
    }
}

/// Fixtures whose reading is incomplete (never false), by message text.
const KNOWN_MISSES: &[&str] = &[];

fn load() -> Vec<Fixture> {
    let text = include_str!("data/messages.toml");
    let f: Fixtures = toml::from_str(text).expect("tests/data/messages.toml parses");
    f.message
}

fn kind_name(k: Option<DetailKind>) -> Option<&'static str> {
    k.map(DetailKind::as_str)
}

#[derive(Debug, PartialEq, Eq)]
enum Verdict {
    Right,
    Miss,
    Wrong(String),
}

fn judge(f: &Fixture, d: &MessageDetails<'_>) -> Verdict {
    let fields: Vec<&str> = d.field_names().collect();
    let mut wrong = Vec::new();
    let extra = |got: &[&str], want: &[String], what: &str, wrong: &mut Vec<String>| {
        for g in got {
            if !want.iter().any(|w| w == g) {
                wrong.push(format!("{what} {g:?} not in {want:?}"));
            }
        }
    };
    extra(&fields, &f.fields, "field", &mut wrong);
    extra(d.received(), &f.received, "received", &mut wrong);
    extra(d.accepted(), &f.accepted, "accepted", &mut wrong);
    if let Some(l) = d.limit() {
        if f.limit.as_deref() != Some(l) {
            wrong.push(format!("limit {l:?}, expected {:?}", f.limit));
        }
    }
    match (kind_name(d.kind()), f.kind.as_deref()) {
        (Some(got), Some(want)) if got != want => {
            wrong.push(format!("kind {got}, expected {want}"))
        }
        (Some(got), None) => wrong.push(format!("kind {got}, expected nothing")),
        _ => {}
    }
    if !wrong.is_empty() {
        return Verdict::Wrong(wrong.join("; "));
    }
    let right = kind_name(d.kind()) == f.kind.as_deref()
        && fields == f.fields
        && d.received() == f.received
        && d.accepted() == f.accepted
        && d.limit() == f.limit.as_deref();
    if right {
        Verdict::Right
    } else {
        Verdict::Miss
    }
}

#[test]
fn fixtures_are_real_and_sourced() {
    let all = load();
    assert!(all.len() >= 40, "only {} fixtures", all.len());
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
fn readings_are_right_on_90_percent_and_never_wrong() {
    let all = load();
    let mut right = 0;
    let mut misses = Vec::new();
    let mut wrong = Vec::new();
    for f in &all {
        match judge(f, &read_message(&f.text)) {
            Verdict::Right => right += 1,
            Verdict::Miss => misses.push(f.text.as_str()),
            Verdict::Wrong(why) => wrong.push(format!("{:?}: {why}", f.text)),
        }
    }
    assert!(wrong.is_empty(), "wrong readings:\n{}", wrong.join("\n"));
    assert_eq!(
        misses, KNOWN_MISSES,
        "the incomplete readings changed; update KNOWN_MISSES"
    );
    let share = right as f64 / all.len() as f64;
    assert!(
        share >= 0.9,
        "right on {right} of {} ({share:.2})",
        all.len()
    );
}

#[test]
fn diagnoses_match_the_recorded_entry_and_nothing_unconvincing() {
    let mut bad = Vec::new();
    for f in &load() {
        let found = diagnose(&f.text, Some(f.api()));
        let names: Vec<String> = found.iter().map(|d| d.name()).collect();
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
            _ => continue,
        };
        let body = serde_json::to_vec(&body).expect("serializes");
        let err = decode(f.api(), &body).expect_err("an error body");
        let (details, diagnoses) = match &err {
            TikTokError::Ads(e) => (e.details(), e.diagnoses()),
            TikTokError::ContentPosting(e) => (e.details(), e.diagnoses()),
            TikTokError::BusinessMessaging(e) => (e.details(), e.diagnoses()),
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
