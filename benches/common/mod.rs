//! Inputs and baselines shared by the benches (`benches/*.rs`) and the instruction counter
//! (`examples/icount.rs`), so wall-clock and instruction figures measure the same code on the
//! same inputs.
//!
//! Everything is deterministic (fixed seeds); nothing here reads the network or the disk.
#![allow(dead_code)]

/// The criterion settings every bench uses, sized so `cargo bench` stays under 5 minutes on
/// 2 cores: 40 samples, 20,000 bootstrap resamples, the given warm-up and measurement times.
pub fn criterion_config(warm_up_ms: u64, measurement_ms: u64) -> criterion::Criterion {
    criterion::Criterion::default()
        .warm_up_time(std::time::Duration::from_millis(warm_up_ms))
        .measurement_time(std::time::Duration::from_millis(measurement_ms))
        .sample_size(40)
        .nresamples(20_000)
}

use std::borrow::Cow;
use std::collections::{BTreeSet, HashMap};
use std::hint::black_box;

use serde::de::IgnoredAny;
use serde::Deserialize;
use tiktok_errors::{
    decode, lookup, lookup_int, AdsCode, AnyCode, Api, ContentPostingCode, ErrorCode, OAuthCode,
    ShopCode, WireCode,
};

// The generated `match` baseline (written by benches/build.rs from codes/*.toml).
include!(concat!(env!("OUT_DIR"), "/baseline_match.rs"));

/// Keys per lookup batch: one timed iteration looks up this many keys.
pub const BATCH: usize = 1024;
/// Distinct bodies per decode shape: one timed iteration decodes all of them.
pub const BODIES: usize = 32;
/// Distinct 10 KB success bodies: one timed iteration decodes all of them.
pub const SUCCESS_BODIES: usize = 8;

// -------------------------------------------------------------------------------------------
// A small deterministic RNG (SplitMix64): no dependency, same keys in every run.
// -------------------------------------------------------------------------------------------

pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

// -------------------------------------------------------------------------------------------
// Lookup keys
// -------------------------------------------------------------------------------------------

/// Hits and misses of one lookup, each `BATCH` keys long.
pub struct KeySet<K> {
    pub hits: Vec<K>,
    pub misses: Vec<K>,
}

/// Every key a family's `from_code` accepts: the code as text and every alias.
pub fn family_str_keys<C: ErrorCode>() -> Vec<String> {
    C::ALL
        .iter()
        .flat_map(|c| {
            let e = c.entry();
            std::iter::once(e.code().to_string()).chain(e.aliases().map(|a| a.to_string()))
        })
        .collect()
}

/// Every key `lookup` accepts as TikTok sends it (original case), across all families.
pub fn any_str_keys() -> Vec<String> {
    let set: BTreeSet<String> = AnyCode::all()
        .flat_map(|c| {
            let e = c.entry();
            std::iter::once(e.code().to_string()).chain(e.aliases().map(|a| a.to_string()))
        })
        .collect();
    set.into_iter().collect()
}

/// Every integer code of every family (what `lookup_int` finds).
pub fn any_int_keys() -> Vec<i64> {
    let set: BTreeSet<i64> = AnyCode::all()
        .filter_map(|c| match c.entry().code() {
            WireCode::Int(i) => Some(i),
            WireCode::Str(_) => None,
        })
        .collect();
    set.into_iter().collect()
}

const WORDS: &[&str] = &[
    "campaign",
    "budget",
    "ad",
    "group",
    "creative",
    "pixel",
    "token",
    "access",
    "invalid",
    "limit",
    "exceeded",
    "not",
    "found",
    "video",
    "upload",
    "failed",
    "rate",
    "spam",
    "risk",
    "user",
    "audit",
    "daily",
    "quota",
    "identity",
    "catalog",
    "product",
    "permission",
    "denied",
    "expired",
    "refresh",
];

#[derive(Clone, Copy)]
pub enum Style {
    /// `CAMPAIGN_BUDGET_EXCEEDED` or a decimal code (Marketing API).
    UpperOrInt,
    /// `spam_risk_daily_quota` (Content Posting, OAuth).
    Snake,
    /// Any of the above.
    Mixed,
}

/// A known key with its last byte changed: same length, longest common prefix.
fn near_miss(rng: &mut Rng, known: &[String], is_known: &dyn Fn(&str) -> bool) -> String {
    loop {
        let mut k = known[rng.below(known.len())].clone().into_bytes();
        let last = k.len() - 1;
        let b = k[last];
        let r = rng.below(25) as u8 + 1;
        k[last] = match b {
            b'0'..=b'9' => b'0' + (b - b'0' + r % 10) % 10,
            b'A'..=b'Z' => b'A' + (b - b'A' + r) % 26,
            b'a'..=b'z' => b'a' + (b - b'a' + r) % 26,
            _ => b'x',
        };
        let k = String::from_utf8(k).expect("ASCII keys");
        if !is_known(&k) {
            return k;
        }
    }
}

/// A plausible code the catalogue does not have.
fn novel(rng: &mut Rng, style: Style, is_known: &dyn Fn(&str) -> bool) -> String {
    loop {
        let style = match style {
            Style::Mixed => [Style::UpperOrInt, Style::Snake][rng.below(2)],
            s => s,
        };
        let k = match style {
            Style::UpperOrInt if rng.below(2) == 0 => (40000 + rng.below(20000)).to_string(),
            _ => {
                let n = 2 + rng.below(3);
                let words: Vec<&str> = (0..n).map(|_| *rng.pick(WORDS)).collect();
                let k = words.join("_");
                if matches!(style, Style::UpperOrInt) {
                    k.to_ascii_uppercase()
                } else {
                    k
                }
            }
        };
        if !is_known(&k) {
            return k;
        }
    }
}

/// `BATCH` hits sampled uniformly from `known`, and `BATCH` misses: half near misses, half
/// novel plausible codes.
pub fn str_key_set(
    seed: u64,
    known: &[String],
    style: Style,
    is_known: &dyn Fn(&str) -> bool,
) -> KeySet<String> {
    let mut rng = Rng::new(seed);
    let hits = (0..BATCH).map(|_| rng.pick(known).clone()).collect();
    let misses = (0..BATCH)
        .map(|i| {
            if i % 2 == 0 {
                near_miss(&mut rng, known, is_known)
            } else {
                novel(&mut rng, style, is_known)
            }
        })
        .collect();
    KeySet { hits, misses }
}

