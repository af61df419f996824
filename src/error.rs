//! The errors users match on: [`TikTokError`], [`ApiError`] and [`MalformedResponse`].

use std::fmt;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use serde::Serialize;

use crate::limits::Window;

use crate::{
    AdsCode, AnyCode, Api, BusinessMessagingCode, Category, ContentPostingCode, ErrorCode,
    OAuthCode, Retry, ShopCode, ShopCondition, Wait,
};

/// The most characters of TikTok's message that `Display` prints (the accessor keeps it whole).
pub const DISPLAY_MESSAGE_LIMIT: usize = 300;
/// The most characters of a request id or raw code that `Display` prints.
pub const DISPLAY_FIELD_LIMIT: usize = 128;
/// How many bytes of an unreadable body [`MalformedResponse`] keeps.
pub const BODY_PREFIX_LIMIT: usize = 256;

/// A code exactly as TikTok sent it.
///
/// Compare it directly with integers and strings: this keeps working for codes a later release
/// of the crate adds to the catalogue.
///
/// ```
/// use tiktok_errors::RawCode;
/// assert_eq!(RawCode::Int(51234), 51234);
/// assert_eq!(RawCode::from("new_code"), "new_code");
/// assert_eq!(RawCode::Number("4.01e4".into()).to_string(), "4.01e4");
/// ```
///
/// # Comparing
///
/// One rule: **a code equals what it was sent as**.
///
/// - An integer `n` (any integer type) equals `Int(n)`, and a `Str` that spells `n` exactly
///   as JSON writes it (`"40100" == 40100`: the Business API sometimes sends integer codes as
///   strings). A `Number` (a fraction, an exponent, past `i64`) equals no integer.
/// - A string equals the code's text as sent ([`as_text`](RawCode::as_text)): `Str("ok") ==
///   "ok"`, `Int(40100) == "40100"`, `Number("4.01e4") == "4.01e4"`.
///
/// Both sides work (`40100 == code`, `"ok" == code`).
///
/// ```
/// use tiktok_errors::RawCode;
/// assert_eq!(RawCode::Int(40100), 40100_u32);
/// assert_eq!(RawCode::from("40100"), 40100_i64);
/// assert_eq!(40100_u64, RawCode::from("40100"));
/// assert_eq!(RawCode::Int(40100), "40100");
/// assert_ne!(RawCode::from("040100"), 40100);
/// assert_ne!(RawCode::Number("4.01e4".into()), 40100);
/// ```
#[non_exhaustive]
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, serde::Deserialize)]
#[serde(untagged)]
pub enum RawCode {
    /// An integer code (the Business API's `code`).
    Int(i64),
    /// A string code (v2 `error.code`, OAuth `error`, a fail reason), or an integer code that
    /// arrived as a JSON string.
    Str(String),
    /// A JSON number that is not a 64-bit integer (a fraction, an exponent, out of range),
    /// kept as written.
    Number(String),
}

impl RawCode {
    /// The code as text, as written on the wire (without JSON quotes).
    #[must_use]
    pub fn as_text(&self) -> std::borrow::Cow<'_, str> {
        match self {
            RawCode::Int(i) => i.to_string().into(),
            RawCode::Str(s) | RawCode::Number(s) => s.as_str().into(),
        }
    }
}

impl fmt::Display for RawCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RawCode::Int(i) => write!(f, "{i}"),
            RawCode::Str(s) | RawCode::Number(s) => f.write_str(s),
        }
    }
}

impl From<i64> for RawCode {
    fn from(v: i64) -> Self {
        RawCode::Int(v)
    }
}
impl From<&str> for RawCode {
    fn from(v: &str) -> Self {
        RawCode::Str(v.to_owned())
    }
}
impl From<String> for RawCode {
    fn from(v: String) -> Self {
        RawCode::Str(v)
    }
}
impl RawCode {
    /// The code as an integer, when it is one: `Int`, or a `Str` that spells an integer exactly
    /// as JSON would (`"40100"`, `"-1"`; not `"040100"`, `"+1"` or `" 1"`). `Number` is never
    /// one (a fraction, an exponent, or out of the `i64` range).
    ///
    /// ```
    /// use tiktok_errors::RawCode;
    /// assert_eq!(RawCode::Int(40100).as_int(), Some(40100));
    /// assert_eq!(RawCode::from("40100").as_int(), Some(40100));
    /// assert_eq!(RawCode::from("040100").as_int(), None);
    /// assert_eq!(RawCode::from("ok").as_int(), None);
    /// ```
    #[must_use]
    pub fn as_int(&self) -> Option<i64> {
        match self {
            RawCode::Int(i) => Some(*i),
            RawCode::Str(s) => canonical_int(s),
            RawCode::Number(_) => None,
        }
    }
}

/// `s` as an `i64` when it is the integer's own decimal spelling (what `i64::to_string` gives).
fn canonical_int(s: &str) -> Option<i64> {
    let i = s.parse::<i64>().ok()?;
    let digits = s.strip_prefix('-').unwrap_or(s);
    let canonical =
        !s.starts_with('+') && (digits == "0" && !s.starts_with('-') || !digits.starts_with('0'));
    canonical.then_some(i)
}

