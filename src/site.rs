//! The error index: a static web site generated from the catalogue (feature `site`; the CLI's
//! `tiktok-errors site --out DIR`).
//!
//! One page per entry at its [`docs_path`](crate::Entry::docs_path) (readable without
//! JavaScript), one page per family and per category, and an index page with a search box and
//! a decode box. Search and decode run this crate compiled to WebAssembly: the entry point is
//! the `site/wasm` crate of the repository, and `site/build.sh` builds it and copies
//! `decoder.wasm` next to the pages. Without it the pages still read and browse; the two boxes
//! say that the decoder is missing.
//!
//! ```no_run
//! use tiktok_errors::site::{generate, SiteOptions};
//! let written = generate(std::path::Path::new("public"), &SiteOptions::default()).unwrap();
//! assert!(written.pages > 300);
//! ```

use std::fmt::Write as _;
use std::fs;
use std::io;
use std::path::Path;

use crate::docs::family_dir;
use crate::{
    lookup, AdsDiagnosis, AnyCode, Api, Category, Entry, EntryKind, ErrorCode, Wait, WireCode,
    DOCS_BASE_URL,
};

/// The static shell: styles and the ~100 lines of glue that load `decoder.wasm`.
const STYLE_CSS: &str = include_str!("../site/shell/style.css");
const APP_JS: &str = include_str!("../site/shell/app.js");

/// How to generate the index.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct SiteOptions {
    /// Where the site will be published (ends in `/`): used for each page's canonical link.
    /// Defaults to [`DOCS_BASE_URL`]; set through [`base_url`](Self::base_url), which keeps
    /// the trailing `/`.
    base_url: String,
}

impl Default for SiteOptions {
    fn default() -> Self {
        SiteOptions {
            base_url: DOCS_BASE_URL.to_owned(),
        }
    }
}

impl SiteOptions {
    /// Publishes under `base_url` (a `/` is appended when missing).
    ///
    /// ```
    /// use tiktok_errors::site::SiteOptions;
    /// let opts = SiteOptions::default().base_url("https://errors.example.com/tiktok");
    /// assert_eq!(opts.published_at(), "https://errors.example.com/tiktok/");
    /// ```
    #[must_use]
    pub fn base_url(mut self, base_url: &str) -> Self {
        base_url.clone_into(&mut self.base_url);
        if !self.base_url.ends_with('/') {
            self.base_url.push('/');
        }
        self
    }
    /// Where the site will be published (ends in `/`).
    #[must_use]
    pub fn published_at(&self) -> &str {
        &self.base_url
    }
}

/// What [`generate`] wrote.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Written {
    /// HTML pages.
    pub pages: usize,
    /// Entry pages (one per catalogue entry).
    pub entries: usize,
    /// Bytes written in all.
    pub bytes: u64,
}

/// The families, in the order the index lists them: (folder, heading, enum type).
const FAMILIES: [(&str, &str, &str); 6] = [
    ("ads", "Ads (Marketing API)", "AdsCode"),
    ("ads-diagnosis", "Ads diagnoses", "AdsDiagnosis"),
    ("content-posting", "Content Posting", "ContentPostingCode"),
    (
        "business-messaging",
        "Business Messaging",
        "BusinessMessagingCode",
    ),
    ("oauth", "OAuth", "OAuthCode"),
    ("shop", "TikTok Shop", "ShopCode"),
];

fn family(e: &Entry) -> (&'static str, &'static str, &'static str) {
    let dir = family_dir(e.api(), e.kind());
    FAMILIES
        .iter()
        .copied()
        .find(|f| f.0 == dir)
        .unwrap_or((dir, dir, ""))
}

