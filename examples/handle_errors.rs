//! How a real integration handles TikTok errors: decode what came back, then let the retry
//! policy decide (refresh the token, back off, reschedule), or show the user what to fix.
//!
//! `cargo run --example handle_errors` runs it against a scripted fake TikTok.

use std::time::Duration;

use tiktok_errors::retry::{Attempt, Decision, GiveUpReason, RetryPolicy};
use tiktok_errors::{Api, ContentPostingCode, Decoder, Reply, TikTokError};

/// A scripted stand-in for TikTok: each call returns the next (HTTP status, body).
struct FakeTikTok {
    replies: Vec<(u16, &'static str)>,
}

impl FakeTikTok {
    fn call(&mut self) -> (u16, &'static str) {
        if self.replies.is_empty() {
            (
                200,
                r#"{"code":0,"message":"OK","request_id":"done","data":{"campaign_id":"1800"}}"#,
            )
        } else {
            self.replies.remove(0)
        }
    }
}

/// What the integration decided to do with one response.
#[derive(Debug, PartialEq)]
enum Action {
    Done(String),
    /// The policy's decision: resend after a wait, refresh then resend, reschedule.
    Retry(Decision),
    AskUser(String),
    GiveUp(String),
}

fn handle(
    policy: &RetryPolicy,
    result: Result<Reply<'_>, TikTokError>,
    attempt: Attempt,
) -> Action {
    let err = match result {
        Ok(ok) if ok.is_partial() => {
            return Action::AskUser(format!(
                "some items failed: {}",
                ok.data_json().unwrap_or("")
            ))
        }
        Ok(ok) => return Action::Done(ok.data_json().unwrap_or("null").to_owned()),
        Err(err) => err,
    };
    // Codes we treat specially, matched as typed variants.
    match &err {
        TikTokError::ContentPosting(e)
            if e.code() == Some(ContentPostingCode::SpamRiskTooManyPosts) =>
        {
            return Action::AskUser("Daily posting limit reached; try again tomorrow.".into())
        }
        // A code this version does not know yet: compare the raw code.
        TikTokError::Ads(e) if *e.raw_code() == 51234 => {
            return Action::GiveUp("known incident 51234".into())
        }
        _ => {}
    }
    // Everything else: the retry policy decides.
    match policy.decide(&err, attempt) {
        Decision::GiveUp(GiveUpReason::FixRequest | GiveUpReason::AccountAction) => {
            Action::AskUser(format!(
                "{err}\nHow to fix: {}",
                err.fix().unwrap_or("see TikTok's message above")
            ))
        }
        Decision::GiveUp(reason) => Action::GiveUp(format!("{err} ({reason})")),
        other => Action::Retry(other),
    }
}

fn main() {
    let policy = RetryPolicy::default().max_wait(Duration::from_secs(60));
    let mut tiktok = FakeTikTok {
        replies: vec![
            (
                200,
                r#"{"code":40105,"message":"Access token is incorrect or has been revoked.","request_id":"a1"}"#,
            ),
            (
                200,
                r#"{"code":40100,"message":"App reaches the QPS limit.","request_id":"a2"}"#,
            ),
            (504, "<html><body>504 Gateway Time-out</body></html>"),
            (
                200,
                r#"{"code":40002,"message":"budget: must be greater than or equal to 50","request_id":"a3"}"#,
            ),
        ],
    };
    let mut attempt = Attempt::first(true);
    for _ in 1..=6 {
        let (status, body) = tiktok.call();
        let result = Decoder::new(Api::Ads).status(status).decode(body);
        let action = handle(&policy, result, attempt);
        println!("attempt {}: HTTP {status} -> {action:?}", attempt.number());
        match action {
            Action::Done(_) | Action::GiveUp(_) => break,
            Action::AskUser(msg) => {
                println!("  tell the user: {msg}");
                // A fixed request is a new request.
                attempt = Attempt::first(true);
            }
            Action::Retry(decision) => {
                println!("  {decision} (not really waiting, this is a demo)");
                match attempt.next(&decision) {
                    Some(next) => attempt = next,
                    None => break, // rescheduled: the job goes back on the queue
                }
            }
        }
    }
    // A Content Posting error that arrives with HTTP 200, on a request that is not idempotent.
    let body =
        r#"{"data":{},"error":{"code":"spam_risk_too_many_posts","message":"","log_id":"L9"}}"#;
    let result = Decoder::new(Api::ContentPosting).status(200).decode(body);
    let action = handle(&policy, result, Attempt::first(false));
    println!("content posting: {action:?}");
    let title = ContentPostingCode::SpamRiskTooManyPosts.title();
    println!("  ({title})");
    // The same code without the special case: a 24-hour cap is a reschedule, not a sleep.
    let err = Decoder::new(Api::ContentPosting)
        .decode(body)
        .expect_err("an error");
    println!("  policy: {}", policy.decide(&err, Attempt::first(false)));
}