// Equality with integers and strings: the rule is on `RawCode`'s documentation.
macro_rules! raw_code_eq_int {
    ($($t:ty),*) => {$(
        impl PartialEq<$t> for RawCode {
            fn eq(&self, other: &$t) -> bool {
                i128::try_from(*other)
                    .is_ok_and(|o| self.as_int().is_some_and(|i| i128::from(i) == o))
            }
        }
        impl PartialEq<RawCode> for $t {
            fn eq(&self, other: &RawCode) -> bool {
                other == self
            }
        }
    )*};
}
raw_code_eq_int!(i8, i16, i32, i64, i128, isize, u8, u16, u32, u64, u128, usize);

impl PartialEq<str> for RawCode {
    fn eq(&self, other: &str) -> bool {
        match self {
            RawCode::Str(s) | RawCode::Number(s) => s == other,
            RawCode::Int(i) => canonical_int(other) == Some(*i),
        }
    }
}
impl PartialEq<&str> for RawCode {
    fn eq(&self, other: &&str) -> bool {
        self == *other
    }
}
impl PartialEq<String> for RawCode {
    fn eq(&self, other: &String) -> bool {
        self == other.as_str()
    }
}
impl PartialEq<RawCode> for str {
    fn eq(&self, other: &RawCode) -> bool {
        other == self
    }
}
impl PartialEq<RawCode> for &str {
    fn eq(&self, other: &RawCode) -> bool {
        other == *self
    }
}
impl PartialEq<RawCode> for String {
    fn eq(&self, other: &RawCode) -> bool {
        other == self.as_str()
    }
}

/// When the server asked the caller to come back (`Retry-After`).
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RetryAfter {
    /// `Retry-After: <seconds>`.
    Delay(Duration),
    /// `Retry-After: <HTTP-date>`.
    At(SystemTime),
}

impl RetryAfter {
    /// Parses a `Retry-After` header value (delay-seconds or an HTTP-date); `None` when it is
    /// neither.
    ///
    /// ```
    /// use std::time::{Duration, UNIX_EPOCH};
    /// use tiktok_errors::RetryAfter;
    /// assert_eq!(RetryAfter::parse(" 120 "), Some(RetryAfter::Delay(Duration::from_secs(120))));
    /// assert_eq!(
    ///     RetryAfter::parse("Sun, 06 Nov 1994 08:49:37 GMT"),
    ///     Some(RetryAfter::At(UNIX_EPOCH + Duration::from_secs(784_111_777)))
    /// );
    /// assert_eq!(RetryAfter::parse("soon"), None);
    /// ```
    pub fn parse(value: &str) -> Option<RetryAfter> {
        let v = value.trim();
        if !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit()) {
            return v
                .parse()
                .ok()
                .map(|s| RetryAfter::Delay(Duration::from_secs(s)));
        }
        parse_http_date(v).map(RetryAfter::At)
    }

    /// How long to wait from `now` (zero if the date has passed).
    #[must_use]
    pub fn duration_from(self, now: SystemTime) -> Duration {
        match self {
            RetryAfter::Delay(d) => d,
            RetryAfter::At(t) => t.duration_since(now).unwrap_or_default(),
        }
    }

    fn duration_from_opt(self, now: Option<SystemTime>) -> Option<Duration> {
        match (self, now) {
            (RetryAfter::Delay(d), _) => Some(d),
            (at, Some(now)) => Some(at.duration_from(now)),
            (RetryAfter::At(_), None) => None,
        }
    }
}

/// The current time, where the platform has a clock. `wasm32-unknown-unknown` has none (std's
/// `SystemTime::now` panics there), so every reading of the clock goes through here.
#[allow(clippy::unnecessary_wraps)] // `None` on wasm32-unknown-unknown
pub(crate) fn clock_now() -> Option<SystemTime> {
    #[cfg(all(target_family = "wasm", target_os = "unknown"))]
    {
        None
    }
    #[cfg(not(all(target_family = "wasm", target_os = "unknown")))]
    {
        Some(SystemTime::now())
    }
}

/// Parses an HTTP-date (RFC 9110: IMF-fixdate, and the obsolete RFC 850 and asctime forms
/// recipients must accept) with `httpdate`, the parser hyper uses.
fn parse_http_date(v: &str) -> Option<SystemTime> {
    httpdate::parse_http_date(v).ok()
}

/// One error TikTok reported, typed by its API family's code enum `C`. Lossless: everything the
/// response said is kept, known code or not.
///
/// ```
/// use tiktok_errors::{AdsCode, ApiError, ErrorCode, Retry};
/// let e = ApiError::<AdsCode>::from_raw(40100, "App reaches the QPS limit.")
///     .with_request_id("2026112201234567");
/// assert_eq!(e.code(), Some(AdsCode::RequestTooFrequent));
/// assert_eq!(e.raw_code(), &40100);
/// assert_eq!(e.retry(), Retry::Throttled);
/// assert_eq!(
///     e.to_string(),
///     "Ads error 40100 (Too many requests): App reaches the QPS limit. [request_id: 2026112201234567]"
/// );
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ApiError<C> {
    pub(crate) code: Option<C>,
    pub(crate) raw_code: RawCode,
    pub(crate) message: String,
    pub(crate) request_id: Option<String>,
    pub(crate) http_status: Option<u16>,
    pub(crate) retry_after: Option<RetryAfter>,
    pub(crate) data: Option<Box<str>>,
    pub(crate) publish_failed: bool,
}

impl<C: ErrorCode> ApiError<C> {
    /// An error for a known code (for tests and mocks).
    pub fn new(code: C, message: impl Into<String>) -> Self {
        let raw_code = match code.code() {
            crate::WireCode::Int(i) => RawCode::Int(i),
            crate::WireCode::Str(s) => RawCode::Str(s.to_owned()),
        };
        Self::with_parts(Some(code), raw_code, message.into())
    }