/// Writes the whole site into `out` (created if missing; existing files are overwritten).
///
/// # Errors
///
/// The first I/O error creating a directory or writing a file.
pub fn generate(out: &Path, options: &SiteOptions) -> io::Result<Written> {
    let mut w = Writer {
        out,
        written: Written {
            pages: 0,
            entries: 0,
            bytes: 0,
        },
    };
    w.file("style.css", STYLE_CSS)?;
    w.file("app.js", APP_JS)?;
    let export =
        serde_json::to_string_pretty(&crate::report::catalog_json()).map_err(io::Error::other)?;
    w.file("catalog.json", &export)?;
    w.file("catalog.schema.json", crate::report::CATALOG_SCHEMA)?;
    w.page("index.html", &index_page(options))?;
    w.page("limits.html", &limits_page(options))?;
    for (dir, heading, _) in FAMILIES {
        let codes: Vec<AnyCode> = AnyCode::all()
            .filter(|c| family(c.entry()).0 == dir)
            .collect();
        let body = format!(
            "<h1>{}</h1>\n<p>{} entries. Each page says what the code means, whether to retry, \
             and how to fix it.</p>\n{}",
            esc(heading),
            codes.len(),
            entry_table(&codes, "../")
        );
        let path = format!("{dir}/index.html");
        w.page(&path, &layout(heading, "../", &path, options, &body))?;
    }
    for cat in categories() {
        let codes: Vec<AnyCode> = AnyCode::all()
            .filter(|c| c.entry().category() == cat)
            .collect();
        let title = format!("Category: {}", cat.label());
        let body = format!(
            "<h1>{}</h1>\n<p><code>{}</code> · {} entries</p>\n{}",
            esc(&title),
            cat.as_str(),
            codes.len(),
            entry_table(&codes, "../")
        );
        let path = format!("category/{}.html", cat.as_str());
        w.page(&path, &layout(&title, "../", &path, options, &body))?;
    }
    for c in AnyCode::all() {
        let e = c.entry();
        let path = e.docs_path();
        let title = format!("{} {} — {}", family(e).1, e.code(), e.title());
        w.page(
            &path,
            &layout(&title, "../", &path, options, &entry_page(c)),
        )?;
        w.written.entries += 1;
    }
    Ok(w.written)
}

struct Writer<'a> {
    out: &'a Path,
    written: Written,
}

impl Writer<'_> {
    fn file(&mut self, rel: &str, text: &str) -> io::Result<()> {
        let path = self.out.join(rel);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)?;
        }
        fs::write(&path, text)?;
        self.written.bytes += text.len() as u64;
        Ok(())
    }
    fn page(&mut self, rel: &str, html: &str) -> io::Result<()> {
        self.written.pages += 1;
        self.file(rel, html)
    }
}

/// The categories that have entries, in declaration order.
fn categories() -> Vec<Category> {
    let mut cats: Vec<Category> = AnyCode::all().map(|c| c.entry().category()).collect();
    cats.sort();
    cats.dedup();
    cats
}

/// HTML-escapes text for element content and quoted attributes.
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Catalogue prose as HTML: paragraphs on blank lines, `backticks` as code.
fn prose(text: &str) -> String {
    let mut out = String::new();
    for para in text.split("\n\n").filter(|p| !p.trim().is_empty()) {
        out.push_str("<p>");
        for (i, part) in para.split('`').enumerate() {
            if i % 2 == 1 {
                let _ = write!(out, "<code>{}</code>", esc(part));
            } else {
                out.push_str(&esc(part));
            }
        }
        out.push_str("</p>\n");
    }
    out
}

fn link_or_text(s: &str) -> String {
    if s.starts_with("https://") || s.starts_with("http://") {
        format!("<a href=\"{0}\" rel=\"nofollow\">{0}</a>", esc(s))
    } else {
        esc(s)
    }
}

fn layout(title: &str, root: &str, path: &str, options: &SiteOptions, body: &str) -> String {
    format!(
        r#"<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} · TikTok API error index</title>
<link rel="canonical" href="{canonical}">
<link rel="stylesheet" href="{root}style.css">
<link rel="icon" href="data:,">
</head>
<body data-root="{root}">
<header><a class="home" href="{root}index.html">TikTok API error index</a>
<nav><a href="{root}ads/index.html">Ads</a> <a href="{root}ads-diagnosis/index.html">Ads diagnoses</a> <a href="{root}content-posting/index.html">Content Posting</a> <a href="{root}business-messaging/index.html">Business Messaging</a> <a href="{root}oauth/index.html">OAuth</a> <a href="{root}shop/index.html">TikTok Shop</a> <a href="{root}limits.html">Rate limits</a></nav></header>
<main>
{body}
{decode_box}
</main>
<footer>Generated by tiktok-errors {version} from its catalogue. Search and decode run the crate itself, compiled to WebAssembly.</footer>
<script src="{root}app.js" defer></script>
</body>
</html>
"#,
        title = esc(title),
        canonical = esc(&format!("{}{}", options.base_url, path)),
        root = root,
        body = body,
        decode_box = DECODE_BOX,
        version = env!("CARGO_PKG_VERSION"),
    )
}

