//! The error index: a static web site generated from the catalogue (feature `site`; the CLI's
//! `tiktok-errors site --out DIR`).
//!
//! One page per entry at its [`docs_path`](crate::Entry::docs_path) (readable without
//! JavaScript), one page per family and per category, the rate limits, an index page with a
//! search box, a decode box and every entry grouped by family and area, a `404.html`,
//! `sitemap.xml` and `robots.txt`. Searches are links (`index.html?q=40100`); every section
//! heading has an id and an anchor link; entry pages link their line in `codes/` on GitHub
//! (Cargo.toml's `repository`) and show its `reviewed` date. Search and decode run this crate
//! compiled to WebAssembly: the entry point is the `site/wasm` crate of the repository, and
//! `site/build.sh` builds it and copies `decoder.wasm` next to the pages. Without it the pages still read and browse; the two boxes
//! say that the decoder is missing.
//!
//! ```no_run
//! use tiktok_errors::site::{generate, SiteOptions};
//! let written = generate(std::path::Path::new("public"), &SiteOptions::default()).unwrap();
//! assert!(written.pages > 300);
//! ```

use std::collections::{BTreeSet, HashMap};
use std::fmt::Write as _;
use std::fs;
use std::io;
use std::path::Path;

use crate::docs::family_dir;
use crate::{
    lookup, AdsDiagnosis, AnyCode, Api, Category, Entry, EntryKind, ErrorCode, Evidence, Retry,
    Wait, WireCode, DOCS_BASE_URL,
};

// `ENTRY_SOURCES`: where each entry is written in `codes/` and when it was last reviewed.
include!(concat!(env!("OUT_DIR"), "/entry_sources.rs"));

/// The repository the `codes/` files live in (Cargo.toml's `repository`): "edit this entry"
/// links point there.
const REPOSITORY: &str = env!("CARGO_PKG_REPOSITORY");

/// What to do next, in a few words for people: the error index shows these where the
/// catalogue's data says `fix_request` or `throttled` (the decode box's answer and search
/// results too: `site/wasm` uses this).
///
/// ```
/// use tiktok_errors::{site::retry_label, Retry};
/// assert_eq!(retry_label(Retry::FixRequest), "Fix the request");
/// assert_eq!(retry_label(Retry::Throttled), "Wait, then retry");
/// ```
#[must_use]
pub fn retry_label(retry: Retry) -> &'static str {
    match retry {
        Retry::Transient => "Retry with backoff",
        Retry::Throttled => "Wait, then retry",
        Retry::RefreshToken => "Refresh the token",
        Retry::Reauthorize => "Authorize again",
        Retry::FixRequest => "Fix the request",
        Retry::AccountAction => "Act on the account",
        Retry::NotNeeded => "Nothing to do",
        Retry::Unknown => "Read the message",
    }
}

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
        paths: Vec::new(),
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
            "<p class=\"crumbs\"><a href=\"../index.html\">Index</a></p>\n<h1>{}</h1>\n<p>{} entries. Each page says what the code means, whether to retry, \
             and how to fix it.</p>\n{}",
            esc(heading),
            codes.len(),
            entry_table(&codes, "../")
        );
        let path = format!("{dir}/index.html");
        let description = format!(
            "All {} {heading} error codes of TikTok's API, each with what it means, whether to retry and how to fix it.",
            codes.len()
        );
        w.page(
            &path,
            &layout(heading, &description, "../", &path, options, &body),
        )?;
    }
    for cat in categories() {
        let codes: Vec<AnyCode> = AnyCode::all()
            .filter(|c| c.entry().category() == cat)
            .collect();
        let title = format!("Category: {}", cat.label());
        let body = format!(
            "<p class=\"crumbs\"><a href=\"../index.html\">Index</a></p>\n<h1>{}</h1>\n<p>{} entries across TikTok's APIs.</p>\n{}",
            esc(&title),
            codes.len(),
            entry_table(&codes, "../")
        );
        let path = format!("category/{}.html", cat.as_str());
        let description = format!(
            "The {} TikTok API error codes filed under {}, with what each means, whether to retry and how to fix it.",
            codes.len(),
            cat.label()
        );
        w.page(
            &path,
            &layout(&title, &description, "../", &path, options, &body),
        )?;
    }
    let sources: HashMap<(&str, &str), (&str, u32, &str)> = ENTRY_SOURCES
        .iter()
        .map(|&(api, file, code, line, reviewed)| ((api, code), (file, line, reviewed)))
        .collect();
    for c in AnyCode::all() {
        let e = c.entry();
        let path = e.docs_path();
        let title = format!("{} {} — {}", family(e).1, e.code(), plain(e.title()));
        let code = e.code().to_string();
        let source = sources.get(&(family(e).0, code.as_str())).copied();
        w.page(
            &path,
            &layout(
                &title,
                &entry_description(e),
                "../",
                &path,
                options,
                &entry_page(c, source),
            ),
        )?;
        w.written.entries += 1;
    }
    // Not linked from anywhere: hosts (GitHub Pages among them) serve it for any missing path,
    // so its links resolve against the published root (`<base>`), not the missing page.
    let missing = layout(
        "Page not found",
        "This page of the TikTok API error index does not exist; search the index or browse its codes.",
        "",
        "404.html",
        options,
        "<h1>Page not found</h1>\n<p>There is no page at this address. Entry pages are named after \
         the code (<code>ads/40100.html</code>, <code>content-posting/spam_risk_too_many_posts.html</code>); \
         <a href=\"index.html\">search the index</a> or browse an API above.</p>\n",
    )
    .replacen(
        "<meta charset=\"utf-8\">",
        &format!(
            "<meta charset=\"utf-8\">\n<base href=\"{}\">\n<meta name=\"robots\" content=\"noindex\">",
            esc(&options.base_url)
        ),
        1,
    )
    // Not a page of its own: no canonical address.
    .replacen(
        &format!(
            "<link rel=\"canonical\" href=\"{}404.html\">\n",
            esc(&options.base_url)
        ),
        "",
        1,
    );
    w.file("404.html", &missing)?;
    w.written.pages += 1;
    let mut sitemap = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for p in &w.paths {
        let _ = writeln!(
            sitemap,
            "<url><loc>{}{}</loc></url>",
            esc(&options.base_url),
            esc(p)
        );
    }
    sitemap.push_str("</urlset>\n");
    w.file("sitemap.xml", &sitemap)?;
    w.file(
        "robots.txt",
        &format!(
            "User-agent: *\nAllow: /\nSitemap: {}sitemap.xml\n",
            options.base_url
        ),
    )?;
    Ok(w.written)
}