    /// An error for a raw code; resolves it to a known code when the catalogue has it.
    pub fn from_raw(raw: impl Into<RawCode>, message: impl Into<String>) -> Self {
        let raw = raw.into();
        Self::with_parts(resolve::<C>(&raw), raw, message.into())
    }

    pub(crate) fn with_parts(code: Option<C>, raw_code: RawCode, message: String) -> Self {
        ApiError {
            code,
            raw_code,
            message,
            request_id: None,
            http_status: None,
            retry_after: None,
            data: None,
            publish_failed: false,
        }
    }

    /// Sets the request id (`request_id`, `log_id` or the `x-tt-logid` header).
    #[must_use]
    pub fn with_request_id(mut self, id: impl Into<String>) -> Self {
        self.request_id = Some(id.into());
        self
    }
    /// Sets the HTTP status.
    #[must_use]
    pub fn with_http_status(mut self, status: u16) -> Self {
        self.http_status = Some(status);
        self
    }
    /// Sets the server's `Retry-After`.
    #[must_use]
    pub fn with_retry_after(mut self, retry_after: RetryAfter) -> Self {
        self.retry_after = Some(retry_after);
        self
    }

    /// The typed code, or `None` when the catalogue does not know it (see [`raw_code`](Self::raw_code)).
    pub fn code(&self) -> Option<C> {
        self.code
    }
    /// The code exactly as TikTok sent it.
    pub fn raw_code(&self) -> &RawCode {
        &self.raw_code
    }
    /// TikTok's message (`message`, `error.message` or `error_description`), unmodified; empty when
    /// the response had none.
    pub fn message(&self) -> &str {
        &self.message
    }
    /// The request id (`request_id` / `log_id` from the body, else the `x-tt-logid` header).
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }
    /// The HTTP status, when the caller passed it.
    pub fn http_status(&self) -> Option<u16> {
        self.http_status
    }
    /// The `data` the error response carried, as raw JSON, when it was not empty (`{}`, `[]`,
    /// `null` and absent are `None`).
    pub fn data_json(&self) -> Option<&str> {
        self.data.as_deref()
    }
    /// The server's `Retry-After`, when the response had one.
    pub fn retry_after_header(&self) -> Option<RetryAfter> {
        self.retry_after
    }
    /// The API family.
    pub fn api(&self) -> Api {
        C::API
    }
    /// For a failed publish: the `fail_reason` (also the raw code).
    pub fn fail_reason(&self) -> Option<&str> {
        match (&self.raw_code, self.publish_failed) {
            (RawCode::Str(s), true) if !s.is_empty() => Some(s),
            _ => None,
        }
    }
    /// Whether the catalogue knows the code.
    pub fn is_known(&self) -> bool {
        self.code.is_some()
    }
    /// The catalogue title, or `unknown code`.
    pub fn title(&self) -> &'static str {
        self.code.map_or("unknown code", |c| c.title())
    }
    /// The catalogue's fix text, when the code is known.
    pub fn fix(&self) -> Option<&'static str> {
        if let Some(c) = self.shop_condition() {
            return Some(c.fix());
        }
        self.code.map(super::catalog::ErrorCode::fix)
    }
    /// The code's page in the error index, when the code is known (see
    /// [`DOCS_BASE_URL`](crate::DOCS_BASE_URL)).
    ///
    /// ```
    /// use tiktok_errors::{AdsCode, ApiError};
    /// let e = ApiError::<AdsCode>::from_raw(40100, "App reaches the QPS limit.");
    /// assert!(e.docs_url().unwrap().ends_with("/ads/40100.html"));
    /// assert_eq!(ApiError::<AdsCode>::from_raw(51234, "new").docs_url(), None);
    /// ```
    pub fn docs_url(&self) -> Option<String> {
        self.code.map(super::catalog::ErrorCode::docs_url)
    }

    /// The category: the catalogue's, else derived from the HTTP status, a throttling message or
    /// the code's numeric range, else [`Category::Unknown`].
    pub fn category(&self) -> Category {
        if let Some(c) = self.shop_condition() {
            return c.category();
        }
        match self.code {
            Some(c) => c.category(),
            None => fallback(C::API, &self.raw_code, self.http_status, &self.message).0,
        }
    }

    /// What to do next: the catalogue's retry class, else one derived from the HTTP status, a
    /// throttling message (QPS, "too frequent", "temporarily restricted") or the code's numeric
    /// range, else [`Retry::Unknown`].
    pub fn retry(&self) -> Retry {
        if let Some(c) = self.shop_condition() {
            return c.retry();
        }
        match self.code {
            Some(c) => c.retry(),
            None => fallback(C::API, &self.raw_code, self.http_status, &self.message).1,
        }
    }

    /// For a TikTok Shop code that TikTok overloads (36009004), the named condition the message
    /// keyword selects; its category, retry class and fix replace the code's own. `None` for
    /// other families, other codes, and messages no condition matches.
    ///
    /// ```
    /// use tiktok_errors::{decode, Api, Retry, ShopCondition, TikTokError};
    /// let body = br#"{"code":36009004,"message":"Invalid timestamp. The value of the `timestamp` query parameter must not be earlier than 5 minutes before the current time.","request_id":"r1","data":null}"#;
    /// let TikTokError::Shop(e) = decode(Api::Shop, body).unwrap_err() else { unreachable!() };
    /// assert_eq!(e.shop_condition(), Some(ShopCondition::TimestampTooOld));
    /// assert_eq!(e.retry(), Retry::FixRequest); // check the clock, sign again: never resent as is
    /// ```
    pub fn shop_condition(&self) -> Option<ShopCondition> {
        if C::API != Api::Shop {
            return None;
        }
        let code = match self.raw_code {
            RawCode::Int(i) => ShopCode::from_int(i)?,
            _ => return None,
        };
        ShopCondition::read(code, &self.message)
    }

    /// How long to wait before resending, from `now`, where it can be known. Precedence: the
    /// server's `Retry-After`, then the limit TikTok's message names (`QPS`: 1 s, `QPM`: 5 min,
    /// `QPD`: until 00:00 UTC), then the catalogue's window.
    pub fn retry_after_at(&self, now: SystemTime) -> Option<Duration> {
        self.retry_after_from(Some(now))
    }

    /// [`retry_after_at`](Self::retry_after_at) from the current time.
    ///
    /// On `wasm32-unknown-unknown`, which has no clock, only the windows that do not depend on
    /// the time of day are returned (`Retry-After` seconds, fixed windows); pass the time to
    /// [`retry_after_at`](Self::retry_after_at) there.
    pub fn retry_after(&self) -> Option<Duration> {
        self.retry_after_from(clock_now())
    }

    /// The waiting window from `now`; without a clock, only the windows that need none.
    pub(crate) fn retry_after_from(&self, now: Option<SystemTime>) -> Option<Duration> {
        if let Some(ra) = self.retry_after {
            return ra.duration_from_opt(now);
        }
        let named = if self.retry() == Retry::Throttled {
            limit_named_in(&self.message)
        } else {
            None
        };
        let wait = named.or_else(|| self.code.and_then(super::catalog::ErrorCode::wait))?;
        match (wait, now) {
            (Wait::Seconds(s), _) => Some(Duration::from_secs(u64::from(s))),
            (w, Some(now)) => Some(w.duration_from(now)),
            (_, None) => None,
        }
    }

    /// The code and request id shown in `Display` are labelled the way the API labels them.
    #[allow(clippy::unused_self)] // read per error, decided by the family
    fn id_label(&self) -> &'static str {
        match C::API {
            Api::Ads | Api::BusinessMessaging | Api::Shop => "request_id",
            _ => "log_id",
        }
    }
}

