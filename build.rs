//! Generates the typed catalogue from the TOML files in `codes/`.
//!
//! For every family file this writes, into `OUT_DIR/catalog.rs`:
//! - a `#[non_exhaustive]` fieldless enum with one documented variant per entry,
//! - a static metadata table indexed by the variant's discriminant,
//! - `phf` maps from every wire code and alias to its variant,
//! - one cross-family `phf` map from the lowercased code/alias to every match.
//!
//! It also reads `codes/limits.toml` (TikTok's published rate limits) and writes
//! `OUT_DIR/limits.rs`: static rows and sorted path tables for `src/limits.rs`.
//!
//! Validation problems stop the build with `codes/<file>: entry #<n> (<code>): <problem>`
//! (`codes/limits.toml: business #<n> (<path>): <problem>` for the limits).
//! `tests/validator.rs` compiles this file as a module and feeds it broken fixtures, so every
//! item below except `main` is also a tested library.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::Path;

/// The families, in the order they are generated: (file stem, api key, enum name).
pub const FAMILIES: &[(&str, &str, &str)] = &[
    ("ads", "ads", "AdsCode"),
    ("ads_diagnoses", "ads-diagnosis", "AdsDiagnosis"),
    ("content_posting", "content-posting", "ContentPostingCode"),
    (
        "business_messaging",
        "business-messaging",
        "BusinessMessagingCode",
    ),
    ("oauth", "oauth", "OAuthCode"),
    ("shop", "shop", "ShopCode"),
];

/// Accepted `category` values, with the `Category` variant each becomes.
pub const CATEGORIES: &[(&str, &str)] = &[
    ("success", "Success"),
    ("authentication", "Authentication"),
    ("permission", "Permission"),
    ("rate_limit", "RateLimit"),
    ("invalid_request", "InvalidRequest"),
    ("not_found", "NotFound"),
    ("conflict", "Conflict"),
    ("media", "Media"),
    ("video_format", "VideoFormat"),
    ("spam", "Spam"),
    ("content_policy", "ContentPolicy"),
    ("app_status", "AppStatus"),
    ("account_status", "AccountStatus"),
    ("deprecated", "Deprecated"),
    ("server", "Server"),
    ("campaign_management", "CampaignManagement"),
    ("campaign_configuration", "CampaignConfiguration"),
    ("ad_group_configuration", "AdGroupConfiguration"),
    ("creative_and_ads", "CreativeAndAds"),
    ("pixel_and_tracking", "PixelAndTracking"),
    ("account_and_billing", "AccountAndBilling"),
    ("audiences_and_targeting", "AudiencesAndTargeting"),
    ("reporting_and_data", "ReportingAndData"),
    ("delivery_and_policy", "DeliveryAndPolicy"),
    ("catalog_and_products", "CatalogAndProducts"),
    ("spark_ads_and_creators", "SparkAdsAndCreators"),
    ("platform_and_system", "PlatformAndSystem"),
];

/// Accepted `retry` values, with the `Retry` variant each becomes.
pub const RETRIES: &[(&str, &str)] = &[
    ("transient", "Transient"),
    ("throttled", "Throttled"),
    ("refresh_token", "RefreshToken"),
    ("reauthorize", "Reauthorize"),
    ("fix_request", "FixRequest"),
    ("account_action", "AccountAction"),
    ("not_needed", "NotNeeded"),
];

/// Accepted `evidence` values, with the `Evidence` variant each becomes.
pub const EVIDENCE: &[(&str, &str)] = &[
    ("official", "Official"),
    ("official_name", "OfficialName"),
    ("third_party", "ThirdParty"),
    ("seed_only", "SeedOnly"),
];

/// Accepted `channels` values (Content Posting only).
pub const CHANNELS: &[&str] = &["error_code", "fail_reason"];

/// Accepted `seeds` values.
pub const SEEDS: &[&str] = &["000", "001", "004"];

/// A `[[code.hints]]` block: what a real message says when it reports this entry, for
/// `ApiError::diagnoses()`. Either a request `field` the message names, or `phrases` that must
/// all appear in it (lowercase, matched without regard to case), each backed by a `source`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawHint {
    pub field: Option<String>,
    pub phrases: Vec<String>,
    pub source: String,
}

/// A `[[code.conditions]]` block (`shop.toml` only): one named meaning of an overloaded code,
/// selected by the message: the first condition, in file order, with a keyword group whose every
/// phrase appears in the message (lowercased, quotes and backticks removed) is the one reported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawCondition {
    pub name: String,
    pub title: String,
    pub description: String,
    pub fix: String,
    pub category: String,
    pub retry: String,
    pub keywords: Vec<Vec<String>>,
    pub source: String,
}

/// A `[[code.disagreements]]` block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawDisagreement {
    pub source: String,
    pub says: String,
}

/// A wire code: integer or string.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Code {
    /// Integer code (Business API families).
    Int(i64),
    /// String code (v2, OAuth, diagnoses).
    Str(String),
}

impl Code {
    /// The code as text (what the string maps are keyed by).
    #[must_use]
    pub fn text(&self) -> String {
        match self {
            Code::Int(i) => i.to_string(),
            Code::Str(s) => s.clone(),
        }
    }
}

/// How long to wait before resending.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Wait {
    /// A fixed number of seconds.
    Seconds(u32),
    /// Until the next 00:00 UTC.
    UntilUtcMidnight,
}

/// One validated entry.
#[derive(Debug, Clone)]
pub struct Entry {
    pub code: Code,
    pub name: String,
    pub aliases: Vec<String>,
    pub title: String,
    pub description: String,
    pub fix: String,
    pub category: String,
    pub retry: String,
    pub wait: Option<Wait>,
    /// Throttled with no documented window, and a resend within a retry loop does not help:
    /// the work must be rescheduled.
    pub reschedule: bool,
    pub http_status: Vec<u16>,
    pub channels: Vec<String>,
    pub wire_codes: Vec<i64>,
    pub evidence: String,
    pub sources: Vec<String>,
    pub seeds: Vec<String>,
    pub note: Option<String>,
    pub disagreements: Vec<RawDisagreement>,
    pub hints: Vec<RawHint>,
    /// Named meanings of an overloaded code (`shop.toml` only).
    pub conditions: Vec<RawCondition>,
    /// When the entry was last checked against its sources (`YYYY-MM-DD`): its own `reviewed`,
    /// else the file's (`[family] reviewed`); `None` when neither says.
    pub reviewed: Option<String>,
    /// The line of the file where the entry's `code` is (from 1): the error index links it.
    pub line: usize,
}

/// One validated family file.
#[derive(Debug, Clone)]
pub struct Family {
    pub file: String,
    pub api: String,
    pub enum_name: String,
    pub int_codes: bool,
    /// `[family] reviewed`: the date every entry without its own `reviewed` was last checked.
    pub reviewed: Option<String>,
    pub entries: Vec<Entry>,
}

/// A `[[block]]` of an integer family: text every entry whose code lies in `from..=to` shares.
/// Its description follows each entry's own (as a paragraph of its own); its fix, if it has one,
/// is the fix of every entry in the range that has none.
#[derive(Debug, Clone)]
pub struct Block {
    pub from: i64,
    pub to: i64,
    pub description: String,
    pub fix: Option<String>,
}

/// Checks a `reviewed` date: `YYYY-MM-DD`, a real calendar day, in 2000-2099.
pub fn check_date(s: &str) -> Result<(), String> {
    let bad = |why: &str| {
        Err(format!(
            "reviewed = `{s}` is not a date (YYYY-MM-DD): {why}"
        ))
    };
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return bad("expected the form 2026-11-27");
    }
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        s.get(r)
            .filter(|d| d.bytes().all(|c| c.is_ascii_digit()))
            .and_then(|d| d.parse().ok())
    };
    let (Some(y), Some(m), Some(d)) = (num(0..4), num(5..7), num(8..10)) else {
        return bad("year, month and day must be digits");
    };
    if !(2000..=2099).contains(&y) {
        return bad("the year must be 2000-2099");
    }
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if y % 4 == 0 && (y % 100 != 0 || y % 400 == 0) => 29,
        2 => 28,
        _ => return bad(&format!("no month {m}")),
    };
    if d == 0 || d > days {
        return bad(&format!("month {m} of {y} has no day {d}"));
    }
    Ok(())
}

/// Parses a `wait` value: `<n>s`, `<n>m`, `<n>h` or `utc_midnight`.
pub fn parse_wait(s: &str) -> Result<Wait, String> {
    if s == "utc_midnight" {
        return Ok(Wait::UntilUtcMidnight);
    }
    // Split before the last character (not byte): a non-ASCII unit must be an error, not a panic.
    let (num, unit) = s.split_at(s.char_indices().last().map_or(0, |(i, _)| i));
    let mult = match unit {
        "s" => 1,
        "m" => 60,
        "h" => 3600,
        _ => {
            return Err(format!(
                "wait `{s}` must be `<n>s`, `<n>m`, `<n>h` or `utc_midnight`"
            ))
        }
    };
    let n: u32 = num
        .parse()
        .map_err(|_| format!("wait `{s}` must start with a whole number"))?;
    match n.checked_mul(mult) {
        Some(secs) if secs > 0 && secs < u32::MAX => Ok(Wait::Seconds(secs)),
        _ => Err(format!("wait `{s}` must be between 1 second and 136 years")),
    }
}

/// Reflows hand-wrapped prose: lines of a paragraph are joined with one space, paragraphs (blank
/// lines) are kept, surrounding white space goes.
#[must_use]
pub fn prose(s: &str) -> String {
    s.split("\n\n")
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n")
}

fn is_upper_camel(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_uppercase())
        && s.chars().all(|c| c.is_ascii_alphanumeric())
}

fn lookup<'a>(table: &'a [(&str, &str)], key: &str) -> Option<&'a str> {
    table.iter().find(|(k, _)| *k == key).map(|(_, v)| *v)
}