/// `BATCH` hits sampled uniformly from `known`, and `BATCH` misses: half a known code ±1..3,
/// half random codes in 40000–51999, none of them known.
pub fn int_key_set(seed: u64, known: &[i64]) -> KeySet<i64> {
    let mut rng = Rng::new(seed);
    let hits = (0..BATCH).map(|_| *rng.pick(known)).collect();
    let misses = (0..BATCH)
        .map(|i| loop {
            let k = if i % 2 == 0 {
                let d = 1 + rng.below(3) as i64;
                rng.pick(known) + if rng.below(2) == 0 { d } else { -d }
            } else {
                40000 + rng.below(12000) as i64
            };
            if !known.contains(&k) {
                break k;
            }
        })
        .collect();
    KeySet { hits, misses }
}

pub fn ads_str_set() -> KeySet<String> {
    let known = family_str_keys::<AdsCode>();
    str_key_set(1, &known, Style::UpperOrInt, &|k| {
        AdsCode::from_code(k).is_some()
    })
}

pub fn content_posting_str_set() -> KeySet<String> {
    let known = family_str_keys::<ContentPostingCode>();
    str_key_set(2, &known, Style::Snake, &|k| {
        ContentPostingCode::from_code(k).is_some()
    })
}

pub fn ads_int_set() -> KeySet<i64> {
    let known: Vec<i64> = AdsCode::ALL
        .iter()
        .filter_map(|c| match c.code() {
            WireCode::Int(i) => Some(i),
            WireCode::Str(_) => None,
        })
        .collect();
    int_key_set(3, &known)
}

pub fn any_str_set() -> KeySet<String> {
    let known = any_str_keys();
    str_key_set(4, &known, Style::Mixed, &|k| !lookup(k).is_empty())
}

pub fn any_int_set() -> KeySet<i64> {
    int_key_set(5, &any_int_keys())
}

// -------------------------------------------------------------------------------------------
// Lookup strategies. Each sits in its own `#[inline(never)]` function, as a library lookup
// called from a deserializer would.
// -------------------------------------------------------------------------------------------

#[inline(never)]
pub fn crate_from_code<C: ErrorCode>(k: &str) -> Option<C> {
    C::from_code(k)
}

#[inline(never)]
pub fn crate_from_int<C: ErrorCode>(k: i64) -> Option<C> {
    C::from_int(k)
}

#[inline(never)]
pub fn crate_lookup(k: &str) -> &'static [AnyCode] {
    lookup(k)
}

#[inline(never)]
pub fn crate_lookup_int(k: i64) -> &'static [AnyCode] {
    lookup_int(k)
}

/// std `HashMap` (SipHash-1-3) from every code text and alias to its variant, built once from
/// `ErrorCode::ALL`.
pub fn str_hashmap<C: ErrorCode>() -> HashMap<String, C> {
    C::ALL
        .iter()
        .flat_map(|&c| {
            let e = c.entry();
            std::iter::once((e.code().to_string(), c))
                .chain(e.aliases().map(move |a| (a.to_string(), c)))
        })
        .collect()
}

/// std `HashMap` from every integer code to its variant, built once from `ErrorCode::ALL`.
pub fn int_hashmap<C: ErrorCode>() -> HashMap<i64, C> {
    C::ALL
        .iter()
        .filter_map(|&c| match c.code() {
            WireCode::Int(i) => Some((i, c)),
            WireCode::Str(_) => None,
        })
        .collect()
}

#[inline(never)]
pub fn hashmap_from_code<C: ErrorCode>(map: &HashMap<String, C>, k: &str) -> Option<C> {
    map.get(k).copied()
}

#[inline(never)]
pub fn hashmap_from_int<C: ErrorCode>(map: &HashMap<i64, C>, k: i64) -> Option<C> {
    map.get(&k).copied()
}

/// `k` as an integer wire code if it is written the way the catalogue writes one (`"40100"`,
/// not `"040100"` or `"+40100"`).
fn canonical_int(k: &str) -> Option<i64> {
    let digits = k.strip_prefix('-').unwrap_or(k);
    let ok = !digits.is_empty()
        && digits.bytes().all(|b| b.is_ascii_digit())
        && (digits == "0" || !digits.starts_with('0'))
        && k != "-0";
    if ok {
        k.parse().ok()
    } else {
        None
    }
}

/// Ads codes by text, generated `match`es arranged for this key set: half of the Ads keys are
/// five-digit numbers, which a string `match` compares one by one; parse them and match the
/// integer instead, and match the SDK names by length first.
#[inline(never)]
pub fn ads_from_code_int_first(k: &str) -> Option<AdsCode> {
    match canonical_int(k) {
        Some(i) => ads_from_int_match(i),
        None => ads_from_code_match_by_len(k),
    }
}

/// A linear scan of the static `ErrorCode::ALL`, comparing each entry's code and aliases.
#[inline(never)]
pub fn linear_from_code<C: ErrorCode>(k: &str) -> Option<C> {
    let as_int = canonical_int(k);
    C::ALL.iter().copied().find(|c| {
        let e = c.entry();
        let code = match e.code() {
            WireCode::Int(i) => Some(i) == as_int,
            WireCode::Str(s) => s == k,
        };
        code || e.aliases().contains(k)
    })
}

/// A linear scan of the static `ErrorCode::ALL`, comparing each entry's integer code.
#[inline(never)]
pub fn linear_from_int<C: ErrorCode>(k: i64) -> Option<C> {
    C::ALL
        .iter()
        .copied()
        .find(|c| c.code() == WireCode::Int(k))
}

/// The cross-family `lookup` rebuilt on a generated `match` (`get`): the same trim, exact
/// try, then ASCII-lowercase try in a stack buffer.
#[inline(always)]
fn lookup_with<'t>(code: &str, get: impl Fn(&str) -> &'t [AnyCode]) -> &'t [AnyCode] {
    let code = code.trim();
    let hit = get(code);
    if !hit.is_empty() {
        return hit;
    }
    let mut buf = [0u8; 96];
    if code.len() > buf.len() || !code.is_ascii() || !code.bytes().any(|b| b.is_ascii_uppercase()) {
        return &[];
    }
    let lower = &mut buf[..code.len()];
    lower.copy_from_slice(code.as_bytes());
    lower.make_ascii_lowercase();
    std::str::from_utf8(lower).map_or(&[], get)
}