/// Which limit a throttling message names, as TikTok's Marketing API messages do
/// ("App reaches the QPS limit", "... QPD ..."), as the wait it asks for.
fn limit_named_in(message: &str) -> Option<Wait> {
    Some(match window_named_in(message)? {
        Window::Day => Wait::UntilUtcMidnight,
        Window::Minute => Wait::Seconds(300),
        Window::Second => Wait::Seconds(1),
    })
}

/// Which window a throttling message names (`QPS`, `QPM`, `QPD`; the longest when it names
/// several). The retry policy's waits and the budget's lessons both read it here.
pub(crate) fn window_named_in(message: &str) -> Option<Window> {
    let m = message.as_bytes();
    let has = |w: &[u8]| m.windows(3).any(|x| x == w);
    if has(b"QPD") {
        Some(Window::Day)
    } else if has(b"QPM") {
        Some(Window::Minute)
    } else if has(b"QPS") {
        Some(Window::Second)
    } else {
        None
    }
}

pub(crate) fn resolve<C: ErrorCode>(raw: &RawCode) -> Option<C> {
    match raw {
        RawCode::Int(i) => C::from_int(*i),
        RawCode::Str(s) => C::from_code(s),
        RawCode::Number(_) => None,
    }
}

/// Category and retry for a code the catalogue does not know: HTTP status first (a non-200
/// status is a real signal), then, for the Business API's integer codes, what TikTok's message says
/// (a throttling message is throttling whatever the range), then the ranges where TikTok's
/// return-code appendix makes a range uniform.
///
/// Range rules, checked against the appendix: 5xxxx is always a TikTok-side service error
/// (transient); 409xx is always file handling (media), with a retry class that varies per code
/// (some say "retry may resolve this issue", others need a new file), so it stays unknown. The
/// 401xx range is *not* uniform: it holds authentication codes next to rate limits (40100,
/// 40132, 40133), so an unknown 401xx code is `Authentication` only when the message talks about
/// tokens or authorization, and `Unknown` otherwise.
pub(crate) fn fallback(
    api: Api,
    raw: &RawCode,
    status: Option<u16>,
    message: &str,
) -> (Category, Retry) {
    if let Some(known) = throttled_or_server(status) {
        return known;
    }
    match status {
        Some(401) => return (Category::Authentication, Retry::Unknown),
        Some(403) => return (Category::Permission, Retry::Unknown),
        Some(404) => return (Category::NotFound, Retry::Unknown),
        Some(400) => return (Category::InvalidRequest, Retry::FixRequest),
        _ => {}
    }
    if api == Api::Shop {
        // TikTok Shop's ranges are per product area (10xxxxxx orders, 12xxxxxx products, 36009xxx
        // the gateway) and mix every kind of failure; only a throttling message says more.
        if says_throttled(message) {
            return (Category::RateLimit, Retry::Throttled);
        }
        return (Category::Unknown, Retry::Unknown);
    }
    if matches!(api, Api::Ads | Api::BusinessMessaging) {
        // An integer code that arrived as a JSON string belongs to the same range.
        let int = match raw {
            RawCode::Int(c) => Some(*c),
            RawCode::Str(s) => s.parse::<i64>().ok(),
            RawCode::Number(_) => None,
        };
        if let Some(c) = int {
            if says_throttled(message) {
                return (Category::RateLimit, Retry::Throttled);
            }
            return match c {
                50000..=59999 => (Category::Server, Retry::Transient),
                40100..=40199 if says_auth(message) => (Category::Authentication, Retry::Unknown),
                40900..=40999 => (Category::Media, Retry::Unknown),
                _ => (Category::Unknown, Retry::Unknown),
            };
        }
    }
    (Category::Unknown, Retry::Unknown)
}

