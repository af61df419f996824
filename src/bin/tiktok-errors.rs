//! `tiktok-errors`: explain, decode, search, list and export TikTok API error codes.
//!
//! Exit status: 0 whatever TikTok's response or the catalogue says (an unknown code is an
//! answer, not a failure); 1 when a file cannot be read or output cannot be written; 2 for
//! usage errors.

use std::io::{self, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use serde_json::Value;
use tiktok_errors::limits::{for_path, rows, Count, Row, Surface, Tier, Window};
use tiktok_errors::report::{
    catalog_json, entry_json, limit_row_json, path_limits_json, result_json, unknown_json,
    ErrorReport,
};
use tiktok_errors::retry::{Attempt, Decision, RetryPolicy};
use tiktok_errors::search::{search, MatchKind, SearchOptions};
use tiktok_errors::{lookup, AnyCode, Api, Category, Decoder, Entry, EntryKind, TikTokError, Wait};

#[derive(Parser)]
#[command(
    name = "tiktok-errors",
    version,
    about = "Explain and decode TikTok API error codes"
)]
struct Cli {
    /// Decide as if it were this time (Unix seconds, UTC) instead of the system clock: decisions
    /// that wait for 00:00 UTC or a `Retry-After` date then print the same on every run.
    #[arg(long, global = true, value_name = "UNIX_SECONDS")]
    now: Option<u64>,
    #[command(subcommand)]
    command: Command,
}

/// The time decisions are taken at: `--now`, else the system clock.
static NOW: std::sync::OnceLock<std::time::SystemTime> = std::sync::OnceLock::new();

fn now() -> std::time::SystemTime {
    NOW.get()
        .copied()
        .unwrap_or_else(std::time::SystemTime::now)
}