struct Writer<'a> {
    out: &'a Path,
    written: Written,
    /// The pages written, for the sitemap.
    paths: Vec<String>,
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
        self.paths.push(rel.to_owned());
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

/// One line of catalogue text as HTML: escaped, `backticks` as code. An unpaired backtick is
/// dropped rather than shown.
fn inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let parts: Vec<&str> = text.split('`').collect();
    let paired = parts.len() % 2 == 1;
    for (i, part) in parts.iter().enumerate() {
        if i % 2 == 1 && (paired || i + 1 < parts.len()) {
            let _ = write!(out, "<code>{}</code>", esc(part));
        } else {
            out.push_str(&esc(part));
        }
    }
    out
}

/// Catalogue text as plain text (titles, meta descriptions): no backticks.
fn plain(text: &str) -> String {
    text.replace('`', "")
}

/// Catalogue prose as HTML: paragraphs on blank lines, `backticks` as code.
fn prose(text: &str) -> String {
    let mut out = String::new();
    for para in text.split("\n\n").filter(|p| !p.trim().is_empty()) {
        let _ = writeln!(out, "<p>{}</p>", inline(para));
    }
    out
}

fn link_or_text(s: &str) -> String {
    if s.starts_with("https://") || s.starts_with("http://") {
        format!("<a href=\"{0}\" rel=\"nofollow\">{0}</a>", esc(s))
    } else {
        inline(s)
    }
}

/// A heading's id: its text, lowercased, runs of anything but letters and digits as `-`.
fn slug(text: &str) -> String {
    let mut out = String::new();
    // A count or note after the words (`<span class="meta">12</span>`) is not part of the id.
    let text = text.split("<span class=\"meta\">").next().unwrap_or(text);
    let mut in_tag = false;
    let mut in_entity = false;
    let mut dash = false;
    for ch in text.chars() {
        match ch {
            '<' => in_tag = true,
            '>' => in_tag = false,
            '&' if !in_tag => {
                in_entity = true;
                dash = true;
            }
            ';' if in_entity => in_entity = false,
            _ if in_tag || in_entity => {}
            c if c.is_ascii_alphanumeric() => {
                if dash && !out.is_empty() {
                    out.push('-');
                }
                dash = false;
                out.push(c.to_ascii_lowercase());
            }
            _ => dash = true,
        }
    }
    if out.is_empty() {
        out.push_str("section");
    }
    out
}