/// A key that one file requires and every other file forbids.
fn only_in<T>(
    value: Option<Vec<T>>,
    key: &str,
    owner: &str,
    stem: &str,
    here: &str,
) -> Result<Vec<T>, String> {
    match (value, stem == owner) {
        (Some(v), true) => Ok(v),
        (None, true) => Err(format!("{here}: missing `{key}` (required in this file)")),
        (Some(_), false) => Err(format!("{here}: `{key}` belongs to {owner}.toml only")),
        (None, false) => Ok(Vec::new()),
    }
}

type Table<'i> = toml::de::DeTable<'i>;
type Value<'i> = toml::de::DeValue<'i>;

/// A TOML value's kind, for messages.
fn kind(v: &Value<'_>) -> &'static str {
    match v {
        Value::String(_) => "a string",
        Value::Integer(_) => "an integer",
        Value::Float(_) => "a float",
        Value::Boolean(_) => "a boolean",
        Value::Datetime(_) => "a datetime",
        Value::Array(_) => "an array",
        Value::Table(_) => "a table",
    }
}

fn int(v: &Value<'_>) -> Option<i64> {
    match v {
        Value::Integer(i) => i64::from_str_radix(i.as_str(), i.radix()).ok(),
        _ => None,
    }
}

/// Reads the keys of one TOML table by name and type. The build script parses TOML without
/// serde so that it compiles in parallel with serde's derive instead of after it.
struct Fields<'t, 'i> {
    table: &'t Table<'i>,
    here: &'t str,
}

impl<'t, 'i> Fields<'t, 'i> {
    /// Rejects any key not in `allowed` first: a typo must be named as such, not reported as
    /// the missing field it was meant to be.
    fn new(table: &'t Table<'i>, here: &'t str, allowed: &[&str]) -> Result<Self, String> {
        if let Some(k) = table
            .iter()
            .map(|(k, _)| k.get_ref().as_ref())
            .find(|k| !allowed.contains(k))
        {
            let expected: Vec<String> = allowed.iter().map(|k| format!("`{k}`")).collect();
            return Err(format!(
                "{here}: unknown field `{k}`, expected one of {}",
                expected.join(", ")
            ));
        }
        Ok(Fields { table, here })
    }

    fn get(&self, key: &str) -> Option<&'t Value<'i>> {
        self.table
            .iter()
            .find(|(k, _)| k.get_ref().as_ref() == key)
            .map(|(_, v)| v.get_ref())
    }

    fn wrong(&self, key: &str, want: &str, got: &Value<'_>) -> String {
        format!("{}: `{key}` must be {want}, not {}", self.here, kind(got))
    }

    fn opt_str(&self, key: &'static str) -> Result<Option<String>, String> {
        match self.get(key) {
            None => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.to_string())),
            Some(v) => Err(self.wrong(key, "a string", v)),
        }
    }

    fn str(&self, key: &'static str) -> Result<String, String> {
        self.opt_str(key)?
            .ok_or_else(|| format!("{}: missing field `{key}`", self.here))
    }

    fn opt_list<T>(
        &self,
        key: &'static str,
        want: &str,
        item: impl Fn(&Value<'i>) -> Option<T>,
    ) -> Result<Option<Vec<T>>, String> {
        match self.get(key) {
            None => Ok(None),
            Some(Value::Array(a)) => a
                .iter()
                .map(|v| {
                    item(v.get_ref()).ok_or_else(|| {
                        format!(
                            "{}: `{key}` must be an array of {want}, not one holding {}",
                            self.here,
                            kind(v.get_ref())
                        )
                    })
                })
                .collect::<Result<Vec<T>, String>>()
                .map(Some),
            Some(v) => Err(self.wrong(key, &format!("an array of {want}"), v)),
        }
    }

    fn bool(&self, key: &'static str) -> Result<bool, String> {
        match self.get(key) {
            None => Ok(false),
            Some(Value::Boolean(b)) => Ok(*b),
            Some(v) => Err(self.wrong(key, "a boolean", v)),
        }
    }

    fn opt_strs(&self, key: &'static str) -> Result<Option<Vec<String>>, String> {
        self.opt_list(key, "strings", |v| match v {
            Value::String(s) => Some(s.to_string()),
            _ => None,
        })
    }

    fn strs(&self, key: &'static str) -> Result<Vec<String>, String> {
        Ok(self.opt_strs(key)?.unwrap_or_default())
    }

    fn opt_groups(&self, key: &'static str) -> Result<Option<Vec<Vec<String>>>, String> {
        self.opt_list(key, "arrays of strings", |v| match v {
            Value::Array(a) => a
                .iter()
                .map(|s| match s.get_ref() {
                    Value::String(s) => Some(s.to_string()),
                    _ => None,
                })
                .collect(),
            _ => None,
        })
    }

    fn opt_ints(&self, key: &'static str) -> Result<Option<Vec<i64>>, String> {
        self.opt_list(key, "integers", int)
    }

    fn tables(&self, key: &'static str) -> Result<Vec<&'t Table<'i>>, String> {
        self.opt_list(key, "tables", |v| match v {
            Value::Table(_) => Some(()),
            _ => None,
        })?;
        Ok(
            match self.table.iter().find(|(k, _)| k.get_ref().as_ref() == key) {
                Some((_, v)) => match v.get_ref() {
                    Value::Array(a) => a
                        .iter()
                        .filter_map(|v| match v.get_ref() {
                            Value::Table(t) => Some(t),
                            _ => None,
                        })
                        .collect(),
                    _ => Vec::new(),
                },
                None => Vec::new(),
            },
        )
    }
}

/// The keys a `[[code]]` table may have.
const ENTRY_KEYS: &[&str] = &[
    "code",
    "name",
    "aliases",
    "title",
    "description",
    "fix",
    "category",
    "retry",
    "wait",
    "reschedule",
    "http_status",
    "channels",
    "wire_codes",
    "evidence",
    "sources",
    "seeds",
    "note",
    "disagreements",
    "hints",
    "conditions",
    "reviewed",
];

/// The keys a `[[code.conditions]]` table may have.
const CONDITION_KEYS: &[&str] = &[
    "name",
    "title",
    "description",
    "fix",
    "category",
    "retry",
    "keywords",
    "source",
];

/// Parses and validates one family file. `file` is the name used in messages (`ads.toml`).
pub fn parse_family(file: &str, text: &str) -> Result<Family, String> {
    let at = format!("codes/{file}");
    let doc = Table::parse(text).map_err(|e| format!("{at}: {}", e.to_string().trim()))?;
    let doc = doc.get_ref();
    let top = Fields::new(doc, &at, &["family", "block", "code"])?;
    let family_at = format!("{at}: [family]");
    let family = match top.get("family") {
        Some(Value::Table(t)) => t,
        Some(v) => return Err(top.wrong("family", "a table", v)),
        None => return Err(format!("{at}: missing the [family] table")),
    };
    let codes = top.tables("code")?;
    let fam = Fields::new(family, &family_at, &["api", "wire", "reviewed"])?;
    let api_key = fam.str("api")?;
    let wire = fam.str("wire")?;
    let reviewed = fam.opt_str("reviewed")?;
    if let Some(r) = &reviewed {
        check_date(r).map_err(|m| format!("{family_at} {m}"))?;
    }
    let Some(&(stem, api, enum_name)) = FAMILIES.iter().find(|f| f.1 == api_key) else {
        let known: Vec<_> = FAMILIES.iter().map(|f| f.1).collect();
        return Err(format!(
            "{family_at} api = `{api_key}` is not one of {known:?}"
        ));
    };
    let int_codes = match wire.as_str() {
        "int" => true,
        "str" => false,
        other => {
            return Err(format!(
                "{family_at} wire = `{other}` must be `int` or `str`"
            ))
        }
    };
    if codes.is_empty() {
        return Err(format!("{at}: the file has no [[code]] entries"));
    }
    let blocks = parse_blocks(&top, &at, int_codes)?;
    let mut used = vec![false; blocks.len()];
    let mut entries = Vec::with_capacity(codes.len());
    let mut keys: BTreeMap<String, String> = BTreeMap::new();
    let mut names = BTreeSet::new();
    for (i, table) in codes.into_iter().enumerate() {
        let n = i + 1;
        let code_kv = table.iter().find(|(k, _)| k.get_ref().as_ref() == "code");
        let raw_code = code_kv.map(|(_, v)| v.get_ref());
        // The line of `code = …` (the table's own span starts at its first key).
        let at_byte = code_kv.map_or(0, |(k, _)| k.span().start);
        let line = 1 + text.as_bytes()[..at_byte.min(text.len())]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        let shown = match raw_code {
            Some(Value::String(s)) => s.to_string(),
            Some(v) => int(v).map_or_else(|| kind(v).to_owned(), |i| i.to_string()),
            None => "no code".to_owned(),
        };
        let here = format!("{at}: entry #{n} ({shown})");
        let mut e = parse_entry(table, &here, stem, int_codes, &blocks, &mut used)?;
        e.line = line;
        if e.reviewed.is_none() {
            e.reviewed.clone_from(&reviewed);
        }
        if !names.insert(e.name.clone()) {
            return Err(format!("{here}: duplicate variant name `{}`", e.name));
        }
        for (what, key) in std::iter::once(("code", e.code.text()))
            .chain(e.aliases.iter().map(|a| ("alias", a.clone())))
        {
            if key.trim().is_empty() {
                return Err(format!("{here}: empty {what}"));
            }
            if let Some(prev) = keys.insert(key.clone(), shown.clone()) {
                return Err(format!(
                    "{here}: duplicate {what} `{key}` (already used by entry `{prev}`)"
                ));
            }
        }
        entries.push(e);
    }
    if let Some(k) = used.iter().position(|u| !u) {
        let b = &blocks[k];
        return Err(format!(
            "{at}: block #{} ({}-{}) covers no entry",
            k + 1,
            b.from,
            b.to
        ));
    }
    Ok(Family {
        file: file.to_owned(),
        api: api.to_owned(),
        enum_name: enum_name.to_owned(),
        int_codes,
        reviewed,
        entries,
    })
}