#[inline(never)]
pub fn match_lookup(code: &str) -> &'static [AnyCode] {
    lookup_with(code, any_by_code_match)
}

#[inline(never)]
pub fn match_by_len_lookup(code: &str) -> &'static [AnyCode] {
    lookup_with(code, any_by_code_match_by_len)
}

#[inline(never)]
pub fn match_lookup_int(code: i64) -> &'static [AnyCode] {
    any_by_int_match(code)
}

/// Cross-family tables built once: lowercased code or alias -> entries; integer -> entries.
pub struct AnyTables {
    pub by_str: HashMap<String, Vec<AnyCode>>,
    pub by_int: HashMap<i64, Vec<AnyCode>>,
    pub str_pairs: Vec<(String, Vec<AnyCode>)>,
    pub int_pairs: Vec<(i64, Vec<AnyCode>)>,
}

impl AnyTables {
    pub fn new() -> Self {
        let mut by_str: HashMap<String, Vec<AnyCode>> = HashMap::new();
        let mut by_int: HashMap<i64, Vec<AnyCode>> = HashMap::new();
        let mut str_order = Vec::new();
        let mut int_order = Vec::new();
        for c in AnyCode::all() {
            let e = c.entry();
            for key in
                std::iter::once(e.code().to_string()).chain(e.aliases().map(|a| a.to_string()))
            {
                let v = by_str.entry(key.to_lowercase()).or_insert_with(|| {
                    str_order.push(key.to_lowercase());
                    Vec::new()
                });
                if !v.contains(&c) {
                    v.push(c);
                }
            }
            if let WireCode::Int(i) = e.code() {
                let v = by_int.entry(i).or_insert_with(|| {
                    int_order.push(i);
                    Vec::new()
                });
                if !v.contains(&c) {
                    v.push(c);
                }
            }
        }
        let str_pairs = str_order
            .into_iter()
            .map(|k| {
                let v = by_str[&k].clone();
                (k, v)
            })
            .collect();
        let int_pairs = int_order
            .into_iter()
            .map(|k| (k, by_int[&k].clone()))
            .collect();
        AnyTables {
            by_str,
            by_int,
            str_pairs,
            int_pairs,
        }
    }
}

impl Default for AnyTables {
    fn default() -> Self {
        Self::new()
    }
}

/// `lookup` on a std `HashMap`: the same trim, exact try, then lowercase try.
#[inline(never)]
pub fn hashmap_lookup<'t>(t: &'t AnyTables, code: &str) -> &'t [AnyCode] {
    lookup_with(code, |k| t.by_str.get(k).map_or(&[], Vec::as_slice))
}

#[inline(never)]
pub fn hashmap_lookup_int(t: &AnyTables, code: i64) -> &[AnyCode] {
    t.by_int.get(&code).map_or(&[], Vec::as_slice)
}

/// `lookup` as a linear scan of the (lowercased key, entries) pairs, case-insensitively.
#[inline(never)]
pub fn linear_lookup<'t>(t: &'t AnyTables, code: &str) -> &'t [AnyCode] {
    let code = code.trim();
    t.str_pairs
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(code))
        .map_or(&[], |(_, v)| v.as_slice())
}

#[inline(never)]
pub fn linear_lookup_int(t: &AnyTables, code: i64) -> &[AnyCode] {
    t.int_pairs
        .iter()
        .find(|(k, _)| *k == code)
        .map_or(&[], |(_, v)| v.as_slice())
}

/// Checks that every strategy answers every key of every set exactly as the crate does, so the
/// benches compare equal work.
pub fn check_lookup_strategies() {
    let ads_map = str_hashmap::<AdsCode>();
    let cp_map = str_hashmap::<ContentPostingCode>();
    let ads_int_map = int_hashmap::<AdsCode>();
    let t = AnyTables::new();
    for set in [ads_str_set()] {
        for k in set.hits.iter().chain(&set.misses) {
            let want = crate_from_code::<AdsCode>(k);
            assert_eq!(ads_from_code_match(k), want, "match {k}");
            assert_eq!(ads_from_code_match_by_len(k), want, "match_by_len {k}");
            assert_eq!(ads_from_code_int_first(k), want, "match_int_first {k}");
            assert_eq!(hashmap_from_code(&ads_map, k), want, "hashmap {k}");
            assert_eq!(linear_from_code::<AdsCode>(k), want, "linear {k}");
        }
        assert!(set.hits.iter().all(|k| AdsCode::from_code(k).is_some()));
        assert!(set.misses.iter().all(|k| AdsCode::from_code(k).is_none()));
    }
    let set = content_posting_str_set();
    for k in set.hits.iter().chain(&set.misses) {
        let want = crate_from_code::<ContentPostingCode>(k);
        assert_eq!(content_posting_from_code_match(k), want, "match {k}");
        assert_eq!(
            content_posting_from_code_match_by_len(k),
            want,
            "match_by_len {k}"
        );
        assert_eq!(hashmap_from_code(&cp_map, k), want, "hashmap {k}");
        assert_eq!(
            linear_from_code::<ContentPostingCode>(k),
            want,
            "linear {k}"
        );
    }
    assert!(set
        .misses
        .iter()
        .all(|k| ContentPostingCode::from_code(k).is_none()));
    let set = ads_int_set();
    for &k in set.hits.iter().chain(&set.misses) {
        let want = crate_from_int::<AdsCode>(k);
        assert_eq!(ads_from_int_match(k), want, "match {k}");
        assert_eq!(hashmap_from_int(&ads_int_map, k), want, "hashmap {k}");
        assert_eq!(linear_from_int::<AdsCode>(k), want, "linear {k}");
    }
    assert!(set.misses.iter().all(|&k| AdsCode::from_int(k).is_none()));
    let set = any_str_set();
    for k in set.hits.iter().chain(&set.misses) {
        let want = crate_lookup(k);
        assert_eq!(match_lookup(k), want, "match {k}");
        assert_eq!(match_by_len_lookup(k), want, "match_by_len {k}");
        assert_eq!(hashmap_lookup(&t, k), want, "hashmap {k}");
        assert_eq!(linear_lookup(&t, k), want, "linear {k}");
    }
    assert!(set.hits.iter().all(|k| !lookup(k).is_empty()));
    assert!(set.misses.iter().all(|k| lookup(k).is_empty()));
    let set = any_int_set();
    for &k in set.hits.iter().chain(&set.misses) {
        let want = crate_lookup_int(k);
        assert_eq!(match_lookup_int(k), want, "match {k}");
        assert_eq!(hashmap_lookup_int(&t, k), want, "hashmap {k}");
        assert_eq!(linear_lookup_int(&t, k), want, "linear {k}");
    }
    assert!(set.misses.iter().all(|&k| lookup_int(k).is_empty()));
}