const DECODE_BOX: &str = r#"<section id="decode" class="box">
<h2>Decode a response</h2>
<noscript><p>The decoder runs in your browser and needs JavaScript.</p></noscript>
<form id="decode-form">
<label for="body">Raw response body</label>
<textarea id="body" rows="5" spellcheck="false" placeholder='{"code":40100,"message":"App reaches the QPS limit.","request_id":"..."}'></textarea>
<div class="row"><label>HTTP status <input id="status" inputmode="numeric" size="4" placeholder="200"></label>
<label>API <select id="api"><option value="">detect</option><option value="ads">Ads</option><option value="content-posting">Content Posting</option><option value="business-messaging">Business Messaging</option><option value="oauth">OAuth</option><option value="shop">TikTok Shop</option></select></label>
<button type="submit">Decode</button></div>
</form>
<div id="decoded" aria-live="polite"></div>
</section>"#;

fn index_page(options: &SiteOptions) -> String {
    let mut body = String::from(
        r#"<h1>TikTok API error index</h1>
<p>Got a cryptic error from TikTok? Search by code, name or the message you got, or paste the whole response below to see what went wrong, whether to retry and how to fix it.</p>
<section id="search" class="box">
<form id="search-form" role="search"><label for="q">Search</label>
<input id="q" type="search" placeholder="40100, spam_risk_too_many_posts, budget too low…" autocomplete="off">
<button type="submit">Search</button></form>
<noscript><p>Search runs in your browser and needs JavaScript; every entry is also listed below.</p></noscript>
<ol id="results"></ol>
</section>
<h2>Browse by API</h2>
<ul class="cols">
"#,
    );
    for (dir, heading, _) in FAMILIES {
        let n = AnyCode::all()
            .filter(|c| family(c.entry()).0 == dir)
            .count();
        let _ = writeln!(
            body,
            "<li><a href=\"{dir}/index.html\">{}</a> ({n})</li>",
            esc(heading)
        );
    }
    body.push_str("</ul>\n<h2>Browse by category</h2>\n<ul class=\"cols\">\n");
    for cat in categories() {
        let n = AnyCode::all()
            .filter(|c| c.entry().category() == cat)
            .count();
        let _ = writeln!(
            body,
            "<li><a href=\"category/{}.html\">{}</a> ({n})</li>",
            cat.as_str(),
            esc(cat.label())
        );
    }
    body.push_str("</ul>\n");
    body.push_str(
        "<h2>Rate limits</h2>\n<p><a href=\"limits.html\">TikTok's published rate limits</a>: the \
         Business API by tier and endpoint, the sandbox, the v2 and Content Posting APIs, and the \
         Research API's daily quotas.</p>\n",
    );
    let _ = writeln!(
        body,
        "<h2>The catalogue as data</h2>\n<p><a href=\"catalog.json\">catalog.json</a> has every entry \
         (catalogue version <code>{}</code>, reviewed {}); <a href=\"catalog.schema.json\">catalog.schema.json</a> \
         is its JSON Schema. The same document comes from <code>tiktok-errors export --format json</code>.</p>",
        crate::CATALOG_VERSION,
        crate::CATALOG_DATE
    );
    let _ = writeln!(
        body,
        "<h2 id=\"packages\">For JavaScript and Python</h2>\n<p>The same catalogue with a small lookup \
         (<code>lookup</code>, <code>retryClass</code>, <code>docsUrl</code>; in Python \
         <code>retry_class</code>, <code>docs_url</code>): the npm package <code>tiktok-errors</code> \
         and the PyPI package <code>tiktok-errors</code> (module <code>tiktok_errors</code>), version \
         <code>{v}</code>, no dependencies. They are not published yet: in a clone of the repository, \
         <code>packages/build.sh out</code> builds them, then <code>npm install \
         ./out/tiktok-errors-{v}.tgz</code> or <code>pip install \
         ./out/tiktok_errors-{v}-py3-none-any.whl</code>.</p>",
        v = crate::CATALOG_VERSION
    );
    layout("Search and decode", "", "index.html", options, &body)
}