/// Reads and validates the `[[block]]` tables of a family file.
fn parse_blocks(top: &Fields<'_, '_>, at: &str, int_codes: bool) -> Result<Vec<Block>, String> {
    let mut blocks: Vec<Block> = Vec::new();
    for t in top.tables("block")? {
        let here = format!("{at}: block #{}", blocks.len() + 1);
        if !int_codes {
            return Err(format!(
                "{here}: blocks are ranges of integer codes (wire = \"int\" files only)"
            ));
        }
        let f = Fields::new(t, &here, &["from", "to", "description", "fix"])?;
        let bound = |key: &str| match f.get(key).map(int) {
            Some(Some(i)) => Ok(i),
            Some(None) => Err(format!("{here}: `{key}` must be an integer")),
            None => Err(format!("{here}: missing field `{key}`")),
        };
        let (from, to) = (bound("from")?, bound("to")?);
        if from > to {
            return Err(format!("{here}: `from` {from} is above `to` {to}"));
        }
        let description = prose(&f.str("description")?);
        let fix = f.opt_str("fix")?.map(|s| prose(&s));
        if description.is_empty() {
            return Err(format!("{here}: empty description"));
        }
        if fix.as_deref() == Some("") {
            return Err(format!("{here}: empty fix (leave the key out instead)"));
        }
        if let Some(o) = blocks.iter().position(|o| from <= o.to && o.from <= to) {
            return Err(format!("{here}: {from}-{to} overlaps block #{}", o + 1));
        }
        blocks.push(Block {
            from,
            to,
            description,
            fix,
        });
    }
    Ok(blocks)
}

/// Reads and validates one `[[code]]` table; `here` names it in messages. An entry whose code
/// lies in a block gets the block's description after its own, and the block's fix if it has
/// none (`used` records which blocks served an entry).
fn parse_entry(
    table: &Table<'_>,
    here: &str,
    stem: &str,
    int_codes: bool,
    blocks: &[Block],
    used: &mut [bool],
) -> Result<Entry, String> {
    let f = Fields::new(table, here, ENTRY_KEYS)?;
    let code = match (f.get("code"), int_codes) {
        (None, _) => return Err(format!("{here}: missing field `code`")),
        (Some(v), true) => match int(v) {
            Some(i) => Code::Int(i),
            None => return Err(format!("{here}: `code` must be an integer in this file")),
        },
        (Some(Value::String(s)), false) if !s.trim().is_empty() && s.trim() == s => {
            Code::Str(s.to_string())
        }
        (Some(_), false) => {
            return Err(format!(
                "{here}: `code` must be a non-empty string without surrounding spaces"
            ))
        }
    };
    let name = f.str("name")?;
    let aliases = f.strs("aliases")?;
    let title = f.str("title")?;
    let block = match code {
        Code::Int(i) => blocks.iter().position(|b| (b.from..=b.to).contains(&i)),
        Code::Str(_) => None,
    };
    if let Some(k) = block {
        used[k] = true;
    }
    let block = block.map(|k| &blocks[k]);
    let description = f.str("description")?;
    let fix = match (f.opt_str("fix")?, block) {
        (Some(fix), _) => fix,
        (None, Some(Block { fix: Some(fix), .. })) => fix.clone(),
        (None, _) => return Err(format!("{here}: missing field `fix`")),
    };
    let category = f.str("category")?;
    let retry = f.str("retry")?;
    let wait = f.opt_str("wait")?;
    let reschedule = f.bool("reschedule")?;
    let http = f.opt_ints("http_status")?.unwrap_or_default();
    let channels = f.opt_strs("channels")?;
    let wire_codes = f.opt_ints("wire_codes")?;
    let evidence = f.str("evidence")?;
    let sources = f.strs("sources")?;
    let seeds = f.strs("seeds")?;
    let note = f.opt_str("note")?;
    let mut disagreements = Vec::new();
    for d in f.tables("disagreements")? {
        let d_here = format!("{here}: disagreement #{}", disagreements.len() + 1);
        let df = Fields::new(d, &d_here, &["source", "says"])?;
        let source = df.str("source")?;
        let says = df.str("says")?;
        if source.trim().is_empty() || says.trim().is_empty() {
            return Err(format!(
                "{here}: a disagreement needs a source and what it says"
            ));
        }
        disagreements.push(RawDisagreement {
            source: prose(&source),
            says: prose(&says),
        });
    }
    let mut hints = Vec::new();
    for h in f.tables("hints")? {
        let h_here = format!("{here}: hint #{}", hints.len() + 1);
        let hf = Fields::new(h, &h_here, &["field", "phrases", "source"])?;
        let hint = RawHint {
            field: hf.opt_str("field")?,
            phrases: hf.strs("phrases")?,
            source: hf.str("source")?,
        };
        check_hint(&hint).map_err(|m| format!("{h_here}: {m}"))?;
        hints.push(hint);
    }
    let condition_tables = f.tables("conditions")?;
    if !condition_tables.is_empty() && stem != "shop" {
        return Err(format!("{here}: `conditions` belongs to shop.toml only"));
    }
    let mut conditions: Vec<RawCondition> = Vec::new();
    for c in condition_tables {
        let c_here = format!("{here}: condition #{}", conditions.len() + 1);
        let cf = Fields::new(c, &c_here, CONDITION_KEYS)?;
        let cond = RawCondition {
            name: cf.str("name")?,
            title: cf.str("title")?,
            description: prose(&cf.str("description")?),
            fix: prose(&cf.str("fix")?),
            category: cf.str("category")?,
            retry: cf.str("retry")?,
            keywords: cf
                .opt_groups("keywords")?
                .ok_or_else(|| format!("{c_here}: missing field `keywords`"))?,
            source: cf.str("source")?,
        };
        check_condition(&cond).map_err(|m| format!("{c_here}: {m}"))?;
        if conditions.iter().any(|o| o.name == cond.name) {
            return Err(format!(
                "{c_here}: duplicate condition name `{}`",
                cond.name
            ));
        }
        conditions.push(cond);
    }

    if !is_upper_camel(&name) {
        return Err(format!(
            "{here}: name `{name}` must be UpperCamelCase ASCII"
        ));
    }
    for (field, value) in [
        ("title", &title),
        ("description", &description),
        ("fix", &fix),
    ] {
        if value.trim().is_empty() {
            return Err(format!("{here}: empty {field}"));
        }
    }
    if title.contains('\n') {
        return Err(format!("{here}: title must be one line"));
    }
    if note.as_deref().is_some_and(|n| n.trim().is_empty()) {
        return Err(format!("{here}: empty note (leave the key out instead)"));
    }
    if lookup(CATEGORIES, &category).is_none() {
        return Err(format!("{here}: unknown category `{category}`"));
    }
    if lookup(RETRIES, &retry).is_none() {
        return Err(format!("{here}: unknown retry class `{retry}`"));
    }
    if lookup(EVIDENCE, &evidence).is_none() {
        return Err(format!("{here}: unknown evidence `{evidence}`"));
    }
    let wait = match &wait {
        Some(w) => Some(parse_wait(w).map_err(|m| format!("{here}: {m}"))?),
        None => None,
    };
    if reschedule && (retry != "throttled" || wait.is_some()) {
        return Err(format!(
            "{here}: `reschedule = true` is for throttled codes without a documented `wait`"
        ));
    }
    let mut http_status = Vec::with_capacity(http.len());
    for s in &http {
        match u16::try_from(*s) {
            Ok(s) if (100..=599).contains(&s) => http_status.push(s),
            _ => return Err(format!("{here}: http_status {s} is not 100-599")),
        }
    }
    if sources.is_empty() {
        return Err(format!(
            "{here}: missing source (`sources` needs at least one URL)"
        ));
    }
    if let Some(bad) = sources.iter().find(|s| !s.starts_with("https://")) {
        return Err(format!("{here}: source `{bad}` is not an https:// URL"));
    }
    if let Some(bad) = seeds.iter().find(|s| !SEEDS.contains(&s.as_str())) {
        return Err(format!("{here}: unknown seed `{bad}` (known: {SEEDS:?})"));
    }
    let channels = only_in(channels, "channels", "content_posting", stem, here)?;
    if stem == "content_posting" && channels.is_empty() {
        return Err(format!("{here}: `channels` must name at least one channel"));
    }
    if let Some(bad) = channels.iter().find(|c| !CHANNELS.contains(&c.as_str())) {
        return Err(format!(
            "{here}: unknown channel `{bad}` (known: {CHANNELS:?})"
        ));
    }
    let wire_codes = only_in(wire_codes, "wire_codes", "ads_diagnoses", stem, here)?;
    let reviewed = f.opt_str("reviewed")?;
    if let Some(r) = &reviewed {
        check_date(r).map_err(|m| format!("{here}: {m}"))?;
    }
    Ok(Entry {
        code,
        name,
        aliases,
        title: prose(&title),
        description: match block {
            Some(b) if !description.trim().is_empty() => {
                format!("{}\n\n{}", prose(&description), b.description)
            }
            _ => prose(&description),
        },
        fix: prose(&fix),
        category,
        retry,
        wait,
        reschedule,
        http_status,
        channels,
        wire_codes,
        evidence,
        sources,
        seeds,
        note: note.map(|n| prose(&n)),
        disagreements,
        hints,
        conditions,
        reviewed,
        line: 0,
    })
}

