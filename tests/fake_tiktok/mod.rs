//! A scripted TikTok on 127.0.0.1 for the retry adapters' tests: a real HTTP server (axum) on
//! its own thread and runtime, so the tests' paused tokio clock does not touch it. Each request
//! gets the next scripted reply; every request is recorded.

#![allow(dead_code)]

use std::collections::VecDeque;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use axum::body::Bytes;
use axum::http::{HeaderMap, Method, StatusCode};
use axum::response::{IntoResponse, Response};

/// One scripted answer.
#[derive(Clone, Debug)]
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(&'static str, String)>,
    pub body: String,
}

impl Reply {
    /// HTTP 200 with a JSON body and TikTok's log id header.
    pub fn ok_json(body: &str) -> Reply {
        Reply {
            status: 200,
            headers: vec![
                ("content-type", "application/json".into()),
                ("x-tt-logid", "2026112712000001".into()),
            ],
            body: body.to_owned(),
        }
    }
    /// A Business API error envelope inside HTTP 200.
    pub fn code(code: i64, message: &str) -> Reply {
        Reply::ok_json(
            &serde_json::json!({"code": code, "message": message, "request_id": "r-fake"})
                .to_string(),
        )
    }
    /// A Business API success.
    pub fn success() -> Reply {
        Reply::ok_json(r#"{"code":0,"message":"OK","request_id":"r-ok","data":{"id":"1800"}}"#)
    }
    pub fn status(mut self, status: u16) -> Reply {
        self.status = status;
        self
    }
    pub fn header(mut self, name: &'static str, value: &str) -> Reply {
        self.headers.push((name, value.to_owned()));
        self
    }
}

/// A request the server saw.
#[derive(Clone, Debug)]
pub struct Seen {
    pub method: Method,
    pub path: String,
    pub headers: HeaderMap,
    pub body: Bytes,
}

#[derive(Default)]
struct State {
    script: Mutex<VecDeque<Reply>>,
    seen: Mutex<Vec<Seen>>,
}

pub struct FakeTikTok {
    addr: SocketAddr,
    state: Arc<State>,
}

impl FakeTikTok {
    /// Starts a server that answers with `script`, in order (then HTTP 500, "script exhausted").
    pub fn start(script: Vec<Reply>) -> FakeTikTok {
        let state = Arc::new(State {
            script: Mutex::new(script.into()),
            seen: Mutex::default(),
        });
        let shared = Arc::clone(&state);
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("server runtime");
            rt.block_on(async move {
                let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
                    .await
                    .expect("bind 127.0.0.1");
                tx.send(listener.local_addr().expect("local addr"))
                    .expect("send addr");
                let app = axum::Router::new().fallback(
                    move |method: Method, uri: axum::http::Uri, headers: HeaderMap, body: Bytes| {
                        let state = Arc::clone(&shared);
                        async move { answer(&state, method, uri, headers, body) }
                    },
                );
                axum::serve(listener, app).await.expect("serve");
            });
        });
        let addr = rx.recv().expect("server address");
        FakeTikTok { addr, state }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    /// How many requests the server has seen.
    pub fn requests(&self) -> usize {
        self.state.seen.lock().unwrap().len()
    }

    pub fn seen(&self) -> Vec<Seen> {
        self.state.seen.lock().unwrap().clone()
    }
}

fn answer(
    state: &State,
    method: Method,
    uri: axum::http::Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    state.seen.lock().unwrap().push(Seen {
        method,
        path: uri.path().to_owned(),
        headers,
        body,
    });
    let Some(reply) = state.script.lock().unwrap().pop_front() else {
        return (StatusCode::INTERNAL_SERVER_ERROR, "script exhausted").into_response();
    };
    let mut resp = (StatusCode::from_u16(reply.status).unwrap(), reply.body).into_response();
    for (name, value) in reply.headers {
        resp.headers_mut().insert(name, value.parse().unwrap());
    }
    resp
}
