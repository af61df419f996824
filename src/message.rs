//! Reading TikTok's free-text messages: which field, what value, which known condition.
//!
//! TikTok reports most request problems with one code (Marketing API `40002`, v2
//! `invalid_params`) and puts the detail in `message`:
//!
//! - `brand_safety: one or more value of the params is not acceptable, correct is THIRD_PARTY,
//!   LIMITED_INVENTORY, current is NO_BRAND_SAFETY`
//! - `Invalid metric fields: ['video_views']`
//! - `max time span is 1 day when use stat_time_hour`
//! - `The advertiser 123 doesn't exist or has been deleted.`
//!
//! [`read_message`] (and [`ApiError::details`](crate::ApiError::details)) turns such a message
//! into [`MessageDetails`]: the field paths it names (`brand_safety`, `fields.1`), the values it
//! says were received and the values it says are accepted, the bound it states (`1 day`), and a
//! [`DetailKind`]. [`diagnose`] (and [`ApiError::diagnoses`](crate::ApiError::diagnoses)) names
//! the catalogue entries the message most likely describes, each with why.
//!
//! # How a message is read: the grammar
//!
//! A hand-written scanner reads the shapes TikTok's messages come in, not particular messages.
//! One line per shape, with an example of each:
//!
//! 1. **path, complaint**: a field path (identifiers and list indexes joined by `.` or in
//!    `[…]`) at the start, after a label or anywhere in the prose, then what is wrong with it:
//!    `fields.1: one or more value of the param is not acceptable`, `Invalid param:
//!    creatives.identity_id is required.`, `a.0 must be set to object`,
//!    `Batch.0.properties.contents.0.content_id: Not a valid string` → field `creatives.identity_id`.
//!    A label's own words (`Invalid param:`) are a prefix: the condition is the complaint after
//!    the path (`is required` → missing).
//! 2. **labelled fields**: a label and the fields it lists: `Invalid Param(s): 'placement_type'`,
//!    `params: a_b, c` → fields `placement_type`.
//! 3. **list parameter and items**: `<noun> fields:` and a list, where the noun names a list
//!    parameter: `Invalid metric fields: ['video_views']` → field `metrics`, received
//!    `video_views` (the item is a value the caller sent for `metrics`, not a field).
//! 4. **values**: accepted values after `correct is`, `only supports`, `one of`, `expected`;
//!    received ones after `current is`, `error is`, `but got`: `correct is [A, B], error is c`.
//! 5. **ids**: the object of a not-found complaint and an id after a noun and a colon are
//!    received values: `The advertiser 123 doesn't exist` → `123`; `pixel code:
//!    BU35TSQHT2A1QT375OMG` → `BU35TSQHT2A1QT375OMG`.
//! 6. **bound**: a comparison or limit word, then a number with its unit or currency, with or
//!    without a field: `must not be less than 20 USD` → `20 USD`; `at least 12 characters`;
//!    `less than 500x500 pixels`; `$50`; `max time span is 1 day`; `QPS limit 10`; `of` may join
//!    the bound word and the number: `exceeds the limit of 10` → `10`. A bound after a
//!    comparison word is out of range even without another condition word.
//! 7. **kind**: the first condition word (`required`, `not acceptable`, `not supported`,
//!    `doesn't exist`, `permission`, `duplicated`, `QPS`, `less than`, …); a complaint whose
//!    subject is the access or refresh token is [`DetailKind::Credentials`]
//!    (`Access token is incorrect or has been revoked.`).
//! 8. **type or form**: `must be set to` a type, or `should be` a form, is a wrong value, where
//!    `must be set` alone is a missing one: `pixel_ids: Field must be set to array` → field
//!    `pixel_ids`, invalid value; `Time format should be %Y-%m-%dT%H:%M.` → invalid value.
//! 9. **refusal**: `not authorize(d)` refuses the caller: `The user did not authorize the
//!    scope required for completing this request.` → denied.
//! 10. **named pair**: two snake names, capitals allowed when the name has lowercase letters
//!     too, and a mismatch: `Identity_type and Identity_bc_ID don't match` → fields
//!     `Identity_type`, `Identity_bc_ID`, conflict (an `ALL_CAPS` word is a value, never a
//!     field).
//! 11. **value for a field, then its complaint**: `Invalid value for <field>: <complaint>`: the
//!     label's words are a prefix and the complaint after the colon gives the kind; a value-like
//!     word opening the complaint is the item the caller sent: `Invalid value for dimensions:
//!     province_id is not supported.` → field `dimensions`, received `province_id`, not supported.
//! 12. **the request itself**: a size complaint whose subject is the query or request is a limit
//!     on what one request may ask for, not a value out of range: `Your query is too large` →
//!     limit. A mismatch said as `is not matched` is a conflict like `don't match`:
//!     `Redirect_uri is not matched with the uri when requesting code.` → conflict.
//! 13. **restriction**: `only for`, or a closing `only` after a `for` phrase, limits the request
//!     to a context it is not in: `package_dimension_unit field is for America market(US) only.`
//!     → field `package_dimension_unit`, not supported. Two options said to be `mutually
//!     exclusive` conflict: `pre-sale and pre-order modes are mutually exclusive.` → conflict.
//! 14. **lowerCamel names**: a word of two or more lowercase letters, then a capital, letters and
//!     digits only, is a field in the prose like a snake name: `Category version and categoryID
//!     are not matched.` → field `categoryID`, conflict (`iOS`, `eBay` are names, not fields).
//!
//! Error codes, status words and aliases of any family are never fields (`access_denied`,
//! `server_error`, `invalid_params`), nor are versions, domains, file names, URLs and endpoint
//! paths. Every string reported is a slice of the message, except a list parameter's name
//! (`metrics`, `dimensions`), which comes from a fixed table of the nouns messages use for it.
//!
//! What it cannot place it leaves out: an empty reading is better than a wrong one. Only the
//! first 2048 bytes of a message are read; the result borrows from the message and allocates
//! only for what it finds. No regular-expression engine is involved: the shapes are few and
//! fixed, one pass over the message's word starts finds them (about 1–4 µs and 7,000–22,000
//! instructions for a typical message, see `BENCHMARKS.md`), and the crate stays free of a regex
//! dependency and its compile cost.
//!
//! ```
//! use tiktok_errors::message::{read_message, DetailKind};
//!
//! let d = read_message(
//!     "brand_safety: one or more value of the params is not acceptable, \
//!      correct is THIRD_PARTY, LIMITED_INVENTORY, current is NO_BRAND_SAFETY",
//! );
//! assert_eq!(d.kind(), Some(DetailKind::InvalidValue));
//! assert_eq!(d.field_names().collect::<Vec<_>>(), ["brand_safety"]);
//! assert_eq!(d.received(), ["NO_BRAND_SAFETY"]);
//! assert_eq!(d.accepted(), ["THIRD_PARTY", "LIMITED_INVENTORY"]);
//! ```

use std::fmt;
use std::ops::Range;

use serde::Serialize;

use crate::search::{self, SearchOptions};
use crate::{AnyCode, Api, ApiError, ErrorCode, TikTokError};

/// How many bytes of a message are read (the rest is ignored).
pub const MESSAGE_READ_LIMIT: usize = 2048;

/// What kind of problem a message reports.
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DetailKind {
    /// A required field or value is missing (`Missing data for required field.`).
    Missing,
    /// A value is not acceptable (`one or more value of the params is not acceptable`,
    /// `Invalid metric fields`).
    InvalidValue,
    /// The request asks for something this context does not support (`only supports`, `can't be
    /// used for`).
    NotSupported,
    /// A value or span is outside the allowed range (`max time span is 1 day`).
    OutOfRange,
    /// The object named does not exist or was deleted.
    NotFound,
    /// The caller lacks a permission (`does not grant you … permission`).
    Denied,
    /// The request conflicts with existing state or with itself (`Duplicated`, `inconsistent`).
    Conflict,
    /// A rate or quota limit was reached (`QPS limit`, `too many requests`).
    Limit,
    /// The access or refresh token sent with the request was rejected: invalid, incorrect,
    /// expired or revoked (`Access token is incorrect or has been revoked.`). Refresh it or ask
    /// the user to authorize again; the request's fields are not at fault.
    Credentials,
    /// Fields or values were read but the message names no known kind of problem.
    Other,
}

impl DetailKind {
    /// The snake_case name used in JSON (`invalid_value`).
    ///
    /// ```
    /// assert_eq!(tiktok_errors::message::DetailKind::OutOfRange.as_str(), "out_of_range");
    /// ```
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            DetailKind::Missing => "missing",
            DetailKind::InvalidValue => "invalid_value",
            DetailKind::NotSupported => "not_supported",
            DetailKind::OutOfRange => "out_of_range",
            DetailKind::NotFound => "not_found",
            DetailKind::Denied => "denied",
            DetailKind::Conflict => "conflict",
            DetailKind::Limit => "limit",
            DetailKind::Credentials => "credentials",
            DetailKind::Other => "other",
        }
    }

    /// A few words for people (`invalid value`).
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            DetailKind::Missing => "missing",
            DetailKind::InvalidValue => "invalid value",
            DetailKind::NotSupported => "not supported",
            DetailKind::OutOfRange => "out of range",
            DetailKind::NotFound => "not found or deleted",
            DetailKind::Denied => "permission denied",
            DetailKind::Conflict => "conflict",
            DetailKind::Limit => "limit reached",
            DetailKind::Credentials => "token rejected",
            DetailKind::Other => "other",
        }
    }
}

impl fmt::Display for DetailKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// A request field path as a message names it: `brand_safety`, `fields.1`, `budget.0`.
///
/// ```
/// use tiktok_errors::message::read_message;
/// let d = read_message("fields.1: one or more value of the param is not acceptable");
/// let f = d.fields()[0];
/// assert_eq!(f.as_str(), "fields.1");
/// assert_eq!(f.name(), "fields");
/// assert_eq!(f.index(), Some(1));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct FieldPath<'a>(&'a str);

impl<'a> FieldPath<'a> {
    /// The path as written.
    #[must_use]
    pub fn as_str(&self) -> &'a str {
        self.0
    }
    /// The first segment (the request field itself): `fields` for `fields.1`.
    #[must_use]
    pub fn name(&self) -> &'a str {
        self.0.split(['.', '[']).next().unwrap_or(self.0)
    }
    /// The first list index in the path, if any: `1` for `fields.1` or `fields[1]`.
    #[must_use]
    pub fn index(&self) -> Option<usize> {
        self.0
            .split(['.', '[', ']'])
            .skip(1)
            .find_map(|s| s.parse().ok())
    }
}

impl fmt::Display for FieldPath<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

/// What a message says: fields, values, bound and kind. Every string borrows from the message.
///
/// Built by [`read_message`], [`ApiError::details`] and [`TikTokError::details`]. An empty
/// reading ([`is_empty`](Self::is_empty)) means the message names nothing the scanner could
/// place with confidence.
///
/// ```
/// use tiktok_errors::message::{read_message, DetailKind};
///
/// let d = read_message("The advertiser 123 doesn't exist or has been deleted.");
/// assert_eq!(d.kind(), Some(DetailKind::NotFound));
/// assert_eq!(d.received(), ["123"]);
/// assert!(d.fields().is_empty());
/// assert_eq!(d.to_string(), "received: 123 · not found or deleted");
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize)]
pub struct MessageDetails<'a> {
    kind: Option<DetailKind>,
    fields: Vec<FieldPath<'a>>,
    received: Vec<&'a str>,
    accepted: Vec<&'a str>,
    limit: Option<&'a str>,
    /// Why TikTok refused the value (TikTok Shop's `Reason: …`).
    #[serde(skip_serializing_if = "Option::is_none")]
    reason: Option<&'a str>,
    /// The documentation link the message ends with (TikTok Shop's `For more details: …`).
    #[serde(skip_serializing_if = "Option::is_none")]
    link: Option<&'a str>,
    /// Read from one of TikTok Shop's templates (names and values may hold spaces).
    #[serde(skip)]
    templated: bool,
}

impl<'a> MessageDetails<'a> {
    /// Why TikTok refused the value, when the message says (TikTok Shop's templated
    /// `Parameter X is invalid. Reason: Y. Expected: Z`).
    ///
    /// ```
    /// use tiktok_errors::message::{read_message, DetailKind};
    /// let d = read_message("Parameter package_weight.value is invalid. Reason: must be greater than 0. Expected: a positive decimal");
    /// assert_eq!(d.field_names().collect::<Vec<_>>(), ["package_weight.value"]);
    /// assert_eq!(d.reason(), Some("must be greater than 0"));
    /// assert_eq!(d.accepted(), ["a positive decimal"]);
    /// assert_eq!(d.kind(), Some(DetailKind::InvalidValue));
    /// ```
    #[must_use]
    pub fn reason(&self) -> Option<&'a str> {
        self.reason
    }
    /// The documentation link TikTok put at the end of the message (TikTok Shop's
    /// `For more details: https://m.tiktok.shop/s/…`), taken out of the text that is read.
    ///
    /// ```
    /// use tiktok_errors::message::read_message;
    /// let d = read_message("Invalid credentials. The 'sign' query parameter is invalid. For more details: https://m.tiktok.shop/s/AIu6dbFhs2XW");
    /// assert_eq!(d.link(), Some("https://m.tiktok.shop/s/AIu6dbFhs2XW"));
    /// assert!(!d.to_string().contains("tiktok.shop")); // the rest of the text is read without it
    /// ```
    #[must_use]
    pub fn link(&self) -> Option<&'a str> {
        self.link
    }
    /// Whether the reading comes from one of TikTok Shop's message templates (`Parameter … is
    /// invalid. Reason: … Expected: …`, the dependent-field and pixel-bound ones). Their names
    /// and values are TikTok Shop's words and may hold spaces (`Battery type`); the free-text
    /// scanner's never do.
    #[must_use]
    pub fn is_templated(&self) -> bool {
        self.templated
    }
    /// The pixel bounds a TikTok Shop image message states
    /// (`… 100 x 100 to 5000 x 5000`): `((min_width, min_height), (max_width, max_height))`.
    ///
    /// ```
    /// use tiktok_errors::message::read_message;
    /// let d = read_message("The image dimensions exceed the allowed limits. Allowed dimensions (width x height in pixels): 100 x 100 to 5000 x 5000");
    /// assert_eq!(d.dimension_bounds(), Some(((100, 100), (5000, 5000))));
    /// assert_eq!(d.limit(), Some("100 x 100 to 5000 x 5000"));
    /// ```
    #[must_use]
    pub fn dimension_bounds(&self) -> Option<((u32, u32), (u32, u32))> {
        dimension_bounds(self.limit?).map(|(b, _)| b)
    }
    /// The kind of problem, `None` when nothing was read.
    #[must_use]
    pub fn kind(&self) -> Option<DetailKind> {
        self.kind
    }
    /// The field paths the message names, in order.
    #[must_use]
    pub fn fields(&self) -> &[FieldPath<'a>] {
        &self.fields
    }
    /// The field paths as strings.
    pub fn field_names(&self) -> impl Iterator<Item = &'a str> + '_ {
        self.fields.iter().map(FieldPath::as_str)
    }
    /// The values the message says were sent (`NO_BRAND_SAFETY`, an advertiser id).
    #[must_use]
    pub fn received(&self) -> &[&'a str] {
        &self.received
    }
    /// The values the message says would be accepted (`THIRD_PARTY`, `LIMITED_INVENTORY`).
    #[must_use]
    pub fn accepted(&self) -> &[&'a str] {
        &self.accepted
    }
    /// The bound the message states (`1 day`, `15 days`, `10`).
    #[must_use]
    pub fn limit(&self) -> Option<&'a str> {
        self.limit
    }
    /// Nothing was read.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.kind.is_none()
    }
}