fn retry_words(e: &Entry) -> String {
    let wait = match e.wait() {
        Some(Wait::UntilUtcMidnight) => {
            " Wait until 00:00 UTC, when the daily quota resets.".to_owned()
        }
        Some(w) => format!(" Wait {w}."),
        None => String::new(),
    };
    format!(
        "<code>{}</code>: {}{}",
        e.retry().as_str(),
        esc(e.retry().advice()),
        esc(&wait)
    )
}

fn entry_table(codes: &[AnyCode], root: &str) -> String {
    let mut t = String::from(
        "<table>\n<thead><tr><th>Code</th><th>Title</th><th>Category</th><th>Retry</th></tr></thead>\n<tbody>\n",
    );
    for c in codes {
        let e = c.entry();
        let _ = writeln!(
            t,
            "<tr><td><a href=\"{root}{}\"><code>{}</code></a></td><td>{}</td><td><a href=\"{root}category/{}.html\">{}</a></td><td>{}</td></tr>",
            esc(&e.docs_path()),
            esc(&e.code().to_string()),
            esc(e.title()),
            e.category().as_str(),
            esc(e.category().label()),
            e.retry().as_str(),
        );
    }
    t.push_str("</tbody>\n</table>\n");
    t
}

#[allow(clippy::many_single_char_names)] // c(ode), e(ntry), p(rovenance), h(tml), t(able)
fn entry_page(c: AnyCode) -> String {
    let e = c.entry();
    let p = e.provenance();
    let (_, heading, ty) = family(e);
    let mut h = String::new();
    let _ = writeln!(
        h,
        "<p class=\"crumbs\"><a href=\"../index.html\">Index</a> › <a href=\"index.html\">{}</a></p>",
        esc(heading)
    );
    let _ = writeln!(
        h,
        "<h1><code>{}</code> {}</h1>",
        esc(&e.code().to_string()),
        esc(e.title())
    );
    h.push_str("<dl class=\"facts\">\n");
    let mut fact = |k: &str, v: String| {
        let _ = writeln!(h, "<dt>{k}</dt><dd>{v}</dd>");
    };
    fact("API", esc(heading));
    fact(
        "Code",
        format!(
            "<code>{}</code> (sent as {})",
            esc(&e.code().to_string()),
            match (e.kind(), e.code()) {
                (EntryKind::Diagnosis, _) => "free text with another code; see below",
                (_, WireCode::Int(_)) => "an integer",
                (_, WireCode::Str(_)) => "a string",
            }
        ),
    );
    fact(
        "Category",
        format!(
            "<a href=\"../category/{}.html\">{}</a> (<code>{}</code>)",
            e.category().as_str(),
            esc(e.category().label()),
            e.category().as_str()
        ),
    );
    fact("Retry", retry_words(e));
    if !e.http_statuses().is_empty() {
        let s: Vec<String> = e.http_statuses().iter().map(u16::to_string).collect();
        fact("HTTP status", s.join(", "));
    }
    let ch = e.channels();
    if ch.error_code() || ch.fail_reason() {
        let mut v = Vec::new();
        if ch.error_code() {
            v.push("<code>error.code</code> of a response");
        }
        if ch.fail_reason() {
            v.push("<code>data.fail_reason</code> of a failed publish");
        }
        fact("Appears as", v.join(" and "));
    }
    if !e.aliases().is_empty() {
        let a: Vec<String> = e
            .aliases()
            .map(|a| format!("<code>{}</code>", esc(a)))
            .collect();
        fact("Also spelled", a.join(", "));
    }
    fact(
        "In Rust",
        format!("<code>tiktok_errors::{ty}::{}</code>", esc(e.name())),
    );
    h.push_str("</dl>\n<h2>What it means</h2>\n");
    h.push_str(&prose(e.description()));
    h.push_str("<h2>How to fix it</h2>\n");
    h.push_str(&prose(e.fix()));

    // Diagnoses and the wire codes that carry them.
    if e.kind() == EntryKind::Diagnosis {
        h.push_str("<h2>How it arrives</h2>\n");
        let carriers: Vec<String> = e
            .carried_by()
            .map(|a| {
                format!(
                    "<a href=\"../{}\"><code>{}</code> {}</a>",
                    esc(&a.entry().docs_path()),
                    a.entry().code(),
                    esc(a.title())
                )
            })
            .collect();
        if carriers.is_empty() {
            h.push_str("<p>Not as an API error: TikTok reports this condition outside API responses (delivery status, diagnostics).</p>\n");
        } else {
            let _ = writeln!(
                h,
                "<p>TikTok never sends the name <code>{}</code>; the condition arrives as Ads code {} with a free-text message.</p>",
                esc(&e.code().to_string()),
                carriers.join(" or ")
            );
        }
    } else if let (Api::Ads, WireCode::Int(code)) = (e.api(), e.code()) {
        let carried: Vec<String> = AdsDiagnosis::ALL
            .iter()
            .filter(|d| d.entry().carried_by_codes().contains(&code))
            .map(|d| {
                format!(
                    "<li><a href=\"../{}\"><code>{}</code></a> {}</li>",
                    esc(&d.entry().docs_path()),
                    esc(&d.code().to_string()),
                    esc(d.title())
                )
            })
            .collect();
        if !carried.is_empty() {
            let _ = writeln!(
                h,
                "<h2>Conditions reported with this code</h2>\n<p>TikTok's free-text message says which one applies. The ones the catalogue knows:</p>\n<ul class=\"cols\">\n{}</ul>",
                carried.join("\n")
            );
        }
    } else if let AnyCode::Shop(code) = c {
        let conditions = crate::ShopCondition::of(code);
        if !conditions.is_empty() {
            h.push_str("<h2>Conditions reported with this code</h2>\n<p>TikTok sends this code for several unrelated problems; the message keyword says which. In priority order (the first whose keywords the message holds applies):</p>\n<dl class=\"facts\">\n");
            for k in conditions {
                let words: Vec<String> = k
                    .keywords()
                    .iter()
                    .map(|g| format!("<code>{}</code>", esc(&g.join(" + "))))
                    .collect();
                let _ = writeln!(
                    h,
                    "<dt id=\"{name}\"><code>{name}</code> {title}</dt><dd>{desc} <strong>Fix:</strong> {fix} (retry <code>{retry}</code>; keywords {words}; <a href=\"{src}\">source</a>)</dd>",
                    name = esc(k.name()),
                    title = esc(k.title()),
                    desc = esc(k.description()),
                    fix = esc(k.fix()),
                    retry = k.retry().as_str(),
                    words = words.join(" or "),
                    src = esc(k.source()),
                );
            }
            h.push_str("</dl>\n");
        }
    }

    // The same code in other families.
    let others: Vec<String> = lookup(&e.code().to_string())
        .iter()
        .filter(|o| **o != c)
        .map(|o| {
            let oe = o.entry();
            format!(
                "<li><a href=\"../{}\">{} <code>{}</code></a> {}</li>",
                esc(&oe.docs_path()),
                esc(family(oe).1),
                esc(&oe.code().to_string()),
                esc(oe.title())
            )
        })
        .collect();
    if !others.is_empty() {
        let _ = writeln!(
            h,
            "<h2>The same code elsewhere</h2>\n<p>Other APIs use this code with their own meaning:</p>\n<ul>\n{}</ul>",
            others.join("\n")
        );
    }

    h.push_str("<h2>Where this comes from</h2>\n<dl class=\"facts\">\n");
    let _ = writeln!(
        h,
        "<dt>Evidence</dt><dd><code>{}</code>: {}</dd>",
        p.evidence().as_str(),
        if p.verified() {
            "confirmed by TikTok's own material"
        } else {
            "not confirmed by TikTok's own material"
        }
    );
    if !p.seeds().is_empty() {
        let _ = writeln!(
            h,
            "<dt>Seed documents</dt><dd>{}</dd>",
            esc(&p.seeds().collect::<Vec<_>>().join(", "))
        );
    }
    h.push_str("</dl>\n");
    if let Some(note) = p.note() {
        h.push_str("<h3>Note</h3>\n");
        h.push_str(&prose(note));
    }
    h.push_str("<h3>Sources</h3>\n<ul class=\"sources\">\n");
    for s in p.sources() {
        let _ = writeln!(h, "<li>{}</li>", link_or_text(s));
    }
    h.push_str("</ul>\n");
    if !p.disagreements().is_empty() {
        h.push_str("<h3>Other readings</h3>\n<p>Sources that read this code differently, and what they say:</p>\n<ul>\n");
        for d in p.disagreements() {
            let _ = writeln!(
                h,
                "<li><strong>{}</strong>: {}</li>",
                esc(d.source()),
                esc(d.says())
            );
        }
        h.push_str("</ul>\n");
    }
    h
}

