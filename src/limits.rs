//! TikTok's published rate limits, as data.
//!
//! The table lives in `codes/limits.toml`; `build.rs` validates it and generates static rows and
//! sorted path tables, so a lookup never allocates. It holds:
//!
//! - the **Business API** (Marketing API, `/open_api/v1.N/...`): per developer app, by tier
//!   ([`Tier`]): a default for every endpoint, endpoint overrides, and the sandbox's
//!   per-endpoint limits; counted in calendar seconds, minutes and UTC days;
//! - the **v2 APIs** (`open.tiktokapis.com/v2/...`): the Display API's per-endpoint sliding
//!   windows, the **Content Posting** limits per user access token, and the **Research API**'s
//!   daily quotas.
//!
//! TikTok Shop's limits are dynamic and unpublished: [`for_path`] answers `None` for them, as for
//! any path the table does not know (a budget then adapts to the errors it sees).
//!
//! ```
//! use tiktok_errors::limits::{for_path, Per, Tier, Window};
//!
//! let l = for_path("https://business-api.tiktok.com/open_api/v1.3/ad/create/", Tier::Basic, false).unwrap();
//! assert_eq!(l.windows().collect::<Vec<_>>(), [(Window::Second, 5), (Window::Minute, 150), (Window::Day, 86_400)]);
//! assert_eq!(l.endpoint(), Some("/ad/create/"));
//!
//! let status = for_path("/v2/post/publish/status/fetch/", Tier::Basic, false).unwrap();
//! assert_eq!((status.get(Window::Minute), status.per()), (Some(30), Per::UserToken));
//!
//! assert_eq!(for_path("/api/products/search", Tier::Basic, false), None); // TikTok Shop
//! ```

use std::fmt;
use std::str::FromStr;
use std::time::Duration;

/// A Business API rate-limit tier. Every developer app starts at [`Tier::Basic`] and moves up one
/// tier at a time on request. Its [`Display`](fmt::Display), serde form and
/// [`as_str`](Tier::as_str) are the lowercase name; parsing ignores case.
///
/// ```
/// use tiktok_errors::limits::Tier;
///
/// assert_eq!(Tier::default(), Tier::Basic);
/// assert_eq!("Premium".parse::<Tier>().unwrap(), Tier::Premium);
/// assert_eq!(Tier::Ultimate.to_string(), "ultimate");
/// let err = "gold".parse::<Tier>().unwrap_err();
/// assert_eq!(err.to_string(), "unknown tier `gold`: expected basic, advanced, premium or ultimate");
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Tier {
    /// The tier every app starts at.
    #[default]
    Basic,
    /// The second tier.
    Advanced,
    /// The third tier.
    Premium,
    /// The highest tier.
    Ultimate,
}

impl Tier {
    /// Every tier, lowest first.
    pub const ALL: [Tier; 4] = [Tier::Basic, Tier::Advanced, Tier::Premium, Tier::Ultimate];

    /// The lowercase name: `basic`, `advanced`, `premium`, `ultimate`.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Tier::Basic => "basic",
            Tier::Advanced => "advanced",
            Tier::Premium => "premium",
            Tier::Ultimate => "ultimate",
        }
    }

    /// The name with a capital, as TikTok writes it: `Basic`, `Advanced`, ….
    #[must_use]
    pub const fn label(self) -> &'static str {
        match self {
            Tier::Basic => "Basic",
            Tier::Advanced => "Advanced",
            Tier::Premium => "Premium",
            Tier::Ultimate => "Ultimate",
        }
    }
}

impl fmt::Display for Tier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Tier {
    type Err = UnknownTier;

    /// Parses a tier name in any case (`basic`, `Basic`, `BASIC`).
    ///
    /// # Errors
    ///
    /// [`UnknownTier`] for anything else; its message lists the accepted names.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Tier::ALL
            .into_iter()
            .find(|t| t.as_str().eq_ignore_ascii_case(s))
            .ok_or_else(|| UnknownTier {
                given: s.to_owned(),
            })
    }
}

impl serde::Serialize for Tier {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> serde::Deserialize<'de> for Tier {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        s.parse().map_err(|_| {
            serde::de::Error::unknown_variant(&s, &["basic", "advanced", "premium", "ultimate"])
        })
    }
}

