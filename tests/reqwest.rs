//! `reqwest::Response::tiktok::<T>(api)` against a real HTTP server on 127.0.0.1 that the test
//! starts (axum, plus a raw TCP responder for a body cut short). No mock of reqwest.

use std::net::SocketAddr;
use std::time::Duration;

use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::IntoResponse;
use axum::routing::get;
use axum::Router;
use serde::Deserialize;
use tiktok_errors::reqwest::{Error, ResponseExt};
use tiktok_errors::{
    AdsCode, Api, ContentPostingCode, MalformedReason, RawCode, Retry, TikTokError,
};
use tokio::io::AsyncWriteExt;

#[derive(Debug, Deserialize, PartialEq)]
struct Page {
    list: Vec<Campaign>,
    page_info: PageInfo,
}

#[derive(Debug, Deserialize, PartialEq)]
struct Campaign {
    campaign_id: String,
    campaign_name: String,
}

#[derive(Debug, Deserialize, PartialEq)]
struct PageInfo {
    total_number: u32,
}

fn json(status: StatusCode, body: &'static str) -> impl IntoResponse {
    (status, [(header::CONTENT_TYPE, "application/json")], body)
}

fn with_headers(
    status: StatusCode,
    headers: &[(&'static str, &'static str)],
    body: &'static str,
) -> impl IntoResponse {
    let mut map = HeaderMap::new();
    map.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    for (k, v) in headers {
        map.insert(*k, HeaderValue::from_static(v));
    }
    (status, map, body)
}

/// The server: one route per case, on an ephemeral port of 127.0.0.1.
async fn server() -> SocketAddr {
    let app = Router::new()
        .route(
            "/ads/campaigns",
            get(|| async {
                with_headers(
                    StatusCode::OK,
                    &[("x-tt-logid", "H-1")],
                    r#"{"code":0,"message":"OK","request_id":"r-1","data":{"list":[{"campaign_id":"1","campaign_name":"Spring"},{"campaign_id":"2","campaign_name":"Été \"sale\""}],"page_info":{"total_number":2}}}"#,
                )
            }),
        )
        .route(
            "/ads/error-200",
            get(|| async {
                json(
                    StatusCode::OK,
                    r#"{"code":40100,"message":"App reaches the QPS limit.","request_id":"r-2","data":{}}"#,
                )
            }),
        )
        .route(
            "/v2/401",
            get(|| async {
                with_headers(
                    StatusCode::UNAUTHORIZED,
                    &[("x-tt-logid", "H-3")],
                    r#"{"data":{},"error":{"code":"access_token_invalid","message":"The access token is invalid or not found in the request.","log_id":"L-3"}}"#,
                )
            }),
        )
        .route(
            "/v2/429",
            get(|| async {
                with_headers(
                    StatusCode::TOO_MANY_REQUESTS,
                    &[("retry-after", "30")],
                    r#"{"data":{},"error":{"code":"rate_limit_exceeded","message":"slow down","log_id":"L-4"}}"#,
                )
            }),
        )
        .route(
            "/gateway/502",
            get(|| async {
                (
                    StatusCode::BAD_GATEWAY,
                    [(header::CONTENT_TYPE, "text/html")],
                    "<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>",
                )
            }),
        )
        .route(
            "/ads/logid-header-only",
            get(|| async {
                with_headers(
                    StatusCode::OK,
                    &[("x-tt-logid", "H-6")],
                    r#"{"code":40001,"message":"Authentication failed."}"#,
                )
            }),
        )
        .route(
            "/ads/success-logid-header-only",
            get(|| async {
                with_headers(
                    StatusCode::OK,
                    &[("x-tt-logid", "H-7")],
                    r#"{"code":0,"message":"OK","data":{"list":[],"page_info":{"total_number":0}}}"#,
                )
            }),
        )
        .route(
            "/oauth/token",
            get(|| async {
                json(
                    StatusCode::OK,
                    r#"{"access_token":"act.1","expires_in":86400,"open_id":"o-1","refresh_expires_in":31536000,"refresh_token":"rft.1","scope":"user.info.basic","token_type":"Bearer"}"#,
                )
            }),
        )
        .route(
            "/oauth/error",
            get(|| async {
                with_headers(
                    StatusCode::BAD_REQUEST,
                    &[("x-tt-logid", "H-9")],
                    r#"{"error":"invalid_grant","error_description":"Refresh token is invalid or expired.","log_id":""}"#,
                )
            }),
        )
        .route(
            "/ads/wrong-payload",
            get(|| async { json(StatusCode::OK, r#"{"code":0,"message":"OK","data":{"list":5}}"#) }),
        );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    addr
}

/// A server that announces 400 bytes of JSON, sends 60 and closes the connection.
async fn truncating_server() -> SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        loop {
            let Ok((mut sock, _)) = listener.accept().await else {
                return;
            };
            tokio::spawn(async move {
                let mut buf = [0u8; 4096];
                // Read the request head (a GET fits in one read on loopback).
                let _ = tokio::io::AsyncReadExt::read(&mut sock, &mut buf).await;
                let body = r#"{"code":0,"message":"OK","data":{"list":[{"campaign_id":"1""#;
                let head = "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\n\
                            content-length: 400\r\nx-tt-logid: H-8\r\n\r\n";
                let _ = sock.write_all(head.as_bytes()).await;
                let _ = sock.write_all(body.as_bytes()).await;
                let _ = sock.flush().await;
                // Dropping the socket closes it mid-body.
            });
        }
    });
    addr
}

fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .timeout(Duration::from_secs(10))
        .build()
        .unwrap()
}

async fn get_as<T: serde::de::DeserializeOwned>(
    addr: SocketAddr,
    path: &str,
    api: Api,
) -> Result<tiktok_errors::Reply<'static, T>, Error> {
    client()
        .get(format!("http://{addr}{path}"))
        .send()
        .await?
        .tiktok::<T>(api)
        .await
}

#[tokio::test]
async fn typed_success() {
    let addr = server().await;
    let reply = get_as::<Page>(addr, "/ads/campaigns", Api::Ads)
        .await
        .unwrap();
    assert_eq!(reply.data().list.len(), 2);
    assert_eq!(reply.data().list[1].campaign_name, "Été \"sale\"");
    assert_eq!(reply.data().page_info.total_number, 2);
    assert_eq!(
        reply.request_id(),
        Some("r-1"),
        "the body's id comes before the header"
    );
    assert_eq!(reply.http_status(), Some(200));
    assert_eq!(reply.raw_code(), Some(&RawCode::Int(0)));
    assert_eq!(reply.message(), Some("OK"));
}

#[tokio::test]
async fn business_api_error_with_http_200() {
    let addr = server().await;
    let err = get_as::<Page>(addr, "/ads/error-200", Api::Ads)
        .await
        .unwrap_err();
    let Error::TikTok {
        error: TikTokError::Ads(e),
        ..
    } = &err
    else {
        panic!("{err:?}")
    };
    assert_eq!(e.code(), Some(AdsCode::RequestTooFrequent));
    assert_eq!(e.http_status(), Some(200));
    assert_eq!(e.request_id(), Some("r-2"));
    assert_eq!(err.retry(), Retry::Throttled);
    assert_eq!(err.http_status(), Some(200));
}

#[tokio::test]
async fn v2_error_with_401() {
    let addr = server().await;
    let err = get_as::<serde_json::Value>(addr, "/v2/401", Api::ContentPosting)
        .await
        .unwrap_err();
    let Error::TikTok {
        error: TikTokError::ContentPosting(e),
        ..
    } = &err
    else {
        panic!("{err:?}")
    };
    assert_eq!(e.code(), Some(ContentPostingCode::AccessTokenInvalid));
    assert_eq!(e.http_status(), Some(401));
    assert_eq!(
        e.request_id(),
        Some("L-3"),
        "the body's log_id comes before the header"
    );
    assert_eq!(err.retry(), Retry::RefreshToken);
}

#[tokio::test]
async fn throttled_with_retry_after() {
    let addr = server().await;
    let err = get_as::<serde_json::Value>(addr, "/v2/429", Api::ContentPosting)
        .await
        .unwrap_err();
    let e = err.tiktok().expect("TikTok's error");
    assert_eq!(e.http_status(), Some(429));
    assert_eq!(e.retry(), Retry::Throttled);
    assert_eq!(e.retry_after(), Some(Duration::from_secs(30)));
}