/// The rate-limit page: one short section per row, each with a narrow table (tier and three
/// counts), so that nothing scrolls sideways on a phone.
fn limits_page(options: &SiteOptions) -> String {
    use crate::limits::{rows, Count, Surface, Tier, Window};
    let mut h = String::from(
        "<p class=\"crumbs\"><a href=\"index.html\">Index</a></p>\n<h1>Rate limits</h1>\n\
         <p>TikTok's published rate limits: how many requests each window allows (per second, \
         per minute, per day). Business API limits belong to the developer app and depend on its \
         tier; an endpoint without a row of its own has the tier default. A dash means the \
         window is not limited. TikTok Shop's limits are dynamic and unpublished. The same rows \
         are in <a href=\"catalog.json\">catalog.json</a> (<code>limits</code>) and come from \
         <code>tiktok-errors limits</code>.</p>\n",
    );
    let surfaces = [
        (Surface::Business, "business"),
        (Surface::Sandbox, "sandbox"),
        (Surface::V2, "v2"),
        (Surface::ContentPosting, "content-posting"),
        (Surface::Research, "research"),
    ];
    h.push_str("<ul>\n");
    for (s, id) in surfaces {
        let _ = writeln!(
            h,
            "<li><a href=\"limits.html#{id}\">{}</a></li>",
            esc(s.label())
        );
    }
    h.push_str("</ul>\n");
    for (s, id) in surfaces {
        let group: Vec<_> = rows().filter(|r| r.surface() == s).collect();
        let Some(first) = group.first() else { continue };
        let _ = writeln!(
            h,
            "<section id=\"{id}\">\n<h2>{}</h2>\n<p>Counted {}, {}.{}</p>",
            esc(s.label()),
            esc(&first.per().to_string()),
            esc(&first.reset().to_string()),
            if s == Surface::Business {
                " Paths are those after <code>/open_api/v1.N</code>."
            } else {
                ""
            }
        );
        for r in group {
            let title = match (r.path(), r.prefix()) {
                (Some(p), true) => format!("<code>{}</code> and every path under it", esc(p)),
                (Some(p), false) => format!("<code>{}</code>", esc(p)),
                (None, _) => esc(r.name()),
            };
            let _ = writeln!(h, "<h3>{title}</h3>");
            h.push_str(
                "<table class=\"limits\">\n<thead><tr><th>Tier</th><th>/second</th><th>/minute</th><th>/day</th></tr></thead>\n<tbody>\n",
            );
            let tiers: &[Tier] = if r.by_tier() {
                &Tier::ALL
            } else {
                &[Tier::Basic]
            };
            for &tier in tiers {
                let l = r.limits(tier);
                let n = |w| {
                    l.get(w)
                        .map_or_else(|| "–".to_owned(), |n| Count(n).to_string())
                };
                let _ = writeln!(
                    h,
                    "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                    if r.by_tier() {
                        tier.label()
                    } else {
                        "Every tier"
                    },
                    n(Window::Second),
                    n(Window::Minute),
                    n(Window::Day)
                );
            }
            h.push_str("</tbody>\n</table>\n");
            if let Some(records) = r.records_per_day() {
                let _ = writeln!(h, "<p>And at most {} records a day.</p>", Count(records));
            }
            if let Some(note) = r.note() {
                h.push_str(&prose(note));
            }
            let via = r.via().map_or(String::new(), |v| {
                format!(" (read through {})", link_or_text(v))
            });
            let _ = writeln!(
                h,
                "<p class=\"meta\">Source: {}{via}</p>",
                link_or_text(r.source())
            );
        }
        h.push_str("</section>\n");
    }
    layout("Rate limits", "", "limits.html", options, &h)
}
