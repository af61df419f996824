//! Writes the seed corpora in `fuzz/corpus_seed/<target>/` from TikTok's documented response
//! shapes. Run from `fuzz/`: `cargo run --example gen_seeds`. The files are committed; rerun
//! this after changing a shape below or the input structs in `src/lib.rs`.
//!
//! A seed is the bytes `arbitrary` turns into the target's input struct: a few leading bytes
//! (family, status, header) and then the body verbatim, so the body stays readable in the file.
//! Every seed is decoded back with `arbitrary` and compared before it is written.

use std::fs;
use std::path::Path;

use arbitrary::{Arbitrary, Unstructured};
use tiktok_errors_fuzz::{ApiChoice, CliInput, DetectInput, Header, HeaderKind, Input};

/// The index `arbitrary`'s derived enums read from a little-endian `u32`.
fn variant(k: u64, n: u64) -> [u8; 4] {
    (k << 32).div_ceil(n).to_le_bytes()[..4].try_into().unwrap()
}

fn encode_status(out: &mut Vec<u8>, status: Option<u16>) {
    match status {
        None => out.push(0),
        Some(s) => {
            out.push(1);
            out.extend_from_slice(&s.to_le_bytes());
        }
    }
}

/// `header` then `body`: a header's value is a `&str` whose length `arbitrary` reads from the
/// END of the remaining bytes, so it goes after the body.
fn encode_header_and_body(out: &mut Vec<u8>, header: Option<Header<'_>>, body: &[u8]) {
    let Some(h) = header else {
        out.push(0);
        out.extend_from_slice(body);
        return;
    };
    out.push(1);
    let kind = match h.kind {
        HeaderKind::LogId => 0,
        HeaderKind::RetryAfter => 1,
    };
    out.extend_from_slice(&variant(kind, 2));
    out.push(u8::from(h.shout));
    out.extend_from_slice(h.value.as_bytes());
    out.extend_from_slice(body);
    let len = h.value.len();
    if h.value.len() + body.len() < 256 {
        out.push(len as u8);
    } else {
        out.extend_from_slice(&(len as u16).to_be_bytes());
    }
}

fn api_index(api: ApiChoice) -> u64 {
    match api {
        ApiChoice::Ads => 0,
        ApiChoice::ContentPosting => 1,
        ApiChoice::BusinessMessaging => 2,
        ApiChoice::OAuth => 3,
        ApiChoice::Shop => 4,
    }
}

fn encode_input(input: &Input<'_>) -> Vec<u8> {
    let mut out = variant(api_index(input.api), 5).to_vec();
    encode_status(&mut out, input.status);
    encode_header_and_body(&mut out, input.header, input.body);
    let back = Input::arbitrary_take_rest(Unstructured::new(&out)).expect("decodes");
    assert_eq!(&back, input, "seed encoding does not round-trip");
    out
}

fn encode_detect(input: &DetectInput<'_>) -> Vec<u8> {
    let mut out = Vec::new();
    encode_status(&mut out, input.status);
    encode_header_and_body(&mut out, input.header, input.body);
    let back = DetectInput::arbitrary_take_rest(Unstructured::new(&out)).expect("decodes");
    assert_eq!(&back, input, "seed encoding does not round-trip");
    out
}

fn encode_cli(input: &CliInput<'_>) -> Vec<u8> {
    let mut out = Vec::new();
    match input.api {
        None => out.push(0),
        Some(api) => {
            out.push(1);
            out.extend_from_slice(&variant(api_index(api), 5));
        }
    }
    encode_status(&mut out, input.status);
    out.extend_from_slice(input.body);
    let back = CliInput::arbitrary_take_rest(Unstructured::new(&out)).expect("decodes");
    assert_eq!(&back, input, "seed encoding does not round-trip");
    out
}

