//! The retry policy's decisions: a table for every retry class × idempotency × attempt, TikTok's
//! documented windows, and properties (the delay never exceeds its cap; giving up is final).

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use proptest::prelude::*;
use tiktok_errors::clock::Clock;
use tiktok_errors::retry::{Attempt, Decision, GiveUpReason, RetryPolicy, TransportFailure};
use tiktok_errors::{
    decode, AdsCode, Api, ApiError, BusinessMessagingCode, ContentPostingCode, Decoder, Retry,
    TikTokError,
};

/// 2026-11-27 12:00:00 UTC.
const NOON: u64 = 1_795_780_800;

fn at(secs: u64) -> SystemTime {
    UNIX_EPOCH + Duration::from_secs(secs)
}

fn secs(s: u64) -> Duration {
    Duration::from_secs(s)
}

fn resend(s: u64) -> Decision {
    Decision::Resend { after: secs(s) }
}

fn give_up(r: GiveUpReason) -> Decision {
    Decision::GiveUp(r)
}

/// Jitter off: every backoff is the whole step, so the table is exact.
fn policy() -> RetryPolicy {
    RetryPolicy::default().jitter(false)
}

fn ads(body: &str) -> TikTokError {
    decode(Api::Ads, body).unwrap_err()
}

#[test]
fn noon_is_noon() {
    assert_eq!(NOON % 86_400, 12 * 3600);
}

/// Every retry class × idempotent or not × attempt (first, second, after a refresh, the last),
/// with nothing giving a wait (backoff: 1 s, 2 s, 4 s, …).
#[test]
fn table_class_idempotency_attempt() {
    use GiveUpReason::*;
    let exhausted = give_up(AttemptsExhausted { attempts: 5 });
    let classes = [
        Retry::Transient,
        Retry::Throttled,
        Retry::RefreshToken,
        Retry::Reauthorize,
        Retry::FixRequest,
        Retry::AccountAction,
        Retry::NotNeeded,
        Retry::Unknown,
    ];
    // (class, idempotent) -> decisions at attempt 1, 2, 3 following a refresh, 5 (the limit).
    let expect = |class: Retry, idempotent: bool| -> [Decision; 4] {
        match (class, idempotent) {
            (Retry::Transient, true) => [resend(1), resend(2), resend(4), exhausted],
            (Retry::Transient, false) => [give_up(NotIdempotent); 4],
            (Retry::Throttled, _) => [resend(1), resend(2), resend(4), exhausted],
            (Retry::RefreshToken, _) => [
                Decision::RefreshThenResend,
                Decision::RefreshThenResend,
                give_up(RefreshDidNotHelp),
                exhausted,
            ],
            (Retry::Reauthorize, _) => [give_up(Reauthorize); 4],
            (Retry::FixRequest, _) => [give_up(FixRequest); 4],
            (Retry::AccountAction, _) => [give_up(AccountAction); 4],
            (Retry::NotNeeded, _) => [give_up(NotAFailure); 4],
            _ => [give_up(UnknownCode); 4],
        }
    };
    let p = policy();
    let mut rows = 0;
    for class in classes {
        for idempotent in [true, false] {
            let first = Attempt::first(idempotent);
            let got = [
                p.decide_class(class, None, first, at(NOON), 0.5),
                p.decide_class(class, None, first.with_number(2), at(NOON), 0.5),
                p.decide_class(
                    class,
                    None,
                    first.with_number(3).with_refresh(true),
                    at(NOON),
                    0.5,
                ),
                p.decide_class(class, None, first.with_number(5), at(NOON), 0.5),
            ];
            assert_eq!(
                got,
                expect(class, idempotent),
                "{class} idempotent={idempotent}"
            );
            rows += 1;
        }
    }
    assert_eq!(rows, 16);
}

#[test]
fn non_idempotent_opt_in() {
    let p = policy().retry_non_idempotent(true);
    let first = Attempt::first(false);
    assert_eq!(
        p.decide_class(Retry::Transient, None, first, at(NOON), 0.0),
        resend(1)
    );
    // Throttled requests were refused, so they are resent either way.
    let strict = policy();
    assert_eq!(
        strict.decide_class(Retry::Throttled, None, first, at(NOON), 0.0),
        resend(1)
    );
}