impl fmt::Display for MessageDetails<'_> {
    /// `field: brand_safety · received: NO_BRAND_SAFETY · accepted: THIRD_PARTY,
    /// LIMITED_INVENTORY · invalid value`; empty when nothing was read.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut parts: Vec<String> = Vec::new();
        if !self.fields.is_empty() {
            let label = if self.fields.len() == 1 {
                "field"
            } else {
                "fields"
            };
            let names: Vec<&str> = self.field_names().collect();
            parts.push(format!("{label}: {}", names.join(", ")));
        }
        if !self.received.is_empty() {
            parts.push(format!("received: {}", self.received.join(", ")));
        }
        if !self.accepted.is_empty() {
            parts.push(format!("accepted: {}", self.accepted.join(", ")));
        }
        if let Some(l) = self.limit {
            parts.push(format!("limit: {l}"));
        }
        if let Some(k) = self.kind {
            parts.push(k.label().to_owned());
        }
        f.write_str(&parts.join(" · "))
    }
}

// ---------------------------------------------------------------------------------------------
// The scanner.

/// Condition words, lowercase, each with the kind it signals. The earliest one in the message
/// wins; at the same position the earlier entry here wins.
const KIND_CUES: &[(&str, DetailKind)] = &[
    ("missing data for required field", DetailKind::Missing),
    ("is required", DetailKind::Missing),
    ("are required", DetailKind::Missing),
    ("required field", DetailKind::Missing),
    ("must upload", DetailKind::Missing),
    ("must provide", DetailKind::Missing),
    ("please provide", DetailKind::Missing),
    ("please select", DetailKind::Missing),
    ("cannot be empty", DetailKind::Missing),
    ("can not be empty", DetailKind::Missing),
    ("must not be empty", DetailKind::Missing),
    // `must be set to array`: the value has the wrong type; `must be set` alone: it is missing.
    ("must be set to", DetailKind::InvalidValue),
    ("must be set", DetailKind::Missing),
    ("is null", DetailKind::Missing),
    ("missing", DetailKind::Missing),
    ("doesn't exist", DetailKind::NotFound),
    ("does not exist", DetailKind::NotFound),
    ("not exist", DetailKind::NotFound),
    ("has been deleted", DetailKind::NotFound),
    ("have been deleted", DetailKind::NotFound),
    ("not found", DetailKind::NotFound),
    ("does not grant", DetailKind::Denied),
    ("not grant", DetailKind::Denied),
    ("permission", DetailKind::Denied),
    ("not authorize", DetailKind::Denied),
    ("unauthorized", DetailKind::Denied),
    ("access denied", DetailKind::Denied),
    ("forbidden", DetailKind::Denied),
    ("qps", DetailKind::Limit),
    ("qpm", DetailKind::Limit),
    ("qpd", DetailKind::Limit),
    ("too many requests", DetailKind::Limit),
    ("too fast", DetailKind::Limit),
    ("too frequent", DetailKind::Limit),
    ("rate limit", DetailKind::Limit),
    ("temporarily restricted", DetailKind::Limit),
    ("quota", DetailKind::Limit),
    ("duplicat", DetailKind::Conflict),
    ("already exist", DetailKind::Conflict),
    ("already in use", DetailKind::Conflict),
    ("inconsistent", DetailKind::Conflict),
    ("conflict", DetailKind::Conflict),
    ("do not match", DetailKind::Conflict),
    ("does not match", DetailKind::Conflict),
    ("doesn't match", DetailKind::Conflict),
    ("don't match", DetailKind::Conflict),
    ("not matched", DetailKind::Conflict),
    ("mismatch", DetailKind::Conflict),
    ("mutually exclusive", DetailKind::Conflict),
    ("time span", DetailKind::OutOfRange),
    ("must be between", DetailKind::OutOfRange),
    ("length must", DetailKind::OutOfRange),
    ("must be less than", DetailKind::OutOfRange),
    ("must be greater than", DetailKind::OutOfRange),
    ("must be more than", DetailKind::OutOfRange),
    ("must be at least", DetailKind::OutOfRange),
    ("must be at most", DetailKind::OutOfRange),
    ("should be at least", DetailKind::OutOfRange),
    ("should be at most", DetailKind::OutOfRange),
    // `Time format should be %Y-%m-%d`: the value is not in the expected form.
    ("should be", DetailKind::InvalidValue),
    ("is less than", DetailKind::OutOfRange),
    ("are less than", DetailKind::OutOfRange),
    ("is greater than", DetailKind::OutOfRange),
    ("is more than", DetailKind::OutOfRange),
    ("is lower than", DetailKind::OutOfRange),
    ("is higher than", DetailKind::OutOfRange),
    ("not be less than", DetailKind::OutOfRange),
    ("not be lower than", DetailKind::OutOfRange),
    ("not be greater than", DetailKind::OutOfRange),
    ("not be more than", DetailKind::OutOfRange),
    ("not be higher than", DetailKind::OutOfRange),
    ("not less than", DetailKind::OutOfRange),
    ("not more than", DetailKind::OutOfRange),
    ("no less than", DetailKind::OutOfRange),
    ("no more than", DetailKind::OutOfRange),
    ("below the minimum", DetailKind::OutOfRange),
    ("above the maximum", DetailKind::OutOfRange),
    ("out of range", DetailKind::OutOfRange),
    ("exceed", DetailKind::OutOfRange),
    ("too long", DetailKind::OutOfRange),
    ("too short", DetailKind::OutOfRange),
    ("too large", DetailKind::OutOfRange),
    ("too small", DetailKind::OutOfRange),
    ("too big", DetailKind::OutOfRange),
    ("too low", DetailKind::OutOfRange),
    ("too high", DetailKind::OutOfRange),
    ("not supported", DetailKind::NotSupported),
    ("only supports", DetailKind::NotSupported),
    ("only support", DetailKind::NotSupported),
    ("only for", DetailKind::NotSupported),
    ("does not support", DetailKind::NotSupported),
    ("doesn't support", DetailKind::NotSupported),
    ("do not support", DetailKind::NotSupported),
    ("unsupported", DetailKind::NotSupported),
    ("not allowed", DetailKind::NotSupported),
    ("unknown field", DetailKind::NotSupported),
    ("can't be used", DetailKind::NotSupported),
    ("can\u{2019}t be used", DetailKind::NotSupported),
    ("cannot be used", DetailKind::NotSupported),
    ("can not be used", DetailKind::NotSupported),
    ("cannot be modified", DetailKind::NotSupported),
    ("can not be modified", DetailKind::NotSupported),
    ("not acceptable", DetailKind::InvalidValue),
    ("not a valid", DetailKind::InvalidValue),
    ("not valid", DetailKind::InvalidValue),
    ("invalid", DetailKind::InvalidValue),
    ("incorrect", DetailKind::InvalidValue),
    ("illegal", DetailKind::InvalidValue),
    ("malformed", DetailKind::InvalidValue),
    ("wrong", DetailKind::InvalidValue),
    ("revoked", DetailKind::InvalidValue),
];

/// Words after which the message lists the values that would be accepted.
const ACCEPTED_CUES: &[&str] = &[
    "correct is",
    "only supports",
    "only support",
    "must be one of",
    "should be one of",
    "one of",
    "allowed values are",
    "allowed values:",
    "valid values are",
    "supported values are",
    "enum values:",
    "expected",
];

/// Words after which the message gives the value that was received.
const RECEIVED_CUES: &[&str] = &[
    "current is",
    "current value is",
    "error is",
    "but got",
    "received",
    "you provided",
];

/// Labels after which the message lists field names.
const FIELD_LABELS: &[&str] = &[
    "fields:",
    "field:",
    "param(s):",
    "params:",
    "param:",
    "parameter(s):",
    "parameters:",
    "parameter:",
];

/// Words that introduce a stated bound.
const LIMIT_CUES: &[&str] = &[
    "time span is",
    "equal to",
    "limit",
    "must be between",
    "between",
    "less than",
    "lower than",
    "greater than",
    "more than",
    "higher than",
    "at most",
    "at least",
    "up to",
    "maximum",
    "minimum",
    "exceed",
];

/// Bound words that state a comparison (`less than`, `at least`): a bound after one of them is
/// out of range even when the message has no other condition word (`Image is less than 500x500
/// pixels`). `limit` alone is not one (`QPS limit 10` is a rate limit).
const COMPARISON_CUES: &[&str] = &[
    "between",
    "less than",
    "lower than",
    "greater than",
    "more than",
    "higher than",
    "at most",
    "at least",
    "up to",
    "exceed",
];

/// Words after which the message names a field (`Invalid value for placements`).
const VALUE_OF_CUES: &[&str] = &["value for ", "value of ", "values for ", "values of "];

/// Units a bound may carry.
const UNITS: &[&str] = &[
    "days",
    "day",
    "hours",
    "hour",
    "minutes",
    "minute",
    "seconds",
    "second",
    "ms",
    "characters",
    "character",
    "chars",
    "words",
    "word",
    "bytes",
    "byte",
    "kb",
    "mb",
    "gb",
    "pixels",
    "pixel",
    "px",
    "items",
    "item",
    "times",
    "fps",
];

/// Currency symbols a bound may start with (`$50`).
const CURRENCY_SIGNS: &[char] = &['$', '\u{20ac}', '\u{a3}', '\u{a5}'];

/// Leading labels that are not field paths (`error: …`).
const NOT_PATHS: &[&str] = &[
    "error", "errors", "message", "warning", "info", "note", "reason", "detail", "details", "http",
    "https", "cause", "msg",
];

/// Generic words that are not field names after `Invalid …`.
const NOT_FIELDS: &[&str] = &[
    "parameter",
    "parameters",
    "param",
    "params",
    "request",
    "requests",
    "value",
    "values",
    "input",
    "data",
    "argument",
    "arguments",
    "field",
    "fields",
    "format",
    "the",
    "a",
    "an",
];

/// Reads a TikTok message: its field paths, received and accepted values, stated bound and kind
/// (see the module docs for the shapes it knows).
///
/// Pure, never panics, and allocates only for what it finds. Only the first
/// [`MESSAGE_READ_LIMIT`] bytes are read.
///
/// ```
/// use tiktok_errors::message::{read_message, DetailKind};
///
/// let d = read_message("max time span is 1 day when use stat_time_hour");
/// assert_eq!(d.kind(), Some(DetailKind::OutOfRange));
/// assert_eq!(d.field_names().collect::<Vec<_>>(), ["stat_time_hour"]);
/// assert_eq!(d.limit(), Some("1 day"));
///
/// assert!(read_message("System error.").is_empty());
/// ```
#[must_use]
pub fn read_message(message: &str) -> MessageDetails<'_> {
    let (message, link) = split_link(message);
    let mut d = read_text(message);
    d.link = link;
    d
}