#[tokio::test]
async fn html_502_is_malformed_with_status_and_body_start() {
    let addr = server().await;
    let err = get_as::<Page>(addr, "/gateway/502", Api::Ads)
        .await
        .unwrap_err();
    let Error::TikTok {
        error: TikTokError::Malformed(m),
        ..
    } = &err
    else {
        panic!("{err:?}")
    };
    assert_eq!(m.reason(), MalformedReason::NotJson);
    assert_eq!(m.http_status(), Some(502));
    assert!(m.body_prefix().starts_with("<html><head><title>502"));
    assert_eq!(err.retry(), Retry::Transient);
}

#[tokio::test]
async fn truncated_body_is_reported_with_what_was_read() {
    let addr = truncating_server().await;
    let err = get_as::<Page>(addr, "/", Api::Ads).await.unwrap_err();
    let Error::Body(b) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(b.http_status(), 200);
    assert_eq!(b.content_length(), Some(400));
    assert_eq!(
        b.read(),
        br#"{"code":0,"message":"OK","data":{"list":[{"campaign_id":"1""#
    );
    assert_eq!(b.request_id(), Some("H-8"));
    assert_eq!(err.retry(), Retry::Transient);
    assert!(std::error::Error::source(&**b).is_some());
    let shown = err.to_string();
    assert!(shown.contains("failed after 59 bytes of 400"), "{shown}");
}

#[tokio::test]
async fn logid_only_in_the_header() {
    let addr = server().await;
    let err = get_as::<Page>(addr, "/ads/logid-header-only", Api::Ads)
        .await
        .unwrap_err();
    assert_eq!(err.request_id(), Some("H-6"));
    assert_eq!(
        err.tiktok().and_then(TikTokError::raw_code),
        Some(&RawCode::Int(40001))
    );
    let reply = get_as::<Page>(addr, "/ads/success-logid-header-only", Api::Ads)
        .await
        .unwrap();
    assert_eq!(reply.request_id(), Some("H-7"));
}

#[tokio::test]
async fn a_payload_that_does_not_fit_is_malformed() {
    let addr = server().await;
    let err = get_as::<Page>(addr, "/ads/wrong-payload", Api::Ads)
        .await
        .unwrap_err();
    let Error::TikTok {
        error: TikTokError::Malformed(m),
        ..
    } = &err
    else {
        panic!("{err:?}")
    };
    assert_eq!(m.reason(), MalformedReason::PayloadMismatch);
}

#[tokio::test]
async fn transport_errors_stay_apart() {
    // A port nothing listens on: bind, read the port, close.
    let addr = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap()
    };
    let err = get_as::<Page>(addr, "/", Api::Ads).await.unwrap_err();
    assert!(matches!(err, Error::Transport(_)), "{err:?}");
    assert_eq!(err.retry(), Retry::Transient);
    assert_eq!(err.tiktok(), None);
}

#[test]
fn errors_are_send_sync() {
    fn send_sync<X: Send + Sync + 'static>() {}
    send_sync::<Error>();
    send_sync::<tiktok_errors::reqwest::BodyError>();
}

#[derive(Debug, Deserialize)]
struct Token {
    access_token: String,
    refresh_token: String,
    expires_in: u64,
}

#[tokio::test]
async fn oauth_token_and_oauth_error() {
    let addr = server().await;
    let reply = get_as::<Token>(addr, "/oauth/token", Api::OAuth)
        .await
        .unwrap();
    assert_eq!(reply.data().access_token, "act.1");
    assert_eq!(reply.data().refresh_token, "rft.1");
    assert_eq!(reply.data().expires_in, 86400);
    assert_eq!(reply.api(), Api::OAuth);
    let err = get_as::<Token>(addr, "/oauth/error", Api::OAuth)
        .await
        .unwrap_err();
    let Error::TikTok {
        error: TikTokError::OAuth(e),
        ..
    } = &err
    else {
        panic!("{err:?}")
    };
    assert_eq!(e.http_status(), Some(400));
    assert_eq!(
        e.request_id(),
        Some("H-9"),
        "an empty log_id gives way to the header"
    );
    assert_eq!(
        err.retry(),
        e.retry(),
        "TikTok's advice, as the catalogue gives it"
    );
}

#[test]
fn the_future_is_send() {
    fn send<F: std::future::Future + Send>(_: F) {}
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let addr = server().await;
        let resp = client()
            .get(format!("http://{addr}/ads/campaigns"))
            .send()
            .await
            .unwrap();
        send(resp.tiktok::<Page>(Api::Ads));
    });
}
