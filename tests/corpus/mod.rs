//! The corpus of real TikTok messages (`tests/data/messages.toml`, and the held-back part
//! `tests/data/messages_heldback.toml`): loading, judging a reading, and the figures the tests
//! print (readings right, diagnoses right in the top 3, search right in the top 3).
//!
//! A reading is *right* when it equals the recorded one, a *miss* when it reads less than the
//! recorded one (nothing it says is false), and *wrong* when it says something the recorded
//! reading does not.
#![allow(dead_code)] // each test crate uses a different subset

use std::fmt::Write as _;

use serde::Deserialize;
use tiktok_errors::message::{diagnose, read_message, DetailKind, MessageDetails};
use tiktok_errors::search::{search, SearchOptions};
use tiktok_errors::{lookup, lookup_int, AnyCode, Api};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Fixtures {
    message: Vec<Fixture>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fixture {
    pub text: String,
    pub code: toml::Value,
    pub api: String,
    pub source: String,
    pub seen: Option<String>,
    pub note: Option<String>,
    pub kind: Option<String>,
    #[serde(default)]
    pub fields: Vec<String>,
    #[serde(default)]
    pub received: Vec<String>,
    #[serde(default)]
    pub accepted: Vec<String>,
    pub limit: Option<String>,
    pub diagnosis: Option<String>,
    #[serde(default)]
    pub no_diagnosis: bool,
}

impl Fixture {
    pub fn api(&self) -> Api {
        match self.api.as_str() {
            "ads" => Api::Ads,
            "content_posting" => Api::ContentPosting,
            "business_messaging" => Api::BusinessMessaging,
            "oauth" => Api::OAuth,
            "shop" => Api::Shop,
            other => panic!("fixture {:?}: unknown api {other}", self.text),
        }
    }

    /// The catalogue entry of the code the message came with, when the catalogue has it.
    pub fn wire_entry(&self) -> Option<AnyCode> {
        let api = self.api();
        let found: &[AnyCode] = match &self.code {
            toml::Value::Integer(i) => lookup_int(*i),
            toml::Value::String(s) => lookup(s),
            _ => &[],
        };
        found.iter().copied().find(|c| c.api() == api)
    }

    /// A free-text message of the Marketing API's parameter-error family (40000/40002).
    pub fn is_free_text_40002(&self) -> bool {
        self.api() == Api::Ads && matches!(self.code, toml::Value::Integer(40000 | 40002))
    }
}

pub fn parse(text: &str, name: &str) -> Vec<Fixture> {
    let f: Fixtures = toml::from_str(text).unwrap_or_else(|e| panic!("{name} parses: {e}"));
    f.message
}

fn kind_name(k: Option<DetailKind>) -> Option<&'static str> {
    k.map(DetailKind::as_str)
}

#[derive(Debug, PartialEq, Eq)]
pub enum Verdict {
    Right,
    Miss,
    Wrong(String),
}

pub fn judge(f: &Fixture, d: &MessageDetails<'_>) -> Verdict {
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
            wrong.push(format!("kind {got}, expected {want}"));
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

/// How many readings are right, and the misses and wrong readings with why.
pub struct ReadingFigure {
    pub total: usize,
    pub right: usize,
    pub misses: Vec<String>,
    pub wrong: Vec<String>,
}

impl ReadingFigure {
    pub fn share(&self) -> f64 {
        self.right as f64 / self.total.max(1) as f64
    }
    pub fn report(&self, name: &str) -> String {
        let mut s = format!(
            "{name}: {} of {} read right ({:.1}%)\n",
            self.right,
            self.total,
            self.share() * 100.0
        );
        for m in &self.misses {
            let _ = writeln!(s, "  miss: {m}");
        }
        for w in &self.wrong {
            let _ = writeln!(s, "  wrong: {w}");
        }
        s
    }
}

pub fn reading_figure(all: &[Fixture]) -> ReadingFigure {
    let mut fig = ReadingFigure {
        total: all.len(),
        right: 0,
        misses: Vec::new(),
        wrong: Vec::new(),
    };
    for f in all {
        let d = read_message(&f.text);
        match judge(f, &d) {
            Verdict::Right => fig.right += 1,
            Verdict::Miss => fig.misses.push(format!("{:?}: read {d}", f.text)),
            Verdict::Wrong(why) => fig.wrong.push(format!("{:?}: {why}", f.text)),
        }
    }
    fig
}

/// Of the messages that record a diagnosis, how many have it in the top 3 of `diagnose`.
pub fn diagnosis_figure(all: &[&Fixture]) -> (usize, usize, Vec<String>) {
    let mut right = 0;
    let mut total = 0;
    let mut misses = Vec::new();
    for f in all {
        let Some(want) = &f.diagnosis else { continue };
        total += 1;
        let names: Vec<String> = diagnose(&f.text, Some(f.api()))
            .iter()
            .take(3)
            .map(|d| d.name())
            .collect();
        if names.contains(want) {
            right += 1;
        } else {
            misses.push(format!("{:?}: expected {want}, got {names:?}", f.text));
        }
    }
    (right, total, misses)
}

/// Pasted as a search, does the message find its code (or its recorded diagnosis) in the top 3?
/// Messages whose code the catalogue does not have and that record no diagnosis are left out.
pub fn search_figure(all: &[Fixture]) -> (usize, usize, Vec<String>) {
    let mut right = 0;
    let mut total = 0;
    let mut misses = Vec::new();
    for f in all {
        let mut wanted: Vec<AnyCode> = f.wire_entry().into_iter().collect();
        if let Some(d) = &f.diagnosis {
            wanted.extend(lookup(d).iter().copied());
        }
        if wanted.is_empty() {
            continue;
        }
        total += 1;
        let hits = search(&f.text, &SearchOptions::default().limit(3));
        if hits.iter().any(|h| wanted.contains(&h.code())) {
            right += 1;
        } else {
            let got: Vec<String> = hits
                .iter()
                .map(|h| h.code().entry().code().to_string())
                .collect();
            misses.push(format!("{:?}: got {got:?}", f.text));
        }
    }
    (right, total, misses)
}