/// Every string must fit a packed `Text` (length below 2^15 bytes), and every kind of text of a
/// family (its blob; counted without deduplication, so a safe bound) below 2^17 bytes; integer
/// codes must fit an `i32`.
pub fn check_text_fits(f: &Family) -> Result<(), String> {
    let max_len = 1usize << TEXT_LEN_BITS;
    let max_blob = 1usize << (32 - TEXT_LEN_BITS);
    let mut totals = [0usize; 6];
    for (i, e) in f.entries.iter().enumerate() {
        let here = format!("codes/{}: entry #{} ({})", f.file, i + 1, e.code.text());
        if let Code::Int(c) = e.code {
            if i32::try_from(c).is_err() {
                return Err(format!("{here}: code {c} does not fit a 32-bit integer"));
            }
        }
        let texts: [(Blob, &str, &str); 5] = [
            (Blob::Names, "name", &e.name),
            (Blob::Titles, "title", &e.title),
            (Blob::Descriptions, "description", &e.description),
            (Blob::Fixes, "fix", &e.fix),
            (Blob::Notes, "note", e.note.as_deref().unwrap_or("")),
        ];
        for (blob, field, text) in texts {
            if text.len() >= max_len {
                return Err(format!(
                    "{here}: {field} is {} bytes; the catalogue holds at most {} per text",
                    text.len(),
                    max_len - 1
                ));
            }
            totals[blob as usize] += text.len();
        }
        let lists = e.aliases.iter().chain(&e.sources).chain(&e.seeds);
        let said = e.disagreements.iter().flat_map(|d| [&d.source, &d.says]);
        if let Some(long) = lists.chain(said).find(|t| t.len() >= max_len) {
            return Err(format!(
                "{here}: `{}…` is {} bytes; the catalogue holds at most {} per text",
                long.chars().take(40).collect::<String>(),
                long.len(),
                max_len - 1
            ));
        }
        totals[Blob::Names as usize] += e.aliases.iter().map(String::len).sum::<usize>();
        totals[Blob::Sources as usize] += e
            .sources
            .iter()
            .chain(&e.seeds)
            .map(String::len)
            .sum::<usize>();
        totals[Blob::Notes as usize] += e
            .disagreements
            .iter()
            .map(|d| d.source.len() + d.says.len())
            .sum::<usize>();
    }
    for (total, kind) in totals.iter().zip(BLOB_STATICS) {
        if *total >= max_blob {
            return Err(format!(
                "codes/{}: its {} text totals {total} bytes; a family holds at most {} per kind \
                 (give `Text` in src/catalog.rs more start bits)",
                f.file,
                kind.to_lowercase(),
                max_blob - 1
            ));
        }
    }
    Ok(())
}

/// Cross-file checks: every family present once, every diagnosis wire code exists in Ads.
pub fn validate_catalog(families: &[Family]) -> Result<(), String> {
    for f in families {
        check_text_fits(f)?;
    }
    for (stem, api, _) in FAMILIES {
        let n = families.iter().filter(|f| f.api == *api).count();
        if n != 1 {
            return Err(format!(
                "codes/{stem}.toml: expected exactly one file for api `{api}`, found {n}"
            ));
        }
    }
    let ads: BTreeSet<i64> = families
        .iter()
        .filter(|f| f.api == "ads")
        .flat_map(|f| f.entries.iter())
        .filter_map(|e| match e.code {
            Code::Int(i) => Some(i),
            Code::Str(_) => None,
        })
        .collect();
    for f in families.iter().filter(|f| f.api == "ads-diagnosis") {
        for (i, e) in f.entries.iter().enumerate() {
            if let Some(bad) = e.wire_codes.iter().find(|c| !ads.contains(c)) {
                return Err(format!(
                    "codes/{}: entry #{} ({}): wire code {bad} is not in codes/ads.toml",
                    f.file,
                    i + 1,
                    e.code.text()
                ));
            }
        }
    }
    Ok(())
}

/// Loads and validates every family file from `dir`.
pub fn load_catalog(dir: &Path) -> Result<Vec<Family>, String> {
    let mut families = Vec::new();
    for (stem, _, _) in FAMILIES {
        let file = format!("{stem}.toml");
        let path = dir.join(&file);
        let text = std::fs::read_to_string(&path)
            .map_err(|e| format!("codes/{file}: cannot read {}: {e}", path.display()))?;
        families.push(parse_family(&file, &text)?);
    }
    validate_catalog(&families)?;
    Ok(families)
}

fn str_lit(s: &str) -> String {
    format!("{s:?}")
}

fn doc_lines(out: &mut String, indent: &str, text: &str) {
    // Catalogue prose is plain text: brackets are literal ("[40064] …"), not intra-doc links.
    let text = text.replace('[', "\\[").replace(']', "\\]");
    for line in text.lines() {
        if line.is_empty() {
            let _ = writeln!(out, "{indent}///");
        } else {
            let _ = writeln!(out, "{indent}/// {line}");
        }
    }
}

/// Which text blob a string goes to. Each kind of text of each family is its own blob, so a
/// program keeps only what it reads: one that decodes errors and prints `fix()` carries the
/// fixes and titles of the wire families, not every description, note, source URL or
/// diagnosis.
#[derive(Clone, Copy)]
enum Blob {
    /// Variant names, string codes, aliases.
    Names = 0,
    Titles,
    Descriptions,
    Fixes,
    /// Maintainers' notes and disagreements.
    Notes,
    /// Source URLs and seed ids.
    Sources,
}

/// The suffix of the static each [`Blob`] is written to (`ADSCODE_FIXES`), in the same order.
const BLOB_STATICS: [&str; 6] = [
    "NAMES",
    "TITLES",
    "DESCRIPTIONS",
    "FIXES",
    "NOTES",
    "SOURCES",
];

/// The catalogue's shared tables: strings in text blobs (entries hold `(start, end)` offsets,
/// not pointers, so the tables need no relocations and compile fast), and the lists (aliases,
/// sources, seeds, HTTP statuses, carrying codes, disagreements) as ranges of pointer-free
/// arrays.
/// A range of a blob: `(start, end)` byte offsets.
type Range = (usize, usize);

/// Bits of a packed `Text` that hold the length; the start takes the other 17 (see
/// `src/catalog.rs`). `validate_catalog` keeps every blob and string within them.
pub const TEXT_LEN_BITS: u32 = 15;

/// A `Text` literal: the start and length of a blob range, packed into one `u32`.
fn text_lit(start: usize, end: usize) -> String {
    format!("Text({})", (start << TEXT_LEN_BITS) | (end - start))
}

/// One blob's text and the range of each distinct string in it.
type BlobText = (String, BTreeMap<String, Range>);

#[derive(Default)]
struct Tables {
    /// Per family (enum name), its six blobs.
    blobs: Vec<(String, [BlobText; 6])>,
    texts: Vec<(usize, usize)>,
    statuses: Vec<u16>,
    carried: Vec<i64>,
    /// (family index, source, says)
    disagreements: Vec<(usize, Range, Range)>,
}

impl Tables {
    /// The range of `s` in its blob, added once however often it occurs.
    /// Starts the blobs of the next family; later strings go to it.
    fn family(&mut self, enum_name: &str) {
        self.blobs
            .push((enum_name.to_ascii_uppercase(), Default::default()));
    }

    fn span(&mut self, blob: Blob, s: &str) -> (usize, usize) {
        let Some((_, blobs)) = self.blobs.last_mut() else {
            unreachable!("Tables::family is called before any text is added")
        };
        let (text, spans) = &mut blobs[blob as usize];
        if let Some(&r) = spans.get(s) {
            return r;
        }
        let r = (text.len(), text.len() + s.len());
        text.push_str(s);
        spans.insert(s.to_owned(), r);
        r
    }

    fn text(&mut self, blob: Blob, s: &str) -> String {
        let (a, b) = self.span(blob, s);
        text_lit(a, b)
    }

    fn texts(&mut self, blob: Blob, v: &[String]) -> String {
        let start = self.texts.len();
        for s in v {
            let r = self.span(blob, s);
            self.texts.push(r);
        }
        format!("Slot({start}, {})", self.texts.len())
    }

    fn statuses(&mut self, v: &[u16]) -> String {
        let start = self.statuses.len();
        self.statuses.extend_from_slice(v);
        format!("Slot({start}, {})", self.statuses.len())
    }

    fn carried(&mut self, v: &[i64]) -> String {
        let start = self.carried.len();
        self.carried.extend_from_slice(v);
        format!("Slot({start}, {})", self.carried.len())
    }

    fn disagreements(&mut self, v: &[RawDisagreement]) -> String {
        let start = self.disagreements.len();
        for d in v {
            let pair = (
                self.blobs.len() - 1,
                self.span(Blob::Notes, d.source.trim()),
                self.span(Blob::Notes, d.says.trim()),
            );
            self.disagreements.push(pair);
        }
        format!("Slot({start}, {})", self.disagreements.len())
    }

    fn render(&self, out: &mut String) {
        let join = |v: Vec<String>| v.join(", ");
        let _ = writeln!(
            out,
            "/// Bits of a packed [`Text`] that hold the length.\nconst TEXT_LEN_BITS: u32 = {TEXT_LEN_BITS};\n"
        );
        for (i, kind) in BLOB_STATICS.iter().enumerate() {
            let _ = writeln!(
                out,
                "/// Index of the {} blob in each `BLOBS` row.\nconst {kind}: usize = {i};",
                kind.to_lowercase()
            );
        }
        let mut all = Vec::new();
        for (family, blobs) in &self.blobs {
            let mut row = Vec::new();
            for ((text, _), kind) in blobs.iter().zip(BLOB_STATICS) {
                let _ = writeln!(out, "static {family}_{kind}: &str = {};\n", str_lit(text));
                row.push(format!("{family}_{kind}"));
            }
            all.push(format!("[{}]", row.join(", ")));
        }
        let _ = writeln!(
            out,
            "/// Every family's blobs, indexed by `Entry::family` and the blob kind.\n\
             static BLOBS: [[&str; 6]; {}] = [{}];\n",
            all.len(),
            all.join(", ")
        );
        let _ = writeln!(
            out,
            "/// Aliases (in `TEXT_NAMES`), sources and seeds (in `TEXT_SOURCES`).\n\
             #[allow(clippy::unreadable_literal)] // packed offsets\n\
             static TEXTS: [Text; {}] = [{}];\n",
            self.texts.len(),
            join(self.texts.iter().map(|&(a, b)| text_lit(a, b)).collect())
        );
        let _ = writeln!(
            out,
            "static HTTP_STATUSES: [u16; {}] = {:?};\n",
            self.statuses.len(),
            self.statuses
        );
        let _ = writeln!(
            out,
            "static CARRIED_BY: [i64; {}] = {:?};\n",
            self.carried.len(),
            self.carried
        );
        let _ = writeln!(
            out,
            "#[allow(clippy::unreadable_literal)] // packed offsets\nstatic DISAGREEMENTS: [Disagreement; {}] = [{}];\n",
            self.disagreements.len(),
            join(
                self.disagreements
                    .iter()
                    .map(|(f, (a, b), (c, d))| format!(
                        "Disagreement {{ family: {f}, source: {}, says: {} }}",
                        text_lit(*a, *b),
                        text_lit(*c, *d)
                    ))
                    .collect()
            )
        );
    }
}