/// Whether a Business API message describes throttling, in the words TikTok's rate-limit codes
/// use: "QPS"/"QPM"/"QPD", "too frequent(ly)", "temporarily restricted", "rate limit".
fn says_throttled(message: &str) -> bool {
    contains_any(
        message,
        &[
            "qps",
            "qpm",
            "qpd",
            "too frequent",
            "temporarily restricted",
            "rate limit",
            "too many requests",
        ],
    )
}

/// Whether a Business API message describes an authentication problem (tokens, auth codes,
/// app credentials), as TikTok's 401xx authentication codes do.
fn says_auth(message: &str) -> bool {
    contains_any(
        message,
        &[
            "access token",
            "access_token",
            "refresh token",
            "refresh_token",
            "auth_code",
            "authorization code",
            "authoriz",
            "authentic",
            "secret",
        ],
    )
}

/// ASCII case-insensitive substring test for each needle (needles are lower-case ASCII).
fn contains_any(haystack: &str, needles: &[&str]) -> bool {
    let h = haystack.as_bytes();
    needles.iter().any(|n| {
        let n = n.as_bytes();
        !n.is_empty() && h.windows(n.len()).any(|w| w.eq_ignore_ascii_case(n))
    })
}

/// Writes `s` on one line: control characters and U+2028/U+2029 escaped, at most `limit`
/// characters printed (an escape counts all its characters, so the line stays bounded).
pub(crate) fn write_bounded(f: &mut fmt::Formatter<'_>, s: &str, limit: usize) -> fmt::Result {
    let mut width = 0;
    for (n, c) in s.chars().enumerate() {
        // Control characters and the Unicode line/paragraph separators would break the line.
        let escape = c.is_control() || matches!(c, '\u{2028}' | '\u{2029}');
        let w = if escape {
            c.escape_default().count()
        } else {
            1
        };
        if width + w > limit {
            let rest = s.chars().count() - n;
            return write!(f, "… ({rest} more chars)");
        }
        width += w;
        if escape {
            write!(f, "{}", c.escape_default())?;
        } else {
            fmt::Write::write_char(f, c)?;
        }
    }
    Ok(())
}

impl<C: ErrorCode> fmt::Display for ApiError<C> {
    /// One line for logs and support tickets:
    /// `<API> error <code> (<title>) HTTP <status>: <message> [request_id: <id>]` (the status
    /// when the decoder was given one). For a failed publish:
    /// `Content Posting publish failed: fail_reason <reason> (<title>) …`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.publish_failed {
            write!(f, "{} publish failed: fail_reason ", C::API)?;
        } else {
            write!(f, "{} error ", C::API)?;
        }
        if self.raw_code.as_text().is_empty() {
            f.write_str("(none)")?;
        } else {
            write_bounded(f, &self.raw_code.as_text(), DISPLAY_FIELD_LIMIT)?;
        }
        write!(f, " ({})", self.title())?;
        if let Some(status) = self.http_status {
            write!(f, " HTTP {status}")?;
        }
        if !self.message.is_empty() {
            f.write_str(": ")?;
            write_bounded(f, &self.message, DISPLAY_MESSAGE_LIMIT)?;
        }
        if let Some(id) = &self.request_id {
            write!(f, " [{}: ", self.id_label())?;
            write_bounded(f, id, DISPLAY_FIELD_LIMIT)?;
            f.write_str("]")?;
        }
        Ok(())
    }
}

impl<C: ErrorCode> std::error::Error for ApiError<C> {}

/// Why a response could not be read as a TikTok envelope.
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum MalformedReason {
    /// The body was empty or only white space.
    EmptyBody,
    /// The body is not JSON (an HTML page, plain text, a truncated body, invalid UTF-8 in a
    /// string). The parser's error is the `source()`.
    NotJson,
    /// The body is JSON but not an object.
    NotAnObject {
        /// The JSON type found: `null`, `boolean`, `number`, `string`, `array`.
        found: &'static str,
    },
    /// The object has no error code where its envelope needs one (`code`, `error`,
    /// `error.code`); message and request id are kept when present.
    MissingCode {
        /// The missing field.
        field: &'static str,
    },
    /// A field has a type the envelope cannot have.
    InvalidField {
        /// The field.
        field: &'static str,
        /// What was expected.
        expected: &'static str,
    },
    /// No envelope shape fits (auto-detection found neither `code`, `error` nor a token object).
    UnknownShape,
    /// The response is a success, but its payload does not fit the type asked for
    /// ([`Decoder::decode_as`](crate::Decoder::decode_as), [`TikTokResponse`](crate::TikTokResponse)).
    /// serde's error is the `source()`.
    PayloadMismatch,
}