#[test]
fn refresh_can_be_unavailable() {
    let p = policy().refresh(false);
    assert_eq!(
        p.decide_class(
            Retry::RefreshToken,
            None,
            Attempt::first(true),
            at(NOON),
            0.0
        ),
        give_up(GiveUpReason::RefreshUnavailable)
    );
}

#[test]
fn backoff_is_capped_and_jittered() {
    let p = RetryPolicy::default(); // jitter on
    let a = |n| Attempt::first(true).with_number(n);
    // Step 1 s · 2^(n-1), capped at 30 s; full jitter scales it.
    assert_eq!(
        p.decide_class(Retry::Transient, None, a(1), at(NOON), 0.0),
        resend(0)
    );
    assert_eq!(
        p.decide_class(Retry::Transient, None, a(2), at(NOON), 0.25),
        Decision::Resend {
            after: Duration::from_millis(500)
        }
    );
    let p = p.max_attempts(100);
    assert_eq!(
        p.decide_class(Retry::Transient, None, a(40), at(NOON), 1.0),
        resend(30)
    );
    // Throttling without a window never resends sooner than the base delay.
    assert_eq!(
        p.decide_class(Retry::Throttled, None, a(1), at(NOON), 0.0),
        resend(1)
    );
    assert_eq!(
        p.decide_class(Retry::Throttled, None, a(3), at(NOON), 0.0),
        resend(1)
    );
    assert_eq!(
        p.decide_class(Retry::Throttled, None, a(3), at(NOON), 1.0),
        resend(4)
    );
    // Backoff never turns into a reschedule: it stops at max_wait.
    let short = RetryPolicy::default()
        .jitter(false)
        .max_wait(secs(3))
        .max_attempts(100);
    assert_eq!(
        short.decide_class(Retry::Transient, None, a(10), at(NOON), 0.0),
        resend(3)
    );
}