fn read_text(message: &str) -> MessageDetails<'_> {
    let text = prefix(message, MESSAGE_READ_LIMIT);
    if let Some(d) = shop_template(text) {
        return d;
    }
    let cues = CueHits::scan(text);
    let mut d = MessageDetails::default();
    // Spans already claimed by a field path or a value list; the prose scan skips them.
    let mut claimed = Claimed::default();

    // Shape 1: a leading `path: complaint`.
    if let Some(path) = leading_path(text) {
        push_field(&mut d.fields, path);
        claimed.push(0..path.len());
    }
    // Shapes 2 and 3: a label, then the fields it lists (`Invalid Param(s): 'x'`, `param: a.b
    // is required`), or the items of a list parameter (`Invalid metric fields: ['x']`: the
    // parameter is `metrics`, the items are what the caller sent for it).
    // Where the complaint about a labelled path starts (`param: a.b is required`): the
    // condition is read from there, not from the label's own `Invalid`.
    let mut complaint_from: Option<usize> = None;
    for (at, cue) in cues.of(Table::FieldLabel) {
        let end = at + cue.len();
        if claimed.overlaps(at..end) {
            continue;
        }
        let list_param = list_parameter_before(text, at);
        if let Some(param) = list_param {
            push_field(&mut d.fields, param);
        }
        let mut last_end = None;
        list_after(text, end, true, &mut |item| {
            // A span is read once: an item an earlier label's list already took (a label
            // repeated inside that list's own items) is not read again as something else.
            if claimed.overlaps(item.span.clone()) {
                return;
            }
            match list_param {
                Some(_) => push_value(&mut d.received, item.value),
                None if is_path(item.value) => push_field(&mut d.fields, item.value),
                None => {}
            }
            last_end = Some(item.span.end);
            claimed.push(item.span);
        });
        if complaint_from.is_none() && list_param.is_none() {
            complaint_from = last_end.filter(|&e| text.as_bytes().get(e) == Some(&b' '));
        }
    }
    // Shape 5: accepted and received values.
    for (at, cue, table) in cues.values() {
        let end = at + cue.len();
        if !word_bounded(text, at, end) || claimed.overlaps(at..end) {
            continue;
        }
        let list = if table == Table::Accepted {
            &mut d.accepted
        } else {
            &mut d.received
        };
        list_after(text, end, false, &mut |item| {
            if claimed.overlaps(item.span.clone()) {
                return;
            }
            push_value(list, item.value);
            claimed.push(item.span);
        });
    }
    for (at, cue) in cues.of(Table::ValueOf) {
        // `Invalid value for dimensions: province_id is not supported`: after the field and a
        // colon comes the complaint (the label's `Invalid` is a prefix), and a value-like word
        // there is the item the caller sent for that field.
        let Some(colon) = field_after_value_of(text, at + cue.len(), &claimed, &mut d.fields)
        else {
            continue;
        };
        if complaint_from.is_none() {
            complaint_from = Some(colon + 1);
        }
        if let Some(item) = item_after_colon(text, colon) {
            let start = offset_in(text, item);
            claimed.push(start..start + item.len());
            push_value(&mut d.received, item);
        }
    }
    invalid_list(text, &mut d.fields);
    required_subject(text, &mut d.fields);

    let first = complaint_from
        .and_then(|from| cues.of(Table::Kind).find(|&(at, _)| at >= from))
        .or_else(|| cues.of(Table::Kind).next());
    let mut kind = first.map(|(_, cue)| kind_of(cue));
    // The object of a not-found complaint is the id the caller sent (`The advertiser 123
    // doesn't exist`), not a field.
    if kind == Some(DetailKind::NotFound) {
        if let Some(id) = first.and_then(|(at, _)| id_before(text, at)) {
            let start = offset_in(text, id);
            // A word a label listed as a field stays a field (`Invalid Param(s): ab12 doesn't
            // exist`): it is not also the id received.
            if !claimed.overlaps(start..start + id.len()) {
                claimed.push(start..start + id.len());
                d.received.insert(0, id);
            }
        }
    }
    // `pixel code: BU35TSQHT2A1QT375OMG`: an id right after a noun and a colon was received.
    labelled_id(text, &claimed, &mut d.received);
    // Shape 1 anywhere: `snake_case` names and dotted or indexed paths in the prose.
    prose_fields(text, &claimed, &mut d.fields);

    // A bound word may be inflected (`exceeds 60 fps`): the bound follows the whole word.
    let bound = cues.of(Table::Limit).find_map(|(at, cue)| {
        let rest = text.get(at + cue.len()..)?;
        let tail = rest
            .find(|c: char| !c.is_ascii_alphabetic())
            .unwrap_or(rest.len());
        // `exceeds the limit of 10`: `of` may join the bound word and the number.
        let of = if rest[tail..].starts_with(" of ") {
            3
        } else {
            0
        };
        bound_after(text, at + cue.len() + tail + of).map(|b| (cue, b))
    });
    if kind.is_none() && bound.is_some_and(|(cue, _)| COMPARISON_CUES.contains(&cue)) {
        kind = Some(DetailKind::OutOfRange);
    }
    // `package_dimension_unit field is for America market(US) only.`: a restriction to a
    // context said with a closing `only` is something this context does not support.
    if kind.is_none() && restricted_to_context(text) {
        kind = Some(DetailKind::NotSupported);
    }
    if kind == Some(DetailKind::InvalidValue) && names_a_token(text, first.map_or(0, |f| f.0)) {
        kind = Some(DetailKind::Credentials);
    }
    // `Your query is too large`: a size complaint about the request itself is a limit on what
    // one request may ask for, not a value out of range.
    if kind == Some(DetailKind::OutOfRange)
        && first.is_some_and(|(at, cue)| SIZE_CUES.contains(&cue) && names_the_request(text, at))
    {
        kind = Some(DetailKind::Limit);
    }
    d.kind = kind.or(
        if d.fields.is_empty() && d.received.is_empty() && d.accepted.is_empty() {
            None
        } else {
            Some(DetailKind::Other)
        },
    );
    if d.kind.is_some() {
        d.limit = bound.map(|(_, b)| b);
    }
    d
}

// ---------------------------------------------------------------------------------------------
// TikTok Shop's templated messages and documentation links.

/// Where TikTok Shop's documentation short links start.
const SHOP_LINK: &str = "https://m.tiktok.shop/";

/// Splits the documentation link off the end of a message: `(text before it, link)`. The text
/// before loses a `For more details:` lead-in; a message without a link is returned whole.
fn split_link(message: &str) -> (&str, Option<&str>) {
    let Some(at) = message.find(SHOP_LINK) else {
        return (message, None);
    };
    let rest = &message[at..];
    let end = rest
        .find(|c: char| c.is_whitespace() || matches!(c, '"' | '\'' | ')' | ']' | '>' | ','))
        .unwrap_or(rest.len());
    let link = rest[..end].trim_end_matches('.');
    if link.len() <= SHOP_LINK.len() {
        return (message, None);
    }
    let mut before = message[..at].trim_end();
    for lead in ["for more details:", "for more details", "more details:"] {
        if before.len() >= lead.len()
            && before.is_char_boundary(before.len() - lead.len())
            && before[before.len() - lead.len()..].eq_ignore_ascii_case(lead)
        {
            before = before[..before.len() - lead.len()].trim_end();
            break;
        }
    }
    (before, Some(link))
}

/// `text` starts with `lead`, ASCII case-insensitively: the rest.
fn after_prefix<'t>(text: &'t str, lead: &str) -> Option<&'t str> {
    let head = text.get(..lead.len())?;
    head.eq_ignore_ascii_case(lead).then(|| &text[lead.len()..])
}

/// A value TikTok Shop put in quotes (`'…'`, `‘…’`, `"…"`) or left bare: trimmed, unquoted.
fn unquote(s: &str) -> &str {
    let s = s.trim();
    let s = s.strip_prefix(['\'', '"', '‘', '“', '`']).unwrap_or(s);
    s.strip_suffix(['\'', '"', '’', '”', '`'])
        .unwrap_or(s)
        .trim()
}

/// TikTok Shop's templated messages, read exactly (`None` for any other text):
/// - `Parameter {param} is invalid. Reason: {reason}. Expected: {expected}` (98001004);
/// - `The '{child}' field is required as you've selected '{value}' for '{parent}'.` and the same
///   with `should be left empty` (12052182, 12052183);
/// - `… {min_w} x {min_h} to {max_w} x {max_h}` pixel bounds (12038014).
fn shop_template(text: &str) -> Option<MessageDetails<'_>> {
    let mut d = MessageDetails {
        templated: true,
        ..MessageDetails::default()
    };
    if let Some(rest) = after_prefix(text, "parameter ") {
        let at = rest.find(" is invalid")?;
        let param = unquote(&rest[..at]);
        if param.is_empty() || param.contains(char::is_whitespace) {
            return None;
        }
        let rest = &rest[at + " is invalid".len()..];
        let reason_at = rest.find("Reason:");
        let expected_at = rest.find("Expected:");
        if let Some(r) = reason_at {
            let end = expected_at.filter(|&e| e > r).unwrap_or(rest.len());
            let reason = rest[r + "Reason:".len()..end]
                .trim()
                .trim_end_matches('.')
                .trim();
            d.reason = Some(reason).filter(|r| !r.is_empty());
        }
        if let Some(e) = expected_at {
            let expected = rest[e + "Expected:".len()..]
                .trim()
                .trim_end_matches('.')
                .trim();
            if !expected.is_empty() {
                d.accepted.push(expected);
            }
        }
        push_field(&mut d.fields, param);
        d.kind = Some(DetailKind::InvalidValue);
        return Some(d);
    }
    for (words, kind) in [
        (
            " field is required as you've selected ",
            DetailKind::Missing,
        ),
        (
            " field should be left empty as you've selected ",
            DetailKind::Conflict,
        ),
    ] {
        let Some(at) = text.find(words) else {
            continue;
        };
        let child = unquote(after_prefix(&text[..at], "the ").unwrap_or(&text[..at]));
        let rest = &text[at + words.len()..];
        let for_at = rest.rfind(" for ")?;
        let value = unquote(&rest[..for_at]);
        let parent = unquote(rest[for_at + " for ".len()..].trim_end_matches('.'));
        if child.is_empty() || parent.is_empty() {
            return None;
        }
        push_field(&mut d.fields, child);
        push_field(&mut d.fields, parent);
        if !value.is_empty() {
            d.received.push(value);
        }
        d.kind = Some(kind);
        return Some(d);
    }
    let (_, span) = dimension_bounds(text)?;
    d.limit = Some(&text[span]);
    d.kind = Some(DetailKind::OutOfRange);
    Some(d)
}

/// `((min_width, min_height), (max_width, max_height))` in pixels.
type Bounds = ((u32, u32), (u32, u32));

/// The first `W x H to W x H` in `text`: the four numbers and where the phrase is.
fn dimension_bounds(text: &str) -> Option<(Bounds, std::ops::Range<usize>)> {
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_digit() || (i > 0 && b[i - 1].is_ascii_digit()) {
            i += 1;
            continue;
        }
        let start = i;
        let mut nums = [0u32; 4];
        let mut at = i;
        let mut ok = true;
        for (n, sep) in [" x ", " to ", " x ", ""].iter().enumerate() {
            let digits = b[at..].iter().take_while(|c| c.is_ascii_digit()).count();
            if digits == 0 || digits > 9 {
                ok = false;
                break;
            }
            nums[n] = text[at..at + digits].parse().ok()?;
            at += digits;
            if !sep.is_empty() {
                match text.get(at..at + sep.len()) {
                    Some(s) if s.eq_ignore_ascii_case(sep) => at += sep.len(),
                    _ => {
                        ok = false;
                        break;
                    }
                }
            }
        }
        if ok {
            return Some((((nums[0], nums[1]), (nums[2], nums[3])), start..at));
        }
        i += 1;
    }
    None
}

/// The cue tables the scanner looks for, each a list of lowercase words.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Table {
    Kind,
    Accepted,
    Received,
    FieldLabel,
    Limit,
    ValueOf,
}

impl Table {
    const ALL: [Table; 6] = [
        Table::Kind,
        Table::Accepted,
        Table::Received,
        Table::FieldLabel,
        Table::Limit,
        Table::ValueOf,
    ];

    #[inline]
    fn cue(self, i: usize) -> &'static str {
        match self {
            Table::Kind => KIND_CUES[i].0,
            Table::Accepted => ACCEPTED_CUES[i],
            Table::Received => RECEIVED_CUES[i],
            Table::FieldLabel => FIELD_LABELS[i],
            Table::Limit => LIMIT_CUES[i],
            Table::ValueOf => VALUE_OF_CUES[i],
        }
    }
}

fn kind_of(cue: &str) -> DetailKind {
    KIND_CUES
        .iter()
        .find(|(c, _)| *c == cue)
        .map_or(DetailKind::Other, |(_, k)| *k)
}

/// Most cue words of one table that start with the same letter.
const BUCKET: usize = 24;

/// For each letter `a`..`z`, how many cues of a table start with it and their indexes: built at
/// compile time, so a word start is compared only with the cues that begin with its letter.
type Buckets = [[u8; BUCKET + 1]; 26];

// `k` and the bucket sizes are bounded by the asserts (a cue table has fewer than 256 cues), and
// `try_from` is not available in a `const fn`.
#[allow(clippy::cast_possible_truncation)]
const fn add_to_bucket(b: &mut Buckets, cue: &str, k: usize) {
    let first = cue.as_bytes()[0];
    assert!(
        first.is_ascii_lowercase(),
        "a cue must start with a lowercase letter"
    );
    let l = (first - b'a') as usize;
    let n = b[l][0] as usize;
    assert!(n < BUCKET, "too many cues start with one letter");
    b[l][n + 1] = k as u8;
    b[l][0] = (n + 1) as u8;
}

const fn buckets(cues: &[&str]) -> Buckets {
    let mut b = [[0u8; BUCKET + 1]; 26];
    let mut k = 0;
    while k < cues.len() {
        add_to_bucket(&mut b, cues[k], k);
        k += 1;
    }
    b
}

const fn kind_buckets(cues: &[(&str, DetailKind)]) -> Buckets {
    let mut b = [[0u8; BUCKET + 1]; 26];
    let mut k = 0;
    while k < cues.len() {
        add_to_bucket(&mut b, cues[k].0, k);
        k += 1;
    }
    b
}

static BUCKETS: [Buckets; 6] = [
    kind_buckets(KIND_CUES),
    buckets(ACCEPTED_CUES),
    buckets(RECEIVED_CUES),
    buckets(FIELD_LABELS),
    buckets(LIMIT_CUES),
    buckets(VALUE_OF_CUES),
];

/// The most cue words one message is scanned for; more are ignored (a real message has a few).
const MAX_CUE_HITS: usize = 64;

/// Every cue word of every table found at the start of a word, in message order (at one
/// position, in table order): one pass over the message, no allocation.
struct CueHits {
    at: [u16; MAX_CUE_HITS],
    cue: [&'static str; MAX_CUE_HITS],
    table: [Table; MAX_CUE_HITS],
    n: usize,
}

impl CueHits {
    fn scan(text: &str) -> CueHits {
        let mut h = CueHits {
            at: [0; MAX_CUE_HITS],
            cue: [""; MAX_CUE_HITS],
            table: [Table::Kind; MAX_CUE_HITS],
            n: 0,
        };
        let b = text.as_bytes();
        for i in 0..b.len() {
            if !b[i].is_ascii_alphabetic() || (i > 0 && is_word_byte(b[i - 1])) {
                continue;
            }
            let letter = usize::from(b[i].to_ascii_lowercase() - b'a');
            for (t, table) in Table::ALL.iter().enumerate() {
                let bucket = &BUCKETS[t][letter];
                for &k in &bucket[1..=usize::from(bucket[0])] {
                    let cue = table.cue(usize::from(k));
                    if starts_with_ci(&b[i..], cue.as_bytes()) {
                        if h.n == MAX_CUE_HITS {
                            return h;
                        }
                        // `i` < MESSAGE_READ_LIMIT: it fits.
                        h.at[h.n] = u16::try_from(i).unwrap_or(u16::MAX);
                        h.cue[h.n] = cue;
                        h.table[h.n] = *table;
                        h.n += 1;
                    }
                }
            }
        }
        h
    }