/// Renders the Rust source for the whole catalogue.
#[must_use]
pub fn generate(families: &[Family]) -> String {
    let mut out = String::new();
    out.push_str("// @generated by build.rs from codes/*.toml. Do not edit: edit the TOML.\n\n");
    let mut any_keys: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut tables = Tables::default();
    for (i, f) in families.iter().enumerate() {
        tables.family(&f.enum_name);
        gen_family(&mut out, i, f, &mut any_keys, &mut tables);
    }
    tables.render(&mut out);
    // Cross-family map: lowercased code or alias -> every match.
    let mut map = phf_codegen::Map::new();
    let values: Vec<(String, String)> = any_keys
        .into_iter()
        .map(|(k, v)| (k, format!("&[{}]", v.join(", "))))
        .collect();
    for (k, v) in &values {
        map.entry(k.as_str(), v.as_str());
    }
    let _ = writeln!(
        out,
        "/// Every code and alias of every family, lowercased, to each entry it names.\n\
         #[allow(clippy::unreadable_literal)] // phf's hash keys\n\
         pub(crate) static ANY_BY_CODE: ::phf::Map<&'static str, &'static [crate::AnyCode]> = {};\n",
        map.build()
    );
    out
}

fn gen_family(
    out: &mut String,
    family: usize,
    f: &Family,
    any_keys: &mut BTreeMap<String, Vec<String>>,
    tables: &mut Tables,
) {
    let en = &f.enum_name;
    let (api_variant, what) = match f.api.as_str() {
        "ads" => ("Ads", "Marketing (Ads) API return code"),
        "ads-diagnosis" => ("Ads", "Ads diagnosis"),
        "content-posting" => ("ContentPosting", "Content Posting API code"),
        "business-messaging" => ("BusinessMessaging", "Business Messaging API code"),
        "shop" => ("Shop", "TikTok Shop Partner API code"),
        _ => ("OAuth", "OAuth (Login Kit v2) error"),
    };
    let any_variant = if f.api == "ads-diagnosis" {
        "AdsDiagnosis"
    } else {
        api_variant
    };
    let _ = writeln!(
        out,
        "/// Every {what} in `codes/{}`, one variant per entry.",
        f.file
    );
    out.push_str("///\n/// Generated from the catalogue; each variant's documentation gives its title, meaning and fix.\n");
    out.push_str("/// The enum is `#[non_exhaustive]`: TikTok adds codes, and so will this crate. Match the\n");
    out.push_str("/// variants you handle and keep a wildcard arm; compare the raw code for codes not yet here.\n");
    out.push_str("/// strum's `IntoEnumIterator`, `EnumCount`, `VariantNames` and `IntoStaticStr` (`&'static str: From<Self>`) are implemented.\n");
    let _ = writeln!(
        out,
        "#[non_exhaustive]\n#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Debug)]\npub enum {en} {{"
    );
    for e in &f.entries {
        let code = e.code.text();
        let _ = writeln!(out, "    /// **{}** (`{code}`)\n    ///", e.title);
        doc_lines(out, "    ", &e.description);
        out.push_str("    ///\n");
        let mut fix = String::from("**Fix:** ");
        fix.push_str(&e.fix);
        doc_lines(out, "    ", &fix);
        let _ = writeln!(
            out,
            "    ///\n    /// Category `{}` · retry `{}` · evidence `{}`",
            e.category, e.retry, e.evidence
        );
        let _ = writeln!(out, "    #[doc(alias = {})]", str_lit(&code));
        for a in &e.aliases {
            let _ = writeln!(out, "    #[doc(alias = {})]", str_lit(a));
        }
        let _ = writeln!(out, "    {},", e.name);
    }
    out.push_str("}\n\n");

    // Metadata table, indexed by the variant's (implicit) discriminant.
    let upper = en.to_ascii_uppercase();
    let _ = writeln!(
        out,
        "#[allow(clippy::unreadable_literal)] // packed offsets\nstatic {upper}_ENTRIES: [Entry; {}] = [",
        f.entries.len()
    );
    let kind = if f.api == "ads-diagnosis" {
        "Diagnosis"
    } else {
        "Code"
    };
    for e in &f.entries {
        let code = match &e.code {
            Code::Int(i) => format!("EntryCode::Int({i})"), // validated to fit an i32
            Code::Str(s) => format!("EntryCode::Str({})", tables.text(Blob::Names, s)),
        };
        let wait = match &e.wait {
            None => "0".to_owned(),
            Some(Wait::Seconds(s)) => s.to_string(),
            Some(Wait::UntilUtcMidnight) => "u32::MAX".to_owned(),
        };
        let channels = format!(
            "Channels {{ error_code: {}, fail_reason: {} }}",
            e.channels.iter().any(|c| c == "error_code"),
            e.channels.iter().any(|c| c == "fail_reason")
        );
        let note = match &e.note {
            Some(n) => tables.text(Blob::Notes, n),
            None => "Text(0)".to_owned(),
        };
        let _ = writeln!(
            out,
            "    Entry {{ family: {family}, api: Api::{api_variant}, kind: EntryKind::{kind}, code: {code}, \
             name: {name}, aliases: {aliases}, title: {title}, description: {desc}, fix: {fix}, \
             category: Category::{cat}, retry: Retry::{retry}, wait: {wait}, reschedule: {resched}, \
             http_status: {http}, channels: {channels}, carried_by: {wire}, \
             provenance: Provenance {{ family: {family}, evidence: Evidence::{ev}, sources: {sources}, \
             seeds: {seeds}, note: {note}, disagreements: {disagreements} }} }},",
            name = tables.text(Blob::Names, &e.name),
            aliases = tables.texts(Blob::Names, &e.aliases),
            title = tables.text(Blob::Titles, &e.title),
            desc = tables.text(Blob::Descriptions, &e.description),
            fix = tables.text(Blob::Fixes, &e.fix),
            resched = e.reschedule,
            cat = lookup(CATEGORIES, &e.category).unwrap_or("Unknown"),
            retry = lookup(RETRIES, &e.retry).unwrap_or("Unknown"),
            http = tables.statuses(&e.http_status),
            wire = tables.carried(&e.wire_codes),
            ev = lookup(EVIDENCE, &e.evidence).unwrap_or("SeedOnly"),
            sources = tables.texts(Blob::Sources, &e.sources),
            seeds = tables.texts(Blob::Sources, &e.seeds),
            disagreements = tables.disagreements(&e.disagreements),
        );
    }
    out.push_str("];\n\n");

    // Lookup maps.
    let mut by_str = phf_codegen::Map::new();
    let mut str_keys: Vec<(String, String)> = Vec::new();
    let mut int_keys: Vec<(i64, String)> = Vec::new();
    for e in &f.entries {
        let v = format!("{en}::{}", e.name);
        let text = e.code.text();
        if let Code::Int(i) = e.code {
            int_keys.push((i, v.clone()));
        }
        for key in std::iter::once(&text).chain(e.aliases.iter()) {
            str_keys.push((key.clone(), v.clone()));
            let entry = any_keys.entry(key.to_lowercase()).or_default();
            let any = format!("crate::AnyCode::{any_variant}({v})");
            if !entry.contains(&any) {
                entry.push(any);
            }
        }
    }
    // String keys: a phf map for the integer families (their keys are digits of equal length,
    // which a `match` compares one by one); a `match` for the string families (v2, OAuth),
    // whose keys differ in length and first bytes: 3 to 9 times faster than phf's SipHash
    // (BENCHMARKS.md, Lookups).
    let by_str = if f.int_codes {
        for (k, v) in &str_keys {
            by_str.entry(k.as_str(), v.as_str());
        }
        let _ = writeln!(
            out,
            "#[allow(clippy::unreadable_literal)] // phf's hash keys\nstatic {upper}_BY_STR: ::phf::Map<&'static str, {en}> = {};\n",
            by_str.build()
        );
        format!("{upper}_BY_STR.get(code).copied()")
    } else {
        // One arm per variant: its code and aliases as alternatives.
        let mut arms: Vec<(&str, Vec<String>)> = Vec::new();
        for (k, v) in &str_keys {
            match arms.iter_mut().find(|(w, _)| *w == v.as_str()) {
                Some((_, keys)) => keys.push(str_lit(k)),
                None => arms.push((v.as_str(), vec![str_lit(k)])),
            }
        }
        let arms = arms
            .iter()
            .map(|(v, keys)| format!("{} => Some({v}),", keys.join(" | ")))
            .collect::<String>();
        format!("match code {{ {arms} _ => None }}")
    };
    let all = f
        .entries
        .iter()
        .map(|e| format!("{en}::{}", e.name))
        .collect::<Vec<_>>()
        .join(", ");
    let names = f
        .entries
        .iter()
        .map(|e| str_lit(&e.name))
        .collect::<Vec<_>>()
        .join(", ");
    // Integer codes: a `match` (the compiler's binary search over the sorted codes, ~25
    // instructions, no hashing; phf's SipHash costs ~190 on every decoded error).
    let by_int = if f.int_codes {
        int_keys.sort_unstable();
        let arms = int_keys
            .iter()
            .map(|(k, v)| format!("{} => Some({v}),", grouped(*k)))
            .collect::<String>();
        format!("match code {{ {arms} _ => None }}")
    } else {
        "{ let _ = code; None }".to_owned()
    };
    // A phf lookup is inlined (a call into phf); a generated `match` is compiled once, not at
    // every caller.
    let (inline_str, inline_int) = if f.int_codes {
        ("#[inline] ", "")
    } else {
        ("", "#[inline] ")
    };
    let _ = writeln!(
        out,
        "impl crate::ErrorCode for {en} {{\n\
         \x20   const API: Api = Api::{api_variant};\n\
         \x20   const ALL: &'static [Self] = &[{all}];\n\
         \x20   #[inline]\n\
         \x20   fn entry(self) -> &'static Entry {{ &{upper}_ENTRIES[self as usize] }}\n\
         \x20   {inline_str}fn from_code(code: &str) -> Option<Self> {{ {by_str} }}\n\
         \x20   {inline_int}fn from_int(code: i64) -> Option<Self> {{ {by_int} }}\n\
         \x20   fn code(self) -> WireCode {{ {upper}_ENTRIES[self as usize].code.wire({upper}_NAMES) }}\n\
         \x20   fn name(self) -> &'static str {{ {upper}_ENTRIES[self as usize].name.of({upper}_NAMES) }}\n\
         \x20   fn title(self) -> &'static str {{ {upper}_ENTRIES[self as usize].title.of({upper}_TITLES) }}\n\
         \x20   fn description(self) -> &'static str {{ {upper}_ENTRIES[self as usize].description.of({upper}_DESCRIPTIONS) }}\n\
         \x20   fn fix(self) -> &'static str {{ {upper}_ENTRIES[self as usize].fix.of({upper}_FIXES) }}\n\
         }}\n\
         impl ::strum::VariantNames for {en} {{\n\
         \x20   const VARIANTS: &'static [&'static str] = &[{names}];\n\
         }}\n\
         code_enum_impls!({en}, {any_variant});\n"
    );
}