/// Runs `f` over a batch; what every lookup bench times.
#[inline(always)]
pub fn run_batch<K, R>(keys: &[K], mut f: impl FnMut(&K) -> R) {
    for k in keys {
        black_box(f(black_box(k)));
    }
}

// -------------------------------------------------------------------------------------------
// Response bodies
// -------------------------------------------------------------------------------------------

/// The five error-body shapes the decode bench covers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// Business API: `{"code":40100,"message":..,"request_id":..,"data":{}}`.
    Ads,
    /// v2: `{"data":{},"error":{"code":"spam_risk_too_many_posts","message":..,"log_id":..}}`.
    ContentPosting,
    /// OAuth v2: `{"error":"invalid_grant","error_description":..,"log_id":..}`.
    OAuth,
    /// A failed publish: `{"data":{"status":"FAILED","fail_reason":..,..},"error":{"code":"ok",..}}`.
    PublishFailed,
    /// TikTok Shop: `{"code":36009004,"data":null,"message":..,"request_id":..}`.
    Shop,
}

impl Shape {
    pub const ALL: [Shape; 5] = [
        Shape::Ads,
        Shape::ContentPosting,
        Shape::OAuth,
        Shape::PublishFailed,
        Shape::Shop,
    ];
    pub fn name(self) -> &'static str {
        match self {
            Shape::Ads => "ads",
            Shape::ContentPosting => "content_posting",
            Shape::OAuth => "oauth",
            Shape::PublishFailed => "publish_failed",
            Shape::Shop => "shop",
        }
    }
    pub fn api(self) -> Api {
        match self {
            Shape::Ads => Api::Ads,
            Shape::ContentPosting | Shape::PublishFailed => Api::ContentPosting,
            Shape::OAuth => Api::OAuth,
            Shape::Shop => Api::Shop,
        }
    }
}

/// Twelve messages as TikTok writes them; two need unescaping or carry non-ASCII text (so some
/// `Cow` fields become owned), as in real traffic.
const ADS_MESSAGES: &[&str] = &[
    "App reaches the QPS limit of this endpoint. Please retry after one second.",
    "Access token is invalid or has expired. Please reauthorize the app and retry.",
    "budget: Budget must be at least 50.00 USD for a campaign with a daily budget.",
    "advertiser_id: Advertiser 7012345678901234567 does not exist or you have no access.",
    r#"Invalid parameter: the field \"schedule_end_time\" must be later than schedule_start_time."#,
    "Le budget quotidien doit \u{ea}tre sup\u{e9}rieur \u{e0} 50 \u{20ac} \u{2014} veuillez r\u{e9}essayer plus tard.",
    "System error. Please try again later; if it persists, contact your TikTok representative.",
    "The ad group name already exists in this campaign. Choose a different ad group name.",
    "Pixel not found. Please check the pixel_id and the advertiser it belongs to.",
    "Video duration is too short; the minimum duration for this placement is 5 seconds.",
    "Too many requests within one minute; the limit is 600 requests per minute per app.",
    "Permission denied: the app has not been granted the scope ad.read by this advertiser.",
];

const CP_MESSAGES: &[&str] = &[
    "The user has posted too many times in the last 24 hours; try again tomorrow.",
    "The access token is invalid or has expired. Refresh it and send the request again.",
    "Please review your request parameters: post_info.title is longer than 2200 characters.",
    "The user has too many pending shares; ask them to review their TikTok inbox first.",
    r#"The video at \"https://example.com/v/12345.mp4\" could not be pulled from your server."#,
    "La vid\u{e9}o est trop courte : la dur\u{e9}e minimale est de 3 secondes pour ce format.",
    "Something went wrong on our side. Please try again later or contact developer support.",
    "The privacy level option does not match the options returned by creator_info/query.",
    "Unaudited clients can only post to private accounts; submit the app for an audit first.",
    "The frame rate of the video must be between 23 and 60 frames per second for uploads.",
    "API rate limit exceeded. Please slow down your requests and retry after a short delay.",
    "The scope video.publish has not been authorized by the user for this client key.",
];

const OAUTH_MESSAGES: &[&str] = &[
    "Refresh token is invalid or expired. Request a new authorization code from the user.",
    "Client key or client secret is incorrect. Check the values in the developer portal.",
    "The authorization code has already been used or has expired; restart the login flow.",
    "The requested scope is invalid, unknown, or exceeds what the app has been approved for.",
    r#"Parameter \"redirect_uri\" does not match the redirect URI registered for this app."#,
    "Le jeton d'actualisation a expir\u{e9}. Demandez une nouvelle autorisation \u{e0} l'utilisateur.",
    "The user denied the authorization request on the consent screen of the app.",
    "The grant_type parameter must be authorization_code, refresh_token or client_credentials.",
    "The authorization server encountered an unexpected condition; try again later.",
    "The client is not authorized to request an access token using this method.",
    "The server is temporarily overloaded or under maintenance; retry after a short delay.",
    "Only sandbox target users can authorize this app while it is in sandbox mode.",
];

