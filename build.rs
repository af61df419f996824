//! Generates the typed catalogue from the TOML files in `codes/`.
//!
//! For every family file this writes, into `OUT_DIR/catalog.rs`:
//! - a `#[non_exhaustive]` fieldless enum with one documented variant per entry,
//! - a static metadata table indexed by the variant's discriminant,
//! - `phf` maps from every wire code and alias to its variant,
//! - one cross-family `phf` map from the lowercased code/alias to every match.
//!
//! Validation problems stop the build with `codes/<file>: entry #<n> (<code>): <problem>`.
//! `tests/validator.rs` compiles this file as a module and feeds it broken fixtures, so every
//! item below except `main` is also a tested library.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::Path;

use serde::Deserialize;

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

/// One data file, as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFile {
    pub family: RawFamily,
    #[serde(default)]
    pub code: Vec<toml::Table>,
}

/// The `[family]` header.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFamily {
    pub api: String,
    pub wire: String,
}

/// One `[[code]]` block, as written (the code itself is checked separately for its type).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawEntry {
    pub code: toml::Value,
    pub name: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    pub title: String,
    pub description: String,
    pub fix: String,
    pub category: String,
    pub retry: String,
    pub wait: Option<String>,
    #[serde(default)]
    pub http_status: Vec<i64>,
    pub channels: Option<Vec<String>>,
    pub wire_codes: Option<Vec<i64>>,
    pub evidence: String,
    #[serde(default)]
    pub sources: Vec<String>,
    #[serde(default)]
    pub seeds: Vec<String>,
    pub note: Option<String>,
    #[serde(default)]
    pub disagreements: Vec<RawDisagreement>,
    #[serde(default)]
    pub hints: Vec<RawHint>,
}

/// A `[[code.hints]]` block: what a real message says when it reports this entry, for
/// `ApiError::diagnoses()`. Either a request `field` the message names, or `phrases` that must
/// all appear in it (lowercase, matched without regard to case), each backed by a `source`.
#[derive(Debug, Deserialize, Clone, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct RawHint {
    pub field: Option<String>,
    #[serde(default)]
    pub phrases: Vec<String>,
    pub source: String,
}

/// A `[[code.disagreements]]` block.
#[derive(Debug, Deserialize, Clone)]
#[serde(deny_unknown_fields)]
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
    pub http_status: Vec<u16>,
    pub channels: Vec<String>,
    pub wire_codes: Vec<i64>,
    pub evidence: String,
    pub sources: Vec<String>,
    pub seeds: Vec<String>,
    pub note: Option<String>,
    pub disagreements: Vec<RawDisagreement>,
    pub hints: Vec<RawHint>,
}

/// One validated family file.
#[derive(Debug, Clone)]
pub struct Family {
    pub file: String,
    pub api: String,
    pub enum_name: String,
    pub int_codes: bool,
    pub entries: Vec<Entry>,
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
        Some(secs) if secs > 0 => Ok(Wait::Seconds(secs)),
        _ => Err(format!("wait `{s}` must be between 1 second and 136 years")),
    }
}

/// Reflows hand-wrapped prose: lines of a paragraph are joined with one space, paragraphs (blank
/// lines) are kept, surrounding white space goes.
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