/// A tier name that [`Tier`]'s `FromStr` does not accept. Its message names what was given and
/// lists the accepted names.
///
/// ```
/// let err = "platinum".parse::<tiktok_errors::limits::Tier>().unwrap_err();
/// assert_eq!(err.given(), "platinum");
/// assert!(err.to_string().contains("basic, advanced, premium or ultimate"));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownTier {
    given: String,
}

impl UnknownTier {
    /// What was given.
    #[must_use]
    pub fn given(&self) -> &str {
        &self.given
    }
}

impl fmt::Display for UnknownTier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "unknown tier `{}`: expected basic, advanced, premium or ultimate",
            self.given
        )
    }
}

impl std::error::Error for UnknownTier {}

/// The window a count is published for. [`Display`](fmt::Display) writes the unit as it reads
/// after a count (`second`, `minute`, `day`: "30 per minute"); [`abbr`](Window::abbr) gives
/// TikTok's `QPS`, `QPM`, `QPD`. Ordered shortest first.
///
/// ```
/// use std::time::Duration;
/// use tiktok_errors::limits::Window;
///
/// assert_eq!(Window::Minute.to_string(), "minute");
/// assert_eq!(Window::Minute.abbr(), "QPM");
/// assert_eq!(Window::Day.duration(), Duration::from_secs(86_400));
/// assert!(Window::Second < Window::Day);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Window {
    /// One second (TikTok's QPS).
    Second,
    /// One minute (QPM).
    Minute,
    /// One day (QPD); calendar days end at 00:00 UTC.
    Day,
}

impl Window {
    /// Every window, shortest first.
    pub const ALL: [Window; 3] = [Window::Second, Window::Minute, Window::Day];

    /// How long the window is.
    #[must_use]
    pub const fn duration(self) -> Duration {
        Duration::from_secs(match self {
            Window::Second => 1,
            Window::Minute => 60,
            Window::Day => 86_400,
        })
    }

    /// TikTok's abbreviation: `QPS`, `QPM`, `QPD`.
    #[must_use]
    pub const fn abbr(self) -> &'static str {
        match self {
            Window::Second => "QPS",
            Window::Minute => "QPM",
            Window::Day => "QPD",
        }
    }

    /// The JSON key: `qps`, `qpm`, `qpd`.
    #[must_use]
    pub const fn key(self) -> &'static str {
        match self {
            Window::Second => "qps",
            Window::Minute => "qpm",
            Window::Day => "qpd",
        }
    }
}

impl fmt::Display for Window {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Window::Second => "second",
            Window::Minute => "minute",
            Window::Day => "day",
        })
    }
}

/// Whose quota a limit counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Per {
    /// The developer app's, per endpoint (or, for a Business API tier default, across the
    /// endpoints without an override of their own).
    App,
    /// One user's access token: each user the app acts for has a quota of their own.
    UserToken,
}

impl Per {
    /// `app` or `user_token`, as in JSON and `codes/limits.toml`.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Per::App => "app",
            Per::UserToken => "user_token",
        }
    }
}

impl fmt::Display for Per {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Per::App => "per developer app",
            Per::UserToken => "per user access token",
        })
    }
}

/// How a window is counted.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Reset {
    /// In calendar seconds and minutes, and UTC days that end at 00:00 UTC (Business API,
    /// Research API).
    Calendar,
    /// A sliding window: the last minute, whenever it started (v2 APIs).
    Sliding,
}

impl Reset {
    /// `calendar` or `sliding`, as in JSON and `codes/limits.toml`.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Reset::Calendar => "calendar",
            Reset::Sliding => "sliding",
        }
    }
}

impl fmt::Display for Reset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Reset::Calendar => "calendar windows (days end at 00:00 UTC)",
            Reset::Sliding => "sliding window",
        })
    }
}

/// Which API, or which part of it, a row describes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Surface {
    /// Business API (Marketing API) on `business-api.tiktok.com/open_api/v1.N`, by tier.
    Business,
    /// The Business API's sandbox environment: the same limits for every endpoint.
    Sandbox,
    /// The v2 APIs on `open.tiktokapis.com/v2` (Display API).
    V2,
    /// The Content Posting API (v2), limited per user access token.
    ContentPosting,
    /// The Research API (v2): daily quotas.
    Research,
}