struct Seed {
    name: &'static str,
    api: ApiChoice,
    status: Option<u16>,
    header: Option<(HeaderKind, &'static str)>,
    body: Vec<u8>,
}

fn seed(name: &'static str, api: ApiChoice, body: impl Into<Vec<u8>>) -> Seed {
    Seed {
        name,
        api,
        status: None,
        header: None,
        body: body.into(),
    }
}

impl Seed {
    fn status(mut self, s: u16) -> Self {
        self.status = Some(s);
        self
    }
    fn header(mut self, kind: HeaderKind, value: &'static str) -> Self {
        self.header = Some((kind, value));
        self
    }
}

fn seeds() -> Vec<Seed> {
    use ApiChoice::*;
    use HeaderKind::*;
    let deep = format!(
        "{{\"code\":0,\"data\":{}{}}}",
        "[".repeat(200),
        "]".repeat(200)
    );
    let deep_ignored = format!(
        "{{\"code\":40100,\"message\":\"m\",\"extra\":{}1{}}}",
        "{\"a\":".repeat(140),
        "}".repeat(140)
    );
    let long_message = format!(
        "{{\"code\":40002,\"message\":\"{}\",\"request_id\":\"{}\"}}",
        "budget must be at least 50; ".repeat(20),
        "r".repeat(200)
    );
    let control_message = format!(
        "{{\"error\":{{\"code\":\"invalid_params\",\"message\":\"{}\",\"log_id\":\"L\\t1\"}}}}",
        "\\u0001\\n".repeat(200)
    );
    vec![
        // Business API (Marketing / Ads).
        seed(
            "ads_success",
            Ads,
            r#"{"code":0,"message":"OK","request_id":"2026112201234567","data":{"list":[{"campaign_id":"1800000000000001","budget":50.0}],"page_info":{"page":1,"page_size":10,"total_number":1,"total_page":1}}}"#,
        ),
        seed(
            "ads_partial",
            Ads,
            r#"{"code":20001,"message":"Partial success","request_id":"2026112201234568","data":{"success":[{"ad_id":"1"}],"failed":[{"ad_id":"2","code":40002,"message":"Invalid budget"}]}}"#,
        ),
        seed(
            "ads_error_qps",
            Ads,
            r#"{"code":40100,"message":"App reaches the QPS limit.","request_id":"2026112201234569","data":{}}"#,
        )
        .status(200),
        seed(
            "ads_error_token",
            Ads,
            r#"{"code":40105,"message":"Access token is incorrect or has been revoked.","request_id":"r-1"}"#,
        )
        .status(401)
        .header(LogId, "20261122abc"),
        seed(
            "ads_error_string_code",
            Ads,
            r#"{"code":"40002","message":"budget: must be at least 50","request_id":"","log_id":"L-2"}"#,
        ),
        seed(
            "ads_error_number_code",
            Ads,
            r#"{"message":"odd","code":4.01e4,"request_id":null,"data":[1]}"#,
        ),
        seed(
            "ads_error_escapes",
            Ads,
            "{\"code\":40002,\"message\":\"bud\\u0067et \\u00e9 \\ud83d\\ude00 \\\"q\\\" \\\\ \\n tab\\t\",\"request_id\":\"r\\u002d1\"}",
        ),
        seed(
            "ads_error_number_fields",
            Ads,
            r#"{"code":51234,"message":1e5,"request_id":20261122012345678901,"error_description":"x"}"#,
        ),
        seed("ads_error_long", Ads, long_message).status(429).header(RetryAfter, "120"),
        seed(
            "ads_system_error_retry_date",
            Ads,
            r#"{"code":50000,"message":"System error.","request_id":"r"}"#,
        )
        .status(503)
        .header(RetryAfter, "Sun, 06 Nov 1994 08:49:37 GMT"),
        seed("ads_missing_code", Ads, r#"{"message":"no code here","request_id":"r-3"}"#),
        seed("ads_null_code", Ads, r#"{"code":null,"message":"m","request_id":""}"#)
            .header(LogId, " L-7 "),
        seed("ads_duplicate_keys", Ads, r#"{"code":0,"code":40100,"message":"a","message":"b"}"#),
        seed("ads_error_null", Ads, r#"{"error":null,"code":0,"data":null}"#),
        // Business Messaging (same envelope).
        seed(
            "bm_error",
            BusinessMessaging,
            r#"{"code":40001,"message":"The conversation window has closed.","request_id":"bm-1","data":{"conversation_id":"c"}}"#,
        ),
        seed("bm_success", BusinessMessaging, r#"{"code":0,"message":"OK","request_id":"bm-2","data":{"message_id":"m"}}"#),
        // TikTok Shop (the same envelope, 6-8 digit codes, data null on 4xx).
        seed(
            "shop_sign_401",
            Shop,
            r#"{"code":106001,"data":null,"message":"Invalid credentials. The 'sign' query parameter is invalid. For more details: https://m.tiktok.shop/s/AIu6dbFhs2XW","request_id":"202606190151522272D4695E9B9043B79E"}"#,
        )
        .status(401),
        seed(
            "shop_36009004_timestamp",
            Shop,
            r#"{"code":36009004,"data":null,"message":"Invalid timestamp. The value of the `timestamp` query parameter must not be earlier than 5 minutes before the current time.","request_id":"r"}"#,
        )
        .status(400),
        seed(
            "shop_template",
            Shop,
            r#"{"code":98001004,"message":"Parameter package_weight.value is invalid. Reason: must be greater than 0. Expected: a positive decimal","request_id":"r","data":null}"#,
        ),
        seed(
            "shop_success_warnings",
            Shop,
            r#"{"code":0,"data":{"product_id":"17","warnings":[{"message":"The [brand_id]:123 field is incorrect and has been automatically cleared by the system."}]},"message":"Success","request_id":"r"}"#,
        ),
        seed("shop_throttled", Shop, r#"{"code":36009002,"message":"Too many requests.","request_id":"r","data":null}"#)
            .status(429),
        // v2 (Content Posting).
        seed(
            "v2_error",
            ContentPosting,
            r#"{"data":{},"error":{"code":"spam_risk_too_many_posts","message":"The daily post cap is reached.","log_id":"202611220001"}}"#,
        )
        .status(403),
        seed(
            "v2_error_rate",
            ContentPosting,
            r#"{"error":{"code":"rate_limit_exceeded","message":"slow down"}}"#,
        )
        .status(429)
        .header(RetryAfter, "30"),
        seed(
            "v2_ok",
            ContentPosting,
            r#"{"data":{"publish_id":"v_pub_file~v2-1.123","upload_url":"https://open-upload.tiktokapis.com/video/?upload_id=1"},"error":{"code":"ok","message":"","log_id":"202611220002"}}"#,
        ),
        seed(
            "v2_publish_failed",
            ContentPosting,
            r#"{"data":{"status":"FAILED","fail_reason":"file_format_check_failed","publicaly_available_post_id":[],"uploaded_bytes":0},"error":{"code":"ok","message":"","log_id":"202611220003"}}"#,
        ),
        seed(
            "v2_publish_complete",
            ContentPosting,
            r#"{"data":{"status":"PUBLISH_COMPLETE","publicaly_available_post_id":[7300000000000000001]},"error":{"code":"ok","message":"","log_id":"L"}}"#,
        ),
        seed(
            "v2_missing_code",
            ContentPosting,
            r#"{"error":{"message":"no code","log_id":"L-9"}}"#,
        ),
        seed("v2_bare", ContentPosting, r#"{"data":{"creator_username":"x"}}"#),
        // OAuth.
        seed(
            "oauth_error",
            OAuth,
            r#"{"error":"invalid_grant","error_description":"Refresh token is invalid or expired.","log_id":"20261122oauth"}"#,
        )
        .status(400),
        seed(
            "oauth_token",
            OAuth,
            r#"{"access_token":"act.example","expires_in":86400,"open_id":"-000abc","refresh_expires_in":31536000,"refresh_token":"rft.example","scope":"user.info.basic,video.publish","token_type":"Bearer"}"#,
        ),
        seed("oauth_revoke_ok", OAuth, "{}"),
        seed("oauth_empty_error", OAuth, r#"{"error":"","message":"m"}"#),
        // Not an envelope.
        seed(
            "html_gateway",
            Ads,
            "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n</body>\r\n</html>\r\n",
        )
        .status(502),
        seed("truncated", Ads, r#"{"code":40100,"message":"App reaches the QP"#).status(200),
        seed("empty", Ads, ""),
        seed("blank", ContentPosting, " \r\n\t "),
        seed("not_object", OAuth, "[1,2,3]"),
        seed("bad_error_field", OAuth, r#"{"error":42,"log_id":"L"}"#),
        seed("invalid_utf8", Ads, &b"{\"code\":1,\"message\":\"\xff\xfe\"}"[..]),
        seed("invalid_utf8_ignored", OAuth, &b"{\"access_token\":\"\xff\"}"[..]),
        seed("deep_data", Ads, deep),
        seed("deep_ignored", Ads, deep_ignored),
        seed("control_message", ContentPosting, control_message),
    ]
}

fn write(dir: &Path, name: &str, bytes: &[u8]) {
    fs::create_dir_all(dir).expect("create corpus dir");
    fs::write(dir.join(name), bytes).expect("write seed");
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus_seed");
    for target in [
        "decode_explicit",
        "decode_http",
        "decode_detect",
        "cli_decode",
        "typed_differential",
    ] {
        let dir = root.join(target);
        if dir.exists() {
            fs::remove_dir_all(&dir).expect("clear old seeds");
        }
    }
    let mut n = 0;
    for s in seeds() {
        let header = s.header.map(|(kind, value)| Header {
            kind,
            shout: false,
            value,
        });
        let input = Input {
            api: s.api,
            status: s.status,
            header,
            body: &s.body,
        };
        let bytes = encode_input(&input);
        write(&root.join("decode_explicit"), s.name, &bytes);
        write(&root.join("decode_http"), s.name, &bytes);
        write(&root.join("typed_differential"), s.name, &bytes);
        let detect = DetectInput {
            status: s.status,
            header,
            body: &s.body,
        };
        write(&root.join("decode_detect"), s.name, &encode_detect(&detect));
        // The CLI: the family as given, and detected.
        let cli = CliInput {
            api: Some(s.api),
            status: s.status,
            body: &s.body,
        };
        write(&root.join("cli_decode"), s.name, &encode_cli(&cli));
        let cli = CliInput { api: None, ..cli };
        write(
            &root.join("cli_decode"),
            &format!("{}_detect", s.name),
            &encode_cli(&cli),
        );
        n += 1;
    }
    println!("wrote {n} seeds for each target under {}", root.display());
}