/// Parses and validates one family file. `file` is the name used in messages (`ads.toml`).
pub fn parse_family(file: &str, text: &str) -> Result<Family, String> {
    let at = format!("codes/{file}");
    let raw: RawFile = toml::from_str(text).map_err(|e| format!("{at}: {e}"))?;
    let Some(&(stem, api, enum_name)) = FAMILIES.iter().find(|f| f.1 == raw.family.api) else {
        let known: Vec<_> = FAMILIES.iter().map(|f| f.1).collect();
        return Err(format!(
            "{at}: [family] api = `{}` is not one of {known:?}",
            raw.family.api
        ));
    };
    let int_codes = match raw.family.wire.as_str() {
        "int" => true,
        "str" => false,
        other => {
            return Err(format!(
                "{at}: [family] wire = `{other}` must be `int` or `str`"
            ))
        }
    };
    if raw.code.is_empty() {
        return Err(format!("{at}: the file has no [[code]] entries"));
    }
    let mut entries = Vec::with_capacity(raw.code.len());
    let mut keys: BTreeMap<String, String> = BTreeMap::new();
    let mut names = BTreeSet::new();
    for (i, table) in raw.code.into_iter().enumerate() {
        let n = i + 1;
        let shown = table
            .get("code")
            .map(|v| match v {
                toml::Value::String(s) => s.clone(),
                toml::Value::Integer(i) => i.to_string(),
                other => format!("{other:?}"),
            })
            .unwrap_or_else(|| "no code".to_owned());
        let here = format!("{at}: entry #{n} ({shown})");
        let e: RawEntry = table
            .try_into()
            .map_err(|err: toml::de::Error| format!("{here}: {}", err.message().trim()))?;
        let code = match (&e.code, int_codes) {
            (toml::Value::Integer(i), true) => Code::Int(*i),
            (toml::Value::String(s), false) if !s.trim().is_empty() && s.trim() == s => {
                Code::Str(s.clone())
            }
            (_, true) => return Err(format!("{here}: `code` must be an integer in this file")),
            (_, false) => {
                return Err(format!(
                    "{here}: `code` must be a non-empty string without surrounding spaces"
                ))
            }
        };
        if !is_upper_camel(&e.name) {
            return Err(format!(
                "{here}: name `{}` must be UpperCamelCase ASCII",
                e.name
            ));
        }
        if !names.insert(e.name.clone()) {
            return Err(format!("{here}: duplicate variant name `{}`", e.name));
        }
        for (what, key) in std::iter::once(("code", code.text()))
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
        for (field, value) in [
            ("title", &e.title),
            ("description", &e.description),
            ("fix", &e.fix),
        ] {
            if value.trim().is_empty() {
                return Err(format!("{here}: empty {field}"));
            }
        }
        if e.title.contains('\n') {
            return Err(format!("{here}: title must be one line"));
        }
        if lookup(CATEGORIES, &e.category).is_none() {
            return Err(format!("{here}: unknown category `{}`", e.category));
        }
        if lookup(RETRIES, &e.retry).is_none() {
            return Err(format!("{here}: unknown retry class `{}`", e.retry));
        }
        if lookup(EVIDENCE, &e.evidence).is_none() {
            return Err(format!("{here}: unknown evidence `{}`", e.evidence));
        }
        let wait = match &e.wait {
            Some(w) => Some(parse_wait(w).map_err(|m| format!("{here}: {m}"))?),
            None => None,
        };
        let mut http_status = Vec::with_capacity(e.http_status.len());
        for s in &e.http_status {
            match u16::try_from(*s) {
                Ok(s) if (100..=599).contains(&s) => http_status.push(s),
                _ => return Err(format!("{here}: http_status {s} is not 100-599")),
            }
        }
        if e.sources.is_empty() {
            return Err(format!(
                "{here}: missing source (`sources` needs at least one URL)"
            ));
        }
        if let Some(bad) = e.sources.iter().find(|s| !s.starts_with("https://")) {
            return Err(format!("{here}: source `{bad}` is not an https:// URL"));
        }
        if let Some(bad) = e.seeds.iter().find(|s| !SEEDS.contains(&s.as_str())) {
            return Err(format!("{here}: unknown seed `{bad}` (known: {SEEDS:?})"));
        }
        for d in &e.disagreements {
            if d.source.trim().is_empty() || d.says.trim().is_empty() {
                return Err(format!(
                    "{here}: a disagreement needs a source and what it says"
                ));
            }
        }
        let channels = only_in(e.channels, "channels", "content_posting", stem, &here)?;
        if stem == "content_posting" && channels.is_empty() {
            return Err(format!("{here}: `channels` must name at least one channel"));
        }
        if let Some(bad) = channels.iter().find(|c| !CHANNELS.contains(&c.as_str())) {
            return Err(format!(
                "{here}: unknown channel `{bad}` (known: {CHANNELS:?})"
            ));
        }
        let wire_codes = only_in(e.wire_codes, "wire_codes", "ads_diagnoses", stem, &here)?;
        for (k, h) in e.hints.iter().enumerate() {
            check_hint(h).map_err(|m| format!("{here}: hint #{}: {m}", k + 1))?;
        }
        entries.push(Entry {
            code,
            name: e.name,
            aliases: e.aliases,
            title: prose(&e.title),
            description: prose(&e.description),
            fix: prose(&e.fix),
            category: e.category,
            retry: e.retry,
            wait,
            http_status,
            channels,
            wire_codes,
            evidence: e.evidence,
            sources: e.sources,
            seeds: e.seeds,
            note: e.note.map(|n| prose(&n)),
            disagreements: e
                .disagreements
                .into_iter()
                .map(|d| RawDisagreement {
                    source: prose(&d.source),
                    says: prose(&d.says),
                })
                .collect(),
            hints: e.hints,
        });
    }
    Ok(Family {
        file: file.to_owned(),
        api: api.to_owned(),
        enum_name: enum_name.to_owned(),
        int_codes,
        entries,
    })
}

