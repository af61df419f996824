//! The CLI says what the retry policy decides, in words (`explain`, `decode`) and as the
//! `decision` key of `decode --json`.
#![cfg(feature = "cli")]

use std::io::Write;
use std::process::{Command, Stdio};
use std::time::{SystemTime, UNIX_EPOCH};

fn run(args: &[&str], stdin: &str) -> String {
    let mut child = Command::new(env!("CARGO_BIN_EXE_tiktok-errors"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("the CLI runs");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    let o = child.wait_with_output().unwrap();
    assert!(o.status.success());
    String::from_utf8(o.stdout).unwrap()
}

fn decision_line(out: &str) -> &str {
    out.lines()
        .find_map(|l| l.trim().strip_prefix("decision: "))
        .unwrap_or_else(|| panic!("no decision line in\n{out}"))
}

#[test]
fn explain_says_the_decision() {
    let cases = [
        (
            vec!["explain", "40100", "--api", "ads"],
            "wait 5 min and resend",
        ),
        (
            vec!["explain", "40105", "--api", "ads"],
            "refresh the token, then resend",
        ),
        (
            vec!["explain", "40002", "--api", "ads"],
            "do not retry: fix the request",
        ),
        (
            vec!["explain", "scope_not_authorized"],
            "do not retry: the user must authorize again (a token refresh cannot help)",
        ),
        (
            vec!["explain", "spam_risk_too_many_posts"],
            "reschedule after 24 h (too long to sleep)",
        ),
        (
            // No window is documented for either reading (issue 10); the catalogue marks it
            // `reschedule`, and the policy assumes its undocumented window (1 h).
            vec!["explain", "40064", "--api", "business-messaging"],
            "reschedule after 1 h (TikTok documents no window)",
        ),
        (
            vec!["explain", "50002", "--api", "ads"],
            "wait 1 s and resend if the request is idempotent; otherwise do not retry: the \
             request is not idempotent and may have taken effect; check before resending",
        ),
    ];
    for (args, words) in cases {
        let out = run(&args, "");
        assert_eq!(decision_line(&out), words, "{args:?}");
    }
}

#[test]
fn decode_says_the_decision() {
    let qps = r#"{"code":40100,"message":"App reaches the QPS limit.","request_id":"r"}"#;
    assert_eq!(
        decision_line(&run(&["decode", "--api", "ads"], qps)),
        "wait 1 s and resend"
    );

    let qpd = r#"{"code":40100,"message":"App reaches the QPD limit.","request_id":"r"}"#;
    let out = run(&["decode", "--api", "ads"], qpd);
    let words = decision_line(&out);
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs();
    // Within the policy's 15-minute max wait of the reset, a sleep is the right answer.
    if 86_400 - secs % 86_400 > 15 * 60 + 5 {
        assert!(
            words.starts_with("reschedule after 00:00 UTC (in "),
            "{words}"
        );
    }

    let bad = r#"{"code":40002,"message":"budget: too low","request_id":"r"}"#;
    let out = run(&["decode", "--api", "ads"], bad);
    assert_eq!(decision_line(&out), "do not retry: fix the request");

    let gateway = "<html>502 Bad Gateway</html>";
    let out = run(&["decode", "--api", "ads", "--status", "502"], gateway);
    assert!(decision_line(&out).starts_with("wait 1 s and resend if the request is idempotent"));
}

#[test]
fn decode_json_has_the_decision() {
    let token = r#"{"code":40105,"message":"Access token is incorrect or has been revoked."}"#;
    let v: serde_json::Value =
        serde_json::from_str(&run(&["decode", "--api", "ads", "--json"], token)).unwrap();
    let d = &v["decision"];
    assert_eq!(d["action"], "refresh_then_resend");
    assert_eq!(d["words"], "refresh the token, then resend");
    assert_eq!(d["delay_ms"], 0);
    assert_eq!(d["non_idempotent"]["action"], "refresh_then_resend");

    let posts =
        r#"{"data":{},"error":{"code":"spam_risk_too_many_posts","message":"","log_id":"L"}}"#;
    let v: serde_json::Value = serde_json::from_str(&run(
        &["decode", "--api", "content-posting", "--json"],
        posts,
    ))
    .unwrap();
    let d = &v["decision"];
    assert_eq!(d["action"], "reschedule");
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs();
    let at = d["not_before_unix"].as_u64().unwrap();
    assert!((now + 86_390..=now + 86_410).contains(&at), "{at} vs {now}");
    assert!(d["delay_ms"].is_null());

    let ok = r#"{"code":0,"message":"OK","data":{}}"#;
    let v: serde_json::Value =
        serde_json::from_str(&run(&["decode", "--api", "ads", "--json"], ok)).unwrap();
    assert!(v["decision"].is_null());
}