    fn all(&self) -> impl Iterator<Item = (usize, &'static str, Table)> + '_ {
        (0..self.n).map(move |i| (usize::from(self.at[i]), self.cue[i], self.table[i]))
    }

    /// The hits of one table: (position, cue).
    fn of(&self, t: Table) -> impl Iterator<Item = (usize, &'static str)> + '_ {
        self.all()
            .filter(move |h| h.2 == t)
            .map(|(at, cue, _)| (at, cue))
    }

    /// The hits of the accepted and received value cues, in message order.
    fn values(&self) -> impl Iterator<Item = (usize, &'static str, Table)> + '_ {
        self.all()
            .filter(|h| matches!(h.2, Table::Accepted | Table::Received))
    }
}

/// `hay` starts with `needle` (lowercase), ignoring ASCII case.
fn starts_with_ci(hay: &[u8], needle: &[u8]) -> bool {
    hay.len() >= needle.len()
        && hay
            .iter()
            .zip(needle)
            .all(|(a, b)| a.to_ascii_lowercase() == *b)
}

/// The longest prefix of `s` of at most `max` bytes that ends on a character boundary.
fn prefix(s: &str, max: usize) -> &str {
    let mut end = s.len().min(max);
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// The first position at or after `from` where `needle` (lowercase) appears in `hay`, ignoring
/// ASCII case. Non-ASCII needle bytes must match exactly.
fn find_ci(hay: &str, needle: &str, from: usize) -> Option<usize> {
    let h = hay.as_bytes();
    let n = needle.as_bytes();
    if n.is_empty() || from > h.len() || h.len() - from < n.len() {
        return None;
    }
    let first = n[0];
    (from..=h.len() - n.len()).find(|&i| {
        h[i].to_ascii_lowercase() == first
            && h[i..i + n.len()]
                .iter()
                .zip(n)
                .all(|(a, b)| a.to_ascii_lowercase() == *b)
    })
}

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// `text[start..end]` is not glued to letters or digits on either side.
fn word_bounded(text: &str, start: usize, end: usize) -> bool {
    let b = text.as_bytes();
    (start == 0 || !is_word_byte(b[start - 1])) && (end >= b.len() || !is_word_byte(b[end]))
}

/// The most spans the scanner remembers as claimed (a real message has a handful).
const MAX_CLAIMED: usize = 48;

/// Spans of the message already read as a path or a value, kept on the stack.
struct Claimed {
    spans: [(u16, u16); MAX_CLAIMED],
    n: usize,
}

impl Default for Claimed {
    fn default() -> Self {
        Claimed {
            spans: [(0, 0); MAX_CLAIMED],
            n: 0,
        }
    }
}

impl Claimed {
    fn push(&mut self, r: Range<usize>) {
        if self.n < MAX_CLAIMED {
            // Spans lie within the first MESSAGE_READ_LIMIT bytes.
            let start = u16::try_from(r.start).unwrap_or(u16::MAX);
            let end = u16::try_from(r.end).unwrap_or(u16::MAX);
            self.spans[self.n] = (start, end);
            self.n += 1;
        }
    }

    fn overlaps(&self, r: Range<usize>) -> bool {
        self.spans[..self.n]
            .iter()
            .any(|&(s, e)| usize::from(s) < r.end && r.start < usize::from(e))
    }
}

fn push_field<'a>(fields: &mut Vec<FieldPath<'a>>, path: &'a str) {
    if is_code_word(path) {
        return;
    }
    if !fields.iter().any(|f| f.0 == path) {
        fields.push(FieldPath(path));
    }
}

fn push_value<'a>(list: &mut Vec<&'a str>, value: &'a str) {
    if !list.contains(&value) {
        list.push(value);
    }
}

/// An error code, a status or an alias of any family (`access_denied`, `server_error`,
/// `invalid_params`): a word of the error itself, never a request field.
fn is_code_word(word: &str) -> bool {
    !crate::lookup(word).is_empty()
}

/// Where `sub` (a slice of `text`) starts in `text`.
fn offset_in(text: &str, sub: &str) -> usize {
    (sub.as_ptr() as usize).saturating_sub(text.as_ptr() as usize)
}

/// List parameters whose items TikTok's messages name with a singular noun before `fields:`
/// (`Invalid metric fields: ['x']`), with the request parameter the items belong to.
const LIST_PARAMETERS: &[(&str, &str)] = &[
    ("metric", "metrics"),
    ("metrics", "metrics"),
    ("dimension", "dimensions"),
    ("dimensions", "dimensions"),
];

/// The list parameter a field label at `at` belongs to: the noun right before `fields:`.
fn list_parameter_before(text: &str, at: usize) -> Option<&'static str> {
    let before = text.get(..at)?.trim_end();
    let word = before.rsplit(' ').next()?;
    LIST_PARAMETERS
        .iter()
        .find(|(noun, _)| noun.eq_ignore_ascii_case(word))
        .map(|(_, param)| *param)
}

/// A request field path: an identifier, or identifiers and list indexes joined by `.` or in
/// `[…]` (`creatives.identity_id`, `fields.1`, `location_ids[2]`).
fn is_path(s: &str) -> bool {
    if s.is_empty() || s.len() > 200 || !s.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return false;
    }
    let mut segments = 0;
    for seg in s.split(['.', '[']) {
        let seg = seg.strip_suffix(']').unwrap_or(seg);
        if seg.is_empty() || !seg.bytes().all(is_word_byte) {
            return false;
        }
        segments += 1;
    }
    segments >= 1 && !s.ends_with('.')
}

/// A path in the prose (not at a label): lowercase, and either `snake_case` or made of several
/// segments of which one is `snake_case` or a list index (`a.b_c`, `a.0`). A version (`v1.3`),
/// a domain or a file name (`tiktok.com`, `video.mp4`) is not one.
fn is_prose_path(s: &str) -> bool {
    // `Identity_type`, `Identity_bc_ID`: a snake name may carry capitals when it has lowercase
    // letters too (an ALL_CAPS word is an enum value, not a field).
    if !s.contains(['.', '['])
        && is_identifier(s)
        && s.contains('_')
        && !s.starts_with('_')
        && !s.ends_with('_')
        && s.starts_with(|c: char| c.is_ascii_alphabetic())
        && s.bytes().any(|b| b.is_ascii_lowercase())
        && s.bytes().any(|b| b.is_ascii_uppercase())
    {
        return true;
    }
    if !is_path(s)
        || !s.bytes().all(|b| {
            b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'_' | b'.' | b'[' | b']')
        })
    {
        return false;
    }
    if !s.contains(['.', '[']) {
        return is_snake(s);
    }
    let mut parts = s
        .split(['.', '['])
        .map(|p| p.strip_suffix(']').unwrap_or(p));
    let first = parts.next().unwrap_or("");
    let version = first.len() >= 2
        && first.starts_with('v')
        && first[1..].bytes().all(|b| b.is_ascii_digit());
    !version
        && !first.starts_with(|c: char| c.is_ascii_digit())
        && s.split(['.', '['])
            .map(|p| p.strip_suffix(']').unwrap_or(p))
            .any(|p| p.contains('_') || p.bytes().all(|b| b.is_ascii_digit()))
}

/// An id as messages print one: digits, or a token of letters, digits, `_` and `-` with at
/// least one digit (`123`, `account_id1`), at most 64 bytes.
fn is_id_like(w: &str) -> bool {
    !w.is_empty()
        && w.len() <= 64
        && w.bytes().any(|b| b.is_ascii_digit())
        && w.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

/// `The advertiser 123 doesn't exist`: the id right before the not-found words at `at`.
fn id_before(text: &str, at: usize) -> Option<&str> {
    let before = text.get(..at)?.trim_end();
    let word = before.rsplit(' ').next()?;
    (is_id_like(word) && !is_code_word(word)).then_some(word)
}

/// `No permission to operate pixel code: BU35TSQHT2A1QT375OMG.`: a noun, a colon, then one
/// id-shaped token (upper-case letters and digits, both, six or more; or five or more digits).
fn labelled_id<'a>(text: &'a str, claimed: &Claimed, received: &mut Vec<&'a str>) {
    let b = text.as_bytes();
    let mut from = 0;
    while let Some(p) = text.get(from..).and_then(|r| r.find(": ")) {
        let colon = from + p;
        from = colon + 2;
        if colon == 0 || !b[colon - 1].is_ascii_alphabetic() || claimed.overlaps(colon..colon + 1) {
            continue;
        }
        let rest = &text[colon + 2..];
        let end = rest
            .find(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | ')'))
            .unwrap_or(rest.len());
        let token = rest[..end].trim_end_matches(['.', '!', '?']);
        let upper_id = token.len() >= 6
            && token
                .bytes()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
            && token.bytes().any(|c| c.is_ascii_digit())
            && token.bytes().any(|c| c.is_ascii_uppercase());
        let number =
            token.len() >= 5 && token.len() <= 32 && token.bytes().all(|c| c.is_ascii_digit());
        let start = colon + 2;
        if (upper_id || number) && !claimed.overlaps(start..start + token.len()) {
            push_value(received, token);
        }
    }
}

/// Words that name the access or refresh token.
const TOKEN_WORDS: &[&str] = &[
    "access token",
    "access_token",
    "access-token",
    "refresh token",
    "refresh_token",
];

/// The sentence around byte `at` names the access or refresh token (its subject: a complaint
/// about the token is not about the request's fields).
fn names_a_token(text: &str, at: usize) -> bool {
    let at = at.min(text.len());
    let start = text[..at].rfind(['.', ';', '!', '?']).map_or(0, |p| p + 1);
    let end = text[at..]
        .find(['.', ';', '!', '?', ','])
        .map_or(text.len(), |p| at + p);
    let sentence = &text[start..end];
    find_ci(sentence, "token", 0).is_some()
        && TOKEN_WORDS
            .iter()
            .any(|w| find_ci(sentence, w, 0).is_some())
}

/// A request field name: ASCII letters, digits and `_`, starting with a letter.
fn is_identifier(s: &str) -> bool {
    s.len() <= 128
        && s.starts_with(|c: char| c.is_ascii_alphabetic())
        && s.bytes().all(is_word_byte)
}

/// `snake_case` with at least one underscore, all lowercase: a request field in prose.
fn is_snake(s: &str) -> bool {
    is_identifier(s)
        && s.contains('_')
        && !s.starts_with('_')
        && !s.ends_with('_')
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

/// A leading `path: ` (`A-Za-z0-9_.[]`), as in `fields.1: …`, `brand_safety: …` or
/// `Batch.0.properties.contents.0.content_id: …`. A capitalised word alone is a label
/// (`Error: …`), not a path: a path with capitals must have a `.`, `_` or `[`.
fn leading_path(text: &str) -> Option<&str> {
    let b = text.as_bytes();
    if !b.first().is_some_and(u8::is_ascii_alphabetic) {
        return None;
    }
    let end = b
        .iter()
        .position(|&c| !(c.is_ascii_alphanumeric() || matches!(c, b'_' | b'.' | b'[' | b']')))
        .unwrap_or(b.len());
    if end > 200 || b.get(end) != Some(&b':') || b.get(end + 1).is_some_and(|c| *c != b' ') {
        return None;
    }
    let path = &text[..end];
    let name = path.split(['.', '[']).next().unwrap_or(path);
    let capitals = path.bytes().any(|c| c.is_ascii_uppercase());
    if name.is_empty()
        || NOT_PATHS.iter().any(|n| n.eq_ignore_ascii_case(name))
        || path.ends_with('.')
        || !is_path(path)
        || (capitals && !path.contains(['.', '_', '[']))
    {
        return None;
    }
    Some(path)
}

/// One item of a list: its text (quotes removed) and where that text sits in the message.
struct Item<'a> {
    value: &'a str,
    span: Range<usize>,
}

fn is_quote(b: u8) -> bool {
    matches!(b, b'\'' | b'"' | b'`')
}

/// The list that starts at `from` (after spaces and a colon): `[...]`, quoted items or bare
/// values separated by commas. Bare items must look like values (`UPPER_CASE`, `snake_case`,
/// digits) unless `names` (a field list, where any identifier goes). Stops at the first item
/// that is prose.
fn list_after<'a>(text: &'a str, from: usize, names: bool, sink: &mut dyn FnMut(Item<'a>)) {
    let b = text.as_bytes();
    let mut i = from;
    while i < b.len() && (b[i] == b' ' || b[i] == b':') {
        i += 1;
    }
    let mut count = 0usize;
    if i >= b.len() {
        return;
    }
    if b[i] == b'[' {
        let close = b[i..]
            .iter()
            .position(|&c| c == b']')
            .map_or(b.len(), |p| i + p);
        let inner = i + 1..close;
        if b[inner.clone()].iter().any(|&c| is_quote(c)) {
            let mut j = inner.start;
            while j < inner.end {
                if is_quote(b[j]) {
                    let q = b[j];
                    let start = j + 1;
                    let end = b[start..inner.end]
                        .iter()
                        .position(|&c| c == q)
                        .map_or(inner.end, |p| start + p);
                    if let Some(it) = item_at(text, start..end, true) {
                        sink(it);
                    }
                    j = end + 1;
                } else {
                    j += 1;
                }
            }
        } else {
            let mut start = inner.start;
            for j in inner.start..=inner.end {
                if j == inner.end || b[j] == b',' {
                    let (s, e) = trim_span(b, start, j);
                    if let Some(it) = item_at(text, s..e, names) {
                        sink(it);
                    }
                    start = j + 1;
                }
            }
        }
        return;
    }
    // Bare or quoted items separated by commas.
    loop {
        while i < b.len() && b[i] == b' ' {
            i += 1;
        }
        if i >= b.len() {
            break;
        }
        let (span, next) = if is_quote(b[i]) {
            let q = b[i];
            let start = i + 1;
            let end = b[start..]
                .iter()
                .position(|&c| c == q)
                .map_or(b.len(), |p| start + p);
            (start..end, (end + 1).min(b.len()))
        } else {
            let end = b[i..]
                .iter()
                .position(|&c| c == b' ' || c == b',')
                .map_or(b.len(), |p| i + p);
            let mut e = end;
            while e > i && matches!(b[e - 1], b'.' | b';' | b')' | b'!' | b'?') {
                e -= 1;
            }
            (i..e, end)
        };
        let quoted = is_quote(b[i]);
        if count > 0 && next < b.len() && b[next] == b' ' && !quoted {
            // `…, current is X`: a word followed by more words is prose, not a value.
            break;
        }
        match item_at(text, span, quoted || names) {
            Some(it) => {
                sink(it);
                count += 1;
            }
            None => break,
        }
        i = next;
        while i < b.len() && b[i] == b' ' {
            i += 1;
        }
        if i < b.len() && b[i] == b',' {
            i += 1;
        } else {
            break;
        }
    }
}

