//! How a real integration handles TikTok errors: decode what came back, then refresh the token,
//! back off, or show the user what to fix.
//!
//! `cargo run --example handle_errors` runs it against a scripted fake TikTok.

use std::time::Duration;

use tiktok_errors::{
    AdsCode, Api, ContentPostingCode, Decoder, ErrorCode, Retry, Success, TikTokError,
};

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
    RefreshTokenThenRetry,
    RetryAfter(Duration),
    AskUser(String),
    GiveUp(String),
}

fn handle(result: Result<Success<'_>, TikTokError>, idempotent: bool) -> Action {
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
        TikTokError::Ads(e) if e.code() == Some(AdsCode::InvalidAccessToken) => {
            return Action::RefreshTokenThenRetry
        }
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
    // Everything else by its retry class.
    match err.retry() {
        Retry::RefreshToken => Action::RefreshTokenThenRetry,
        r if r.should_retry(idempotent) => {
            Action::RetryAfter(err.retry_after().unwrap_or(Duration::from_secs(2)))
        }
        Retry::FixRequest | Retry::AccountAction | Retry::Reauthorize => Action::AskUser(format!(
            "{err}\nHow to fix: {}",
            err.fix().unwrap_or("see TikTok's message above")
        )),
        _ => Action::GiveUp(err.to_string()),
    }
}

fn main() {
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
    for attempt in 1..=6 {
        let (status, body) = tiktok.call();
        let action = handle(Decoder::new(Api::Ads).status(status).decode(body), true);
        println!("attempt {attempt}: HTTP {status} -> {action:?}");
        match action {
            Action::Done(_) | Action::GiveUp(_) => break,
            Action::AskUser(msg) => {
                println!("  tell the user: {msg}");
            }
            Action::RefreshTokenThenRetry => println!("  refreshing the access token"),
            Action::RetryAfter(wait) => println!("  waiting {wait:?} (not really, this is a demo)"),
        }
    }
    // The same decisions for a Content Posting error that arrives with HTTP 200.
    let body =
        r#"{"data":{},"error":{"code":"spam_risk_too_many_posts","message":"","log_id":"L9"}}"#;
    let action = handle(
        Decoder::new(Api::ContentPosting).status(200).decode(body),
        false,
    );
    println!("content posting: {action:?}");
    let title = ContentPostingCode::SpamRiskTooManyPosts.title();
    println!("  ({title})");
}