/// TikTok Shop messages in the shapes its tables give (one with a documentation link, one
/// escaped, one non-ASCII), as the other families' lists do.
const SHOP_MESSAGES: &[&str] = &[
    "Invalid credentials. The 'sign' query parameter is invalid. For more details: https://m.tiktok.shop/s/AIu6dbFhs2XW",
    "Expired credentials. The `access_token` or `x-tts-access-token` header has expired.",
    "Too many requests. You've made too many requests in a short period of time.",
    "Invalid timestamp. The value of the `timestamp` query parameter must not be earlier than 5 minutes before the current time.",
    r#"The \"seller_sku\" text length cannot exceed max limit characters."#,
    "Le prix du produit est verrouill\u{e9} pendant une promotion en cours.",
    "Internal error. Please try again. If the issue persists after multiple attempts, please contact platform support.",
    "The product ID does not exist. Check the ID and the shop it belongs to.",
    "Parameter package_weight.value is invalid. Reason: must be greater than 0. Expected: a positive decimal",
    "The 'Battery type' field is required as you've selected 'Yes' for 'Contains batteries'.",
    "Access denied. Your IP address is not in the IP allow list configured for this app.",
    "Failed to get orders, If multiple retry have failed, please contact the platform for assistance",
];

const UNKNOWN_CP: &[&str] = &[
    "spam_risk_new_policy",
    "video_resolution_check_failed",
    "audio_copyright_check_failed",
    "creator_daily_limit_reached",
];

const UNKNOWN_OAUTH: &[&str] = &[
    "invalid_request_uri",
    "consent_required",
    "interaction_required",
    "login_required",
];

fn hex_id(rng: &mut Rng, len: usize) -> String {
    const HEX: &[u8] = b"0123456789ABCDEF";
    let mut s = String::from("20261122093045");
    while s.len() < len {
        s.push(HEX[rng.below(16)] as char);
    }
    s
}

/// `BODIES` distinct error bodies of one shape: every 8th has a code the catalogue does not
/// know; the rest cycle through random known codes and the twelve messages.
pub fn error_bodies(shape: Shape) -> Vec<Vec<u8>> {
    let mut rng = Rng::new(100 + shape as u64);
    let ads: Vec<i64> = AdsCode::ALL
        .iter()
        .filter_map(|c| match c.code() {
            WireCode::Int(i) if i != 0 && i != 20001 => Some(i),
            _ => None,
        })
        .collect();
    let cp_errors: Vec<&str> = ContentPostingCode::ALL
        .iter()
        .filter(|c| c.entry().channels().error_code())
        .filter_map(|c| match c.code() {
            WireCode::Str(s) if s != "ok" => Some(s),
            _ => None,
        })
        .collect();
    let cp_reasons: Vec<&str> = ContentPostingCode::ALL
        .iter()
        .filter(|c| c.entry().channels().fail_reason())
        .filter_map(|c| match c.code() {
            WireCode::Str(s) => Some(s),
            _ => None,
        })
        .collect();
    let shop: Vec<i64> = ShopCode::ALL
        .iter()
        .filter_map(|c| match c.code() {
            WireCode::Int(i) if i != 0 => Some(i),
            _ => None,
        })
        .collect();
    let oauth: Vec<&str> = OAuthCode::ALL
        .iter()
        .filter_map(|c| match c.code() {
            WireCode::Str(s) => Some(s),
            _ => None,
        })
        .collect();
    (0..BODIES)
        .map(|i| {
            let unknown = i % 8 == 7;
            let id = hex_id(&mut rng, 34);
            let body = match shape {
                Shape::Ads => {
                    let code = if unknown {
                        loop {
                            let c = 40000 + rng.below(20000) as i64;
                            if AdsCode::from_int(c).is_none() {
                                break c;
                            }
                        }
                    } else {
                        *rng.pick(&ads)
                    };
                    let msg = ADS_MESSAGES[i % ADS_MESSAGES.len()];
                    format!(r#"{{"code":{code},"message":"{msg}","request_id":"{id}","data":{{}}}}"#)
                }
                Shape::ContentPosting => {
                    let code = if unknown {
                        *rng.pick(UNKNOWN_CP)
                    } else {
                        *rng.pick(&cp_errors)
                    };
                    let msg = CP_MESSAGES[i % CP_MESSAGES.len()];
                    format!(
                        r#"{{"data":{{}},"error":{{"code":"{code}","message":"{msg}","log_id":"{id}"}}}}"#
                    )
                }
                Shape::OAuth => {
                    let code = if unknown {
                        *rng.pick(UNKNOWN_OAUTH)
                    } else {
                        *rng.pick(&oauth)
                    };
                    let msg = OAUTH_MESSAGES[i % OAUTH_MESSAGES.len()];
                    format!(r#"{{"error":"{code}","error_description":"{msg}","log_id":"{id}"}}"#)
                }
                Shape::Shop => {
                    let code = if unknown {
                        loop {
                            let c = 12_000_000 + rng.below(90_000) as i64;
                            if ShopCode::from_int(c).is_none() {
                                break c;
                            }
                        }
                    } else {
                        *rng.pick(&shop)
                    };
                    let msg = SHOP_MESSAGES[i % SHOP_MESSAGES.len()];
                    format!(r#"{{"code":{code},"data":null,"message":"{msg}","request_id":"{id}"}}"#)
                }
                Shape::PublishFailed => {
                    let reason = if unknown {
                        *rng.pick(UNKNOWN_CP)
                    } else {
                        *rng.pick(&cp_reasons)
                    };
                    let uploaded = 1_000_000 + rng.below(50_000_000);
                    format!(
                        r#"{{"data":{{"status":"FAILED","fail_reason":"{reason}","publicaly_available_post_id":[],"uploaded_bytes":{uploaded},"downloaded_bytes":0}},"error":{{"code":"ok","message":"","log_id":"{id}"}}}}"#
                    )
                }
            };
            body.into_bytes()
        })
        .collect()
}

/// `SUCCESS_BODIES` distinct Marketing API success bodies of about 10 KB (`code` 0, `data` a
/// page of 21 campaigns).
pub fn success_bodies() -> Vec<Vec<u8>> {
    let mut rng = Rng::new(200);
    (0..SUCCESS_BODIES)
        .map(|_| {
            let mut list = Vec::new();
            for n in 0..21 {
                let id = 1_790_000_000_000_000_000u64 + rng.next_u64() % 1_000_000_000_000;
                let budget = 50 + rng.below(10_000);
                let name = if n % 7 == 3 {
                    format!("Sp\u{e9}cial \\\"No\u{eb}l\\\" {n}")
                } else {
                    format!("Campaign {n} - Holiday sale {}", rng.below(1000))
                };
                list.push(format!(
                    r#"{{"campaign_id":"{id}","campaign_name":"{name}","advertiser_id":"7012345678901234567","budget":{budget}.0,"budget_mode":"BUDGET_MODE_DAY","objective_type":"TRAFFIC","operation_status":"ENABLE","secondary_status":"CAMPAIGN_STATUS_ENABLE","create_time":"2026-11-{:02} 09:30:45","modify_time":"2026-11-22 10:{:02}:00","is_new_structure":true,"is_smart_performance_campaign":false,"deep_bid_type":null,"roas_bid":0.0,"special_industries":[],"budget_optimize_on":false}}"#,
                    1 + rng.below(22),
                    rng.below(60)
                ));
            }
            let id = hex_id(&mut rng, 32);
            format!(
                r#"{{"code":0,"message":"OK","request_id":"{id}","data":{{"list":[{}],"page_info":{{"page":1,"page_size":21,"total_number":{},"total_page":{}}}}}}}"#,
                list.join(","),
                21 + rng.below(500),
                1 + rng.below(20)
            )
            .into_bytes()
        })
        .collect()
}

// -------------------------------------------------------------------------------------------
// Decode baselines: minimal borrowed serde structs that read only the envelope fields.
// -------------------------------------------------------------------------------------------

// Optional text fields are `Cow` with `default` (empty when absent), not `Option<Cow>`: serde's
// derive borrows a `Cow<str>` field but not one inside an `Option`, which would allocate.

/// Business API envelope (errors and the 10 KB success body).
#[derive(Deserialize)]
pub struct BusinessEnvelope<'a> {
    pub code: i64,
    #[serde(borrow)]
    pub message: Cow<'a, str>,
    #[serde(borrow, default)]
    pub request_id: Cow<'a, str>,
    #[serde(default)]
    pub data: IgnoredAny,
}

#[derive(Deserialize)]
pub struct V2Error<'a> {
    #[serde(borrow)]
    pub code: Cow<'a, str>,
    #[serde(borrow)]
    pub message: Cow<'a, str>,
    #[serde(borrow, default)]
    pub log_id: Cow<'a, str>,
}

/// v2 (Content Posting) error envelope.
#[derive(Deserialize)]
pub struct V2Envelope<'a> {
    #[serde(default)]
    pub data: IgnoredAny,
    #[serde(borrow)]
    pub error: V2Error<'a>,
}