fn trim_span(b: &[u8], mut s: usize, mut e: usize) -> (usize, usize) {
    while s < e && b[s] == b' ' {
        s += 1;
    }
    while e > s && b[e - 1] == b' ' {
        e -= 1;
    }
    (s, e)
}

/// ASCII whitespace as `char::is_whitespace` sees it: `u8::is_ascii_whitespace` leaves out the
/// vertical tab (0x0B), which `char::is_whitespace` (and so a reader of the output) counts.
fn is_space_byte(c: u8) -> bool {
    c.is_ascii_whitespace() || c == 0x0b
}

/// Keeps `text[span]` when it is a plausible value: no spaces, not an ellipsis, at most 128
/// bytes, and (unless `loose`) shaped like a code value.
fn item_at(text: &str, span: Range<usize>, loose: bool) -> Option<Item<'_>> {
    let v = text.get(span)?;
    let v = v.trim_matches(|c: char| c == '\u{2026}' || c == ' ');
    let plausible = if v.is_ascii() {
        v.bytes().any(|c| c.is_ascii_alphanumeric())
            && !v.bytes().any(is_space_byte)
            && !v.as_bytes().windows(3).any(|w| w == b"...")
    } else {
        v.chars().any(char::is_alphanumeric)
            && !v.contains(char::is_whitespace)
            && !v.contains("...")
    };
    if v.is_empty() || v.len() > 128 || !plausible {
        return None;
    }
    let looks_like_value = v.contains('_')
        || v.bytes().all(|c| c.is_ascii_digit())
        || (v.len() >= 2
            && v.bytes()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == b'_'));
    if !loose && !looks_like_value {
        return None;
    }
    let start = v.as_ptr() as usize - text.as_ptr() as usize;
    Some(Item {
        value: v,
        span: start..start + v.len(),
    })
}

/// `Invalid value for placements`, `value of 'x'`: the field named right after the words
/// (which end at `from`).
///
/// Returns where the colon after the field is when one follows it right away (`value for
/// dimensions: …`), so the complaint is read from there.
fn field_after_value_of<'a>(
    text: &'a str,
    from: usize,
    claimed: &Claimed,
    fields: &mut Vec<FieldPath<'a>>,
) -> Option<usize> {
    let rest = text.get(from..)?;
    let word = rest
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | ':'))
        .next()
        .unwrap_or("");
    let core = word
        .trim_end_matches(['.', ')', '!', '?'])
        .trim_matches(|c: char| c == '\'' || c == '"' || c == '`');
    let start = core.as_ptr() as usize - text.as_ptr() as usize;
    let plain = core.bytes().all(|b| !b.is_ascii_uppercase());
    if is_identifier(core)
        && plain
        && !NOT_FIELDS.contains(&core)
        && !claimed.overlaps(start..start + core.len())
    {
        push_field(fields, core);
        let end = start + core.len();
        return (text.as_bytes().get(end) == Some(&b':')).then_some(end);
    }
    None
}

/// The item right after `field: ` when it is a value the caller sent rather than the start of
/// the complaint: a word with `_` or a digit, or an `ALL_CAPS` word, followed by `is`/`are` or
/// by the end of the message (`dimensions: province_id is not supported` → `province_id`).
fn item_after_colon(text: &str, colon: usize) -> Option<&str> {
    let rest = text.get(colon + 1..)?.strip_prefix(' ')?;
    let word = rest.split(' ').next()?;
    let item = word.trim_end_matches(['.', ',', ';']);
    let after = rest[word.len()..].trim_start();
    let value_like = item.bytes().any(|b| b == b'_' || b.is_ascii_digit())
        || (item.len() > 1 && item.bytes().all(|b| b.is_ascii_uppercase() || b == b'_'));
    let followed = after.is_empty() || after.starts_with("is ") || after.starts_with("are ");
    (value_like
        && followed
        && item
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.'))
        && !is_code_word(item))
    .then_some(item)
}

/// Size complaints (`too large`) that, said of the request itself, are a limit.
const SIZE_CUES: &[&str] = &["too large", "too big"];

/// The words before a complaint at `at` are `query is` / `request is` (or their plurals): the
/// complaint is about the request itself.
fn names_the_request(text: &str, at: usize) -> bool {
    let Some(before) = text.get(..at) else {
        return false;
    };
    let before = before.trim_end();
    let Some(subject) = before
        .strip_suffix(" is")
        .or_else(|| before.strip_suffix(" are"))
    else {
        return false;
    };
    let word = subject.rsplit(' ').next().unwrap_or("");
    ["query", "queries", "request", "requests", "payload"]
        .iter()
        .any(|w| w.eq_ignore_ascii_case(word))
}

/// `Invalid count or cursor`: a whole message naming one to four bare field names.
fn invalid_list<'a>(text: &'a str, fields: &mut Vec<FieldPath<'a>>) {
    let t = text.trim_end_matches(['.', ' ']);
    if !t
        .get(..8)
        .is_some_and(|p| p.eq_ignore_ascii_case("invalid "))
    {
        return;
    }
    // Items are separated by `,`, ` or `, ` and `; an item of several words (`access token`)
    // is a noun phrase, not a field.
    let mut items = [""; 4];
    let mut n = 0;
    for chunk in t[8..].split(',') {
        for part in chunk.split(" or ") {
            for item in part.split(" and ") {
                let item = item.trim();
                if item.is_empty() {
                    continue;
                }
                let ok = is_identifier(item)
                    && item.bytes().all(|b| !b.is_ascii_uppercase())
                    && !NOT_FIELDS.contains(&item);
                if !ok || n == items.len() {
                    return;
                }
                items[n] = item;
                n += 1;
            }
        }
    }
    for item in &items[..n] {
        push_field(fields, item);
    }
}

/// `Fields is required, …`: the message's first word when it is the subject of `is required`.
fn required_subject<'a>(text: &'a str, fields: &mut Vec<FieldPath<'a>>) {
    let Some(first) = text.split(' ').next() else {
        return;
    };
    let after = &text[first.len()..];
    let subject = after.starts_with(" is required") || after.starts_with(" are required");
    let generic = [
        "it",
        "this",
        "that",
        "which",
        "what",
        "parameter",
        "parameters",
        "param",
    ];
    if subject && is_identifier(first) && !generic.iter().any(|g| g.eq_ignore_ascii_case(first)) {
        push_field(fields, first);
    }
}

/// `snake_case` field names and dotted or indexed paths in the prose (`a.b_c is required`,
/// `a.0 must be set to object`), outside claimed spans, URLs and endpoint paths.
fn prose_fields<'a>(text: &'a str, claimed: &Claimed, fields: &mut Vec<FieldPath<'a>>) {
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        // One whitespace-separated word, by bytes: ASCII whitespace is a char boundary.
        while i < b.len() && is_space_byte(b[i]) {
            i += 1;
        }
        let start = i;
        while i < b.len() && !is_space_byte(b[i]) {
            i += 1;
        }
        let word = &b[start..i];
        let camel = camel_core(word).is_some();
        if !(camel || word.iter().any(|c| matches!(c, b'_' | b'.' | b'[')))
            || word.iter().any(|c| matches!(c, b'/' | b'=' | b'@'))
        {
            continue;
        }
        // Trim bytes that cannot be in a path; a multi-byte character is trimmed whole.
        let Some(first) = word.iter().position(|&c| is_word_byte(c)) else {
            continue;
        };
        let last = word
            .iter()
            .rposition(|&c| is_word_byte(c) || c == b']')
            .unwrap_or(first);
        let (s, mut e) = (start + first, start + last + 1);
        // A possessive is not part of the name (`pixel_code's value`).
        if text.get(s..e).is_some_and(|w| w.ends_with("'s")) {
            e -= 2;
        }
        let Some(core) = text.get(s..e) else {
            continue;
        };
        if (is_prose_path(core) || is_lower_camel(core)) && !claimed.overlaps(s..e) {
            push_field(fields, core);
        }
    }
}

/// The word without the punctuation around it, when it is a `lowerCamel` name.
fn camel_core(word: &[u8]) -> Option<&[u8]> {
    let first = word.iter().position(u8::is_ascii_alphanumeric)?;
    let last = word.iter().rposition(u8::is_ascii_alphanumeric)?;
    let core = &word[first..=last];
    core.iter()
        .all(u8::is_ascii_alphanumeric)
        .then_some(core)
        .filter(|c| is_lower_camel_bytes(c))
}

/// `categoryID`, `pageSize`: a `lowerCamel` request field in prose. At least two lowercase
/// letters open it and a capital follows, so `iOS` or `eBay` (a name, not a field) is not one.
fn is_lower_camel(s: &str) -> bool {
    is_lower_camel_bytes(s.as_bytes())
}

fn is_lower_camel_bytes(w: &[u8]) -> bool {
    let lower = w.iter().take_while(|c| c.is_ascii_lowercase()).count();
    w.len() <= 128
        && lower >= 2
        && w.get(lower).is_some_and(u8::is_ascii_uppercase)
        && w.iter().all(u8::is_ascii_alphanumeric)
}

/// `… is for <context> only`: the message's last word is `only` and a `for` phrase comes
/// before it.
fn restricted_to_context(text: &str) -> bool {
    let t = text.trim_end_matches(|c: char| c.is_ascii_punctuation() || c.is_whitespace());
    let Some(head) = t
        .len()
        .checked_sub(5)
        .and_then(|at| (t.get(at..)?.eq_ignore_ascii_case(" only")).then(|| &t[..at]))
    else {
        return false;
    };
    find_ci(head, " for ", 0).is_some()
}

/// The bound stated right after a bound word ending at `from`: an optional currency sign, a
/// number (`1`, `0.5`, `500x500`), `and <number>`, and a unit or a currency code when present
/// (`1 day`, `1 and 4`, `500x500 pixels`, `20 USD`, `$50`).
fn bound_after(text: &str, from: usize) -> Option<&str> {
    let b = text.as_bytes();
    let mut i = from;
    while i < b.len() && b[i] == b' ' {
        i += 1;
    }
    let start = i;
    if let Some(sign) = text
        .get(i..)
        .and_then(|r| r.chars().next())
        .filter(|c| CURRENCY_SIGNS.contains(c))
    {
        i += sign.len_utf8();
    }
    let number = |i: &mut usize| {
        let s = *i;
        while *i < b.len() && (b[*i].is_ascii_digit() || b[*i] == b'.' || b[*i] == b',') {
            *i += 1;
        }
        while *i > s && matches!(b[*i - 1], b'.' | b',') {
            *i -= 1;
        }
        *i > s && b[s].is_ascii_digit()
    };
    if !number(&mut i) {
        return None;
    }
    // `500x500`: a size.
    if b.get(i) == Some(&b'x') && b.get(i + 1).is_some_and(u8::is_ascii_digit) {
        let mut j = i + 1;
        if number(&mut j) {
            i = j;
        }
    }
    let mut end = i;
    if text.get(end..).is_some_and(|r| r.starts_with(" and ")) {
        let mut j = end + 5;
        if number(&mut j) {
            end = j;
        }
    }
    if b.get(end) == Some(&b'%') {
        end += 1;
    } else if b.get(end) == Some(&b' ') {
        let rest = &text[end + 1..];
        let word_end = rest
            .find(|c: char| !c.is_ascii_alphabetic())
            .unwrap_or(rest.len());
        let word = &rest[..word_end];
        let currency = word.len() == 3 && word.bytes().all(|c| c.is_ascii_uppercase());
        if currency || UNITS.iter().any(|u| u.eq_ignore_ascii_case(word)) {
            end += 1 + word_end;
        }
    }
    text.get(start..end)
}

// ---------------------------------------------------------------------------------------------
// Diagnoses.

/// A phrase or field that real messages carried for a catalogue entry, from `[[code.hints]]`
/// in `codes/`, with the source where such a message was seen.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct MessageHint {
    field: Option<&'static str>,
    phrases: &'static [&'static str],
    source: &'static str,
}

impl MessageHint {
    /// The request field the message names (`placement_type`), if this is a field hint.
    #[must_use]
    pub fn field(&self) -> Option<&'static str> {
        self.field
    }
    /// Lowercase phrases that must all appear in the message (empty for a field hint).
    #[must_use]
    pub fn phrases(&self) -> &'static [&'static str] {
        self.phrases
    }
    /// Where a message carrying it was seen.
    #[must_use]
    pub fn source(&self) -> &'static str {
        self.source
    }
    fn matches(&self, message: &str, details: &MessageDetails<'_>) -> bool {
        match self.field {
            Some(f) => details.fields.iter().any(|p| p.name() == f),
            None => {
                !self.phrases.is_empty()
                    && self
                        .phrases
                        .iter()
                        .all(|p| find_ci(message, p, 0).is_some())
            }
        }
    }
}

impl fmt::Display for MessageHint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(field) = self.field {
            write!(f, "names the field `{field}`")
        } else {
            f.write_str("says ")?;
            for (i, p) in self.phrases.iter().enumerate() {
                if i > 0 {
                    f.write_str(" … ")?;
                }
                write!(f, "\"{p}\"")?;
            }
            Ok(())
        }
    }
}