/// An integer literal with `_` between groups of three digits (`36_009_004`), as clippy asks of
/// long literals in the generated code.
fn grouped(i: i64) -> String {
    let digits = i.unsigned_abs().to_string();
    let (head, tail) = digits.split_at(digits.len() % 3);
    let groups = std::iter::once(head)
        .filter(|h| !h.is_empty())
        .chain(
            tail.as_bytes()
                .chunks(3)
                .filter_map(|c| std::str::from_utf8(c).ok()),
        )
        .collect::<Vec<_>>()
        .join("_");
    if i < 0 {
        format!("-{groups}")
    } else {
        groups
    }
}

/// Checks one `[[code.conditions]]` block: an UpperCamelCase name, one-line title, non-empty
/// texts, a known category and retry class, at least one keyword group of lowercase phrases
/// (1-80 bytes, no surrounding spaces, no quotes or backticks: messages are matched with them
/// removed), and an https `source`.
pub fn check_condition(c: &RawCondition) -> Result<(), String> {
    if !is_upper_camel(&c.name) {
        return Err(format!("name `{}` must be UpperCamelCase ASCII", c.name));
    }
    for (field, value) in [
        ("title", &c.title),
        ("description", &c.description),
        ("fix", &c.fix),
    ] {
        if value.trim().is_empty() {
            return Err(format!("empty {field}"));
        }
    }
    if c.title.contains('\n') || c.title.ends_with('.') {
        return Err("title must be one line without a trailing period".to_owned());
    }
    if lookup(CATEGORIES, &c.category).is_none() {
        return Err(format!("unknown category `{}`", c.category));
    }
    if lookup(RETRIES, &c.retry).is_none() || c.retry == "not_needed" {
        return Err(format!(
            "retry class `{}` is not one a failure can have",
            c.retry
        ));
    }
    if c.keywords.is_empty() || c.keywords.iter().any(Vec::is_empty) {
        return Err("`keywords` needs at least one non-empty group of phrases".to_owned());
    }
    for p in c.keywords.iter().flatten() {
        if p.trim().is_empty() || p.trim() != p || p.len() > 80 {
            return Err(format!(
                "keyword `{p}` must be 1-80 bytes without surrounding spaces"
            ));
        }
        if p.chars().any(char::is_uppercase) {
            return Err(format!("keyword `{p}` must be lowercase"));
        }
        if p.contains(['`', '\'', '"']) {
            return Err(format!(
                "keyword `{p}` must not hold quotes or backticks (messages are matched without them)"
            ));
        }
    }
    if !c.source.starts_with("https://") {
        return Err(format!("source `{}` is not an https:// URL", c.source));
    }
    Ok(())
}

/// The `[[code.conditions]]` of `shop.toml`, as `OUT_DIR/shop_conditions.rs` (included by
/// `src/shop.rs`): the `ShopCondition` enum, its table, and the conditions of each code in
/// priority order.
#[must_use]
pub fn generate_conditions(families: &[Family]) -> String {
    let mut out = String::from(
        "// @generated by build.rs from the `[[code.conditions]]` of codes/shop.toml. Do not edit.\n\n",
    );
    let mut variants = String::new();
    let mut rows = String::new();
    let mut arms = String::new();
    let mut all = Vec::new();
    for f in families.iter().filter(|f| f.api == "shop") {
        for e in f.entries.iter().filter(|e| !e.conditions.is_empty()) {
            let mut names = Vec::new();
            for c in &e.conditions {
                let _ = writeln!(
                    variants,
                    "    /// **{}** (code {})\n    ///",
                    c.title,
                    e.code.text()
                );
                doc_lines(&mut variants, "    ", &c.description);
                variants.push_str("    ///\n");
                doc_lines(&mut variants, "    ", &format!("**Fix:** {}", c.fix));
                let _ = writeln!(
                    variants,
                    "    ///\n    /// Category `{}` · retry `{}`\n    {},",
                    c.category, c.retry, c.name
                );
                let groups = c
                    .keywords
                    .iter()
                    .map(|g| {
                        format!(
                            "&[{}]",
                            g.iter().map(|p| str_lit(p)).collect::<Vec<_>>().join(", ")
                        )
                    })
                    .collect::<Vec<_>>()
                    .join(", ");
                let _ = writeln!(
                    rows,
                    "    ConditionRow {{ code: crate::ShopCode::{code}, name: {name}, title: {title}, \
                     description: {desc}, fix: {fix}, category: crate::Category::{cat}, \
                     retry: crate::Retry::{retry}, keywords: &[{groups}], source: {source} }},",
                    code = e.name,
                    name = str_lit(&c.name),
                    title = str_lit(&c.title),
                    desc = str_lit(&c.description),
                    fix = str_lit(&c.fix),
                    cat = lookup(CATEGORIES, &c.category).unwrap_or("Unknown"),
                    retry = lookup(RETRIES, &c.retry).unwrap_or("Unknown"),
                    source = str_lit(&c.source),
                );
                names.push(format!("ShopCondition::{}", c.name));
                all.push(format!("ShopCondition::{}", c.name));
            }
            let _ = writeln!(
                arms,
                "        crate::ShopCode::{} => &[{}],",
                e.name,
                names.join(", ")
            );
        }
    }
    let _ = writeln!(
        out,
        "/// A named meaning of an overloaded TikTok Shop code, read from the message keyword.\n\
         ///\n\
         /// TikTok sends 36009004 for a dozen unrelated rejections and says to branch on the message,\n\
         /// not on the number. [`ApiError::shop_condition`](crate::ApiError::shop_condition) picks the\n\
         /// condition a message describes; each has its own category, retry class and fix.\n\
         #[non_exhaustive]\n\
         #[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Debug)]\n\
         pub enum ShopCondition {{\n{variants}}}\n\n\
         static CONDITION_ROWS: &[ConditionRow] = &[\n{rows}];\n\n\
         impl ShopCondition {{\n\
         \x20   /// Every condition, in catalogue (priority) order.\n\
         \x20   pub const ALL: &'static [ShopCondition] = &[{all}];\n\
         }}\n\n\
         /// The conditions of `code`, in priority order (empty for codes that are not overloaded).\n\
         #[allow(clippy::match_same_arms)]\n\
         pub(crate) fn conditions_of(code: crate::ShopCode) -> &'static [ShopCondition] {{\n\
         \x20   match code {{\n{arms}        _ => &[],\n    }}\n}}",
        all = all.join(", ")
    );
    out
}

/// Checks one message hint: a lowercase snake_case `field` or lowercase `phrases`, not both, and
/// an https `source`.
pub fn check_hint(h: &RawHint) -> Result<(), String> {
    match (&h.field, h.phrases.is_empty()) {
        (Some(_), false) => return Err("give `field` or `phrases`, not both".to_owned()),
        (None, true) => return Err("needs a `field` or at least one phrase".to_owned()),
        (Some(f), true) => {
            let ok = f.starts_with(|c: char| c.is_ascii_lowercase())
                && f.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
            if !ok {
                return Err(format!("field `{f}` must be lowercase snake_case ASCII"));
            }
        }
        (None, false) => {
            for p in &h.phrases {
                if p.trim().is_empty() || p.trim() != p || p.len() > 80 {
                    return Err(format!(
                        "phrase `{p}` must be 1-80 bytes without surrounding spaces"
                    ));
                }
                if p.chars().any(char::is_uppercase) {
                    return Err(format!("phrase `{p}` must be lowercase"));
                }
            }
        }
    }
    if !h.source.starts_with("https://") {
        return Err(format!("source `{}` is not an https:// URL", h.source));
    }
    Ok(())
}

/// The message hints of every entry, as `OUT_DIR/message_hints.rs` (included by
/// `src/message.rs`): `hints_for(code)` and the list of entries that have any.
#[must_use]
pub fn generate_hints(families: &[Family]) -> String {
    let mut out = String::from(
        "// @generated by build.rs from the `[[code.hints]]` of codes/*.toml. Do not edit.\n\n",
    );
    let mut arms = String::new();
    let mut hinted = Vec::new();
    for f in families {
        let any = f.enum_name.strip_suffix("Code").unwrap_or(&f.enum_name);
        for e in f.entries.iter().filter(|e| !e.hints.is_empty()) {
            let code = format!("crate::AnyCode::{any}(crate::{}::{})", f.enum_name, e.name);
            let hints = e
                .hints
                .iter()
                .map(|h| {
                    format!(
                        "MessageHint {{ field: {}, phrases: &[{}], source: {} }}",
                        h.field
                            .as_ref()
                            .map_or("None".to_owned(), |f| format!("Some({})", str_lit(f))),
                        h.phrases
                            .iter()
                            .map(|p| str_lit(p))
                            .collect::<Vec<_>>()
                            .join(", "),
                        str_lit(&h.source)
                    )
                })
                .collect::<Vec<_>>()
                .join(", ");
            let _ = writeln!(arms, "        {code} => &[{hints}],");
            hinted.push(code);
        }
    }
    let _ = writeln!(
        out,
        "/// The hints recorded for `code` (empty for most entries).\n\
         pub(crate) fn hints_for(code: crate::AnyCode) -> &'static [MessageHint] {{\n\
         \x20   match code {{\n{arms}        _ => &[],\n    }}\n}}\n\n\
         /// Every entry that has hints, in catalogue order.\n\
         pub(crate) static HINTED: &[crate::AnyCode] = &[{}];",
        hinted.join(", ")
    );
    out
}