impl Surface {
    /// `business`, `sandbox`, `v2`, `content-posting`, `research`, as in JSON.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Surface::Business => "business",
            Surface::Sandbox => "sandbox",
            Surface::V2 => "v2",
            Surface::ContentPosting => "content-posting",
            Surface::Research => "research",
        }
    }

    /// A human name: `Business API`, `Business API sandbox`, `v2 API`, `Content Posting API`,
    /// `Research API`.
    #[must_use]
    pub const fn label(self) -> &'static str {
        match self {
            Surface::Business => "Business API",
            Surface::Sandbox => "Business API sandbox",
            Surface::V2 => "v2 API",
            Surface::ContentPosting => "Content Posting API",
            Surface::Research => "Research API",
        }
    }
}

impl fmt::Display for Surface {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// One generated row (see `build.rs`, `generate_limits`).
struct RowData {
    name: &'static str,
    path: Option<&'static str>,
    prefix: bool,
    surface: Surface,
    per: Per,
    reset: Reset,
    /// Per tier, per window (second, minute, day); 0 when the window is not limited.
    counts: [[u64; 3]; 4],
    by_tier: bool,
    /// 0 when none.
    records_per_day: u64,
    source: &'static str,
    via: Option<&'static str>,
    note: Option<&'static str>,
}

include!(concat!(env!("OUT_DIR"), "/limits.rs"));

/// The row of the Business API tier defaults and of the sandbox (build.rs writes them first).
const TIER_DEFAULTS: usize = 0;
const SANDBOX: usize = 1;

/// The published limits that apply to one request: counts per window, whose quota, how the
/// windows are counted, and where the numbers come from. Got from [`for_path`] or
/// [`Row::limits`].
///
/// ```
/// use tiktok_errors::limits::{for_path, Per, Reset, Tier, Window};
///
/// let l = for_path("/v2/user/info/", Tier::Basic, false).unwrap();
/// assert_eq!(l.get(Window::Minute), Some(600));
/// assert_eq!(l.get(Window::Second), None); // not limited per second
/// assert_eq!((l.per(), l.reset()), (Per::App, Reset::Sliding));
/// assert_eq!(l.endpoint(), Some("/v2/user/info/"));
/// assert!(l.source().starts_with("https://developers.tiktok.com/"));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    counts: [u64; 3],
    per: Per,
    reset: Reset,
    surface: Surface,
    endpoint: Option<&'static str>,
    source: &'static str,
}

impl Limits {
    fn of(row: &'static RowData, tier: Tier) -> Limits {
        Limits {
            counts: row.counts[tier as usize],
            per: row.per,
            reset: row.reset,
            surface: row.surface,
            endpoint: row.path,
            source: row.source,
        }
    }

    /// The published request count for window `w`, or `None` when that window is not limited.
    #[must_use]
    pub fn get(&self, w: Window) -> Option<u64> {
        Some(self.counts[w as usize]).filter(|n| *n > 0)
    }

    /// The limited windows and their counts, shortest window first.
    pub fn windows(&self) -> impl Iterator<Item = (Window, u64)> + 'static {
        let counts = self.counts;
        Window::ALL
            .into_iter()
            .filter_map(move |w| Some((w, counts[w as usize])).filter(|(_, n)| *n > 0))
    }

    /// Whose quota the counts are: the developer app's, or each user access token's.
    #[must_use]
    pub fn per(&self) -> Per {
        self.per
    }

    /// How the windows are counted: calendar seconds, minutes and UTC days, or sliding.
    #[must_use]
    pub fn reset(&self) -> Reset {
        self.reset
    }

    /// Which API the limits belong to.
    #[must_use]
    pub fn surface(&self) -> Surface {
        self.surface
    }

    /// The path of the table row that matched: a Business API override (relative to
    /// `/open_api/v1.N`, e.g. `/ad/create/`), or a v2 row (`/v2/user/info/`; for a row that
    /// covers every path under it, such as the Research API's shared quota, its prefix
    /// `/v2/research/`). `None` for the Business API tier default, and for a sandbox path with no
    /// override row (the sandbox counts each endpoint apart: key a budget by the request path).
    #[must_use]
    pub fn endpoint(&self) -> Option<&'static str> {
        self.endpoint
    }

    /// Where the numbers come from: the URL of TikTok's page.
    #[must_use]
    pub fn source(&self) -> &'static str {
        self.source
    }
}

/// The path part of `path`: without scheme, host, query or fragment (`None` when there is no
/// path at all).
/// Byte scans only: the budget calls it for every request.
pub(crate) fn path_part(path: &str) -> Option<&str> {
    let b = path.as_bytes();
    let rest = if b.first() == Some(&b'/') {
        path
    } else {
        match b.windows(3).position(|w| w == b"://") {
            // ASCII bytes: the indexes are char boundaries.
            Some(i) => &path[i + 3..],
            None => path,
        }
    };
    let start = rest.bytes().position(|c| c == b'/')?;
    let p = &rest[start..];
    let end = p
        .bytes()
        .position(|c| c == b'?' || c == b'#')
        .unwrap_or(p.len());
    Some(&p[..end])
}

