//! The generated error index: every entry has its page, every internal link of every page
//! resolves, and every page is reachable from the index.
#![cfg(feature = "site")]

use std::collections::{BTreeSet, HashMap, VecDeque};
use std::fs;
use std::path::{Component, Path, PathBuf};

use tiktok_errors::site::{generate, retry_label, SiteOptions};
use tiktok_errors::{AnyCode, Retry};

fn build(name: &str, options: &SiteOptions) -> PathBuf {
    let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = fs::remove_dir_all(&out);
    let written = generate(&out, options).expect("site generates");
    assert_eq!(written.entries, AnyCode::all().count());
    out
}

/// Every `.html` file under `root`, relative, with `/` separators.
fn pages(root: &Path) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    let mut dirs = vec![root.to_path_buf()];
    while let Some(d) = dirs.pop() {
        for e in fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                dirs.push(p);
            } else if p.extension().is_some_and(|x| x == "html") {
                let rel = p.strip_prefix(root).unwrap();
                found.insert(rel.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    found
}

/// The values of every `href="…"` and `src="…"` attribute.
fn links(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    for attr in ["href=\"", "src=\""] {
        let mut rest = html;
        while let Some(i) = rest.find(attr) {
            rest = &rest[i + attr.len()..];
            let end = rest.find('"').expect("attribute closes");
            out.push(rest[..end].replace("&amp;", "&"));
            rest = &rest[end..];
        }
    }
    out
}

/// Resolves `link` against the page at `from` (both relative to the site root).
fn resolve(from: &str, link: &str) -> Option<String> {
    let mut parts: Vec<String> = from.split('/').map(str::to_owned).collect();
    parts.pop();
    for c in Path::new(link).components() {
        match c {
            Component::ParentDir => {
                parts.pop()?;
            }
            Component::Normal(s) => parts.push(s.to_string_lossy().into_owned()),
            Component::CurDir => {}
            _ => return None,
        }
    }
    Some(parts.join("/"))
}

#[test]
fn every_internal_link_of_every_page_resolves_and_every_page_is_reachable() {
    let root = build("site-links", &SiteOptions::default());
    let all = pages(&root);
    assert!(all.len() > AnyCode::all().count(), "{} pages", all.len());
    let mut ids: HashMap<String, String> = HashMap::new();
    let mut checked = 0;
    for page in &all {
        let html = fs::read_to_string(root.join(page)).unwrap();
        assert!(html.starts_with("<!doctype html>"), "{page}");
        assert_eq!(html.matches("<script").count(), 1, "{page}: only app.js");
        for link in links(&html) {
            if link.starts_with("https://") || link.starts_with("http://") || link == "data:," {
                continue;
            }
            // In-page links (the skip link, the index's jump links) name an id of the page.
            if let Some(id) = link.strip_prefix('#') {
                assert!(
                    html.contains(&format!("id=\"{id}\"")),
                    "{page}: {link}: no such id"
                );
                checked += 1;
                continue;
            }
            assert!(
                !link.starts_with('/'),
                "{page}: absolute link {link} breaks sub-path hosting"
            );
            let (path, fragment) = link.split_once('#').unwrap_or((&link, ""));
            let target =
                resolve(page, path).unwrap_or_else(|| panic!("{page}: {link} leaves the site"));
            assert!(
                root.join(&target).is_file(),
                "{page}: {link} -> {target} does not exist"
            );
            if !fragment.is_empty() {
                let text = ids
                    .entry(target.clone())
                    .or_insert_with(|| fs::read_to_string(root.join(&target)).unwrap());
                assert!(
                    text.contains(&format!("id=\"{fragment}\"")),
                    "{page}: {link}: no such id"
                );
            }
            checked += 1;
        }
    }
    assert!(checked > 5000, "only {checked} links checked");

    // Every page is reachable from the index by following links.
    let mut seen = BTreeSet::from(["index.html".to_owned()]);
    let mut queue = VecDeque::from(["index.html".to_owned()]);
    while let Some(page) = queue.pop_front() {
        let html = fs::read_to_string(root.join(&page)).unwrap();
        for link in links(&html) {
            let path = link.split('#').next().unwrap_or_default();
            if path.ends_with(".html") && !link.contains("://") {
                let t = resolve(&page, path).unwrap();
                if seen.insert(t.clone()) {
                    queue.push_back(t);
                }
            }
        }
    }
    // The 404 page is served for missing paths, not linked.
    seen.insert("404.html".to_owned());
    let orphans: Vec<_> = all.difference(&seen).collect();
    assert!(
        orphans.is_empty(),
        "not reachable from the index: {orphans:?}"
    );
}

#[test]
fn every_entry_page_says_everything_the_catalogue_knows() {
    let root = build(
        "site-entries",
        &SiteOptions::default().base_url("https://errors.example.com/tt"),
    );
    for c in AnyCode::all() {
        let e = c.entry();
        let path = e.docs_path();
        let html =
            fs::read_to_string(root.join(&path)).unwrap_or_else(|err| panic!("{path}: {err}"));
        assert!(
            html.contains(&format!(
                "<link rel=\"canonical\" href=\"https://errors.example.com/tt/{path}\">"
            )),
            "{path}: canonical link"
        );
        for heading in [
            "What it means",
            "How to fix it",
            "Where this comes from",
            "Sources",
        ] {
            assert!(html.contains(heading), "{path}: no {heading}");
        }
        assert!(
            html.contains(e.category().label().replace('&', "&amp;").as_str()),
            "{path}"
        );
        assert!(
            html.contains(&format!("<strong>{}</strong>", retry_label(e.retry()))),
            "{path}: the retry class in words"
        );
        assert!(
            html.contains(&e.retry().advice().replace('\'', "&#39;")),
            "{path}: retry advice"
        );
        assert!(
            html.contains(&format!("::{}</code>", e.name())),
            "{path}: Rust name"
        );
        for s in e.http_statuses() {
            assert!(html.contains(&s.to_string()), "{path}: HTTP {s}");
        }
        for src in e.provenance().sources() {
            assert!(
                html.contains(&src.replace('&', "&amp;")),
                "{path}: source {src}"
            );
        }
        for d in e.provenance().disagreements() {
            assert!(html.contains("Other readings"), "{path}");
            // The project's seed numbers are left out of the source's name.
            if !d.source().starts_with("Seed ") {
                assert!(
                    html.contains(&d.source().replace('&', "&amp;").replace('\'', "&#39;")),
                    "{path}"
                );
            }
        }
        for carrier in e.carried_by() {
            assert!(
                html.contains(&format!("../{}", carrier.entry().docs_path())),
                "{path}: carried by {carrier}"
            );
        }
        if e.channels().fail_reason() {
            assert!(html.contains("data.fail_reason"), "{path}");
        }
    }
    // An Ads code lists the diagnoses it carries.
    let html = fs::read_to_string(root.join("ads/40002.html")).unwrap();
    assert!(html.contains("../ads-diagnosis/BID_TOO_LOW.html"));
    // 40100 means different things in Ads and Business Messaging: each page links the other.
    let html = fs::read_to_string(root.join("ads/40100.html")).unwrap();
    assert!(html.contains("../business-messaging/40100.html"));
    assert!(html.contains(&Retry::Throttled.advice().replace('\'', "&#39;")));
}

#[test]
fn text_from_the_catalogue_is_escaped() {
    let root = build("site-escape", &SiteOptions::default());
    for page in pages(&root) {
        let html = fs::read_to_string(root.join(&page)).unwrap();
        // The only tags are the generator's own: no `<` from prose survives unescaped.
        for (i, _) in html.match_indices('<') {
            let tag: String = html[i + 1..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '/' || *c == '!')
                .collect();
            assert!(
                [
                    "!doctype",
                    "html",
                    "/html",
                    "head",
                    "/head",
                    "meta",
                    "title",
                    "/title",
                    "link",
                    "body",
                    "/body",
                    "header",
                    "/header",
                    "nav",
                    "/nav",
                    "a",
                    "/a",
                    "main",
                    "/main",
                    "footer",
                    "/footer",
                    "script",
                    "/script",
                    "h1",
                    "/h1",
                    "h2",
                    "/h2",
                    "h3",
                    "/h3",
                    "p",
                    "/p",
                    "code",
                    "/code",
                    "dl",
                    "/dl",
                    "dt",
                    "/dt",
                    "dd",
                    "/dd",
                    "ul",
                    "/ul",
                    "ol",
                    "/ol",
                    "li",
                    "/li",
                    "table",
                    "/table",
                    "thead",
                    "/thead",
                    "tbody",
                    "/tbody",
                    "tr",
                    "/tr",
                    "th",
                    "/th",
                    "td",
                    "/td",
                    "strong",
                    "/strong",
                    "section",
                    "/section",
                    "form",
                    "/form",
                    "label",
                    "/label",
                    "input",
                    "textarea",
                    "/textarea",
                    "div",
                    "/div",
                    "select",
                    "/select",
                    "option",
                    "/option",
                    "button",
                    "/button",
                    "noscript",
                    "/noscript",
                    "h4",
                    "/h4",
                    "span",
                    "/span",
                    "time",
                    "/time",
                    "base",
                ]
                .contains(&tag.as_str()),
                "{page}: unexpected <{tag}"
            );
        }
    }
}

#[cfg(feature = "cli")]
#[test]
fn the_cli_writes_the_site_and_reports_what_it_wrote() {
    use std::process::Command;
    let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join("site-cli");
    let _ = fs::remove_dir_all(&out);
    let o = Command::new(env!("CARGO_BIN_EXE_tiktok-errors"))
        .args([
            "site",
            "--out",
            out.to_str().unwrap(),
            "--base-url",
            "https://example.com/e",
        ])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let said = String::from_utf8(o.stdout).unwrap();
    assert!(
        said.starts_with("wrote ")
            && said.contains(&format!("({} entries", AnyCode::all().count())),
        "{said}"
    );
    let page = fs::read_to_string(out.join("ads/40100.html")).unwrap();
    assert!(page.contains("href=\"https://example.com/e/ads/40100.html\""));
    for f in [
        "index.html",
        "style.css",
        "app.js",
        "catalog.json",
        "catalog.schema.json",
    ] {
        assert!(out.join(f).is_file(), "{f}");
    }
    let export: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(out.join("catalog.json")).unwrap()).unwrap();
    assert_eq!(export, tiktok_errors::report::catalog_json());

    // A folder that cannot be created is exit status 1 with a message.
    let file = out.join("index.html");
    let o = Command::new(env!("CARGO_BIN_EXE_tiktok-errors"))
        .args(["site", "--out", file.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("cannot write the site"));
}

#[test]
fn the_rate_limit_page_lists_every_row_and_is_linked_from_the_index() {
    let root = build("site-limits", &SiteOptions::default());
    let index = fs::read_to_string(root.join("index.html")).unwrap();
    assert!(index.contains("href=\"limits.html\""));
    let html = fs::read_to_string(root.join("limits.html")).unwrap();
    for r in tiktok_errors::limits::rows() {
        let name = r.path().unwrap_or(r.name());
        assert!(html.contains(name), "{name} missing");
        assert!(
            html.contains(&r.source().replace('&', "&amp;")),
            "{name}: source"
        );
    }
    // Numbers as TikTok's tables print them, tier by tier.
    for cell in [
        "<td>Basic</td><td>5</td><td>150</td><td>86,400</td>",
        "4,320,000",
        "100,000 records",
    ] {
        assert!(html.contains(cell), "{cell}");
    }
    // Narrow: no table on the page has more than four columns (a 390 px phone).
    for table in html.split("<table").skip(1) {
        let head = &table[..table.find("</tr>").unwrap()];
        assert!(head.matches("<th>").count() <= 4, "{head}");
    }
}

#[test]
fn the_shop_pages_list_the_conditions_of_overloaded_codes() {
    let root = build("site-shop", &SiteOptions::default());
    let index = fs::read_to_string(root.join("shop/index.html")).unwrap();
    assert!(
        index.contains("36009004"),
        "the family index lists the code"
    );
    let page = fs::read_to_string(root.join("shop/36009004.html")).unwrap();
    assert!(page.contains("Conditions reported with this code"));
    // Every condition is on the page of the code that carries it (36009004 and two others).
    for c in tiktok_errors::ShopCondition::ALL {
        let page = fs::read_to_string(root.join(format!("shop/{}.html", c.code().code()))).unwrap();
        assert!(page.contains("Conditions reported with this code"), "{c}");
        assert!(page.contains(&format!("id=\"{}\"", c.name())), "{c}");
    }
    assert!(page.contains("tiktok_errors::ShopCode::InvalidRequestCommon"));
    let nav = fs::read_to_string(root.join("index.html")).unwrap();
    assert!(nav.contains("shop/index.html"));
}

/// The `content` of the page's `<meta name="description">`.
fn description(html: &str) -> Option<&str> {
    let at = html.find("<meta name=\"description\" content=\"")? + 34;
    let end = html[at..].find('"')?;
    Some(&html[at..at + end])
}

#[test]
fn every_page_is_in_the_sitemap_and_has_its_own_description() {
    let root = build(
        "site-sitemap",
        &SiteOptions::default().base_url("https://errors.example.com/tt"),
    );
    let sitemap = fs::read_to_string(root.join("sitemap.xml")).unwrap();
    let listed: BTreeSet<String> = sitemap
        .split("<loc>")
        .skip(1)
        .map(|l| {
            let url = &l[..l.find("</loc>").unwrap()];
            url.strip_prefix("https://errors.example.com/tt/")
                .unwrap_or_else(|| panic!("{url} outside the site"))
                .to_owned()
        })
        .collect();
    let mut all = pages(&root);
    // The 404 page is served for missing paths, not listed.
    assert!(all.remove("404.html"));
    assert_eq!(listed, all, "the sitemap lists exactly the pages");
    let robots = fs::read_to_string(root.join("robots.txt")).unwrap();
    assert!(robots.contains("Sitemap: https://errors.example.com/tt/sitemap.xml"));

    let mut seen: HashMap<String, String> = HashMap::new();
    for page in &all {
        let html = fs::read_to_string(root.join(page)).unwrap();
        let d = description(&html).unwrap_or_else(|| panic!("{page}: no meta description"));
        let text = d
            .replace("&#39;", "'")
            .replace("&amp;", "&")
            .replace("&quot;", "\"");
        assert!(
            text.len() > 40 && text.chars().count() <= 161,
            "{page}: {d:?}"
        );
        if let Some(other) = seen.insert(d.to_owned(), page.clone()) {
            panic!("{page} and {other} share the description {d:?}");
        }
    }
    let html = fs::read_to_string(root.join("ads/40100.html")).unwrap();
    assert!(description(&html)
        .unwrap()
        .starts_with("TikTok Ads (Marketing API) error 40100 (Too many requests)"));
}

#[test]
fn the_404_page_links_from_the_published_root() {
    let root = build(
        "site-404",
        &SiteOptions::default().base_url("https://errors.example.com/tt"),
    );
    let html = fs::read_to_string(root.join("404.html")).unwrap();
    assert!(html.contains("<base href=\"https://errors.example.com/tt/\">"));
    assert!(html.contains("<meta name=\"robots\" content=\"noindex\">"));
    assert!(!html.contains("rel=\"canonical\""));
    assert!(html.contains("Page not found"));
    assert!(html.contains("href=\"style.css\""));
}

#[test]
fn pages_read_as_prose_for_people() {
    let root = build("site-prose", &SiteOptions::default());
    for page in pages(&root) {
        let html = fs::read_to_string(root.join(&page)).unwrap();
        // Backticks become <code>; build notes and seed numbers stay in codes/.
        assert!(!html.contains('`'), "{page}: a raw backtick");
        assert!(!html.contains("codes/README.md"), "{page}: a build note");
        // The project's seed documents are its own business: pages name sources, not seeds.
        assert!(
            !html.to_ascii_lowercase().contains("seed"),
            "{page}: a seed"
        );
        // Every section heading can be linked: an id and an anchor to it.
        for tag in ["<h2", "<h3", "<h4"] {
            for (i, _) in html.match_indices(tag) {
                let head = &html[i..i + html[i..].find("</h").unwrap()];
                assert!(head.starts_with(&format!("{tag} id=\"")), "{page}: {head}");
                assert!(head.contains("class=\"anchor\""), "{page}: {head}");
            }
        }
        // The retry class in words in the tables, not the data's tokens.
        for token in [
            "fix_request",
            "refresh_token",
            "account_action",
            "not_needed",
            "throttled",
        ] {
            assert!(
                !html.contains(&format!("<td>{token}</td>")),
                "{page}: {token}"
            );
        }
    }
    // A code's title with backticks renders them as code (escaped inside).
    let with_ticks = AnyCode::all()
        .find(|c| c.entry().description().contains('`'))
        .expect("an entry whose prose has backticks");
    let html = fs::read_to_string(root.join(with_ticks.entry().docs_path())).unwrap();
    assert!(html.contains("<code>"), "{with_ticks}");
}

#[test]
fn the_index_lists_every_entry_by_family_and_area() {
    let root = build("site-browse", &SiteOptions::default());
    let index = fs::read_to_string(root.join("index.html")).unwrap();
    let browse = &index[index
        .find("<section id=\"browse\">")
        .expect("browse section")..];
    let browse = &browse[..browse.find("</section>").unwrap()];
    for c in AnyCode::all() {
        let e = c.entry();
        assert_eq!(
            browse
                .matches(&format!("<a href=\"{}\">", e.docs_path()))
                .count(),
            1,
            "{c}"
        );
    }
    for f in [
        "ads",
        "ads-diagnosis",
        "content-posting",
        "business-messaging",
        "oauth",
        "shop",
    ] {
        assert!(browse.contains(&format!("<h3 id=\"all-{f}\">")), "{f}");
    }
    // Grouped by area within each family.
    assert!(browse.matches("<h4 id=").count() > 20);
    // The search box submits ?q= (read by app.js), so a search is a link.
    assert!(index.contains("<input id=\"q\" name=\"q\""));
    assert!(index.contains("aria-live=\"polite\""));
    // The skip link comes first.
    let body = &index[index.find("<body").unwrap()..];
    assert!(body[body.find('>').unwrap() + 1..]
        .trim_start()
        .starts_with("<a class=\"skip\" href=\"#q\">"));
}

#[test]
fn entry_pages_link_their_source_line_with_the_review_date_and_related_codes() {
    let root = build("site-edit", &SiteOptions::default());
    let repo = env!("CARGO_PKG_REPOSITORY");
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("codes");
    let mut files: HashMap<String, Vec<String>> = HashMap::new();
    let mut with_related = 0;
    for c in AnyCode::all() {
        let e = c.entry();
        let path = e.docs_path();
        let html = fs::read_to_string(root.join(&path)).unwrap();
        let prefix = format!("<a href=\"{repo}/blob/main/codes/");
        let at = html
            .find(&prefix)
            .unwrap_or_else(|| panic!("{path}: no edit link"))
            + prefix.len();
        let link = &html[at..at + html[at..].find('"').unwrap()];
        let (file, line) = link.split_once("#L").unwrap();
        let line: usize = line.parse().unwrap();
        let lines = files.entry(file.to_owned()).or_insert_with(|| {
            fs::read_to_string(dir.join(file))
                .unwrap()
                .lines()
                .map(str::to_owned)
                .collect()
        });
        let code = match e.code() {
            tiktok_errors::WireCode::Int(i) => format!("code = {i}"),
            tiktok_errors::WireCode::Str(s) => format!("code = \"{s}\""),
        };
        assert_eq!(lines[line - 1], code, "{path}: {link}");
        assert!(
            html.contains("<dt>Last reviewed</dt><dd><time datetime=\"20"),
            "{path}"
        );
        if html.contains("<h2 id=\"related-codes\">") {
            with_related += 1;
        }
    }
    assert!(
        with_related > AnyCode::all().count() / 2,
        "{with_related} pages with related codes"
    );
    // 40002's conditions, grouped by area under headings.
    let html = fs::read_to_string(root.join("ads/40002.html")).unwrap();
    let conditions = &html[html
        .find("id=\"conditions-reported-with-this-code\"")
        .unwrap()..];
    assert!(conditions.matches("<h3 id=").count() >= 5);
}