include!(concat!(env!("OUT_DIR"), "/message_hints.rs"));

#[cfg_attr(docsrs, doc(cfg(feature = "message")))]
impl AnyCode {
    /// The message hints recorded for this entry (phrases or fields real messages carried for
    /// it, each with its source); empty for most entries.
    ///
    /// ```
    /// use tiktok_errors::{AdsDiagnosis, AnyCode};
    /// let hints = AnyCode::AdsDiagnosis(AdsDiagnosis::ReportMetricsInvalid).message_hints();
    /// assert_eq!(hints[0].phrases(), ["invalid metric fields"]);
    /// assert!(hints[0].source().starts_with("https://"));
    /// ```
    #[must_use]
    pub fn message_hints(self) -> &'static [MessageHint] {
        hints_for(self)
    }
}

/// Why a diagnosis was listed.
#[non_exhaustive]
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Why {
    /// The message matches a hint recorded for the entry.
    Hint(&'static MessageHint),
    /// Words of the message (stemmed, as the search index holds them) appear in the entry's
    /// code, name or title.
    Words(Vec<&'static str>),
}

impl fmt::Display for Why {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Why::Hint(h) => write!(f, "the message {h}, as in {}", h.source()),
            Why::Words(w) => write!(f, "words in its name: {}", w.join(", ")),
        }
    }
}

/// A catalogue entry a message most likely describes, with why.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Diagnosis {
    code: AnyCode,
    why: Vec<Why>,
}

impl Diagnosis {
    /// The entry.
    #[must_use]
    pub fn code(&self) -> AnyCode {
        self.code
    }
    /// Why it was listed (hints first).
    #[must_use]
    pub fn why(&self) -> &[Why] {
        &self.why
    }
    /// The entry's symbolic code (`REPORT_METRICS_INVALID`, `40100`).
    #[must_use]
    pub fn name(&self) -> String {
        self.code.entry().code().to_string()
    }

    /// The reasons in one line, hints with the same words merged: `the message says "max time
    /// span" (as in https://…); words in its name: report, date`.
    ///
    /// ```
    /// use tiktok_errors::message::diagnose;
    /// let d = &diagnose("Invalid metric fields: ['x']", None)[0];
    /// assert!(d.explain().starts_with("the message says \"invalid metric fields\" (as in https://"));
    /// ```
    #[must_use]
    pub fn explain(&self) -> String {
        let mut parts: Vec<String> = Vec::new();
        let mut done: Vec<&MessageHint> = Vec::new();
        for w in &self.why {
            match w {
                Why::Hint(h) => {
                    if done
                        .iter()
                        .any(|d| d.field == h.field && d.phrases == h.phrases)
                    {
                        continue;
                    }
                    let sources: Vec<&str> = self
                        .why
                        .iter()
                        .filter_map(|o| match o {
                            Why::Hint(o) if o.field == h.field && o.phrases == h.phrases => {
                                Some(o.source)
                            }
                            _ => None,
                        })
                        .collect();
                    parts.push(format!("the message {h} (as in {})", sources.join(", ")));
                    done.push(h);
                }
                other => parts.push(other.to_string()),
            }
        }
        parts.join("; ")
    }
}

/// At most this many diagnoses are returned.
const MAX_DIAGNOSES: usize = 3;

/// A word match is listed only if its search score is at least this share of the best one's.
const WORD_SCORE_SHARE: f32 = 0.5;

/// Words too common in entry names to count as evidence on their own.
const GENERIC: &[&str] = &[
    "invalid",
    "error",
    "errors",
    "failed",
    "failure",
    "not",
    "no",
    "too",
    "low",
    "high",
    "long",
    "short",
    "large",
    "small",
    "limit",
    "exceeded",
    "reached",
    "type",
    "name",
    "id",
    "code",
    "data",
    "set",
    "level",
    "in",
    "yet",
    "range",
    "key",
    "test",
    "file",
    "text",
    "format",
    "empty",
    "found",
    "required",
    "expired",
    "duplicate",
    "conflict",
    "mismatch",
    "unsupported",
    "unavailable",
    "available",
    "ad",
    "ads",
    "api",
    "app",
    "account",
    "param",
    "parameter",
    "value",
    "field",
    "request",
    "status",
    "user",
    "the",
    "is",
    "of",
];

/// The catalogue entries a message most likely describes, best first (at most three), each
/// with why; empty when nothing is convincing.
///
/// `api` narrows the candidates: for [`Api::Ads`] the [`AdsDiagnosis`](crate::AdsDiagnosis)
/// entries, for another family that family's entries, for `None` every entry.
///
/// An entry is listed when the message matches one of its recorded hints
/// ([`AnyCode::message_hints`]), or when at least two words of the message's prose (not its
/// values, ids or endpoint paths) appear in the entry's code, name or title, at least one of
/// them specific (not `invalid`, `limit`, `type`, …) and covering at least half of the entry's
/// code words, or when the message states the entry's condition and names its whole subject
/// (the reading's kind is the one the entry's code or title states, read with the same
/// condition words, and every other word of its code is in the message: `Unsupported data_level in sandbox
/// environment` → `SANDBOX_LIMITATION`; naming the report list parameters `metrics` or
/// `dimensions` names a report). Entries with hints come first; the rest keep the order of
/// [`search`](crate::search()), which ranks the message as a query.
///
/// A message that states a bound (`cannot exceed maximum characters`, `at least`, `too long`)
/// is not listed by words as an entry whose title states no condition at all: `The product
/// description cannot exceed maximum characters` is the Shop entry *Description too long*, not
/// the more general *Product description rejected*.
///
/// ```
/// use tiktok_errors::message::diagnose;
/// use tiktok_errors::{AdsDiagnosis, AnyCode, Api};
///
/// let found = diagnose("Invalid metric fields: ['video_views']", Some(Api::Ads));
/// assert_eq!(found[0].code(), AnyCode::AdsDiagnosis(AdsDiagnosis::ReportMetricsInvalid));
/// assert!(diagnose("System error.", Some(Api::Ads)).is_empty());
/// ```
#[must_use]
pub fn diagnose(message: &str, api: Option<Api>) -> Vec<Diagnosis> {
    diagnose_read(message, &read_message(message), api, None)
}

/// Which entries may be listed.
#[derive(Clone, Copy)]
struct Scope {
    api: Option<Api>,
    own: Option<AnyCode>,
    /// Hinted entries of every family, not only the conditions (for [`search`]).
    all_hinted: bool,
}

impl Scope {
    fn hinted(self, code: AnyCode) -> bool {
        if Some(code) == self.own {
            return false;
        }
        if self.all_hinted {
            return self.api.is_none_or(|a| code.api() == a);
        }
        self.by_words(code)
    }

    fn by_words(self, code: AnyCode) -> bool {
        if Some(code) == self.own {
            return false;
        }
        match self.api {
            // A message alone: the named conditions (wire codes are found by their code).
            None | Some(Api::Ads) => matches!(code, AnyCode::AdsDiagnosis(_)),
            Some(a) => code.api() == a,
        }
    }
}

/// Condition words that exclude one another: a message that says a token is *incorrect* does
/// not describe an entry about an *empty* or an *expired* token. Each group lists the words
/// (lowercase, matched at word starts) that put a text in it.
const CONDITION_GROUPS: &[&[&str]] = &[
    &[
        "empty",
        "null",
        "missing",
        "not provided",
        "no access token",
        "is required",
    ],
    &[
        "incorrect",
        "invalid",
        "wrong",
        "revoked",
        "illegal",
        "malformed",
        "not valid",
        "mismatch",
        "does not match",
        "inconsistent",
    ],
    &["expired", "expires", "has expired", "is expired"],
    &[
        "not exist",
        "doesn't exist",
        "not found",
        "has been deleted",
        "deleted",
    ],
    &["already exist", "duplicat", "already in use"],
];

/// Size words that exclude one another (`too low` against an entry about a cap).
const LOW_WORDS: &[&str] = &[
    "too low",
    "too short",
    "too small",
    "less than",
    "below",
    "minimum",
    "at least",
    "too narrow",
];
const HIGH_WORDS: &[&str] = &[
    "too high",
    "too long",
    "too large",
    "too big",
    "exceed",
    "more than",
    "above",
    "maximum",
    "at most",
    "too broad",
    "too many",
];

/// The bits of [`condition_bits`] for its condition groups (one each).
const GROUP_BITS: u8 = 0b1_1111;
/// The bit of a low bound (`at least`, `less than`).
const LOW_BIT: u8 = 1 << 5;
/// The bit of a high bound (`exceed`, `too long`).
const HIGH_BIT: u8 = 1 << 6;
/// The bits of a stated bound, low or high.
const BOUND_BITS: u8 = LOW_BIT | HIGH_BIT;

/// Which condition groups `text` mentions, one bit each ([`GROUP_BITS`]), and which bounds
/// ([`LOW_BIT`], [`HIGH_BIT`]).
fn condition_bits(text: &str) -> u8 {
    let b = text.as_bytes();
    let has = |w: &&str| {
        let mut from = 0;
        while let Some(p) = find_ci(text, w, from) {
            if p == 0 || !is_word_byte(b[p - 1]) {
                return true;
            }
            from = p + 1;
        }
        false
    };
    let mut bits = 0u8;
    for (i, group) in CONDITION_GROUPS.iter().enumerate() {
        if group.iter().any(has) {
            bits |= 1 << i;
        }
    }
    if LOW_WORDS.iter().any(has) {
        bits |= LOW_BIT;
    }
    if HIGH_WORDS.iter().any(has) {
        bits |= HIGH_BIT;
    }
    bits
}

/// The message names a condition that excludes the entry's: the entry's title is about one
/// condition (an empty token, a value too high), the message about another and not that one.
/// Only word matches are checked: a hint is a real message recorded for the entry.
fn contradicts(message_bits: u8, entry_bits: u8) -> bool {
    // Both name some condition of a kind, and none in common.
    let excludes = |mask: u8| {
        let (m, e) = (message_bits & mask, entry_bits & mask);
        m != 0 && e != 0 && m & e == 0
    };
    excludes(GROUP_BITS) || excludes(BOUND_BITS)
}

/// The condition bits of an entry's title (see [`condition_bits`]).
fn entry_bits(code: AnyCode) -> u8 {
    static ENTRY_BITS: std::sync::OnceLock<std::collections::HashMap<AnyCode, u8>> =
        std::sync::OnceLock::new();
    ENTRY_BITS
        .get_or_init(|| {
            AnyCode::all()
                .map(|c| (c, condition_bits(c.entry().title())))
                .collect()
        })
        .get(&code)
        .copied()
        .unwrap_or(0)
}

/// An entry the message's words must not list: one whose condition the message contradicts
/// ([`contradicts`]), or, for a message that states a bound (`cannot exceed maximum
/// characters`, `at least`), one whose title names no condition at all (`Product description
/// rejected` is too general for it: the entry that states the bound is the reading).
fn excluded_by_words(message_bits: u8, code: AnyCode) -> bool {
    let entry = entry_bits(code);
    contradicts(message_bits, entry) || (message_bits & BOUND_BITS != 0 && entry == 0)
}

fn diagnose_read(
    message: &str,
    details: &MessageDetails<'_>,
    api: Option<Api>,
    own: Option<AnyCode>,
) -> Vec<Diagnosis> {
    let scope = Scope {
        api,
        own,
        all_hinted: false,
    };
    let mut found = conditions(message, details, scope);
    found.truncate(MAX_DIAGNOSES);
    found
}