/// TikTok's documented windows, through real decoded responses.
#[test]
fn documented_windows() {
    let p = policy();
    let first = Attempt::first(false);
    let decide = |e: &TikTokError| p.decide_at(e, first, at(NOON));
    let midnight = at(NOON + 12 * 3600);

    // Marketing API 40100: the message names the limit.
    let qps = ads(r#"{"code":40100,"message":"App reaches the QPS limit.","request_id":"r"}"#);
    assert_eq!(decide(&qps), resend(1));
    let qpm = ads(r#"{"code":40100,"message":"App reaches the QPM limit.","request_id":"r"}"#);
    assert_eq!(decide(&qpm), resend(300));
    let qpd = ads(r#"{"code":40100,"message":"App reaches the QPD limit.","request_id":"r"}"#);
    assert_eq!(
        decide(&qpd),
        Decision::Reschedule {
            not_before: midnight,
            after: secs(12 * 3600)
        }
    );
    assert_eq!(
        decide(&qpd).to_string(),
        "reschedule after 00:00 UTC (in 12 h)"
    );
    // No limit named: the catalogue's window (the per-minute pause).
    let bare = ads(r#"{"code":40100,"message":"Too many requests."}"#);
    assert_eq!(decide(&bare), resend(300));
    // A per-day limit two minutes before the reset is a short sleep, not a reschedule.
    assert_eq!(
        p.decide_at(&qpd, first, at(NOON + 12 * 3600 - 120)),
        resend(120)
    );

    // Retry-After, in seconds and as an HTTP date, beats everything else.
    let ra = |value: &str, status: u16| {
        Decoder::new(Api::Ads)
            .status(status)
            .header("Retry-After", value)
            .decode(r#"{"code":40100,"message":"App reaches the QPD limit."}"#)
            .unwrap_err()
    };
    assert_eq!(decide(&ra("7", 200)), resend(7));
    // NOON is Fri, 27 Nov 2026 12:00:00 GMT.
    assert_eq!(
        decide(&ra("Fri, 27 Nov 2026 12:00:30 GMT", 200)),
        resend(30)
    );
    assert_eq!(decide(&ra("Fri, 27 Nov 2026 11:00:00 GMT", 200)), resend(0));
    assert_eq!(
        decide(&ra("Fri, 27 Nov 2026 14:00:00 GMT", 200)),
        Decision::Reschedule {
            not_before: at(NOON + 7200),
            after: secs(7200)
        }
    );
    // An unknown code with HTTP 429 and Retry-After: throttled, resent after the header's wait.
    let gateway = Decoder::new(Api::Ads)
        .status(429)
        .header("retry-after", "20")
        .decode("<html>Too Many Requests</html>")
        .unwrap_err();
    assert_eq!(decide(&gateway), resend(20));

    // 24-hour caps are reschedules.
    let posts = decode(
        Api::ContentPosting,
        r#"{"data":{},"error":{"code":"spam_risk_too_many_posts","message":"","log_id":"L"}}"#,
    )
    .unwrap_err();
    assert_eq!(
        decide(&posts),
        Decision::Reschedule {
            not_before: at(NOON + 86_400),
            after: secs(86_400)
        }
    );
    assert_eq!(
        decide(&posts).to_string(),
        "reschedule after 2026-11-28 12:00:00 UTC (in 24 h)"
    );
    let messaging = decode(
        Api::BusinessMessaging,
        r#"{"code":40064,"message":"[40064] You are sending messages too fast. Take a rest."}"#,
    )
    .unwrap_err();
    assert_eq!(messaging.retry(), Retry::Throttled);
    // TikTok documents no window for 40064 (two partner readings, issue 10), so `retry_after`
    // promises none; the catalogue marks it `reschedule`, so the policy neither sleeps 24 h nor
    // resends in a loop: it reschedules after its undocumented-window assumption (1 h).
    assert_eq!(messaging.retry_after_at(at(NOON)), None);
    assert_eq!(
        decide(&messaging),
        Decision::Reschedule {
            not_before: at(NOON + 3_600),
            after: secs(3_600)
        }
    );
    // Both numbers are the caller's: a shorter assumption within max_wait is slept instead.
    let quick = policy().undocumented_window(secs(120));
    assert_eq!(quick.decide_at(&messaging, first, at(NOON)), resend(120));
    // A throttle the catalogue does not mark (Ads 40100 with no limit named) is still resent.
    let plain = decode(Api::Ads, r#"{"code":40100,"message":"Too many requests."}"#).unwrap_err();
    assert!(matches!(decide(&plain), Decision::Resend { .. }));

    // Content Posting's rate limit: the catalogue's 1-minute window.
    let rate = decode(
        Api::ContentPosting,
        r#"{"data":{},"error":{"code":"rate_limit_exceeded","message":"","log_id":"L"}}"#,
    )
    .unwrap_err();
    assert_eq!(decide(&rate), resend(60));
}

/// The codes users get wrong, and unknown codes.
#[test]
fn codes_people_get_wrong() {
    let p = policy();
    let first = Attempt::first(true);
    // 40100 is throttling: never a refresh.
    let e = ads(r#"{"code":40100,"message":"App reaches the QPS limit."}"#);
    assert_eq!(p.decide_at(&e, first, at(NOON)), resend(1));
    // scope_not_authorized: a refresh keeps the old scopes.
    let scope = decode(
        Api::ContentPosting,
        r#"{"data":{},"error":{"code":"scope_not_authorized","message":"","log_id":"L"}}"#,
    )
    .unwrap_err();
    assert_eq!(
        p.decide_at(&scope, first, at(NOON)),
        give_up(GiveUpReason::Reauthorize)
    );
    // Neither is an expired refresh token (40103) or a dead grant (invalid_grant).
    let expired = ads(r#"{"code":40103,"message":"Refresh token expired."}"#);
    assert_eq!(
        p.decide_at(&expired, first, at(NOON)),
        give_up(GiveUpReason::Reauthorize)
    );
    let grant = decode(
        Api::OAuth,
        r#"{"error":"invalid_grant","error_description":"Authorization code is expired.","log_id":"L"}"#,
    )
    .unwrap_err();
    assert_eq!(grant.retry(), Retry::Reauthorize);
    assert_eq!(
        p.decide_at(&grant, first, at(NOON)),
        give_up(GiveUpReason::Reauthorize)
    );
    // 40105: refresh once; the same error right after the refresh gives up.
    let token = ads(r#"{"code":40105,"message":"Access token is incorrect or has been revoked."}"#);
    let d = p.decide_at(&token, first, at(NOON));
    assert_eq!(d, Decision::RefreshThenResend);
    assert_eq!(d.to_string(), "refresh the token, then resend");
    let after = first.next(&d).unwrap();
    assert_eq!(
        p.decide_at(&token, after, at(NOON)),
        give_up(GiveUpReason::RefreshDidNotHelp)
    );
    // 40002: fix the request.
    let bad = ads(r#"{"code":40002,"message":"budget: must be at least 50"}"#);
    assert_eq!(
        p.decide_at(&bad, first, at(NOON)).to_string(),
        "do not retry: fix the request"
    );
    // 50002 is resent only when idempotent.
    let timeout = ads(r#"{"code":50002,"message":"System timeout."}"#);
    assert_eq!(p.decide_at(&timeout, first, at(NOON)), resend(1));
    assert_eq!(
        p.decide_at(&timeout, first, at(NOON)).to_string(),
        "wait 1 s and resend"
    );
    assert_eq!(
        p.decide_at(&timeout, Attempt::first(false), at(NOON)),
        give_up(GiveUpReason::NotIdempotent)
    );
    // Unknown codes: given up, unless the status or the range says transient.
    let unknown = ads(r#"{"code":41234,"message":"new"}"#);
    assert_eq!(
        p.decide_at(&unknown, first, at(NOON)),
        give_up(GiveUpReason::UnknownCode)
    );
    let in_range = ads(r#"{"code":51234,"message":"new"}"#);
    assert_eq!(p.decide_at(&in_range, first, at(NOON)), resend(1));
    let with_503 = Decoder::new(Api::Ads)
        .status(503)
        .decode(r#"{"code":41234,"message":"new"}"#)
        .unwrap_err();
    assert_eq!(p.decide_at(&with_503, first, at(NOON)), resend(1));
    // A success code handed to the policy is not a failure.
    let ok = TikTokError::Ads(Box::new(ApiError::new(AdsCode::Ok, "OK")));
    assert_eq!(
        p.decide_at(&ok, first, at(NOON)),
        give_up(GiveUpReason::NotAFailure)
    );
    // A Business Messaging and a Content Posting typed error go through the same rules.
    let bm = TikTokError::BusinessMessaging(Box::new(ApiError::new(
        BusinessMessagingCode::SysTimeout,
        "",
    )));
    assert_eq!(p.decide_at(&bm, first, at(NOON)), resend(1));
    let cp = TikTokError::ContentPosting(Box::new(ApiError::new(
        ContentPostingCode::InternalError,
        "",
    )));
    assert!(p.decide_at(&cp, first, at(NOON)).resends());
}

#[test]
fn out_of_range_waits_give_up() {
    let e = Decoder::new(Api::Ads)
        .status(429)
        .header("Retry-After", "18446744073709551615")
        .decode("")
        .unwrap_err();
    assert_eq!(
        policy().decide_at(&e, Attempt::first(true), at(NOON)),
        give_up(GiveUpReason::WaitOutOfRange)
    );
}

#[test]
fn decide_uses_the_injected_clock() {
    let qpd = ads(r#"{"code":40100,"message":"App reaches the QPD limit."}"#);
    let d = policy()
        .clock(Clock::fixed(at(NOON)))
        .decide(&qpd, Attempt::first(true));
    assert_eq!(
        d,
        Decision::Reschedule {
            not_before: at(NOON + 43_200),
            after: secs(43_200)
        }
    );
}

#[test]
fn words() {
    let cases = [
        (resend(1), "wait 1 s and resend"),
        (resend(0), "resend now"),
        (
            Decision::Resend {
                after: Duration::from_millis(1500),
            },
            "wait 1.5 s and resend",
        ),
        (resend(300), "wait 5 min and resend"),
        (
            Decision::RefreshThenResend,
            "refresh the token, then resend",
        ),
        (
            give_up(GiveUpReason::FixRequest),
            "do not retry: fix the request",
        ),
        (
            give_up(GiveUpReason::AttemptsExhausted { attempts: 5 }),
            "do not retry: sent 5 times, the attempt limit",
        ),
    ];
    for (d, w) in cases {
        assert_eq!(d.to_string(), w);
    }
}

fn class() -> impl Strategy<Value = Retry> {
    prop::sample::select(vec![
        Retry::Transient,
        Retry::Throttled,
        Retry::RefreshToken,
        Retry::Reauthorize,
        Retry::FixRequest,
        Retry::AccountAction,
        Retry::NotNeeded,
        Retry::Unknown,
    ])
}

fn any_policy() -> impl Strategy<Value = RetryPolicy> {
    (
        1u32..12,
        0u64..20_000,
        0u64..200_000,
        0u64..10_000_000,
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(
            |(attempts, base, backoff, wait, non_idem, refresh, jitter)| {
                RetryPolicy::default()
                    .max_attempts(attempts)
                    .base_delay(Duration::from_millis(base))
                    .max_backoff(Duration::from_millis(backoff))
                    .max_wait(Duration::from_millis(wait))
                    .retry_non_idempotent(non_idem)
                    .refresh(refresh)
                    .jitter(jitter)
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    /// A resend never waits longer than max_wait, a backoff never longer than max_backoff, and
    /// a reschedule is exactly the wait beyond max_wait.
    #[test]
    fn delay_never_exceeds_the_cap(
        p in any_policy(),
        class in class(),
        wait in prop::option::of(0u64..400_000_000),
        n in 1u32..200,
        idem in any::<bool>(),
        refreshed in any::<bool>(),
        unit in any::<f64>(),
        now in 0u64..4_000_000_000,
    ) {
        let now = at(now);
        let wait = wait.map(Duration::from_millis);
        let a = Attempt::first(idem).with_number(n).with_refresh(refreshed);
        match p.decide_class(class, wait, a, now, unit) {
            Decision::Resend { after } => {
                prop_assert!(after <= p.wait_limit());
                if wait.is_none() {
                    prop_assert!(after <= p.backoff_limit());
                }
                prop_assert!(n < p.attempt_limit());
            }
            Decision::Reschedule { not_before, after } => {
                prop_assert!(after > p.wait_limit());
                prop_assert_eq!(Some(after), wait);
                prop_assert_eq!(not_before, now + after);
            }
            Decision::RefreshThenResend => {
                prop_assert_eq!(class, Retry::RefreshToken);
                prop_assert!(!refreshed);
            }
            Decision::GiveUp(_) => {}
            other => prop_assert!(false, "unexpected {other:?}"),
        }
    }

    /// Once the policy gives up on an error, later attempts give up too: nothing brings it back.
    #[test]
    fn give_up_is_final(
        p in any_policy(),
        class in class(),
        wait in prop::option::of(0u64..400_000_000),
        n in 1u32..50,
        later in 1u32..1000,
        idem in any::<bool>(),
        refreshed in any::<bool>(),
        unit in any::<f64>(),
        unit2 in any::<f64>(),
    ) {
        let now = at(NOON);
        let wait = wait.map(Duration::from_millis);
        let a = Attempt::first(idem).with_number(n).with_refresh(refreshed);
        if let Decision::GiveUp(_) = p.decide_class(class, wait, a, now, unit) {
            for m in [n + 1, n + later, u32::MAX] {
                let d = p.decide_class(class, wait, a.with_number(m), now, unit2);
                prop_assert!(matches!(d, Decision::GiveUp(_)), "{:?} at {}", d, m);
            }
        }
    }

    /// Real decoded errors: whatever the body, status and header, the policy answers without
    /// panicking and within its caps.
    #[test]
    fn decoded_errors_stay_in_bounds(
        code in prop::sample::select(vec![0i64, 40002, 40100, 40105, 41234, 50002, 51234, 40064]),
        message in "(App reaches the (QPS|QPM|QPD) limit\\.)?[ -~]{0,20}",
        status in prop::sample::select(vec![200u16, 400, 401, 429, 500, 503]),
        retry_after in prop::option::of("[0-9]{1,12}|[A-Za-z, 0-9:]{0,30}"),
        n in 1u32..10,
        now in 0u64..4_000_000_000,
    ) {
        let body = serde_json::json!({"code": code, "message": message}).to_string();
        let mut d = Decoder::new(Api::Ads).status(status);
        if let Some(v) = retry_after.as_deref() {
            d = d.header("Retry-After", v);
        }
        if let Err(e) = d.decode(&body) {
            let p = RetryPolicy::default();
            if let Decision::Resend { after } = p.decide_at(&e, Attempt::first(true).with_number(n), at(now)) {
                prop_assert!(after <= p.wait_limit());
            }
        }
    }
}

/// The documented defaults: 5 sends, 1 s base, 30 s backoff cap, 15 min before rescheduling.
#[test]
fn defaults() {
    let p = RetryPolicy::default();
    assert_eq!(p.attempt_limit(), 5);
    assert_eq!(p.backoff_limit(), secs(30));
    assert_eq!(p.wait_limit(), secs(15 * 60));
    let first = Attempt::first(true);
    assert_eq!(
        p.decide_class(Retry::Throttled, Some(secs(900)), first, at(NOON), 0.0),
        resend(900)
    );
    assert_eq!(
        p.decide_class(Retry::Throttled, Some(secs(901)), first, at(NOON), 0.0),
        Decision::Reschedule {
            not_before: at(NOON + 901),
            after: secs(901)
        }
    );
    // Non-idempotent requests are safe by default; refresh is possible by default.
    assert_eq!(
        p.decide_class(Retry::Transient, None, Attempt::first(false), at(NOON), 0.0),
        give_up(GiveUpReason::NotIdempotent)
    );
    assert_eq!(
        p.decide_class(Retry::RefreshToken, None, first, at(NOON), 0.0),
        Decision::RefreshThenResend
    );
    // The first backoff step is 1 s (jitter draws within it).
    let no_jitter = RetryPolicy::default().jitter(false);
    assert_eq!(
        no_jitter.decide_class(Retry::Transient, None, first, at(NOON), 0.0),
        resend(1)
    );
}

#[test]
fn a_write_conflict_is_rejected_not_maybe_done() {
    let conflict = ads(r#"{"code":40202,"message":"Write or update entity conflict."}"#);
    let now = at(NOON);
    // Not idempotent: given up, and the words do not say the write may have happened.
    let d = policy().decide_at(&conflict, Attempt::first(false), now);
    assert_eq!(d, give_up(GiveUpReason::Conflict));
    let words = d.to_string();
    assert!(!words.contains("may have taken effect"), "{words}");
    assert!(words.contains("rejected"), "{words}");
    assert_eq!(GiveUpReason::Conflict.as_str(), "conflict");
    // Idempotent (or opted in): backed off and resent.
    assert_eq!(
        policy().decide_at(&conflict, Attempt::first(true), now),
        resend(1)
    );
    assert_eq!(
        policy()
            .retry_non_idempotent(true)
            .decide_at(&conflict, Attempt::first(false), now),
        resend(1)
    );
    // What explain prints agrees.
    let entry = AdsCode::from_int(40202).unwrap().entry();
    assert_eq!(
        policy().decide_entry(entry, Attempt::first(false), now),
        give_up(GiveUpReason::Conflict)
    );
    // Other TikTok-side failures keep their words: those may have taken effect.
    let timeout = ads(r#"{"code":50002,"message":"System timeout."}"#);
    let d = policy().decide_at(&timeout, Attempt::first(false), now);
    assert_eq!(d, give_up(GiveUpReason::NotIdempotent));
    assert!(d.to_string().contains("may have taken effect"));
}

#[test]
fn transport_failures_follow_the_idempotency_rules() {
    let p = policy();
    let (read, create) = (Attempt::first(true), Attempt::first(false));
    for f in [
        TransportFailure::Timeout,
        TransportFailure::Reset,
        TransportFailure::TruncatedBody,
    ] {
        assert_eq!(p.decide_transport(f, read), resend(1), "{f:?}");
        assert_eq!(
            p.decide_transport(f, read.with_number(3)),
            resend(4),
            "{f:?}"
        );
        assert_eq!(
            p.decide_transport(f, create),
            give_up(GiveUpReason::NotIdempotent),
            "{f:?}"
        );
        assert_eq!(
            p.clone()
                .retry_non_idempotent(true)
                .decide_transport(f, create),
            resend(1)
        );
    }
    // Never sent: safe either way.
    assert_eq!(
        p.decide_transport(TransportFailure::Connect, create),
        resend(1)
    );
    // The attempt limit ends every loop.
    assert_eq!(
        p.decide_transport(TransportFailure::Connect, create.with_number(5)),
        give_up(GiveUpReason::AttemptsExhausted { attempts: 5 })
    );
    assert_eq!(TransportFailure::TruncatedBody.as_str(), "truncated_body");
}