impl fmt::Display for MalformedReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MalformedReason::EmptyBody => f.write_str("empty body"),
            MalformedReason::NotJson => f.write_str("body is not JSON"),
            MalformedReason::NotAnObject { found } => {
                write!(f, "body is a JSON {found}, not an object")
            }
            MalformedReason::MissingCode { field } => write!(f, "no `{field}` in the body"),
            MalformedReason::InvalidField { field, expected } => {
                write!(f, "`{field}` is not {expected}")
            }
            MalformedReason::UnknownShape => {
                f.write_str("no TikTok envelope fits (no `code`, no `error`, no token)")
            }
            MalformedReason::PayloadMismatch => {
                f.write_str("the payload does not fit the type asked for")
            }
        }
    }
}

/// A response that is not a TikTok envelope: a gateway page, plain text, a truncated or empty
/// body, or JSON of the wrong shape. Keeps the status, a bounded prefix of the body and anything
/// readable (message, request id).
///
/// ```
/// use tiktok_errors::{decode, Api, Retry, TikTokError};
/// let err = tiktok_errors::Decoder::new(Api::Ads)
///     .status(502)
///     .decode(b"<html><body>502 Bad Gateway</body></html>")
///     .unwrap_err();
/// let TikTokError::Malformed(m) = &err else { panic!() };
/// assert_eq!(m.http_status(), Some(502));
/// assert!(m.body_prefix().starts_with("<html>"));
/// assert_eq!(err.retry(), Retry::Transient);
/// assert!(std::error::Error::source(&err).is_some());
/// ```
#[derive(Clone, Debug)]
pub struct MalformedResponse {
    pub(crate) api: Option<Api>,
    pub(crate) http_status: Option<u16>,
    pub(crate) reason: MalformedReason,
    pub(crate) body_prefix: String,
    pub(crate) body_len: usize,
    pub(crate) message: Option<String>,
    pub(crate) request_id: Option<String>,
    pub(crate) retry_after: Option<RetryAfter>,
    pub(crate) source: Option<Arc<serde_json::Error>>,
}

impl PartialEq for MalformedResponse {
    fn eq(&self, o: &Self) -> bool {
        self.api == o.api
            && self.http_status == o.http_status
            && self.reason == o.reason
            && self.body_prefix == o.body_prefix
            && self.body_len == o.body_len
            && self.message == o.message
            && self.request_id == o.request_id
            && self.retry_after == o.retry_after
            && self.source.as_ref().map(std::string::ToString::to_string)
                == o.source.as_ref().map(std::string::ToString::to_string)
    }
}
impl Eq for MalformedResponse {}

impl MalformedResponse {
    pub(crate) fn new(
        api: Option<Api>,
        reason: MalformedReason,
        body: &[u8],
        source: Option<serde_json::Error>,
    ) -> Self {
        let cut = body.len().min(BODY_PREFIX_LIMIT);
        let mut end = cut;
        // Cut on a character boundary when the body is UTF-8 up to the cut: step back at most
        // three bytes (a UTF-8 character is at most four).
        while end > 0 && end < body.len() && std::str::from_utf8(&body[..end]).is_err() {
            end -= 1;
            if cut - end > 3 {
                end = cut;
                break;
            }
        }
        MalformedResponse {
            api,
            http_status: None,
            reason,
            body_prefix: String::from_utf8_lossy(&body[..end]).into_owned(),
            body_len: body.len(),
            message: None,
            request_id: None,
            retry_after: None,
            source: source.map(Arc::new),
        }
    }

    /// The API family the caller asked for (or that detection chose), if any.
    #[must_use]
    pub fn api(&self) -> Option<Api> {
        self.api
    }
    /// The HTTP status, when the caller passed it.
    #[must_use]
    pub fn http_status(&self) -> Option<u16> {
        self.http_status
    }
    /// What was wrong.
    #[must_use]
    pub fn reason(&self) -> MalformedReason {
        self.reason
    }
    /// The first bytes of the body (at most [`BODY_PREFIX_LIMIT`]), invalid UTF-8 replaced.
    #[must_use]
    pub fn body_prefix(&self) -> &str {
        &self.body_prefix
    }
    /// The body's full length in bytes.
    #[must_use]
    pub fn body_len(&self) -> usize {
        self.body_len
    }
    /// A message the body carried, when it was an object with one.
    #[must_use]
    pub fn message(&self) -> Option<&str> {
        self.message.as_deref()
    }
    /// A request id from the body or the `x-tt-logid` header.
    #[must_use]
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }
    /// The server's `Retry-After`, when the response had one.
    #[must_use]
    pub fn retry_after_header(&self) -> Option<RetryAfter> {
        self.retry_after
    }
    /// `RateLimit` for HTTP 429, `Server` for 5xx, else `Unknown`.
    #[must_use]
    pub fn category(&self) -> Category {
        fallback_status(self.http_status).0
    }
    /// `Throttled` for HTTP 429, `Transient` for 5xx, else `Unknown`.
    #[must_use]
    pub fn retry(&self) -> Retry {
        fallback_status(self.http_status).1
    }
}

/// What an HTTP status alone says, whatever the body: 429 is throttling, 5xx a TikTok-side
/// failure.
fn throttled_or_server(status: Option<u16>) -> Option<(Category, Retry)> {
    match status {
        Some(429) => Some((Category::RateLimit, Retry::Throttled)),
        Some(s) if (500..=599).contains(&s) => Some((Category::Server, Retry::Transient)),
        _ => None,
    }
}