/// The entries a message most likely describes, best first, at most twice [`MAX_DIAGNOSES`]:
/// those whose hints it matches, then those whose name its words make convincing; an entry the
/// message contradicts is never listed.
fn conditions(message: &str, details: &MessageDetails<'_>, scope: Scope) -> Vec<Diagnosis> {
    let text = prefix(message, MESSAGE_READ_LIMIT);
    let bits = condition_bits(text);
    let mut found = hinted(text, details, scope);

    let query = prose_query(text, details);
    if !query.trim().is_empty() {
        let words = search::name_word_matches(&query, |c| scope.by_words(c));
        let mut best: Option<f32> = None;
        for hit in search::search_words(&query, &SearchOptions::default().limit(0)) {
            let code = hit.code();
            if found.len() >= MAX_DIAGNOSES * 2 {
                break;
            }
            // Far behind the best word match: not a likely reading.
            if best.is_some_and(|b| hit.score() < b * WORD_SCORE_SHARE) {
                break;
            }
            if !scope.by_words(code) || excluded_by_words(bits, code) {
                continue;
            }
            let Some(matched) = words.get(&code) else {
                continue;
            };
            if !convincing(code, matched) && !subject_and_condition(code, matched, details, text) {
                continue;
            }
            best.get_or_insert(hit.score());
            match found.iter_mut().find(|d| d.code == code) {
                Some(d) => d.why.push(Why::Words(matched.clone())),
                None => found.push(Diagnosis {
                    code,
                    why: vec![Why::Words(matched.clone())],
                }),
            }
        }
        // An entry whose condition the message states and whose subject it names is listed
        // even when the word ranking above kept only wire codes (`Unsupported … in sandbox
        // environment` ranks 40009 far above the sandbox condition).
        let mut more: Vec<(&AnyCode, &Vec<&'static str>)> = words
            .iter()
            .filter(|(c, m)| {
                details.kind.is_some()
                    && subject_and_condition(**c, m, details, text)
                    && !found.iter().any(|d| d.code == **c)
                    && !excluded_by_words(bits, **c)
            })
            .collect();
        more.sort_by_key(|(c, _)| **c);
        for (code, matched) in more {
            if found.len() >= MAX_DIAGNOSES * 2 {
                break;
            }
            found.push(Diagnosis {
                code: *code,
                why: vec![Why::Words(matched.clone())],
            });
        }
    }
    found
}

/// Whether the message names a condition that excludes an entry's (see [`contradicts`]): the
/// message's conditions are found once, then each entry is checked against them.
pub(crate) fn contradicted_by(message: &str) -> impl Fn(AnyCode) -> bool {
    let bits = condition_bits(prefix(message, MESSAGE_READ_LIMIT));
    move |code| contradicts(bits, entry_bits(code))
}

/// The entries in `scope` whose hints the message matches, most hints first.
fn hinted(text: &str, details: &MessageDetails<'_>, scope: Scope) -> Vec<Diagnosis> {
    let mut found: Vec<Diagnosis> = HINTED
        .iter()
        .filter(|c| scope.hinted(**c))
        .filter_map(|&code| {
            let why: Vec<Why> = hints_for(code)
                .iter()
                .filter(|h| h.matches(text, details))
                .map(Why::Hint)
                .collect();
            (!why.is_empty()).then_some(Diagnosis { code, why })
        })
        .collect();
    found.sort_by_key(|d| std::cmp::Reverse(d.why.len()));
    found
}

/// For [`search`](crate::search()): what a query describes, best first: hinted entries of
/// every family whose hints it matches, then (for a pasted message, `by_words`) the conditions
/// its words make convincing; none it contradicts.
pub(crate) fn message_conditions(
    message: &str,
    details: &MessageDetails<'_>,
    api: Option<Api>,
    by_words: bool,
) -> Vec<Diagnosis> {
    let scope = Scope {
        api,
        own: None,
        all_hinted: true,
    };
    if by_words {
        conditions(message, details, scope)
    } else {
        hinted(prefix(message, MESSAGE_READ_LIMIT), details, scope)
    }
}

/// The message with its values, ids and endpoint paths blanked out: what it says in words.
fn prose_query(text: &str, details: &MessageDetails<'_>) -> String {
    let mut q: Vec<u8> = text.as_bytes().to_vec();
    let base = text.as_ptr() as usize;
    for v in details.received.iter().chain(details.accepted.iter()) {
        let start = (v.as_ptr() as usize).wrapping_sub(base);
        if let Some(slot) = start
            .checked_add(v.len())
            .and_then(|end| q.get_mut(start..end))
        {
            slot.fill(b' ');
        }
    }
    // Lists and quoted names are the objects of the message, not what it says about them.
    let mut open: Option<(usize, u8)> = None;
    for (i, &c) in text.as_bytes().iter().enumerate() {
        match open {
            None if c == b'[' || c == b'\'' || c == b'"' => open = Some((i, c)),
            Some((start, o)) if (o == b'[' && c == b']') || (o != b'[' && c == o) => {
                q[start..=i].fill(b' ');
                open = None;
            }
            _ => {}
        }
    }
    let mut offset = 0;
    for word in text.split(' ') {
        let core = word.trim_matches(|c: char| !(c.is_ascii_alphanumeric() || c == '_'));
        if word.contains(['/', '=', '@'])
            || word.bytes().all(|b| b.is_ascii_digit())
            || (core.contains('_') && is_code_word(core))
        {
            if let Some(slot) = q.get_mut(offset..offset + word.len()) {
                slot.fill(b' ');
            }
        }
        offset += word.len() + 1;
    }
    String::from_utf8_lossy(&q).into_owned()
}

/// [`GENERIC`], stemmed the way the search index stems words.
fn generic_stems() -> &'static [String] {
    static STEMS: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    STEMS.get_or_init(|| GENERIC.iter().flat_map(|w| search::stems(w)).collect())
}

fn convincing(code: AnyCode, matched: &[&'static str]) -> bool {
    let generic = generic_stems();
    if matched.len() < 2 || matched.iter().all(|w| generic.iter().any(|g| g == w)) {
        return false;
    }
    let code_words = search::code_name_stems(code);
    let in_code: Vec<&str> = matched
        .iter()
        .copied()
        .filter(|w| code_words.iter().any(|c| c == w))
        .collect();
    let specific = in_code
        .iter()
        .filter(|w| !generic.iter().any(|g| g == *w))
        .count();
    // The code itself must be named: two specific words of it, or all of its words with at
    // least one specific among them.
    specific >= 2 || (specific >= 1 && in_code.len() == code_words.len())
}

/// The condition an entry is about when its code or title names it in words messages do not
/// use (`…_LIMITATION`, `…_DEPRECATED`, "cannot be combined"); otherwise the reader's own
/// condition words ([`KIND_CUES`]) read the entry's code, then its title (`…_DUPLICATE`,
/// `…_MISMATCH`, `…_TOO_LOW`). Lowercase, matched at word starts.
const ENTRY_CONDITIONS: &[(&str, DetailKind)] = &[
    ("cannot be combined", DetailKind::Conflict),
    ("limitation", DetailKind::NotSupported),
    ("deprecated", DetailKind::NotSupported),
    ("retired", DetailKind::NotSupported),
    ("not available", DetailKind::NotSupported),
];

/// Code words that state an entry's condition rather than its subject (`DEPRECATED` in
/// `API_VERSION_DEPRECATED`), and words that are neither.
const CONDITION_WORDS: &[&str] = &[
    "conflict",
    "mismatch",
    "duplicate",
    "limitation",
    "unsupported",
    "deprecated",
    "invalid",
    "too",
    "low",
    "high",
    "long",
    "short",
    "large",
    "small",
    "narrow",
    "broad",
    "found",
    "expired",
    "exceeded",
    "required",
    "empty",
    "failed",
    "not",
    "no",
    "yet",
    "in",
];

/// List parameters of the reporting endpoints: a message that names them is about a report
/// (`metrics and dimensions have no relation`) even without the word.
const REPORT_NOUNS: &[&str] = &["metric", "dimension"];

/// The message states the entry's condition and names its whole subject: its reading's kind is
/// the condition of the entry's code or title (a conflict, something not supported), and every
/// other word of the entry's code is among the message's words (`The old API version does not
/// support …` for `API_VERSION_DEPRECATED`; `Unsupported … in sandbox environment` for
/// `SANDBOX_LIMITATION`). A message that names a report list parameter names a report.
fn subject_and_condition(
    code: AnyCode,
    matched: &[&'static str],
    details: &MessageDetails<'_>,
    text: &str,
) -> bool {
    /// Per entry: the condition its code or title states, and its subject words (stemmed).
    type Subjects = std::collections::HashMap<AnyCode, (DetailKind, Vec<String>)>;
    static SUBJECTS: std::sync::OnceLock<Subjects> = std::sync::OnceLock::new();
    static REPORT: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    let Some(kind) = details.kind else {
        return false;
    };
    let subjects = SUBJECTS.get_or_init(|| {
        let states = |t: &str| {
            ENTRY_CONDITIONS
                .iter()
                .find(|(w, _)| find_ci(t, w, 0).is_some_and(|p| word_bounded(t, p, p + w.len())))
                .map(|&(_, k)| k)
                .or_else(|| read_text(t).kind)
                .filter(|k| *k != DetailKind::Other)
        };
        let condition = condition_stems();
        AnyCode::all()
            .filter_map(|c| {
                let e = c.entry();
                let code_text = e.code().to_string().replace('_', " ");
                let k = states(&code_text).or_else(|| states(e.title()))?;
                let subject: Vec<String> = search::code_name_stems(c)
                    .into_iter()
                    .filter(|w| !condition.contains(w))
                    .collect();
                (!subject.is_empty()).then_some((c, (k, subject)))
            })
            .collect()
    });
    let Some((entry_kind, subject)) = subjects.get(&code) else {
        return false;
    };
    if *entry_kind != kind {
        return false;
    }
    let report = REPORT.get_or_init(|| search::stems("report").next().unwrap_or_default());
    let mut names_specific = false;
    for w in subject {
        if matched.contains(&w.as_str()) {
            names_specific |= !generic_stems().contains(w);
        } else if !(w == report && REPORT_NOUNS.iter().any(|n| find_ci(text, n, 0).is_some())) {
            return false;
        }
    }
    names_specific
}

/// [`CONDITION_WORDS`], stemmed the way the search index stems words.
fn condition_stems() -> &'static [String] {
    static STEMS: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    STEMS.get_or_init(|| {
        CONDITION_WORDS
            .iter()
            .flat_map(|w| search::stems(w))
            .collect()
    })
}

#[cfg_attr(docsrs, doc(cfg(feature = "message")))]
impl<C: ErrorCode> ApiError<C> {
    /// What TikTok's message says: field paths, received and accepted values, the stated bound
    /// and the kind of problem (see [`read_message`]).
    ///
    /// ```
    /// use tiktok_errors::{decode, Api, TikTokError};
    /// use tiktok_errors::message::DetailKind;
    ///
    /// let body = br#"{"code":40002,"message":"Invalid Param(s): 'placement_type'. The placement_type only supports 'PLACEMENT_TYPE_NORMAL'.","request_id":"1"}"#;
    /// let TikTokError::Ads(e) = decode(Api::Ads, body).unwrap_err() else { unreachable!() };
    /// let d = e.details();
    /// assert_eq!(d.kind(), Some(DetailKind::InvalidValue));
    /// assert_eq!(d.field_names().collect::<Vec<_>>(), ["placement_type"]);
    /// assert_eq!(d.accepted(), ["PLACEMENT_TYPE_NORMAL"]);
    /// ```
    pub fn details(&self) -> MessageDetails<'_> {
        read_message(self.message())
    }

    /// The documentation link TikTok put at the end of the message (TikTok Shop's
    /// `For more details: https://m.tiktok.shop/s/…`), when there is one.
    ///
    /// ```
    /// use tiktok_errors::{Api, Decoder, TikTokError};
    /// let body = r#"{"code":106001,"data":null,"message":"Invalid credentials. The 'sign' query parameter is invalid. For more details: https://m.tiktok.shop/s/AIu6dbFhs2XW","request_id":"202606190151522272D4695E9B9043B79E"}"#;
    /// let err = Decoder::new(Api::Shop).status(401).decode(body).unwrap_err();
    /// let TikTokError::Shop(e) = &err else { unreachable!() };
    /// assert_eq!(e.tiktok_link(), Some("https://m.tiktok.shop/s/AIu6dbFhs2XW"));
    /// assert_eq!(err.tiktok_link(), e.tiktok_link());
    /// ```
    pub fn tiktok_link(&self) -> Option<&str> {
        split_link(self.message()).1
    }

    /// The catalogue entries the message most likely describes, best first, each with why; for
    /// Marketing API errors these are [`AdsDiagnosis`](crate::AdsDiagnosis) entries. Empty
    /// when nothing is convincing (see [`diagnose`]).
    ///
    /// ```
    /// use tiktok_errors::{decode, AdsDiagnosis, AnyCode, Api, TikTokError};
    ///
    /// let body = br#"{"code":40002,"message":"max time span is 1 day when use stat_time_hour"}"#;
    /// let TikTokError::Ads(e) = decode(Api::Ads, body).unwrap_err() else { unreachable!() };
    /// let top = &e.diagnoses()[0];
    /// assert_eq!(top.code(), AnyCode::AdsDiagnosis(AdsDiagnosis::ReportDateRangeInvalid));
    /// ```
    pub fn diagnoses(&self) -> Vec<Diagnosis> {
        let own = self.code().map(Into::into);
        diagnose_read(self.message(), &self.details(), Some(self.api()), own)
    }
}