/// Cross-file checks: every family present once, every diagnosis wire code exists in Ads.
pub fn validate_catalog(families: &[Family]) -> Result<(), String> {
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

/// Renders the Rust source for the whole catalogue.
pub fn generate(families: &[Family]) -> String {
    let mut out = String::new();
    out.push_str("// @generated by build.rs from codes/*.toml. Do not edit: edit the TOML.\n\n");
    let mut any_keys: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for f in families {
        gen_family(&mut out, f, &mut any_keys);
    }
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
         pub(crate) static ANY_BY_CODE: ::phf::Map<&'static str, &'static [crate::AnyCode]> = {};\n",
        map.build()
    );
    out
}

fn gen_family(out: &mut String, f: &Family, any_keys: &mut BTreeMap<String, Vec<String>>) {
    let en = &f.enum_name;
    let (api_variant, what) = match f.api.as_str() {
        "ads" => ("Ads", "Marketing (Ads) API return code"),
        "ads-diagnosis" => ("Ads", "Ads diagnosis"),
        "content-posting" => ("ContentPosting", "Content Posting API code"),
        "business-messaging" => ("BusinessMessaging", "Business Messaging API code"),
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
    let _ = writeln!(
        out,
        "#[non_exhaustive]\n#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Debug, \
         ::strum::EnumIter, ::strum::EnumCount, ::strum::IntoStaticStr, ::strum::VariantNames)]\n\
         #[repr(u16)]\npub enum {en} {{"
    );
    for (i, e) in f.entries.iter().enumerate() {
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
        let _ = writeln!(out, "    {} = {i},", e.name);
    }
    out.push_str("}\n\n");

    // Metadata table.
    let upper = en.to_ascii_uppercase();
    let _ = writeln!(
        out,
        "static {upper}_ENTRIES: [crate::Entry; {}] = [",
        f.entries.len()
    );
    for e in &f.entries {
        let code = match &e.code {
            Code::Int(i) => format!("crate::WireCode::Int({i})"),
            Code::Str(s) => format!("crate::WireCode::Str({})", str_lit(s)),
        };
        let kind = if f.api == "ads-diagnosis" {
            "Diagnosis"
        } else {
            "Code"
        };
        let wait = match &e.wait {
            None => "None".to_owned(),
            Some(Wait::Seconds(s)) => format!("Some(crate::Wait::Seconds({s}))"),
            Some(Wait::UntilUtcMidnight) => "Some(crate::Wait::UntilUtcMidnight)".to_owned(),
        };
        let list = |v: &[String]| {
            format!(
                "&[{}]",
                v.iter().map(|s| str_lit(s)).collect::<Vec<_>>().join(", ")
            )
        };
        let channels = format!(
            "crate::Channels {{ error_code: {}, fail_reason: {} }}",
            e.channels.iter().any(|c| c == "error_code"),
            e.channels.iter().any(|c| c == "fail_reason")
        );
        let disagreements = format!(
            "&[{}]",
            e.disagreements
                .iter()
                .map(|d| format!(
                    "crate::Disagreement {{ source: {}, says: {} }}",
                    str_lit(d.source.trim()),
                    str_lit(d.says.trim())
                ))
                .collect::<Vec<_>>()
                .join(", ")
        );
        let _ = writeln!(
            out,
            "    crate::Entry {{ api: crate::Api::{api_variant}, kind: crate::EntryKind::{kind}, code: {code}, \
             name: {name}, aliases: {aliases}, title: {title}, description: {desc}, fix: {fix}, \
             category: crate::Category::{cat}, retry: crate::Retry::{retry}, wait: {wait}, \
             http_status: &{http:?}, channels: {channels}, carried_by: &{wire:?}, \
             provenance: crate::Provenance {{ evidence: crate::Evidence::{ev}, sources: {sources}, \
             seeds: {seeds}, note: {note}, disagreements: {disagreements} }} }},",
            name = str_lit(&e.name),
            aliases = list(&e.aliases),
            title = str_lit(&e.title),
            desc = str_lit(&e.description),
            fix = str_lit(&e.fix),
            cat = lookup(CATEGORIES, &e.category).unwrap_or("Unknown"),
            retry = lookup(RETRIES, &e.retry).unwrap_or("Unknown"),
            http = e.http_status,
            wire = e.wire_codes,
            ev = lookup(EVIDENCE, &e.evidence).unwrap_or("SeedOnly"),
            sources = list(&e.sources),
            seeds = list(&e.seeds),
            note = e
                .note
                .as_ref()
                .map_or("None".to_owned(), |n| format!("Some({})", str_lit(n))),
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
    for (k, v) in &str_keys {
        by_str.entry(k.as_str(), v.as_str());
    }
    let _ = writeln!(
        out,
        "static {upper}_BY_STR: ::phf::Map<&'static str, {en}> = {};\n",
        by_str.build()
    );
    if f.int_codes {
        let mut by_int = phf_codegen::Map::new();
        for (k, v) in &int_keys {
            by_int.entry(*k, v.as_str());
        }
        let _ = writeln!(
            out,
            "static {upper}_BY_INT: ::phf::Map<i64, {en}> = {};\n",
            by_int.build()
        );
    }
    let all = f
        .entries
        .iter()
        .map(|e| format!("{en}::{}", e.name))
        .collect::<Vec<_>>()
        .join(", ");
    let by_int = if f.int_codes {
        format!("{upper}_BY_INT.get(&code).copied()")
    } else {
        "{ let _ = code; None }".to_owned()
    };
    let _ = writeln!(
        out,
        "impl crate::ErrorCode for {en} {{\n\
         \x20   const API: crate::Api = crate::Api::{api_variant};\n\
         \x20   const ALL: &'static [Self] = &[{all}];\n\
         \x20   #[inline]\n\
         \x20   fn entry(self) -> &'static crate::Entry {{ &{upper}_ENTRIES[self as usize] }}\n\
         \x20   #[inline]\n\
         \x20   fn from_code(code: &str) -> Option<Self> {{ {upper}_BY_STR.get(code).copied() }}\n\
         \x20   #[inline]\n\
         \x20   fn from_int(code: i64) -> Option<Self> {{ {by_int} }}\n\
         }}\n\
         code_enum_impls!({en}, {any_variant});\n"
    );
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

fn main() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("codes");
    println!("cargo:rerun-if-changed=codes");
    for (stem, _, _) in FAMILIES {
        println!("cargo:rerun-if-changed=codes/{stem}.toml");
    }
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
    let hints = Path::new(&out_dir).join("message_hints.rs");
    std::fs::write(&hints, generate_hints(&families))
        .unwrap_or_else(|e| panic!("cannot write {}: {e}", hints.display()));
}