fn fallback_status(status: Option<u16>) -> (Category, Retry) {
    throttled_or_server(status).unwrap_or((Category::Unknown, Retry::Unknown))
}

impl fmt::Display for MalformedResponse {
    /// `malformed <api> response (HTTP <status>): <reason>; body starts "<prefix>" [request_id: <id>]`,
    /// or `…: <reason>; message: <message> [request_id: <id>]` when the body was an object with a
    /// message (quoting the body too would print the message twice). The parser's error is not
    /// repeated here: it is the `source()`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("malformed ")?;
        if let Some(api) = self.api {
            write!(f, "{api} ")?;
        }
        f.write_str("response")?;
        if let Some(s) = self.http_status {
            write!(f, " (HTTP {s})")?;
        }
        write!(f, ": {}", self.reason)?;
        if let Some(m) = &self.message {
            f.write_str("; message: ")?;
            write_bounded(f, m, DISPLAY_MESSAGE_LIMIT)?;
        }
        if !self.body_prefix.is_empty()
            && self.message.is_none()
            && !matches!(self.reason, MalformedReason::MissingCode { .. })
        {
            f.write_str("; body starts \"")?;
            write_bounded(f, &self.body_prefix, 120)?;
            f.write_str("\"")?;
        }
        if let Some(id) = &self.request_id {
            f.write_str(" [request_id: ")?;
            write_bounded(f, id, DISPLAY_FIELD_LIMIT)?;
            f.write_str("]")?;
        }
        Ok(())
    }
}

impl std::error::Error for MalformedResponse {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.source
            .as_deref()
            .map(|e| e as &(dyn std::error::Error + 'static))
    }
}

/// An error from a TikTok API: the type users `match` on.
///
/// One variant per API family, plus failed publishes and unreadable responses. Every variant
/// is boxed, so `Result<T, TikTokError>` stays two words. `Send + Sync + 'static`.
///
/// ```
/// use tiktok_errors::{decode, AdsCode, Api, Retry, TikTokError};
///
/// let body = br#"{"code":40105,"message":"Access token is incorrect or has been revoked.","request_id":"r-1"}"#;
/// match decode(Api::Ads, body) {
///     Ok(_) => unreachable!(),
///     Err(TikTokError::Ads(e)) if e.code() == Some(AdsCode::InvalidAccessToken) => {
///         assert_eq!(e.retry(), Retry::RefreshToken); // refresh, then resend
///         assert_eq!(e.request_id(), Some("r-1"));
///     }
///     Err(other) => panic!("{other}"),
/// }
/// ```
#[non_exhaustive]
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum TikTokError {
    /// A Marketing (Ads) API error.
    #[error(transparent)]
    Ads(Box<ApiError<AdsCode>>),
    /// A Content Posting (v2) API error: `error.code` was not `ok`.
    #[error(transparent)]
    ContentPosting(Box<ApiError<ContentPostingCode>>),
    /// A publish that failed after it was accepted: the status endpoint answered `ok` with
    /// `data.status == "FAILED"`; the code is the `fail_reason`.
    #[error(transparent)]
    PublishFailed(Box<ApiError<ContentPostingCode>>),
    /// A Business Messaging API error.
    #[error(transparent)]
    BusinessMessaging(Box<ApiError<BusinessMessagingCode>>),
    /// An OAuth (Login Kit v2 token or revoke) error.
    #[error(transparent)]
    OAuth(Box<ApiError<OAuthCode>>),
    /// A TikTok Shop Partner API error.
    #[error(transparent)]
    Shop(Box<ApiError<ShopCode>>),
    /// The response is not a TikTok envelope.
    #[error(transparent)]
    Malformed(Box<MalformedResponse>),
}

macro_rules! each_api_error {
    ($self:expr, $e:ident => $body:expr, $m:ident => $mal:expr) => {
        match $self {
            TikTokError::Ads($e) => $body,
            TikTokError::ContentPosting($e) | TikTokError::PublishFailed($e) => $body,
            TikTokError::BusinessMessaging($e) => $body,
            TikTokError::OAuth($e) => $body,
            TikTokError::Shop($e) => $body,
            TikTokError::Malformed($m) => $mal,
        }
    };
}

impl TikTokError {
    /// The API family (`None` for a malformed response whose family was not given).
    #[must_use]
    pub fn api(&self) -> Option<Api> {
        each_api_error!(self, e => Some(e.api()), m => m.api)
    }
    /// The code exactly as sent (`None` for a malformed response).
    #[must_use]
    pub fn raw_code(&self) -> Option<&RawCode> {
        each_api_error!(self, e => Some(e.raw_code()), _m => None)
    }
    /// The typed code, when the catalogue knows it.
    pub fn any_code(&self) -> Option<AnyCode> {
        match self {
            TikTokError::Ads(e) => e.code().map(AnyCode::Ads),
            TikTokError::ContentPosting(e) | TikTokError::PublishFailed(e) => {
                e.code().map(AnyCode::ContentPosting)
            }
            TikTokError::BusinessMessaging(e) => e.code().map(AnyCode::BusinessMessaging),
            TikTokError::OAuth(e) => e.code().map(AnyCode::OAuth),
            TikTokError::Shop(e) => e.code().map(AnyCode::Shop),
            TikTokError::Malformed(_) => None,
        }
    }
    /// Whether the catalogue knows the code.
    #[must_use]
    pub fn is_known(&self) -> bool {
        self.any_code().is_some()
    }
    /// TikTok's message, if the response had one.
    #[must_use]
    pub fn message(&self) -> Option<&str> {
        each_api_error!(self, e => Some(e.message()).filter(|m| !m.is_empty()), m => m.message())
    }
    /// The request id / log id (body first, then the `x-tt-logid` header).
    #[must_use]
    pub fn request_id(&self) -> Option<&str> {
        each_api_error!(self, e => e.request_id(), m => m.request_id())
    }
    /// The HTTP status, when the caller passed it.
    #[must_use]
    pub fn http_status(&self) -> Option<u16> {
        each_api_error!(self, e => e.http_status(), m => m.http_status())
    }
    /// The catalogue title (`unknown code` / `malformed response` otherwise).
    #[must_use]
    pub fn title(&self) -> &'static str {
        each_api_error!(self, e => e.title(), _m => "malformed response")
    }
    /// The catalogue's fix text, when the code is known.
    #[must_use]
    pub fn fix(&self) -> Option<&'static str> {
        each_api_error!(self, e => e.fix(), _m => None)
    }
    /// The code's page in the error index, when the code is known (not part of `Display`).
    ///
    /// ```
    /// use tiktok_errors::{decode, Api};
    /// let err = decode(Api::Ads, br#"{"code":40100,"message":"QPS"}"#).unwrap_err();
    /// assert_eq!(err.docs_url().unwrap(), format!("{}ads/40100.html", tiktok_errors::DOCS_BASE_URL));
    /// ```
    pub fn docs_url(&self) -> Option<String> {
        self.any_code().map(AnyCode::docs_url)
    }
    /// The category (catalogue, else HTTP status or code range, else `Unknown`).
    #[must_use]
    pub fn category(&self) -> Category {
        each_api_error!(self, e => e.category(), m => m.category())
    }
    /// What to do next (catalogue, else HTTP status or code range, else `Unknown`).
    #[must_use]
    pub fn retry(&self) -> Retry {
        each_api_error!(self, e => e.retry(), m => m.retry())
    }
    /// How long to wait before resending, from `now`, where it can be known: `Retry-After`
    /// beats the limit TikTok's message names, which beats the catalogue's window.
    #[must_use]
    pub fn retry_after_at(&self, now: SystemTime) -> Option<Duration> {
        self.retry_after_from(Some(now))
    }
    /// [`retry_after_at`](Self::retry_after_at) from the current time (on
    /// `wasm32-unknown-unknown`, which has no clock, only the windows that need none).
    #[must_use]
    pub fn retry_after(&self) -> Option<Duration> {
        self.retry_after_from(clock_now())
    }
    pub(crate) fn retry_after_from(&self, now: Option<SystemTime>) -> Option<Duration> {
        each_api_error!(self, e => e.retry_after_from(now), m => m.retry_after.and_then(|r| r.duration_from_opt(now)))
    }
    /// For a failed publish, the `fail_reason`.
    #[must_use]
    pub fn fail_reason(&self) -> Option<&str> {
        match self {
            TikTokError::PublishFailed(e) => e.fail_reason(),
            _ => None,
        }
    }
    /// The outcome name used by the CLI's JSON: `error`, `publish_failed` or `malformed`.
    #[must_use]
    pub fn outcome(&self) -> &'static str {
        match self {
            TikTokError::PublishFailed(_) => "publish_failed",
            TikTokError::Malformed(_) => "malformed",
            _ => "error",
        }
    }
}