/// The endpoint after `/open_api/v1.N`, without its outer slashes (`ad/create`).
fn business_key(p: &str) -> Option<&str> {
    let rest = p.strip_prefix("/open_api/v1.")?;
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 {
        return None;
    }
    let key = rest[digits..].strip_prefix('/')?.trim_end_matches('/');
    (!key.is_empty()).then_some(key)
}

fn find(table: &'static [(&'static str, usize)], key: &str) -> Option<&'static RowData> {
    table
        .binary_search_by(|(k, _)| (*k).cmp(key))
        .ok()
        .map(|i| &ROWS[table[i].1])
}

/// A request count written as TikTok's tables write it, with thousands separators.
///
/// ```
/// use tiktok_errors::limits::Count;
/// assert_eq!(Count(86_400).to_string(), "86,400");
/// assert_eq!(Count(600).to_string(), "600");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Count(pub u64);

impl fmt::Display for Count {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let digits = self.0.to_string();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i) % 3 == 0 {
                f.write_str(",")?;
            }
            write!(f, "{c}")?;
        }
        Ok(())
    }
}

/// `5 per second · 150 per minute · 86,400 per day`.
///
/// ```
/// use tiktok_errors::limits::{for_path, Tier};
/// let l = for_path("/open_api/v1.3/ad/create/", Tier::Basic, false).unwrap();
/// assert_eq!(l.to_string(), "5 per second · 150 per minute · 86,400 per day");
/// ```
impl fmt::Display for Limits {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, (w, n)) in self.windows().enumerate() {
            if i > 0 {
                f.write_str(" · ")?;
            }
            write!(f, "{} per {w}", Count(n))?;
        }
        Ok(())
    }
}

/// The published limits for one request path at `tier`.
///
/// Accepts a full URL or a path, with or without the query and the trailing slash:
/// `https://business-api.tiktok.com/open_api/v1.3/ad/create/?x=1`, `/open_api/v1.3/ad/create/`,
/// `/open_api/v1.3/ad/create`, `/v2/user/info/`. Business API paths (`/open_api/v1.N/...`)
/// without an override of their own get the tier default; with `sandbox = true` every Business
/// API path gets the sandbox's per-endpoint limits (v2 paths are unchanged, and have no tiers).
/// Paths the table does not know (TikTok Shop, whose limits are dynamic, and anything else)
/// give `None`.
///
/// Never allocates: the budget can call it for every request.
///
/// ```
/// use tiktok_errors::limits::{for_path, Tier, Window};
///
/// // An endpoint without an override: the tier default.
/// let l = for_path("/open_api/v1.3/campaign/get/", Tier::Advanced, false).unwrap();
/// assert_eq!(l.get(Window::Second), Some(20));
/// assert_eq!(l.endpoint(), None);
/// // The sandbox: 1 per second, 30 per minute, 1,000 per day, whatever the tier.
/// let s = for_path("/open_api/v1.3/ad/create/", Tier::Ultimate, true).unwrap();
/// assert_eq!(s.get(Window::Day), Some(1_000));
/// // The Research API's shared daily quota.
/// let r = for_path("https://open.tiktokapis.com/v2/research/video/query/?fields=id", Tier::Basic, false).unwrap();
/// assert_eq!((r.get(Window::Day), r.endpoint()), (Some(1_000), Some("/v2/research/")));
/// ```
#[must_use]
pub fn for_path(path: &str, tier: Tier, sandbox: bool) -> Option<Limits> {
    for_path_part(path_part(path.trim())?, tier, sandbox)
}

/// [`for_path`] for a path already reduced by [`path_part`] (the budget has done it once).
pub(crate) fn for_path_part(p: &str, tier: Tier, sandbox: bool) -> Option<Limits> {
    if let Some(key) = business_key(p) {
        let row = find(&BUSINESS_PATHS, key);
        if sandbox {
            let mut l = Limits::of(&ROWS[SANDBOX], tier);
            l.endpoint = row.and_then(|r| r.path);
            return Some(l);
        }
        return Some(Limits::of(row.unwrap_or(&ROWS[TIER_DEFAULTS]), tier));
    }
    if !p.starts_with("/v2/") {
        return None;
    }
    let key = p.trim_matches('/');
    let row = find(&V2_PATHS, key).or_else(|| {
        V2_PREFIXES
            .iter()
            .find(|(k, _)| {
                key.strip_prefix(k)
                    .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
            })
            .map(|(_, i)| &ROWS[*i])
    })?;
    Some(Limits::of(row, tier))
}