// ---------------------------------------------------------------------------------------------
// Rate limits: codes/limits.toml -> OUT_DIR/limits.rs (included by src/limits.rs).

/// The Business API tiers, in order: the keys of `[tiers]` and of each `[[business]]` row.
pub const TIERS: &[&str] = &["basic", "advanced", "premium", "ultimate"];

/// Accepted `surface` values of an `[[endpoint]]` row, with the `Surface` variant each becomes.
pub const SURFACES: &[(&str, &str)] = &[
    ("v2", "V2"),
    ("content-posting", "ContentPosting"),
    ("research", "Research"),
];

/// Accepted `per` values, with the `Per` variant each becomes.
pub const PERS: &[(&str, &str)] = &[("app", "App"), ("user_token", "UserToken")];

/// Accepted `reset` values, with the `Reset` variant each becomes.
pub const RESETS: &[(&str, &str)] = &[("calendar", "Calendar"), ("sliding", "Sliding")];

/// The window keys of a limits table, shortest window first.
pub const WINDOWS: [&str; 3] = ["qps", "qpm", "qpd"];

/// Request counts per second, minute and day (0: that window is not limited).
pub type Counts = [u64; 3];

/// One validated row of `codes/limits.toml`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LimitRow {
    /// The path, the `scope` of a row without one, or the name of the tier defaults / sandbox.
    pub name: String,
    /// Business API rows: relative to `/open_api/v1.N`; v2 rows: the full path.
    pub path: Option<String>,
    /// Matches every path under `path`.
    pub prefix: bool,
    /// `business`, `sandbox`, `v2`, `content-posting`, `research`.
    pub surface: String,
    /// `app` or `user_token`.
    pub per: String,
    /// `calendar` or `sliding`.
    pub reset: String,
    /// The counts at each tier, in [`TIERS`] order (the same four times for rows without tiers).
    pub counts: [Counts; 4],
    /// Whether the row's limits are published per tier.
    pub by_tier: bool,
    /// Records (not requests) per day (Research API).
    pub records_per_day: Option<u64>,
    pub source: String,
    /// The copy of the source it was read through, when the source could not be read directly.
    pub via: Option<String>,
    pub note: Option<String>,
}

/// The validated limits file: the tier defaults, the sandbox, the Business API overrides, then
/// the v2 rows, in file order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LimitTable {
    pub rows: Vec<LimitRow>,
}

/// A positive whole number of requests, or 0 when `key` is absent.
fn count(f: &Fields<'_, '_>, key: &'static str) -> Result<u64, String> {
    match f.get(key) {
        None => Ok(0),
        Some(v @ Value::Integer(_)) => match int(v) {
            Some(n) if n > 0 => Ok(n.unsigned_abs()),
            Some(n) => Err(format!(
                "{}: `{key}` = {n} must be a positive whole number",
                f.here
            )),
            None => Err(format!("{}: `{key}` does not fit 64 bits", f.here)),
        },
        Some(v) => Err(f.wrong(key, "a positive whole number", v)),
    }
}

/// Reads `qps`, `qpm` and `qpd` and checks that they agree with each other.
fn counts(f: &Fields<'_, '_>) -> Result<Counts, String> {
    let c = [count(f, "qps")?, count(f, "qpm")?, count(f, "qpd")?];
    check_counts(&c).map_err(|m| format!("{}: {m}", f.here))?;
    Ok(c)
}

/// A row must limit at least one window, and a longer window never allows fewer requests than
/// a shorter one (`qps` <= `qpm` <= `qpd`). A shorter window may allow less than its share of a
/// longer one (TikTok publishes such rows: the Events API's per-second limit caps a minute below
/// its per-minute figure), so that is not checked.
pub fn check_counts(c: &Counts) -> Result<(), String> {
    if c.iter().all(|n| *n == 0) {
        return Err("no limit: give at least one of `qps`, `qpm`, `qpd`".to_owned());
    }
    for i in 0..3 {
        for j in i + 1..3 {
            if c[i] > 0 && c[j] > 0 && c[i] > c[j] {
                return Err(format!(
                    "`{}` = {} is above `{}` = {}: a longer window cannot allow fewer requests",
                    WINDOWS[i], c[i], WINDOWS[j], c[j]
                ));
            }
        }
    }
    Ok(())
}

/// An endpoint path: starts and ends with `/`, lowercase ASCII letters, digits, `_`, `-`, `.`
/// between, no empty segment.
pub fn check_path(p: &str) -> Result<(), String> {
    if p.len() < 3 || !p.starts_with('/') || !p.ends_with('/') {
        return Err(format!(
            "path `{p}` must start and end with `/` (as in `/ad/create/`)"
        ));
    }
    if p.contains("//") {
        return Err(format!("path `{p}` has an empty segment (`//`)"));
    }
    if let Some(bad) = p
        .chars()
        .find(|c| !(c.is_ascii_lowercase() || c.is_ascii_digit() || "/_-.".contains(*c)))
    {
        return Err(format!(
            "path `{p}` holds `{bad}`: only lowercase ASCII letters, digits, `_`, `-`, `.` and `/`"
        ));
    }
    Ok(())
}

/// The `source`, `via` and `note` of a row.
fn provenance(f: &Fields<'_, '_>) -> Result<(String, Option<String>, Option<String>), String> {
    let source = f
        .opt_str("source")?
        .ok_or_else(|| format!("{}: missing source (`source` needs a URL)", f.here))?;
    let via = f.opt_str("via")?;
    for url in std::iter::once(&source).chain(via.iter()) {
        if !url.starts_with("https://") {
            return Err(format!("{}: source `{url}` is not an https:// URL", f.here));
        }
    }
    let note = f.opt_str("note")?;
    if note.as_deref().is_some_and(|n| n.trim().is_empty()) {
        return Err(format!(
            "{}: empty note (leave the key out instead)",
            f.here
        ));
    }
    Ok((source, via, note.map(|n| prose(&n))))
}

/// The four per-tier tables of `[tiers]` or a `[[business]]` row. A table key that is not a
/// tier is named as an unknown tier; every tier must be there.
fn tier_counts(table: &Table<'_>, here: &str) -> Result<[Counts; 4], String> {
    for (k, v) in table.iter() {
        let k = k.get_ref().as_ref();
        if matches!(v.get_ref(), Value::Table(_)) && !TIERS.contains(&k) {
            return Err(format!(
                "{here}: unknown tier `{k}` (known: {})",
                TIERS.join(", ")
            ));
        }
    }
    let mut out = [[0; 3]; 4];
    for (i, tier) in TIERS.iter().enumerate() {
        let at = format!("{here}: {tier}");
        let t = match table
            .iter()
            .find(|(k, _)| k.get_ref().as_ref() == *tier)
            .map(|(_, v)| v.get_ref())
        {
            Some(Value::Table(t)) => t,
            Some(v) => {
                return Err(format!(
                    "{at}: must be a table such as {{ qps = 1, qpm = 30, qpd = 1000 }}, not {}",
                    kind(v)
                ))
            }
            None => {
                return Err(format!(
                    "{here}: missing tier `{tier}` (every tier needs its limits)"
                ))
            }
        };
        out[i] = counts(&Fields::new(t, &at, &WINDOWS)?)?;
    }
    Ok(out)
}