#[derive(Subcommand)]
enum Command {
    /// Everything the catalogue knows about a code, alias or diagnosis name, in every API where
    /// it exists.
    Explain {
        /// A wire code (40100, access_token_invalid), an alias or a diagnosis (BID_TOO_LOW).
        code: String,
        /// Only this API family.
        #[arg(long, value_parser = parse_api)]
        api: Option<Api>,
        /// One JSON object per match (JSON Lines).
        #[arg(long)]
        json: bool,
    },
    /// Decode a raw TikTok response body from FILE or standard input.
    Decode {
        /// The API family (detected from the body's shape when omitted).
        #[arg(long, value_parser = parse_api)]
        api: Option<Api>,
        /// The HTTP status of the response.
        #[arg(long, value_parser = clap::value_parser!(u16).range(100..=599))]
        status: Option<u16>,
        /// Print one JSON object.
        #[arg(long)]
        json: bool,
        /// The body; standard input when omitted or `-`.
        file: Option<PathBuf>,
    },
    /// Find entries by code, name or phrase ("budget too low", "pending share").
    Search {
        /// The words to look for.
        #[arg(required = true, num_args = 1..)]
        words: Vec<String>,
        /// Only this API family.
        #[arg(long, value_parser = parse_api)]
        api: Option<Api>,
        /// Only this category (e.g. rate-limit, campaign-management).
        #[arg(long, value_parser = parse_category)]
        category: Option<Category>,
        /// At most this many results.
        #[arg(long, default_value_t = 10)]
        limit: usize,
        /// One JSON object per result (JSON Lines), shaped as `explain --json`.
        #[arg(long)]
        json: bool,
    },
    /// List the catalogue, grouped by category.
    List {
        /// Only this API family.
        #[arg(long, value_parser = parse_api)]
        api: Option<Api>,
        /// Only this category.
        #[arg(long, value_parser = parse_category)]
        category: Option<Category>,
        /// One JSON object per entry (JSON Lines), shaped as `explain --json`.
        #[arg(long)]
        json: bool,
    },
    /// Generate the error index: a static site with a page per entry (see `site/build.sh` for
    /// the WebAssembly search and decode boxes).
    Site {
        /// The folder to write into (created if missing).
        #[arg(long)]
        out: PathBuf,
        /// Where the site will be published (for canonical links); defaults to the crate's
        /// DOCS_BASE_URL.
        #[arg(long)]
        base_url: Option<String>,
    },
    /// TikTok's published rate limits: for one request PATH (a URL or a path), or the whole
    /// table at a tier.
    Limits {
        /// The Business API tier: basic, advanced, premium or ultimate (any case).
        #[arg(long, value_parser = parse_tier, default_value = "basic")]
        tier: Tier,
        /// A request URL or path (`/open_api/v1.3/ad/create/`, `/v2/user/info/`); the whole
        /// table when omitted.
        path: Option<String>,
        /// JSON: one object for PATH; without PATH one object per row (JSON Lines), shaped as the
        /// export's `limits`.
        #[arg(long)]
        json: bool,
    },
    /// Write the whole catalogue, every field included, for other tools.
    Export {
        /// The output format.
        #[arg(long, value_enum, default_value_t = Format::Json)]
        format: Format,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Json,
}

fn parse_api(s: &str) -> Result<Api, String> {
    s.parse().map_err(|_| {
        "expected one of: ads, content-posting, business-messaging, oauth, shop".to_owned()
    })
}

fn parse_tier(s: &str) -> Result<Tier, String> {
    s.parse()
        .map_err(|e: tiktok_errors::limits::UnknownTier| e.to_string())
}

/// Flags spell names with `-` (`--category rate-limit`); the `_` spelling is still accepted.
fn parse_category(s: &str) -> Result<Category, String> {
    match s.parse::<Category>() {
        Ok(Category::Unknown) | Err(_) => {
            let names: Vec<String> = tiktok_errors::AnyCode::all()
                .map(|c| c.entry().category().as_str())
                .collect::<std::collections::BTreeSet<_>>()
                .into_iter()
                .map(|n| n.replace('_', "-"))
                .collect();
            Err(format!("expected one of: {}", names.join(", ")))
        }
        Ok(c) => Ok(c),
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    if let Some(secs) = cli.now {
        let _ = NOW.set(std::time::UNIX_EPOCH + std::time::Duration::from_secs(secs));
    }
    let mut out = io::stdout().lock();
    let result = match cli.command {
        Command::Explain { code, api, json } => explain(&mut out, &code, api, json),
        Command::Decode {
            api,
            status,
            json,
            file,
        } => match read_body(file) {
            Ok(body) => decode(&mut out, api, status, json, &body),
            Err(e) => {
                eprintln!("tiktok-errors: {e}");
                return ExitCode::from(1);
            }
        },
        Command::Search {
            words,
            api,
            category,
            limit,
            json,
        } => {
            let mut opts = SearchOptions::default().limit(limit);
            if let Some(a) = api {
                opts = opts.api(a);
            }
            if let Some(c) = category {
                opts = opts.category(c);
            }
            let query = words.join(" ");
            let hits = search(&query, &opts);
            // Why each entry a pasted message describes was listed (hints, words in its name),
            // and which condition a wire code carries.
            let why = if tiktok_errors::search::looks_like_message(&query) {
                tiktok_errors::message::diagnose(&query, api)
            } else {
                Vec::new()
            };
            let explain = |code: AnyCode| -> Option<String> {
                if let Some(d) = why.iter().find(|d| d.code() == code) {
                    return Some(d.explain());
                }
                let carried: Vec<String> = hits
                    .iter()
                    .filter(|h| h.kind() == MatchKind::Message)
                    .filter(|h| {
                        h.code()
                            .entry()
                            .carried_by()
                            .any(|c| AnyCode::Ads(c) == code)
                    })
                    .map(|h| h.code().entry().code().to_string())
                    .collect();
                if !carried.is_empty() {
                    return Some(format!("carries {}", carried.join(", ")));
                }
                tiktok_errors::message::read_message(&query)
                    .kind()
                    .map(|k| format!("the message reports: {}", k.label()))
            };
            let described = hits.first().is_some_and(|h| h.kind() == MatchKind::Message);
            if !json
                && !described
                && tiktok_errors::search::looks_like_message(&query)
                && !hits.is_empty()
            {
                let _ = writeln!(
                    out,
                    "No catalogue entry clearly matches this message; the closest by words:"
                );
            }
            if json {
                hits.iter().try_for_each(|h| {
                    let mut v = entry_json(h.code());
                    v["match"] = serde_json::json!(h.kind());
                    if h.kind() == MatchKind::Message {
                        if let Some(w) = explain(h.code()) {
                            v["why"] = serde_json::json!([w]);
                        }
                    }
                    json_line(&mut out, &v)
                })
            } else if hits.is_empty() {
                writeln!(out, "No entry matches \"{query}\".")
            } else {
                hits.iter().try_for_each(|h| {
                    summary_line(&mut out, h.code())?;
                    match (h.kind(), explain(h.code())) {
                        (MatchKind::Message, Some(w)) => wrap(&mut out, "    ", &w),
                        _ => Ok(()),
                    }
                })
            }
        }
        Command::List {
            api,
            category,
            json,
        } => list(&mut out, api, category, json),
        Command::Site { out: dir, base_url } => {
            let mut opts = tiktok_errors::site::SiteOptions::default();
            if let Some(url) = base_url {
                opts = opts.base_url(&url);
            }
            match tiktok_errors::site::generate(&dir, &opts) {
                Ok(w) => writeln!(
                    out,
                    "wrote {} pages ({} entries, {} bytes) to {}",
                    w.pages,
                    w.entries,
                    w.bytes,
                    dir.display()
                ),
                Err(e) => {
                    eprintln!(
                        "tiktok-errors: cannot write the site to {}: {e}",
                        dir.display()
                    );
                    return ExitCode::from(1);
                }
            }
        }
        Command::Limits { tier, path, json } => limits(&mut out, tier, path.as_deref(), json),
        Command::Export {
            format: Format::Json,
        } => serde_json::to_writer_pretty(&mut out, &catalog_json())
            .map_err(io::Error::from)
            .and_then(|()| writeln!(out)),
    };
    finish(result, &mut out)
}

/// Flushes and turns the outcome into the exit code.
fn finish(result: io::Result<()>, out: &mut impl Write) -> ExitCode {
    match result.and_then(|()| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        // A closed pipe (`| head`) is not an error worth a message.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("tiktok-errors: cannot write output: {e}");
            ExitCode::from(1)
        }
    }
}

fn read_body(file: Option<PathBuf>) -> io::Result<Vec<u8>> {
    let mut body = Vec::new();
    match file {
        Some(p) if p.as_os_str() != "-" => {
            body = std::fs::read(&p).map_err(|e| {
                io::Error::new(e.kind(), format!("cannot read {}: {e}", p.display()))
            })?;
        }
        _ => {
            io::stdin().lock().read_to_end(&mut body)?;
        }
    }
    Ok(body)
}

fn json_line(out: &mut impl Write, v: &Value) -> io::Result<()> {
    serde_json::to_writer(&mut *out, v)?;
    writeln!(out)
}

/// Finds the entries for `code`; SDK constant names are also accepted with their `ERROR_CODE_`
/// prefix.
fn find(code: &str, api: Option<Api>) -> Vec<AnyCode> {
    let mut hits = lookup(code);
    if hits.is_empty() {
        let t = code.trim();
        if let Some(rest) = t
            .get(..11)
            .filter(|p| p.eq_ignore_ascii_case("ERROR_CODE_"))
            .and(t.get(11..))
        {
            hits = lookup(rest);
        }
    }
    hits.iter()
        .copied()
        .filter(|c| api.is_none_or(|a| c.api() == a))
        .collect()
}

fn explain(out: &mut impl Write, code: &str, api: Option<Api>, json: bool) -> io::Result<()> {
    let hits = find(code, api);
    if hits.is_empty() {
        return if json {
            json_line(out, &unknown_json(code.trim(), api))
        } else {
            let scope = api.map_or(String::new(), |a| format!(" for the {a} API"));
            writeln!(
                out,
                "`{}` is not in the catalogue{scope} (known: false).",
                code.trim()
            )?;
            writeln!(
                out,
                "Try `tiktok-errors search {}` to look for it by words.",
                code.trim()
            )
        };
    }
    for (i, c) in hits.iter().enumerate() {
        if json {
            json_line(out, &entry_json(*c))?;
        } else {
            if i > 0 {
                writeln!(out)?;
            }
            explain_text(out, *c)?;
        }
    }
    Ok(())
}

fn heading(c: AnyCode) -> String {
    let e = c.entry();
    let what = if e.kind() == EntryKind::Diagnosis {
        "Ads diagnosis"
    } else {
        e.api().label()
    };
    format!("{what} {} — {}", e.code(), e.title())
}

fn wrap(out: &mut impl Write, indent: &str, text: &str) -> io::Result<()> {
    for para in text.split("\n\n") {
        let mut line = String::new();
        for word in para.split_whitespace() {
            if !line.is_empty() && line.len() + word.len() + 1 > 92 {
                writeln!(out, "{indent}{line}")?;
                line.clear();
            }
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
        if !line.is_empty() {
            writeln!(out, "{indent}{line}")?;
        }
    }
    Ok(())
}

fn retry_text(e: &Entry) -> String {
    match e.wait() {
        Some(w) => format!("{} (wait {w})", e.retry()),
        None => e.retry().to_string(),
    }
}

/// The default retry policy's decision (whole backoff steps, no jitter) for the first send, in
/// words; a request that is not idempotent gets its own words when they differ.
fn decision_words<D: PartialEq + std::fmt::Display>(decide: impl Fn(Attempt) -> D) -> String {
    let idempotent = decide(Attempt::first(true));
    let not = decide(Attempt::first(false));
    if idempotent == not {
        idempotent.to_string()
    } else {
        format!("{idempotent} if the request is idempotent; otherwise {not}")
    }
}

fn decision_text(e: &TikTokError) -> String {
    let policy = RetryPolicy::default().jitter(false);
    let now = now();
    // In the words of the API that answered (TikTok Shop's terms for a Shop error).
    decision_words(|a| policy.decide_at(e, a, now).words_for(e))
}

fn entry_decision_text(e: &Entry) -> String {
    let policy = RetryPolicy::default().jitter(false);
    let now = now();
    decision_words(|a| match (policy.decide_entry(e, a, now), e.wait()) {
        // A code's fixed window is relative to whenever it happens, not to now.
        (Decision::Reschedule { .. }, Some(w @ Wait::Seconds(_))) => {
            format!("reschedule after {w} (too long to sleep)")
        }
        (Decision::Reschedule { after, .. }, None) if e.reschedules() => {
            let w = Wait::Seconds(u32::try_from(after.as_secs()).unwrap_or(u32::MAX));
            format!("reschedule after {w} (TikTok documents no window)")
        }
        (d, _) => d.to_string(),
    })
}

fn explain_text(out: &mut impl Write, c: AnyCode) -> io::Result<()> {
    let e = c.entry();
    let p = e.provenance();
    writeln!(out, "{}", heading(c))?;
    let mut facts = vec![
        format!("name: {}", e.name()),
        format!("category: {}", e.category()),
        format!("retry: {}", retry_text(e)),
    ];
    if !e.http_statuses().is_empty() {
        let s: Vec<String> = e.http_statuses().iter().map(u16::to_string).collect();
        facts.push(format!("HTTP: {}", s.join("/")));
    }
    writeln!(out, "  {}", facts.join(" · "))?;
    writeln!(out, "  decision: {}", entry_decision_text(e))?;
    if !e.aliases().is_empty() {
        writeln!(
            out,
            "  aliases: {}",
            e.aliases().collect::<Vec<_>>().join(", ")
        )?;
    }
    if e.channels().error_code() || e.channels().fail_reason() {
        let ch: Vec<&str> = [
            (e.channels().error_code(), "error.code"),
            (e.channels().fail_reason(), "data.fail_reason"),
        ]
        .iter()
        .filter(|(on, _)| *on)
        .map(|(_, n)| *n)
        .collect();
        writeln!(out, "  appears as: {}", ch.join(" and "))?;
    }
    if e.kind() == EntryKind::Diagnosis {
        let carried: Vec<String> = e.carried_by_codes().iter().map(i64::to_string).collect();
        if carried.is_empty() {
            writeln!(
                out,
                "  not an API error: TikTok reports it outside API responses"
            )?;
        } else {
            writeln!(
                out,
                "  arrives as Ads code {} with a free-text message",
                carried.join(" or ")
            )?;
        }
    }
    writeln!(
        out,
        "  evidence: {}{}",
        p.evidence().as_str(),
        if p.verified() {
            " (verified by TikTok's own material)"
        } else {
            " (unverified)"
        }
    )?;
    writeln!(out)?;
    wrap(out, "  ", e.description())?;
    writeln!(out)?;
    writeln!(out, "  Fix:")?;
    wrap(out, "    ", e.fix())?;
    if let Some(note) = p.note() {
        writeln!(out, "\n  Note:")?;
        wrap(out, "    ", note)?;
    }
    if !p.disagreements().is_empty() {
        writeln!(out, "\n  Other readings:")?;
        for d in p.disagreements() {
            wrap(out, "    ", &format!("- {}: {}", d.source(), d.says()))?;
        }
    }
    writeln!(out, "\n  Sources:")?;
    for s in p.sources() {
        writeln!(out, "    {s}")?;
    }
    writeln!(out, "\n  Page: {}", e.docs_url())?;
    Ok(())
}

fn summary_line(out: &mut impl Write, c: AnyCode) -> io::Result<()> {
    let e = c.entry();
    writeln!(
        out,
        "{:<62} [{}, {}]",
        heading(c),
        e.category(),
        retry_text(e)
    )
}

fn decode(
    out: &mut impl Write,
    api: Option<Api>,
    status: Option<u16>,
    json: bool,
    body: &[u8],
) -> io::Result<()> {
    let mut decoder = match api {
        Some(a) => Decoder::new(a),
        None => Decoder::detect(),
    };
    if let Some(st) = status {
        decoder = decoder.status(st);
    }
    let result = decoder.decode(body);
    if json {
        let v = match &result {
            Err(e) => serde_json::to_value(ErrorReport::at(e, Some(now()))).unwrap_or(Value::Null),
            Ok(_) => result_json(&result, status),
        };
        return json_line(out, &v);
    }
    match result {
        Ok(s) => {
            let what = if s.is_partial() {
                "partial success: check each item in data"
            } else {
                "success"
            };
            let id = s
                .request_id()
                .map_or(String::new(), |r| format!(" [request_id: {r}]"));
            writeln!(out, "{what} ({} API){id}", s.api())?;
            writeln!(out, "  data: {} bytes", s.data_json().map_or(0, str::len))
        }
        Err(e) => {
            writeln!(out, "{e}")?;
            let mut facts = vec![
                format!("category: {}", e.category()),
                format!("retry: {}", e.retry()),
            ];
            if let Some(wait) = e.retry_after() {
                facts.push(format!("wait: {} s", wait.as_secs()));
            }
            if !e.is_known() && !matches!(e, TikTokError::Malformed(_)) {
                facts.push("code not in the catalogue".to_owned());
            }
            writeln!(out, "  {}", facts.join(" · "))?;
            writeln!(out, "  decision: {}", decision_text(&e))?;
            if let Some(fix) = e.fix() {
                writeln!(out, "  Fix:")?;
                wrap(out, "    ", fix)?;
            }
            message_reading(out, &e.details(), &e.diagnoses())?;
            if let TikTokError::Shop(shop) = &e {
                if let Some(c) = shop.shop_condition() {
                    writeln!(out, "  condition: {} ({})", c.name(), c.title())?;
                }
            }
            if let Some(link) = e.tiktok_link() {
                writeln!(out, "  TikTok: {link}")?;
            }
            if let Some(url) = e.docs_url() {
                writeln!(out, "  Page: {url}")?;
            }
            Ok(())
        }
    }
}

/// What the message says and which known conditions it likely is (issue 13):
/// `field: x · received: y · accepted: a, b · invalid value · likely: CODE`, then one line of
/// reasons per diagnosis. Nothing when nothing was read.
fn message_reading(
    out: &mut impl Write,
    details: &tiktok_errors::message::MessageDetails<'_>,
    diagnoses: &[tiktok_errors::message::Diagnosis],
) -> io::Result<()> {
    let mut line = details.to_string();
    if !diagnoses.is_empty() {
        let names: Vec<String> = diagnoses.iter().map(|d| d.name()).collect();
        if !line.is_empty() {
            line.push_str(" · ");
        }
        line.push_str(&format!("likely: {}", names.join(", ")));
    }
    if line.is_empty() {
        return Ok(());
    }
    writeln!(out, "  Message: {line}")?;
    for d in diagnoses {
        let title = d.code().entry().title();
        wrap(
            out,
            "    ",
            &format!("{} ({title}): {}", d.name(), d.explain()),
        )?;
    }
    Ok(())
}

fn list(
    out: &mut impl Write,
    api: Option<Api>,
    category: Option<Category>,
    json: bool,
) -> io::Result<()> {
    let mut groups: std::collections::BTreeMap<Category, Vec<AnyCode>> = Default::default();
    for c in AnyCode::all() {
        let e = c.entry();
        if api.is_some_and(|a| a != e.api()) || category.is_some_and(|k| k != e.category()) {
            continue;
        }
        groups.entry(e.category()).or_default().push(c);
    }
    for (cat, codes) in &groups {
        if json {
            for c in codes {
                json_line(out, &entry_json(*c))?;
            }
            continue;
        }
        let n = codes.len();
        let noun = if n == 1 { "entry" } else { "entries" };
        writeln!(out, "## {} ({}, {n} {noun})", cat.label(), cat.as_str())?;
        for c in codes {
            let e = c.entry();
            let what = if e.kind() == EntryKind::Diagnosis {
                "Ads diagnosis"
            } else {
                e.api().label()
            };
            writeln!(
                out,
                "  {:<20} {:<40} {} [{}]",
                what,
                e.code().to_string(),
                e.title(),
                retry_text(e)
            )?;
        }
        writeln!(out)?;
    }
    if groups.is_empty() && !json {
        writeln!(out, "No entry matches these filters.")?;
    }
    Ok(())
}

fn limits(out: &mut impl Write, tier: Tier, path: Option<&str>, json: bool) -> io::Result<()> {
    match (path, json) {
        (Some(p), true) => json_line(out, &path_limits_json(p, tier, false)),
        (Some(p), false) => path_limits(out, tier, p),
        (None, true) => rows().try_for_each(|r| json_line(out, &limit_row_json(&r))),
        (None, false) => limits_table(out, tier),
    }
}

fn path_limits(out: &mut impl Write, tier: Tier, path: &str) -> io::Result<()> {
    let Some(l) = for_path(path, tier, false) else {
        writeln!(
            out,
            "`{path}` has no published rate limit (TikTok Shop's limits are dynamic; other paths are unknown)."
        )?;
        return writeln!(
            out,
            "A budget adapts to the throttling errors it sees for it instead."
        );
    };
    let what = match (l.surface(), l.endpoint()) {
        (Surface::Business, None) => {
            format!("Business API tier default (no override for this endpoint), tier {tier}")
        }
        (Surface::Business, Some(e)) => format!("Business API override {e}, tier {tier}"),
        (s, Some(e)) => format!("{s} {e} (the same at every tier)"),
        (s, None) => s.to_string(),
    };
    writeln!(out, "{path}: {what}")?;
    writeln!(out, "  {l}")?;
    writeln!(out, "  counted {}, {}", l.per(), l.reset())?;
    if let Some(r) = rows().find(|r| r.path() == l.endpoint() && r.surface() == l.surface()) {
        if let Some(n) = r.records_per_day() {
            writeln!(out, "  and at most {} records per day", Count(n))?;
        }
        if let Some(note) = r.note() {
            wrap(out, "  ", note)?;
        }
    }
    writeln!(out, "  source: {}", l.source())
}

fn row_label(r: &Row) -> String {
    match (r.surface(), r.path()) {
        (Surface::Business, None) if r.by_tier() && r.name().contains("tier default") => {
            "tier default (every other endpoint)".to_owned()
        }
        (Surface::Sandbox, _) => "every endpoint".to_owned(),
        (_, Some(p)) if r.prefix() => format!("{p}*"),
        (_, Some(p)) => p.to_owned(),
        (_, None) => format!("{} (no path)", r.name()),
    }
}

fn limits_table(out: &mut impl Write, tier: Tier) -> io::Result<()> {
    writeln!(out, "TikTok's published rate limits at tier {tier}")?;
    let surfaces = [
        Surface::Business,
        Surface::Sandbox,
        Surface::V2,
        Surface::ContentPosting,
        Surface::Research,
    ];
    for (s, r) in surfaces.iter().flat_map(|s| {
        rows()
            .filter(move |r| r.surface() == *s)
            .map(move |r| (*s, r))
    }) {
        if r == rows().find(|r| r.surface() == s).expect("the row itself") {
            writeln!(out)?;
            let scope = match s {
                Surface::Business => " · paths after /open_api/v1.N",
                Surface::Sandbox => " · every tier",
                _ => "",
            };
            writeln!(out, "{s} — {} · {}{scope}", r.per(), r.reset())?;
            writeln!(
                out,
                "  {:<40} {:>8} {:>9} {:>13}",
                "", "/second", "/minute", "/day"
            )?;
        }
        let l = r.limits(tier);
        let n = |w| {
            l.get(w)
                .map_or_else(|| "-".to_owned(), |n| Count(n).to_string())
        };
        let records = r
            .records_per_day()
            .map_or(String::new(), |n| format!("  + {} records/day", Count(n)));
        writeln!(
            out,
            "  {:<40} {:>8} {:>9} {:>13}{records}",
            row_label(&r),
            n(Window::Second),
            n(Window::Minute),
            n(Window::Day)
        )?;
    }
    writeln!(out)?;
    writeln!(
        out,
        "TikTok Shop's limits are dynamic and unpublished. Sources: `tiktok-errors limits --json`."
    )
}