/// Gives every `<h2>`, `<h3>` and `<h4>` of a page an anchor link, and an id (unique in the
/// page) to those without one, so that any section can be linked.
fn anchor_headings(html: &str, file: &str) -> String {
    let mut taken: BTreeSet<String> = BTreeSet::new();
    let mut rest = html;
    while let Some(i) = rest.find("id=\"") {
        rest = &rest[i + 4..];
        if let Some(end) = rest.find('"') {
            taken.insert(rest[..end].to_owned());
        }
    }
    let mut out = String::with_capacity(html.len() + html.len() / 8);
    let mut rest = html;
    loop {
        let next = ["<h2", "<h3", "<h4"]
            .iter()
            .filter_map(|t| {
                let i = rest.find(t)?;
                let after = rest[i + 3..].chars().next()?;
                (after == '>' || after == ' ').then_some(i)
            })
            .min();
        let Some(i) = next else { break };
        let level = &rest[i + 1..i + 3];
        let close = format!("</{level}>");
        let (Some(open_end), Some(len)) = (rest[i..].find('>'), rest[i..].find(&close)) else {
            break;
        };
        let open = &rest[i..=i + open_end];
        let inner = &rest[i + open_end + 1..i + len];
        let id = if let Some(at) = open.find("id=\"") {
            let v = &open[at + 4..];
            v[..v.find('"').unwrap_or(v.len())].to_owned()
        } else {
            let base = slug(inner);
            let mut id = base.clone();
            let mut n = 2;
            while !taken.insert(id.clone()) {
                id = format!("{base}-{n}");
                n += 1;
            }
            id
        };
        out.push_str(&rest[..i]);
        let _ = write!(
            out,
            "<{level} id=\"{id}\">{inner} <a class=\"anchor\" href=\"{file}#{id}\" aria-label=\"Link to this section\">#</a>{close}"
        );
        rest = &rest[i + len + close.len()..];
    }
    out.push_str(rest);
    out
}

/// The page's meta description: what is on it, in a sentence or two (at most about 160
/// characters, cut at a word).
fn meta_description(text: &str) -> String {
    let text = plain(text).split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() <= 160 {
        return text;
    }
    let cut: String = text.chars().take(157).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(a, _)| a);
    format!("{}…", cut.trim_end_matches([',', ';', ':', '.']))
}

fn entry_description(e: &Entry) -> String {
    let first = e
        .description()
        .split_inclusive(". ")
        .next()
        .unwrap_or_default()
        .trim();
    format!(
        "TikTok {} error {} ({}): {} {}.",
        family(e).1,
        e.code(),
        e.title(),
        first,
        retry_label(e.retry())
    )
}