/// Parses and validates the limits file. `file` is the name used in messages (`limits.toml`).
pub fn parse_limits(file: &str, text: &str) -> Result<LimitTable, String> {
    let at = format!("codes/{file}");
    let doc = Table::parse(text).map_err(|e| format!("{at}: {}", e.to_string().trim()))?;
    let doc = doc.get_ref();
    let top = Fields::new(doc, &at, &["tiers", "sandbox", "business", "endpoint"])?;
    let table = |key: &str| match top.get(key) {
        Some(Value::Table(t)) => Ok(t),
        Some(v) => Err(format!("{at}: `{key}` must be a table, not {}", kind(v))),
        None => Err(format!("{at}: missing the [{key}] table")),
    };
    let mut rows = Vec::new();

    let here = format!("{at}: [tiers]");
    let tiers = table("tiers")?;
    let mut keys: Vec<&str> = TIERS.to_vec();
    keys.extend(["source", "via", "note"]);
    let counts_by_tier = tier_counts(tiers, &here)?;
    let (source, via, note) = provenance(&Fields::new(tiers, &here, &keys)?)?;
    rows.push(LimitRow {
        name: "Business API tier default".to_owned(),
        path: None,
        prefix: false,
        surface: "business".to_owned(),
        per: "app".to_owned(),
        reset: "calendar".to_owned(),
        counts: counts_by_tier,
        by_tier: true,
        records_per_day: None,
        source,
        via,
        note,
    });

    let here = format!("{at}: [sandbox]");
    let f = Fields::new(
        table("sandbox")?,
        &here,
        &["qps", "qpm", "qpd", "source", "via", "note"],
    )?;
    let c = counts(&f)?;
    let (source, via, note) = provenance(&f)?;
    rows.push(LimitRow {
        name: "Business API sandbox".to_owned(),
        path: None,
        prefix: false,
        surface: "sandbox".to_owned(),
        per: "app".to_owned(),
        reset: "calendar".to_owned(),
        counts: [c; 4],
        by_tier: false,
        records_per_day: None,
        source,
        via,
        note,
    });

    let mut seen: BTreeMap<String, String> = BTreeMap::new();
    let mut keys: Vec<&str> = TIERS.to_vec();
    keys.extend(["path", "scope", "source", "via", "note"]);
    for (i, t) in top.tables("business")?.into_iter().enumerate() {
        let shown = |key: &str| match t
            .iter()
            .find(|(k, _)| k.get_ref().as_ref() == key)
            .map(|(_, v)| v.get_ref())
        {
            Some(Value::String(s)) => Some(s.to_string()),
            _ => None,
        };
        let name = shown("path")
            .or_else(|| shown("scope"))
            .unwrap_or_else(|| "no path".to_owned());
        let here = format!("{at}: business #{} ({name})", i + 1);
        let c = tier_counts(t, &here)?;
        let f = Fields::new(t, &here, &keys)?;
        let path = f.opt_str("path")?;
        let scope = f.opt_str("scope")?;
        match (&path, &scope) {
            (Some(_), Some(_)) => return Err(format!("{here}: give `path` or `scope`, not both")),
            (None, None) => {
                return Err(format!(
                    "{here}: missing `path` (or `scope` for a row without one)"
                ))
            }
            (Some(p), None) => {
                check_path(p).map_err(|m| format!("{here}: {m}"))?;
                if p.starts_with("/open_api/") {
                    return Err(format!(
                        "{here}: path `{p}` must be relative to /open_api/v1.N (as in `/ad/create/`)"
                    ));
                }
            }
            (None, Some(s)) if s.trim().is_empty() || s.trim() != s => {
                return Err(format!(
                    "{here}: `scope` must be a non-empty name without surrounding spaces"
                ))
            }
            (None, Some(_)) => {}
        }
        if let Some(prev) = seen.insert(name.clone(), here.clone()) {
            return Err(format!(
                "{here}: duplicate path `{name}` (already in {prev})"
            ));
        }
        let (source, via, note) = provenance(&f)?;
        rows.push(LimitRow {
            name,
            path,
            prefix: false,
            surface: "business".to_owned(),
            per: "app".to_owned(),
            reset: "calendar".to_owned(),
            counts: c,
            by_tier: true,
            records_per_day: None,
            source,
            via,
            note,
        });
    }

    let mut seen: BTreeMap<String, String> = BTreeMap::new();
    for (i, t) in top.tables("endpoint")?.into_iter().enumerate() {
        let name = match t
            .iter()
            .find(|(k, _)| k.get_ref().as_ref() == "path")
            .map(|(_, v)| v.get_ref())
        {
            Some(Value::String(s)) => s.to_string(),
            _ => "no path".to_owned(),
        };
        let here = format!("{at}: endpoint #{} ({name})", i + 1);
        let f = Fields::new(
            t,
            &here,
            &[
                "path",
                "prefix",
                "surface",
                "per",
                "reset",
                "qps",
                "qpm",
                "qpd",
                "records_per_day",
                "source",
                "via",
                "note",
            ],
        )?;
        let path = f.str("path")?;
        check_path(&path).map_err(|m| format!("{here}: {m}"))?;
        if !path.starts_with("/v2/") || path == "/v2/" {
            return Err(format!(
                "{here}: path `{path}` must be a v2 path (`/v2/...`); Business API paths go in [[business]]"
            ));
        }
        let prefix = f.bool("prefix")?;
        let surface = f.str("surface")?;
        if lookup(SURFACES, &surface).is_none() {
            return Err(format!(
                "{here}: unknown surface `{surface}` (known: v2, content-posting, research)"
            ));
        }
        let per = f.str("per")?;
        if lookup(PERS, &per).is_none() {
            return Err(format!(
                "{here}: unknown per `{per}` (known: app, user_token)"
            ));
        }
        let reset = f.str("reset")?;
        if lookup(RESETS, &reset).is_none() {
            return Err(format!(
                "{here}: unknown reset `{reset}` (known: calendar, sliding)"
            ));
        }
        let c = counts(&f)?;
        let records = count(&f, "records_per_day")?;
        if let Some(prev) = seen.insert(path.clone(), here.clone()) {
            return Err(format!(
                "{here}: duplicate path `{path}` (already in {prev})"
            ));
        }
        let (source, via, note) = provenance(&f)?;
        rows.push(LimitRow {
            name: path.clone(),
            path: Some(path),
            prefix,
            surface,
            per,
            reset,
            counts: [c; 4],
            by_tier: false,
            records_per_day: (records > 0).then_some(records),
            source,
            via,
            note,
        });
    }
    Ok(LimitTable { rows })
}

/// Loads and validates `codes/limits.toml` from `dir`.
pub fn load_limits(dir: &Path) -> Result<LimitTable, String> {
    let path = dir.join("limits.toml");
    let text = std::fs::read_to_string(&path)
        .map_err(|e| format!("codes/limits.toml: cannot read {}: {e}", path.display()))?;
    parse_limits("limits.toml", &text)
}

/// A path's lookup key: without its outer slashes (`ad/create`), as `src/limits.rs` compares.
fn path_key(p: &str) -> &str {
    p.trim_matches('/')
}

/// Renders `OUT_DIR/limits.rs`: the rows, and sorted path tables for binary search.
#[must_use]
pub fn generate_limits(t: &LimitTable) -> String {
    let mut out = String::from(
        "// @generated by build.rs from codes/limits.toml. Do not edit: edit the TOML.\n\n",
    );
    let opt = |s: &Option<String>| {
        s.as_ref()
            .map_or("None".to_owned(), |s| format!("Some({})", str_lit(s)))
    };
    let _ = writeln!(
        out,
        "/// Every row: the tier defaults, the sandbox, the Business API overrides, the v2 rows.\n\
         #[allow(clippy::unreadable_literal)]\n\
         static ROWS: [RowData; {}] = [",
        t.rows.len()
    );
    for r in &t.rows {
        let surface = match r.surface.as_str() {
            "business" => "Business",
            "sandbox" => "Sandbox",
            s => lookup(SURFACES, s).unwrap_or("V2"),
        };
        let _ = writeln!(
            out,
            "    RowData {{ name: {}, path: {}, prefix: {}, surface: Surface::{surface}, per: Per::{}, \
             reset: Reset::{}, counts: {:?}, by_tier: {}, records_per_day: {}, source: {}, via: {}, note: {} }},",
            str_lit(&r.name),
            opt(&r.path),
            r.prefix,
            lookup(PERS, &r.per).unwrap_or("App"),
            lookup(RESETS, &r.reset).unwrap_or("Calendar"),
            r.counts,
            r.by_tier,
            r.records_per_day.unwrap_or(0),
            str_lit(&r.source),
            opt(&r.via),
            opt(&r.note),
        );
    }
    out.push_str("];\n\n");
    let mut business = Vec::new();
    let mut exact = Vec::new();
    let mut prefixes = Vec::new();
    for (i, r) in t.rows.iter().enumerate() {
        let Some(p) = &r.path else { continue };
        let entry = (path_key(p).to_owned(), i);
        match (r.surface.as_str(), r.prefix) {
            ("business", _) => business.push(entry),
            (_, false) => exact.push(entry),
            (_, true) => prefixes.push(entry),
        }
    }
    business.sort();
    exact.sort();
    // Longest first: the most specific prefix wins.
    prefixes.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.0.cmp(&b.0)));
    for (name, doc, list) in [
        (
            "BUSINESS_PATHS",
            "Business API overrides: (path after /open_api/v1.N without its outer slashes, row), sorted.",
            &business,
        ),
        (
            "V2_PATHS",
            "v2 rows: (path without its outer slashes, row), sorted.",
            &exact,
        ),
        (
            "V2_PREFIXES",
            "v2 rows that cover every path under theirs, longest first.",
            &prefixes,
        ),
    ] {
        let items: Vec<String> = list
            .iter()
            .map(|(k, i)| format!("({}, {i})", str_lit(k)))
            .collect();
        let _ = writeln!(
            out,
            "/// {doc}\nstatic {name}: [(&str, usize); {}] = [{}];\n",
            list.len(),
            items.join(", ")
        );
    }
    out
}

/// Where each entry is written and when it was reviewed, as `OUT_DIR/entry_sources.rs`
/// (included by `src/site.rs`, whose pages link each entry's line and show its date):
/// `(api key, file, code, line, reviewed or "")`, in file order.
pub fn generate_entry_sources(families: &[Family]) -> String {
    let mut rows = String::new();
    for f in families {
        for e in &f.entries {
            let _ = writeln!(
                rows,
                "    ({}, {}, {}, {}, {}),",
                str_lit(&f.api),
                str_lit(&f.file),
                str_lit(&e.code.text()),
                e.line,
                str_lit(e.reviewed.as_deref().unwrap_or_default())
            );
        }
    }
    format!(
        "/// `(api key, file in codes/, code, line of its `code = …`, reviewed date or \"\")` of \
         every entry, in file order (generated by build.rs).\n\
         pub(crate) static ENTRY_SOURCES: &[(&str, &str, &str, u32, &str)] = &[\n{rows}];\n"
    )
}

fn main() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("codes");
    println!("cargo:rerun-if-changed=codes");
    for (stem, _, _) in FAMILIES {
        println!("cargo:rerun-if-changed=codes/{stem}.toml");
    }
    println!("cargo:rerun-if-changed=codes/limits.toml");
    let families = match load_catalog(&dir) {
        Ok(f) => f,
        Err(msg) => {
            // One readable line; cargo shows it under "error: failed to run custom build command".
            eprintln!("error: invalid catalogue: {msg}");
            std::process::exit(1);
        }
    };
    let out_dir = std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR for build scripts");
    let path = Path::new(&out_dir).join("catalog.rs");
    std::fs::write(&path, generate(&families))
        .unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
    let limits = match load_limits(&dir) {
        Ok(l) => l,
        Err(msg) => {
            eprintln!("error: invalid rate limits: {msg}");
            std::process::exit(1);
        }
    };
    let limits_rs = Path::new(&out_dir).join("limits.rs");
    std::fs::write(&limits_rs, generate_limits(&limits))
        .unwrap_or_else(|e| panic!("cannot write {}: {e}", limits_rs.display()));
    let conditions = Path::new(&out_dir).join("shop_conditions.rs");
    std::fs::write(&conditions, generate_conditions(&families))
        .unwrap_or_else(|e| panic!("cannot write {}: {e}", conditions.display()));
    let hints = Path::new(&out_dir).join("message_hints.rs");
    std::fs::write(&hints, generate_hints(&families))
        .unwrap_or_else(|e| panic!("cannot write {}: {e}", hints.display()));
    let sources = Path::new(&out_dir).join("entry_sources.rs");
    std::fs::write(&sources, generate_entry_sources(&families))
        .unwrap_or_else(|e| panic!("cannot write {}: {e}", sources.display()));
}