/// OAuth v2 error.
#[derive(Deserialize)]
pub struct OAuthEnvelope<'a> {
    #[serde(borrow)]
    pub error: Cow<'a, str>,
    #[serde(borrow)]
    pub error_description: Cow<'a, str>,
    #[serde(borrow, default)]
    pub log_id: Cow<'a, str>,
}

#[derive(Deserialize)]
pub struct PublishData<'a> {
    #[serde(borrow)]
    pub status: Cow<'a, str>,
    #[serde(borrow, default)]
    pub fail_reason: Cow<'a, str>,
}

/// A publish-status answer: `data.status`, `data.fail_reason` and the v2 `error`.
#[derive(Deserialize)]
pub struct PublishEnvelope<'a> {
    #[serde(borrow)]
    pub data: PublishData<'a>,
    #[serde(borrow)]
    pub error: V2Error<'a>,
}

// The design floor for an owning typed error (not a target baseline, a reference): the same
// envelope fields parsed straight into owned `String`s, the code resolved with the crate's own
// phf lookup, the result boxed as the crate boxes its errors. What `decode` costs beyond this is
// the cost of its lenient, shape-detecting envelope.

#[derive(Deserialize)]
pub struct OwnedBusiness {
    pub code: i64,
    pub message: String,
    #[serde(default)]
    pub request_id: Option<String>,
    #[serde(default)]
    pub data: IgnoredAny,
}

#[derive(Deserialize)]
pub struct OwnedV2Error {
    pub code: String,
    pub message: String,
    #[serde(default)]
    pub log_id: Option<String>,
}

#[derive(Deserialize)]
pub struct OwnedV2 {
    #[serde(default)]
    pub data: IgnoredAny,
    pub error: OwnedV2Error,
}

#[derive(Deserialize)]
pub struct OwnedOAuth {
    pub error: String,
    pub error_description: String,
    #[serde(default)]
    pub log_id: Option<String>,
}

#[derive(Deserialize)]
pub struct OwnedPublishData {
    pub status: String,
    #[serde(default)]
    pub fail_reason: Option<String>,
}

#[derive(Deserialize)]
pub struct OwnedPublish {
    pub data: OwnedPublishData,
    pub error: OwnedV2Error,
}

/// What an owning typed error holds: the resolved code, the raw code, message and id.
pub struct OwnedError<C> {
    pub code: Option<C>,
    pub raw_int: i64,
    pub raw_str: Option<String>,
    pub message: String,
    pub request_id: Option<String>,
}

#[inline(never)]
pub fn owned_decode(shape: Shape, body: &[u8]) -> bool {
    match shape {
        Shape::Ads => serde_json::from_slice::<OwnedBusiness>(body).is_ok_and(|e| {
            black_box(Box::new(OwnedError {
                code: AdsCode::from_int(e.code),
                raw_int: e.code,
                raw_str: None,
                message: e.message,
                request_id: e.request_id,
            }));
            true
        }),
        Shape::ContentPosting => serde_json::from_slice::<OwnedV2>(body).is_ok_and(|e| {
            black_box(Box::new(OwnedError {
                code: ContentPostingCode::from_code(&e.error.code),
                raw_int: 0,
                raw_str: Some(e.error.code),
                message: e.error.message,
                request_id: e.error.log_id,
            }));
            true
        }),
        Shape::OAuth => serde_json::from_slice::<OwnedOAuth>(body).is_ok_and(|e| {
            black_box(Box::new(OwnedError {
                code: OAuthCode::from_code(&e.error),
                raw_int: 0,
                raw_str: Some(e.error),
                message: e.error_description,
                request_id: e.log_id,
            }));
            true
        }),
        Shape::PublishFailed => serde_json::from_slice::<OwnedPublish>(body).is_ok_and(|e| {
            let reason = e.data.fail_reason.unwrap_or_default();
            black_box(Box::new(OwnedError {
                code: ContentPostingCode::from_code(&reason),
                raw_int: 0,
                raw_str: Some(reason),
                message: e.error.message,
                request_id: e.error.log_id,
            }));
            e.data.status == "FAILED"
        }),
        Shape::Shop => serde_json::from_slice::<OwnedBusiness>(body).is_ok_and(|e| {
            black_box(Box::new(OwnedError {
                code: ShopCode::from_int(e.code),
                raw_int: e.code,
                raw_str: None,
                message: e.message,
                request_id: e.request_id,
            }));
            true
        }),
    }
}