fn layout(
    title: &str,
    description: &str,
    root: &str,
    path: &str,
    options: &SiteOptions,
    body: &str,
) -> String {
    let file = path.rsplit('/').next().unwrap_or(path);
    let (skip_to, skip_text) = if path == "index.html" {
        ("#q", "Skip to search")
    } else {
        ("#main", "Skip to content")
    };
    anchor_headings(
        &format!(
            r#"<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>{title} · TikTok API error index</title>
<meta name="description" content="{description}">
<link rel="canonical" href="{canonical}">
<link rel="stylesheet" href="{root}style.css">
<link rel="icon" href="data:,">
</head>
<body data-root="{root}">
<a class="skip" href="{skip_to}">{skip_text}</a>
<header><a class="home" href="{root}index.html">TikTok API error index</a>
<nav><a href="{root}ads/index.html">Ads</a> <a href="{root}ads-diagnosis/index.html">Ads diagnoses</a> <a href="{root}content-posting/index.html">Content Posting</a> <a href="{root}business-messaging/index.html">Business Messaging</a> <a href="{root}oauth/index.html">OAuth</a> <a href="{root}shop/index.html">TikTok Shop</a> <a href="{root}limits.html">Rate limits</a></nav></header>
<main id="main" tabindex="-1">
{body}
{decode_box}
</main>
<footer>Generated by tiktok-errors {version} from its catalogue. Search and decode run the crate itself, compiled to WebAssembly.</footer>
<script src="{root}app.js" defer></script>
</body>
</html>
"#,
            title = esc(title),
            description = esc(&meta_description(description)),
            canonical = esc(&format!("{}{}", options.base_url, path)),
            root = root,
            body = body,
            decode_box = DECODE_BOX,
            version = env!("CARGO_PKG_VERSION"),
        ),
        file,
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
<p>Got a cryptic error from TikTok? Search by code, name or the message you got, or paste the whole response below to see what went wrong, whether to retry and how to fix it. Or <a href="index.html#browse">browse every entry by area</a>.</p>
<section id="search" class="box">
<form id="search-form" role="search" action="index.html" method="get"><label for="q">Search</label>
<input id="q" name="q" type="search" placeholder="40100, spam_risk_too_many_posts, budget too low…" autocomplete="off">
<button type="submit">Search</button></form>
<noscript><p>Search runs in your browser and needs JavaScript; every entry is also listed below.</p></noscript>
<p id="found" class="meta" role="status" aria-live="polite"></p>
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
    body.push_str(&browse_all());
    layout(
        "Search and decode",
        "Every TikTok API error code (Marketing API, Content Posting, Business Messaging, OAuth, TikTok Shop): what it means, whether to retry, how to fix it; search or paste a response.",
        "",
        "index.html",
        options,
        &body,
    )
}

/// Every entry on the index, grouped by family, then by area (category), in a compact list:
/// each a link with its code and title.
fn browse_all() -> String {
    let mut h =
        String::from("<section id=\"browse\">\n<h2>Every entry, by area</h2>\n<p class=\"jump\">");
    let jumps: Vec<String> = FAMILIES
        .iter()
        .map(|(dir, heading, _)| format!("<a href=\"#all-{dir}\">{}</a>", esc(heading)))
        .collect();
    h.push_str(&jumps.join(" · "));
    h.push_str("</p>\n");
    for (dir, heading, _) in FAMILIES {
        let codes: Vec<AnyCode> = AnyCode::all()
            .filter(|c| family(c.entry()).0 == dir)
            .collect();
        let _ = writeln!(
            h,
            "<h3 id=\"all-{dir}\">{} <span class=\"meta\">{} entries</span></h3>",
            esc(heading),
            codes.len()
        );
        let mut cats: Vec<Category> = codes.iter().map(|c| c.entry().category()).collect();
        cats.sort();
        cats.dedup();
        for cat in cats {
            let _ = writeln!(h, "<h4>{}</h4>\n<ul class=\"codes\">", esc(cat.label()));
            for c in codes.iter().filter(|c| c.entry().category() == cat) {
                let e = c.entry();
                let _ = writeln!(
                    h,
                    "<li><a href=\"{}\"><code>{}</code> {}</a></li>",
                    esc(&e.docs_path()),
                    esc(&e.code().to_string()),
                    inline(e.title())
                );
            }
            h.push_str("</ul>\n");
        }
    }
    h.push_str("</section>\n");
    h
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
        "<strong>{}</strong>: {}{}",
        retry_label(e.retry()),
        esc(e.retry().advice()),
        esc(&wait)
    )
}

fn entry_table(codes: &[AnyCode], root: &str) -> String {
    let mut t = String::from(
        "<table class=\"entries\">\n<thead><tr><th>Code</th><th>Title</th><th>Category</th><th>Retry</th></tr></thead>\n<tbody>\n",
    );
    for c in codes {
        let e = c.entry();
        let _ = writeln!(
            t,
            "<tr><td><a href=\"{root}{}\"><code>{}</code></a></td><td>{}</td><td><a href=\"{root}category/{}.html\">{}</a></td><td>{}</td></tr>",
            esc(&e.docs_path()),
            esc(&e.code().to_string()),
            inline(e.title()),
            e.category().as_str(),
            esc(e.category().label()),
            retry_label(e.retry()),
        );
    }
    t.push_str("</tbody>\n</table>\n");
    t
}

/// A maintainer's note as a visitor reads it: sentences about how the catalogue is kept (the
/// seed documents, `codes/README.md`, Rust names, build settings) are left out.
fn visitor_note(note: &str) -> Option<String> {
    let note = note.replace(" (read as codes/README.md explains)", "");
    let kept: Vec<&str> = note
        .split_inclusive(". ")
        .filter(|s| {
            let l = s.to_ascii_lowercase();
            ![
                "seed",
                "codes/",
                "variant name",
                "wait =",
                "`wait`",
                "build.rs",
                "generator",
            ]
            .iter()
            .any(|w| l.contains(w))
        })
        .collect();
    let text = kept.concat().trim().to_owned();
    (!text.is_empty()).then_some(text)
}