/// Wraps an error in its family's variant, so `?` turns an `ApiError<C>` into a
/// [`TikTokError`]. A Content Posting error built from a failed publish becomes
/// [`TikTokError::PublishFailed`].
///
/// ```
/// use tiktok_errors::{AdsCode, ApiError, OAuthCode, TikTokError};
/// fn check() -> Result<(), TikTokError> {
///     Err(ApiError::new(AdsCode::RequestTooFrequent, "App reaches the QPS limit."))?
/// }
/// assert!(matches!(check(), Err(TikTokError::Ads(_))));
/// let e: TikTokError = ApiError::<OAuthCode>::from_raw("invalid_grant", "expired").into();
/// assert!(matches!(e, TikTokError::OAuth(_)));
/// ```
impl From<ApiError<AdsCode>> for TikTokError {
    fn from(e: ApiError<AdsCode>) -> Self {
        TikTokError::Ads(Box::new(e))
    }
}
impl From<ApiError<ContentPostingCode>> for TikTokError {
    fn from(e: ApiError<ContentPostingCode>) -> Self {
        if e.publish_failed {
            TikTokError::PublishFailed(Box::new(e))
        } else {
            TikTokError::ContentPosting(Box::new(e))
        }
    }
}
impl From<ApiError<BusinessMessagingCode>> for TikTokError {
    fn from(e: ApiError<BusinessMessagingCode>) -> Self {
        TikTokError::BusinessMessaging(Box::new(e))
    }
}
impl From<ApiError<OAuthCode>> for TikTokError {
    fn from(e: ApiError<OAuthCode>) -> Self {
        TikTokError::OAuth(Box::new(e))
    }
}
impl From<MalformedResponse> for TikTokError {
    fn from(e: MalformedResponse) -> Self {
        TikTokError::Malformed(Box::new(e))
    }
}

const _: () = {
    const fn assert_traits<T: Send + Sync + 'static>() {}
    assert_traits::<TikTokError>();
};