// Each decode variant sits in its own `#[inline(never)]` function and drops what it built.

#[inline(never)]
pub fn crate_decode(api: Api, body: &[u8]) -> bool {
    decode(api, body).is_ok()
}

#[inline(never)]
pub fn value_decode(body: &[u8]) -> bool {
    serde_json::from_slice::<serde_json::Value>(body).is_ok()
}

#[inline(never)]
pub fn ignored_any_decode(body: &[u8]) -> bool {
    serde_json::from_slice::<IgnoredAny>(body).is_ok()
}

#[inline(never)]
pub fn borrowed_decode(shape: Shape, body: &[u8]) -> bool {
    match shape {
        Shape::Ads => serde_json::from_slice::<BusinessEnvelope<'_>>(body).is_ok(),
        Shape::ContentPosting => serde_json::from_slice::<V2Envelope<'_>>(body).is_ok(),
        Shape::OAuth => serde_json::from_slice::<OAuthEnvelope<'_>>(body).is_ok(),
        Shape::PublishFailed => serde_json::from_slice::<PublishEnvelope<'_>>(body).is_ok(),
        Shape::Shop => serde_json::from_slice::<BusinessEnvelope<'_>>(body).is_ok(),
    }
}

/// Checks the bodies: every variant parses them, the crate decodes every error body as an
/// error of the right family (1 in 8 with an unknown code) and every success body as success.
pub fn check_bodies() {
    for shape in Shape::ALL {
        let bodies = error_bodies(shape);
        let mut unknown = 0;
        for b in &bodies {
            let text = std::str::from_utf8(b).expect("UTF-8");
            assert!(
                (150..=300).contains(&b.len()),
                "{shape:?} body is {} bytes: {text}",
                b.len()
            );
            assert!(
                value_decode(b) && borrowed_decode(shape, b) && owned_decode(shape, b),
                "{text}"
            );
            let err = decode(shape.api(), b).expect_err(text);
            assert_eq!(err.api(), Some(shape.api()), "{text}");
            if shape == Shape::PublishFailed {
                assert_eq!(err.outcome(), "publish_failed", "{text}");
            }
            if !err.is_known() {
                unknown += 1;
            }
        }
        assert_eq!(unknown, BODIES / 8, "{shape:?}");
    }
    for b in success_bodies() {
        assert!((9_800..=10_600).contains(&b.len()), "{} bytes", b.len());
        assert!(value_decode(&b) && borrowed_decode(Shape::Ads, &b));
        assert!(decode(Api::Ads, &b).is_ok());
    }
}

// -------------------------------------------------------------------------------------------
// Search
// -------------------------------------------------------------------------------------------

/// The typical queries of the search bench.
pub const QUERIES: &[&str] = &[
    "budget too low",
    "pending share",
    "frame rate",
    "40100",
    "access token",
    "spam",
    "video too short",
    "rate limit exceeded",
    "refresh token expired",
    "pixel not found",
];

// -------------------------------------------------------------------------------------------
// Typed payloads (issue 11): the user's own page type, in one pass.
// -------------------------------------------------------------------------------------------

/// A user's page type for the 10 KB success bodies: every campaign field read into owned values.
#[derive(Deserialize)]
pub struct CampaignPage {
    pub list: Vec<CampaignRow>,
    pub page_info: PageInfo,
}

#[derive(Deserialize)]
pub struct CampaignRow {
    pub campaign_id: String,
    pub campaign_name: String,
    pub advertiser_id: String,
    pub budget: f64,
    pub budget_mode: String,
    pub objective_type: String,
    pub operation_status: String,
    pub secondary_status: String,
    pub create_time: String,
    pub modify_time: String,
    pub is_new_structure: bool,
    pub is_smart_performance_campaign: bool,
    pub deep_bid_type: Option<String>,
    pub roas_bid: f64,
    pub special_industries: Vec<String>,
    pub budget_optimize_on: bool,
}

#[derive(Deserialize)]
pub struct PageInfo {
    pub page: u32,
    pub page_size: u32,
    pub total_number: u32,
    pub total_page: u32,
}

/// The hand-written single pass a user writes for the Business API: the envelope with `data:
/// Option<T>`, then a `code == 0` check. Owned text, like the crate's `Reply`. It cannot report
/// TikTok's errors (an error's `"data":{}` fails as "missing field").
#[derive(Deserialize)]
pub struct HandBusiness<T> {
    pub code: i64,
    pub message: String,
    #[serde(default)]
    pub request_id: Option<String>,
    pub data: Option<T>,
}

/// The same for v2: `{data, error{code, message, log_id}}`, then `error.code == "ok"`.
#[derive(Deserialize)]
pub struct HandV2<T> {
    pub data: Option<T>,
    pub error: HandV2Error,
}

#[derive(Deserialize)]
pub struct HandV2Error {
    pub code: String,
    pub message: String,
    pub log_id: String,
}

/// The 10 KB success bodies in the v2 envelope (same pages, `data` first as TikTok sends it).
pub fn success_bodies_v2() -> Vec<Vec<u8>> {
    success_bodies()
        .into_iter()
        .map(|b| {
            let v: serde_json::Value = serde_json::from_slice(&b).expect("JSON");
            let data = serde_json::to_string(&v["data"]).expect("data");
            format!(
                r#"{{"data":{data},"error":{{"code":"ok","message":"","log_id":"{}"}}}}"#,
                v["request_id"].as_str().expect("id")
            )
            .into_bytes()
        })
        .collect()
}