/// A disagreement's source as a visitor reads it: the project's seed numbers are left out
/// (`Seed 000 (third-party Ads error decoder)` reads `Third-party Ads error decoder`).
fn visitor_source(source: &str) -> String {
    let Some(rest) = source.strip_prefix("Seed ") else {
        return source.to_owned();
    };
    let Some((_, inner)) = rest.split_once(" (") else {
        return source.to_owned();
    };
    let (inner, tail) = inner.split_once(')').unwrap_or((inner, ""));
    let mut chars = inner.chars();
    let first = chars.next().map(|c| c.to_uppercase().collect::<String>());
    format!("{}{}{}", first.unwrap_or_default(), chars.as_str(), tail)
}

/// Entries to read next: the same family's entries of the same category, nearest in the file
/// first (neighbouring codes usually belong together), at most eight.
fn related(c: AnyCode) -> Vec<AnyCode> {
    let e = c.entry();
    let fam: Vec<AnyCode> = AnyCode::all()
        .filter(|o| family(o.entry()).0 == family(e).0)
        .collect();
    let at = fam.iter().position(|o| *o == c).unwrap_or(0);
    let mut near: Vec<(usize, AnyCode)> = fam
        .iter()
        .enumerate()
        .filter(|(_, o)| **o != c && o.entry().category() == e.category())
        .map(|(i, o)| (i.abs_diff(at), *o))
        .collect();
    near.sort_by_key(|(d, _)| *d);
    near.into_iter().take(8).map(|(_, o)| o).collect()
}

fn code_link(c: AnyCode, root: &str) -> String {
    let e = c.entry();
    format!(
        "<a href=\"{root}{}\"><code>{}</code> {}</a>",
        esc(&e.docs_path()),
        esc(&e.code().to_string()),
        inline(e.title())
    )
}