/// One row of the table: a Business API tier default, sandbox or endpoint override, or a v2,
/// Content Posting or Research API endpoint. What the CLI, the export and the site print.
///
/// ```
/// use tiktok_errors::limits::{rows, Surface, Tier, Window};
///
/// let ad = rows().find(|r| r.path() == Some("/ad/create/")).unwrap();
/// assert_eq!(ad.surface(), Surface::Business);
/// assert!(ad.by_tier());
/// assert_eq!(ad.limits(Tier::Advanced).get(Window::Minute), Some(200));
/// assert!(ad.via().is_some()); // TikTok's page, read through a dated harvest
/// ```
#[derive(Clone, Copy)]
pub struct Row {
    data: &'static RowData,
}

impl fmt::Debug for Row {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Row")
            .field("name", &self.name())
            .field("surface", &self.surface())
            .finish_non_exhaustive()
    }
}

impl PartialEq for Row {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self.data, other.data)
    }
}

impl Eq for Row {}

impl Row {
    /// The row's path, or a name for rows without one: `Business API tier default`,
    /// `Business API sandbox`, `Streaming API`.
    #[must_use]
    pub fn name(&self) -> &'static str {
        self.data.name
    }

    /// The endpoint path: relative to `/open_api/v1.N` for the Business API (`/ad/create/`), the
    /// full path for v2 (`/v2/user/info/`). `None` for the tier defaults, the sandbox and rows
    /// TikTok publishes without a path (the Streaming API), which no request path matches.
    #[must_use]
    pub fn path(&self) -> Option<&'static str> {
        self.data.path
    }

    /// Whether the row covers every path under [`path`](Row::path) (the Research API's shared
    /// quota, `/v2/research/`), not only that path.
    #[must_use]
    pub fn prefix(&self) -> bool {
        self.data.prefix
    }

    /// Which API the row belongs to.
    #[must_use]
    pub fn surface(&self) -> Surface {
        self.data.surface
    }

    /// Whether TikTok publishes the row per tier (Business API tier defaults and overrides);
    /// otherwise [`limits`](Row::limits) is the same at every tier.
    #[must_use]
    pub fn by_tier(&self) -> bool {
        self.data.by_tier
    }

    /// The limits at `tier`.
    #[must_use]
    pub fn limits(&self, tier: Tier) -> Limits {
        Limits::of(self.data, tier)
    }

    /// Whose quota the counts are.
    #[must_use]
    pub fn per(&self) -> Per {
        self.data.per
    }

    /// How the windows are counted.
    #[must_use]
    pub fn reset(&self) -> Reset {
        self.data.reset
    }

    /// Records (not requests) a day, where TikTok caps them: the Research API's 100,000.
    #[must_use]
    pub fn records_per_day(&self) -> Option<u64> {
        Some(self.data.records_per_day).filter(|n| *n > 0)
    }

    /// The URL of TikTok's page the numbers come from.
    #[must_use]
    pub fn source(&self) -> &'static str {
        self.data.source
    }

    /// The public copy the source was read through, when TikTok's page could not be read
    /// directly (the Business API's page renders in the browser; a dated harvest of it was read).
    #[must_use]
    pub fn via(&self) -> Option<&'static str> {
        self.data.via
    }

    /// A note in this project's words: what the row covers, how it is counted, what is unsure.
    #[must_use]
    pub fn note(&self) -> Option<&'static str> {
        self.data.note
    }
}

/// Every row of the table, in order: the Business API tier defaults, the sandbox, the Business
/// API endpoint overrides, then the v2, Content Posting and Research API rows.
///
/// ```
/// use tiktok_errors::limits::{rows, Surface};
///
/// let first = rows().next().unwrap();
/// assert_eq!((first.surface(), first.path()), (Surface::Business, None));
/// assert!(rows().any(|r| r.surface() == Surface::Research && r.records_per_day() == Some(100_000)));
/// ```
pub fn rows() -> impl Iterator<Item = Row> + Clone {
    ROWS.iter().map(|data| Row { data })
}