/// Which envelope a typed bench reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TypedShape {
    Ads,
    V2,
    /// An OAuth v2 token object (~300 bytes, no envelope: the whole body is `T`).
    OAuthToken,
}

impl TypedShape {
    pub const ALL: [TypedShape; 3] = [TypedShape::Ads, TypedShape::V2, TypedShape::OAuthToken];
    pub fn name(self) -> &'static str {
        match self {
            TypedShape::Ads => "ads",
            TypedShape::V2 => "v2",
            TypedShape::OAuthToken => "oauth_token",
        }
    }
    /// The bench group: the 10 KB pages, or the small token object.
    pub fn group(self) -> &'static str {
        match self {
            TypedShape::Ads | TypedShape::V2 => "decode_typed_10k",
            TypedShape::OAuthToken => "decode_typed",
        }
    }
    pub fn api(self) -> Api {
        match self {
            TypedShape::Ads => Api::Ads,
            TypedShape::V2 => Api::ContentPosting,
            TypedShape::OAuthToken => Api::OAuth,
        }
    }
    pub fn bodies(self) -> Vec<Vec<u8>> {
        match self {
            TypedShape::Ads => success_bodies(),
            TypedShape::V2 => success_bodies_v2(),
            TypedShape::OAuthToken => token_bodies(),
        }
    }
}

/// TikTok's OAuth v2 token object (`POST /v2/oauth/token/`), every field owned: what a user
/// reads it into.
#[derive(Deserialize)]
pub struct OAuthToken {
    pub access_token: String,
    pub expires_in: u64,
    pub open_id: String,
    pub refresh_expires_in: u64,
    pub refresh_token: String,
    pub scope: String,
    pub token_type: String,
}

/// 32 token objects in the order TikTok's documentation prints them (ids and tokens vary).
pub fn token_bodies() -> Vec<Vec<u8>> {
    let mut rng = Rng::new(300);
    (0..32)
        .map(|_| {
            let access = hex_id(&mut rng, 40);
            let refresh = hex_id(&mut rng, 40);
            let open_id = hex_id(&mut rng, 32);
            format!(
                r#"{{"access_token":"act.{access}","expires_in":86400,"open_id":"{open_id}","refresh_expires_in":31536000,"refresh_token":"rft.{refresh}","scope":"user.info.basic,video.list","token_type":"Bearer"}}"#
            )
            .into_bytes()
        })
        .collect()
}

/// Baseline: the hand-written single pass, then the success check.
#[inline(never)]
pub fn typed_hand(shape: TypedShape, body: &[u8]) -> bool {
    match shape {
        TypedShape::Ads => serde_json::from_slice::<HandBusiness<CampaignPage>>(body)
            .is_ok_and(|e| e.code == 0 && e.data.is_some()),
        TypedShape::V2 => serde_json::from_slice::<HandV2<CampaignPage>>(body)
            .is_ok_and(|e| e.error.code == "ok" && e.data.is_some()),
        // The whole body is the token: a plain serde struct.
        TypedShape::OAuthToken => serde_json::from_slice::<OAuthToken>(body).is_ok(),
    }
}

/// `serde_json::from_slice::<Response<T>>` then `into_result`.
#[inline(never)]
pub fn typed_response(shape: TypedShape, body: &[u8]) -> bool {
    if shape == TypedShape::OAuthToken {
        return serde_json::from_slice::<tiktok_errors::TikTokResponse<OAuthToken>>(body)
            .is_ok_and(|r| r.into_result(shape.api()).is_ok());
    }
    serde_json::from_slice::<tiktok_errors::TikTokResponse<CampaignPage>>(body)
        .is_ok_and(|r| r.into_result(shape.api()).is_ok())
}

/// `Decoder::decode_as::<T>`.
#[inline(never)]
pub fn typed_decode_as(shape: TypedShape, body: &[u8]) -> bool {
    if shape == TypedShape::OAuthToken {
        return tiktok_errors::Decoder::new(shape.api())
            .decode_as::<OAuthToken>(body)
            .is_ok();
    }
    tiktok_errors::Decoder::new(shape.api())
        .decode_as::<CampaignPage>(body)
        .is_ok()
}

/// The old path: `decode`, then `data_as::<T>` (the payload parsed twice).
#[inline(never)]
pub fn typed_decode_then_data_as(shape: TypedShape, body: &[u8]) -> bool {
    if shape == TypedShape::OAuthToken {
        return decode(shape.api(), body).is_ok_and(|s| s.data_as::<OAuthToken>().is_ok());
    }
    decode(shape.api(), body).is_ok_and(|s| s.data_as::<CampaignPage>().is_ok())
}

/// Every typed variant reads every body as a success with a full page.
pub fn check_typed_bodies() {
    for shape in TypedShape::ALL {
        for b in shape.bodies() {
            assert!(typed_hand(shape, &b), "{shape:?} hand");
            assert!(typed_response(shape, &b), "{shape:?} response");
            assert!(typed_decode_as(shape, &b), "{shape:?} decode_as");
            assert!(typed_decode_then_data_as(shape, &b), "{shape:?} data_as");
            if shape == TypedShape::OAuthToken {
                let r = tiktok_errors::Decoder::new(shape.api())
                    .decode_as::<OAuthToken>(&b)
                    .unwrap();
                assert_eq!(r.data().token_type, "Bearer");
                continue;
            }
            let r = tiktok_errors::Decoder::new(shape.api())
                .decode_as::<CampaignPage>(&b)
                .unwrap();
            assert_eq!(r.data().list.len(), 21);
        }
    }
}

/// The typed variants by name (benches and `examples/bench_cases.rs`).
pub const TYPED_VARIANTS: &[&str] = &["hand_written", "response", "decode_as", "decode_data_as"];

pub fn typed_fn(variant: &str) -> Option<fn(TypedShape, &[u8]) -> bool> {
    Some(match variant {
        "hand_written" => typed_hand,
        "response" => typed_response,
        "decode_as" => typed_decode_as,
        "decode_data_as" => typed_decode_then_data_as,
        _ => return None,
    })
}