#[allow(clippy::many_single_char_names)] // c(ode), e(ntry), p(rovenance), h(tml), t(able)
#[allow(clippy::too_many_lines)] // one page, section by section
fn entry_page(c: AnyCode, source: Option<(&str, u32, &str)>) -> String {
    let e = c.entry();
    let p = e.provenance();
    let (_, heading, ty) = family(e);
    let code = e.code().to_string();
    let mut h = String::new();
    let _ = writeln!(
        h,
        "<p class=\"crumbs\"><a href=\"../index.html\">Index</a> › <a href=\"index.html\">{}</a></p>",
        esc(heading)
    );
    let _ = writeln!(
        h,
        "<h1><code>{}</code> {} <button type=\"button\" class=\"copy\" data-copy=\"{}\" hidden>Copy code</button></h1>",
        esc(&code),
        inline(e.title()),
        esc(&code)
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
            esc(&code),
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
            "<a href=\"../category/{}.html\">{}</a>",
            e.category().as_str(),
            esc(e.category().label()),
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
    if let Some((_, _, reviewed)) = source.filter(|s| !s.2.is_empty()) {
        fact(
            "Last reviewed",
            format!("<time datetime=\"{0}\">{0}</time>", esc(reviewed)),
        );
    }
    h.push_str("</dl>\n<h2>What it means</h2>\n");
    h.push_str(&prose(e.description()));
    h.push_str("<h2>How to fix it</h2>\n");
    h.push_str(&prose(e.fix()));

    // Diagnoses and the wire codes that carry them.
    if e.kind() == EntryKind::Diagnosis {
        h.push_str("<h2>How it arrives</h2>\n");
        let carriers: Vec<String> = e
            .carried_by()
            .map(|a| code_link(AnyCode::Ads(a), "../"))
            .collect();
        if carriers.is_empty() {
            h.push_str("<p>Not as an API error: TikTok reports this condition outside API responses (delivery status, diagnostics).</p>\n");
        } else {
            let _ = writeln!(
                h,
                "<p>TikTok never sends the name <code>{}</code>; the condition arrives as Ads code {} with a free-text message.</p>",
                esc(&code),
                carriers.join(" or ")
            );
        }
    } else if let (Api::Ads, WireCode::Int(wire)) = (e.api(), e.code()) {
        carried_conditions(&mut h, wire);
    } else if let AnyCode::Shop(shop) = c {
        shop_conditions(&mut h, shop);
    }

    // The same code in other families.
    let others: Vec<String> = lookup(&code)
        .iter()
        .filter(|o| **o != c)
        .map(|o| {
            let oe = o.entry();
            format!(
                "<li><a href=\"../{}\">{} <code>{}</code></a> {}</li>",
                esc(&oe.docs_path()),
                esc(family(oe).1),
                esc(&oe.code().to_string()),
                inline(oe.title())
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
    let near = related(c);
    if !near.is_empty() {
        let _ = writeln!(
            h,
            "<h2>Related codes</h2>\n<p>Other {} entries filed under {}:</p>\n<ul class=\"codes\">",
            esc(heading),
            esc(e.category().label())
        );
        for o in near {
            let _ = writeln!(h, "<li>{}</li>", code_link(o, "../"));
        }
        h.push_str("</ul>\n");
    }

    h.push_str("<h2>Where this comes from</h2>\n<dl class=\"facts\">\n");
    let _ = writeln!(
        h,
        "<dt>Evidence</dt><dd>{}</dd>",
        match p.evidence() {
            Evidence::Official => "TikTok's own documentation describes this code.",
            Evidence::OfficialName => "TikTok's own SDK names this code; its meaning is read from the name and its neighbours.",
            Evidence::ThirdParty => "Only partners, connectors or community reports describe this code; TikTok's own material does not confirm it.",
            Evidence::SeedOnly => "A single unofficial catalogue lists this code; nothing else confirms it.",
        }
    );
    h.push_str("</dl>\n");
    if let Some(note) = p.note().and_then(visitor_note) {
        h.push_str("<h3>Note</h3>\n");
        h.push_str(&prose(&note));
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
                inline(&visitor_source(d.source())),
                inline(d.says())
            );
        }
        h.push_str("</ul>\n");
    }
    if let Some((file, line, _)) = source {
        let _ = writeln!(
            h,
            "<p class=\"edit\"><a href=\"{REPOSITORY}/blob/main/codes/{file}#L{line}\" rel=\"nofollow\">Edit this entry</a> \
             (<code>codes/{file}</code>, line {line}): a correction with a source is welcome.</p>",
        );
    }
    h
}

/// An Ads code's page: the diagnoses it carries, grouped by business area, each group a short
/// list (40002 carries about eighty).
fn carried_conditions(h: &mut String, wire: i64) {
    let carried: Vec<AdsDiagnosis> = AdsDiagnosis::ALL
        .iter()
        .copied()
        .filter(|d| d.entry().carried_by_codes().contains(&wire))
        .collect();
    if carried.is_empty() {
        return;
    }
    let _ = writeln!(
        h,
        "<h2>Conditions reported with this code</h2>\n<p>TikTok's free-text message says which one applies. The {} the catalogue knows, by area:</p>",
        carried.len()
    );
    let mut areas: Vec<Category> = carried.iter().map(|d| d.entry().category()).collect();
    areas.sort();
    areas.dedup();
    for area in areas {
        let group: Vec<&AdsDiagnosis> = carried
            .iter()
            .filter(|d| d.entry().category() == area)
            .collect();
        let _ = writeln!(
            h,
            "<h3>{} <span class=\"meta\">{}</span></h3>\n<ul class=\"codes\">",
            esc(area.label()),
            group.len()
        );
        for d in group {
            let _ = writeln!(
                h,
                "<li>{}</li>",
                code_link(AnyCode::AdsDiagnosis(*d), "../")
            );
        }
        h.push_str("</ul>\n");
    }
}

fn shop_conditions(h: &mut String, code: crate::ShopCode) {
    let conditions = crate::ShopCondition::of(code);
    if conditions.is_empty() {
        return;
    }
    h.push_str("<h2>Conditions reported with this code</h2>\n<p>TikTok sends this code for several unrelated problems; the message keyword says which. In priority order (the first whose keywords the message holds applies):</p>\n<dl class=\"facts conditions\">\n");
    for k in conditions {
        let words: Vec<String> = k
            .keywords()
            .iter()
            .map(|g| format!("<code>{}</code>", esc(&g.join(" + "))))
            .collect();
        let _ = writeln!(
            h,
            "<dt id=\"{name}\"><code>{name}</code> {title}</dt><dd>{desc} <strong>Fix:</strong> {fix} ({retry}; keywords {words}; <a href=\"{src}\">source</a>)</dd>",
            name = esc(k.name()),
            title = inline(k.title()),
            desc = inline(k.description()),
            fix = inline(k.fix()),
            retry = retry_label(k.retry()),
            words = words.join(" or "),
            src = esc(k.source()),
        );
    }
    h.push_str("</dl>\n");
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
    layout(
        "Rate limits",
        "TikTok's published API rate limits: requests per second, minute and day for the Business API by tier and endpoint, the sandbox, v2, Content Posting and Research API.",
        "",
        "limits.html",
        options,
        &h,
    )
}