#[cfg_attr(docsrs, doc(cfg(feature = "message")))]
impl TikTokError {
    /// The reading of TikTok's message ([`ApiError::details`]); empty for an unreadable body.
    ///
    /// ```
    /// use tiktok_errors::{decode, Api};
    /// let e = decode(Api::ContentPosting, br#"{"error":{"code":"invalid_params","message":"Invalid count or cursor","log_id":"1"}}"#).unwrap_err();
    /// assert_eq!(e.details().field_names().collect::<Vec<_>>(), ["count", "cursor"]);
    /// assert!(decode(Api::Ads, b"<html>502</html>").unwrap_err().details().is_empty());
    /// ```
    pub fn details(&self) -> MessageDetails<'_> {
        self.message().map(read_message).unwrap_or_default()
    }

    /// The documentation link at the end of TikTok's message ([`ApiError::tiktok_link`]).
    #[must_use]
    pub fn tiktok_link(&self) -> Option<&str> {
        self.message().and_then(|m| split_link(m).1)
    }

    /// The diagnoses of TikTok's message ([`ApiError::diagnoses`]); empty for an unreadable
    /// body.
    ///
    /// ```
    /// use tiktok_errors::{decode, Api};
    /// let e = decode(Api::Ads, br#"{"code":40100,"message":"App reaches the QPS limit."}"#).unwrap_err();
    /// assert_eq!(e.diagnoses()[0].name(), "RATE_LIMIT_APP_LEVEL");
    /// ```
    #[must_use]
    pub fn diagnoses(&self) -> Vec<Diagnosis> {
        match self.message() {
            Some(m) => diagnose_read(m, &read_message(m), self.api(), self.any_code()),
            None => Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    //! The shapes of each message family, one variation at a time. These strings are built from
    //! the forms the real messages in `tests/data/messages.toml` take (other fields, other
    //! values, other quoting); they test the scanner's generality, not claims about TikTok.
    use super::*;

    /// Kind, fields, received, accepted, limit.
    type Reading<'a> = (
        Option<&'static str>,
        Vec<&'a str>,
        Vec<&'a str>,
        Vec<&'a str>,
        Option<&'a str>,
    );

    fn read(m: &str) -> Reading<'_> {
        let d = read_message(m);
        (
            d.kind().map(DetailKind::as_str),
            d.field_names().collect(),
            d.received().to_vec(),
            d.accepted().to_vec(),
            d.limit(),
        )
    }

    #[test]
    fn leading_paths_with_indexes() {
        let (k, f, ..) = read("operation_status: Missing data for required field.");
        assert_eq!((k, f), (Some("missing"), vec!["operation_status"]));
        let (k, f, ..) = read("budget.0: Not a valid number.");
        assert_eq!((k, f), (Some("invalid_value"), vec!["budget.0"]));
        let d = read_message("location_ids[2]: Not a valid string.");
        assert_eq!(d.fields()[0].name(), "location_ids");
        assert_eq!(d.fields()[0].index(), Some(2));
        // A path with nothing recognisable after it is still a field, of kind `other`.
        let (k, f, ..) = read("advertiser_id: Field may not be null.");
        assert_eq!((k, f), (Some("other"), vec!["advertiser_id"]));
        // Labels that are not fields.
        assert!(read_message("error: something").fields().is_empty());
        assert!(read_message("Error: Invalid").fields().is_empty());
        assert!(read_message("https://x.y/open_api: down")
            .fields()
            .is_empty());
    }

    #[test]
    fn value_lists_in_every_quoting() {
        let (_, f, r, a, _) = read(
            "objective_type: one or more value of the params is not acceptable, correct is \
             ['APP_PROMOTION', \"LEAD_GENERATION\"], current is 'TRAFFIC'",
        );
        assert_eq!(f, ["objective_type"]);
        assert_eq!(a, ["APP_PROMOTION", "LEAD_GENERATION"]);
        assert_eq!(r, ["TRAFFIC"]);
        let (_, _, r, a, _) = read("x: not acceptable, correct is [A_1, B_2], error is c_d");
        assert_eq!((a, r), (vec!["A_1", "B_2"], vec!["c_d"]));
        let (_, _, _, a, _) = read("Value must be one of: SMART, CUSTOM.");
        assert_eq!(a, ["SMART", "CUSTOM"]);
        // Prose after a cue is not a value.
        let (_, _, _, a, _) = read("Expected a string, got a number");
        assert!(a.is_empty());
        let (_, _, r, ..) = read("current is the default setting");
        assert!(r.is_empty());
    }

    #[test]
    fn field_lists_and_prose_fields() {
        let (_, f, ..) = read("Invalid Param(s): 'a_b', 'c'. Check them.");
        assert_eq!(f, ["a_b", "c"]);
        // Items of a list parameter are what the caller sent for it, not fields.
        let (k, f, r, ..) = read("Invalid dimension fields: [\"stat_time_day\", \"ad_id\"]");
        assert_eq!(
            (k, f, r),
            (
                Some("invalid_value"),
                vec!["dimensions"],
                vec!["stat_time_day", "ad_id"]
            )
        );
        let (k, f, ..) = read("adgroup_id and campaign_id do not match");
        assert_eq!(
            (k, f),
            (Some("conflict"), vec!["adgroup_id", "campaign_id"])
        );
        let (k, f, ..) = read("Invalid value for placements");
        assert_eq!((k, f), (Some("invalid_value"), vec!["placements"]));
        let (_, f, ..) = read("Invalid cursor");
        assert_eq!(f, ["cursor"]);
        let (k, f, ..) = read("Invalid parameter");
        assert_eq!((k, f), (Some("invalid_value"), vec![]));
        let (k, f, ..) = read("page_size is required");
        assert_eq!((k, f), (Some("missing"), vec!["page_size"]));
        // URLs and endpoint paths are not fields.
        let (_, f, ..) =
            read("see https://business-api.tiktok.com/open_api/v1.3/ad/get/ for ad_id");
        assert_eq!(f, ["ad_id"]);
    }

    #[test]
    fn more_family_variants() {
        // A noun phrase after `Invalid` is not a list of fields.
        // A complaint about the access token is about the credentials, not a field.
        let (k, f, ..) = read("Invalid access token.");
        assert_eq!((k, f), (Some("credentials"), vec![]));
        let (k, ..) = read("The refresh_token has been revoked");
        assert_eq!(k, Some("credentials"));
        assert_eq!(read("Access token is null.").0, Some("missing"));
        let (_, f, ..) = read("Invalid open_id or access_token");
        assert_eq!(f, ["open_id", "access_token"]);
        let (k, f, .., l) = read("page_size: Must be between 1 and 1000.");
        assert_eq!(
            (k, f, l),
            (Some("out_of_range"), vec!["page_size"], Some("1 and 1000"))
        );
        let (k, .., l) = read("The budget must be greater than or equal to 20.");
        assert_eq!((k, l), (Some("out_of_range"), Some("20")));
        let (k, f, ..) = read("tite: Unknown field.");
        assert_eq!((k, f), (Some("not_supported"), vec!["tite"]));
        let (k, f, ..) = read("objective_type and optimization_goal do not match");
        assert_eq!(
            (k, f),
            (
                Some("conflict"),
                vec!["objective_type", "optimization_goal"]
            )
        );
        let (k, f, ..) = read("The identity_id is not valid");
        assert_eq!((k, f), (Some("invalid_value"), vec!["identity_id"]));
        assert!(read_message("Field may not be null.").is_empty());
    }

    #[test]
    fn bounds() {
        let (k, .., l) = read("dimensions: Length must be between 1 and 4.");
        assert_eq!((k, l), (Some("out_of_range"), Some("1 and 4")));
        let (k, .., l) = read("max time span must be less than 365 days");
        assert_eq!((k, l), (Some("out_of_range"), Some("365 days")));
        let (k, .., l) = read("App reaches the QPM limit.");
        assert_eq!((k, l), (Some("limit"), None));
        // No bound without a kind.
        assert_eq!(read_message("limit 10").limit(), None);
    }

    #[test]
    fn kinds_from_the_first_condition_word() {
        for (m, k) in [
            ("The campaign 42 does not exist.", "not_found"),
            ("Campaign name already exists.", "conflict"),
            ("No permission to operate advertiser", "denied"),
            ("Requests made too frequently", "limit"),
            ("Video is too short", "out_of_range"),
            (
                "This placement is not supported for the objective",
                "not_supported",
            ),
            (
                "Invalid Param(s): 'x'. The x only supports 'Y_Z'.",
                "invalid_value",
            ),
        ] {
            assert_eq!(read(m).0, Some(k), "{m}");
        }
        let d = read_message("The campaign 42 does not exist.");
        assert_eq!(d.received(), ["42"]);
        // Words inside other words do not count.
        assert!(read_message("Reinvalidated cache").is_empty());
    }

    #[test]
    fn odd_input_reads_nothing_and_never_panics() {
        for m in [
            "",
            " ",
            ":",
            "[",
            "['",
            "correct is",
            "correct is [",
            "current is '",
            "a:",
            "é: x",
            "invalid ",
            "\u{2026}",
            "time span is 9",
            "fields: [,,,]",
            "x: correct is ['…']",
        ] {
            let d = read_message(m);
            for f in d.fields() {
                assert!(!f.as_str().is_empty());
            }
        }
        let long = "x_y ".repeat(5000);
        let d = read_message(&long);
        assert!(d.fields().len() <= 1);
    }

    #[test]
    fn hints_match_a_named_field_or_every_phrase() {
        let field = MessageHint {
            field: Some("placement_type"),
            phrases: &[],
            source: "https://example.com/1",
        };
        let phrases = MessageHint {
            field: None,
            phrases: &["advertiser", "doesn't exist"],
            source: "https://example.com/2",
        };
        let m = "Invalid Param(s): 'placement_type'.";
        assert!(field.matches(m, &read_message(m)));
        let m = "placement_types: Not a valid list.";
        assert!(!field.matches(m, &read_message(m)));
        let m = "The Advertiser 1 DOESN'T EXIST.";
        assert!(phrases.matches(m, &read_message(m)));
        let m = "The campaign 1 doesn't exist.";
        assert!(!phrases.matches(m, &read_message(m)));
        assert_eq!(field.to_string(), "names the field `placement_type`");
        assert_eq!(
            phrases.to_string(),
            "says \"advertiser\" … \"doesn't exist\""
        );
    }

    #[test]
    fn prefix_path_complaint() {
        // The label names no field; the path after it does, wherever the complaint is.
        let (k, f, ..) = read("Invalid param: a.b_c is required.");
        assert_eq!((k, f), (Some("missing"), vec!["a.b_c"]));
        let (k, f, ..) = read("Params: x_y.z must not be empty");
        assert_eq!((k, f), (Some("missing"), vec!["x_y.z"]));
        // Indexed paths anywhere in the prose.
        // `must be set to <type>` is a value of the wrong type.
        let (k, f, ..) = read("The value of a.0 must be set to object");
        assert_eq!((k, f), (Some("invalid_value"), vec!["a.0"]));
        let (_, f, ..) = read("creatives.2.ad_text exceeds the limit");
        assert_eq!(f, ["creatives.2.ad_text"]);
        // A leading path may start with a capital when it has segments.
        let (k, f, ..) = read("Items.3.price_value: Not a valid number");
        assert_eq!((k, f), (Some("invalid_value"), vec!["Items.3.price_value"]));
        // Versions, domains, file names and sentences are not paths.
        for m in [
            "Use v1.3 instead of v1.2, it is invalid",
            "See tiktok.com for the invalid rules",
            "The file video.mp4 is invalid",
            "Warning: value invalid",
        ] {
            assert!(read(m).1.is_empty(), "{m}");
        }
    }

    #[test]
    fn list_parameters_and_their_items() {
        let (k, f, r, ..) = read("Invalid metric fields: ['spend_x', 'clicks_y']");
        assert_eq!(
            (k, f, r),
            (
                Some("invalid_value"),
                vec!["metrics"],
                vec!["spend_x", "clicks_y"]
            )
        );
        // A plain field label lists fields.
        let (_, f, r, ..) = read("Invalid fields: ['a_b']");
        assert_eq!((f, r), (vec!["a_b"], vec![]));
        // Enum items of any list parameter, after a leading path.
        let (_, f, r, a, _) = read("tags.2: not acceptable, correct is [A_B, C_D], error is e_f");
        assert_eq!((f, r, a), (vec!["tags.2"], vec!["e_f"], vec!["A_B", "C_D"]));
    }

    #[test]
    fn bounds_with_units_and_currencies() {
        let (k, f, .., l) = read("The daily budget must not be less than 20 USD.");
        assert_eq!((k, f, l), (Some("out_of_range"), vec![], Some("20 USD")));
        let (k, .., l) = read("budget: must be at least $50");
        assert_eq!((k, l), (Some("out_of_range"), Some("$50")));
        let (k, .., l) = read("Ad text must contain at least 12 characters");
        assert_eq!((k, l), (Some("out_of_range"), Some("12 characters")));
        let (k, .., l) = read("Picture is less than 720x1280 pixels");
        assert_eq!((k, l), (Some("out_of_range"), Some("720x1280 pixels")));
        let (k, .., l) = read("Bid is higher than 30.5 EUR");
        assert_eq!((k, l), (Some("out_of_range"), Some("30.5 EUR")));
        let (k, .., l) = read("Frame rate exceeds 60 fps");
        assert_eq!((k, l), (Some("out_of_range"), Some("60 fps")));
        // A rate limit stays a limit.
        let (k, .., l) = read("App 1 reaches the QPS limit 5, current QPS is 6.");
        assert_eq!((k, l), (Some("limit"), Some("5")));
    }

    #[test]
    fn ids_after_a_label_or_before_not_found() {
        let (k, _, r, ..) = read("No permission to operate pixel code: AB12CD34EF.");
        assert_eq!((k, r), (Some("denied"), vec!["AB12CD34EF"]));
        let (k, f, r, ..) = read("campaign cmp_77 doesn't exist");
        assert_eq!((k, f, r), (Some("not_found"), vec![], vec!["cmp_77"]));
        // Words after a colon are not ids.
        assert!(read("Unsupported value: PUBLIC").2.is_empty());
        // A word a label lists as a field is not also the id received (a fuzz find).
        let (k, f, r, ..) = read("Invalid Param(s): AB12CD34EF doesn't exist or has been deleted.");
        assert_eq!((k, f, r), (Some("not_found"), vec!["AB12CD34EF"], vec![]));
    }

    #[test]
    fn error_code_words_are_never_fields() {
        for m in [
            "access_denied",
            "server_error",
            "invalid_params: something is wrong",
            "spam_risk_too_many_posts happened",
        ] {
            assert!(read(m).1.is_empty(), "{m}");
        }
    }

    #[test]
    fn restrictions_exclusions_and_camel_names() {
        // A closing `only` after a `for` phrase, or `only for`: not supported here.
        let (k, f, ..) = read("sku_weight_unit is for EU shops only!");
        assert_eq!((k, f), (Some("not_supported"), vec!["sku_weight_unit"]));
        assert_eq!(
            read("This endpoint is only for sandbox apps").0,
            Some("not_supported")
        );
        // `only` without a `for` phrase, or not at the end, is not a restriction.
        assert_eq!(read("Admins only").0, None);
        assert_eq!(
            read("Only for you, nothing is wrong here today").0,
            Some("not_supported")
        );
        assert_eq!(read("for whom only the bell tolls").0, None);
        assert_eq!(
            read("Bid mode and budget mode are mutually exclusive").0,
            Some("conflict")
        );
        // `of` between a bound word and its number.
        let (k, .., l) = read("The number of ad IDs exceeds the limit of 50");
        assert_eq!((k, l), (Some("out_of_range"), Some("50")));
        assert_eq!(
            read("The name exceeds a maximum of 20 characters").4,
            Some("20 characters")
        );
        // lowerCamel names are fields; one lowercase letter before a capital is a name.
        let (k, f, ..) = read("pageSize and pageNumber do not match.");
        assert_eq!((k, f), (Some("conflict"), vec!["pageSize", "pageNumber"]));
        assert!(read("iOS and eBay do not match").1.is_empty());
        assert!(read("camelCase: not a path for https://x.io/fooBar").1 == vec!["camelCase"]);
    }

    #[test]
    fn bound_stating_messages_skip_entries_without_a_condition() {
        let names = |m: &str| -> Vec<String> {
            diagnose(m, Some(Api::Shop))
                .iter()
                .map(Diagnosis::name)
                .collect()
        };
        let found = names("The product description cannot exceed maximum characters");
        assert!(found.iter().any(|n| n == "12052013"), "{found:?}");
        assert!(!found.iter().any(|n| n == "12019006"), "{found:?}");
    }

    #[test]
    fn display_reads_like_the_cli() {
        let d = read_message(
            "brand_safety: one or more value of the params is not acceptable, correct is \
             THIRD_PARTY, LIMITED_INVENTORY, current is NO_BRAND_SAFETY",
        );
        assert_eq!(
            d.to_string(),
            "field: brand_safety · received: NO_BRAND_SAFETY · accepted: THIRD_PARTY, \
             LIMITED_INVENTORY · invalid value"
        );
        assert_eq!(read_message("System error.").to_string(), "");
    }
}
