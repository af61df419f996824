//! TikTok Shop specifics: the named conditions of overloaded codes.
//!
//! TikTok Shop answers a dozen unrelated rejections with 36009004 and says to branch on the
//! message keyword, not on the number; two more codes carry different meanings on different
//! endpoint tables (10006402: an internal failure or a permission refusal; 21021010: an
//! undeliverable address or an open after-sale request). `codes/shop.toml` lists each meaning as
//! a `[[code.conditions]]` block with the keywords that select it; `build.rs` turns them into
//! [`ShopCondition`], and [`ApiError::shop_condition`](crate::ApiError::shop_condition) reads a
//! message into one.

use std::fmt;

use crate::{Category, Retry, ShopCode};

/// One generated condition: its code, texts, classes and keyword groups.
pub(crate) struct ConditionRow {
    code: ShopCode,
    name: &'static str,
    title: &'static str,
    description: &'static str,
    fix: &'static str,
    category: Category,
    retry: Retry,
    /// Groups of phrases: the condition matches when every phrase of one group is in the message.
    keywords: &'static [&'static [&'static str]],
    source: &'static str,
}

include!(concat!(env!("OUT_DIR"), "/shop_conditions.rs"));

impl ShopCondition {
    fn row(self) -> &'static ConditionRow {
        &CONDITION_ROWS[self as usize]
    }
    /// The code that carries this condition (36009004, 10006402 or 21021010).
    ///
    /// ```
    /// use tiktok_errors::{ShopCode, ShopCondition};
    /// assert_eq!(ShopCondition::PermissionDenied.code(), ShopCode::from_int(10006402).unwrap());
    /// ```
    #[must_use]
    pub fn code(self) -> ShopCode {
        self.row().code
    }
    /// The variant name, e.g. `TimestampTooOld`.
    #[must_use]
    pub fn name(self) -> &'static str {
        self.row().name
    }
    /// A short title, sentence case.
    #[must_use]
    pub fn title(self) -> &'static str {
        self.row().title
    }
    /// What the condition means.
    #[must_use]
    pub fn description(self) -> &'static str {
        self.row().description
    }
    /// What to do about it.
    #[must_use]
    pub fn fix(self) -> &'static str {
        self.row().fix
    }
    /// The kind of failure.
    #[must_use]
    pub fn category(self) -> Category {
        self.row().category
    }
    /// What to do next; it replaces the code's own class when a message names this condition.
    #[must_use]
    pub fn retry(self) -> Retry {
        self.row().retry
    }
    /// The keyword groups that select it: every phrase of one group must be in the message
    /// (compared lowercased, with quotes and backticks removed).
    #[must_use]
    pub fn keywords(self) -> &'static [&'static [&'static str]] {
        self.row().keywords
    }
    /// Where TikTok describes it.
    #[must_use]
    pub fn source(self) -> &'static str {
        self.row().source
    }

    /// The conditions `code` can carry, in priority order (empty when it is not overloaded).
    ///
    /// ```
    /// use tiktok_errors::{ShopCode, ShopCondition};
    /// assert!(ShopCondition::of(ShopCode::InvalidRequestCommon).len() > 5);
    /// assert!(ShopCondition::of(ShopCode::TooManyRequests).is_empty());
    /// ```
    #[must_use]
    pub fn of(code: ShopCode) -> &'static [ShopCondition] {
        conditions_of(code)
    }

    /// The condition a message of `code` describes: the first, in priority order, with a
    /// keyword group whose every phrase the message contains.
    ///
    /// ```
    /// use tiktok_errors::{Retry, ShopCode, ShopCondition};
    /// let c = ShopCondition::read(
    ///     ShopCode::InvalidRequestCommon,
    ///     "Invalid credentials. Invalid 'app_key' query parameter.",
    /// )
    /// .unwrap();
    /// assert_eq!(c, ShopCondition::AppKeyInvalid);
    /// assert_eq!(c.retry(), Retry::FixRequest);
    /// ```
    #[must_use]
    pub fn read(code: ShopCode, message: &str) -> Option<ShopCondition> {
        let candidates = conditions_of(code);
        if candidates.is_empty() || message.is_empty() {
            return None;
        }
        let plain: String = message
            .chars()
            .filter(|c| !matches!(c, '`' | '\'' | '"' | '‘' | '’' | '“' | '”'))
            .flat_map(char::to_lowercase)
            .collect();
        candidates.iter().copied().find(|c| {
            c.keywords()
                .iter()
                .any(|group| group.iter().all(|p| plain.contains(p)))
        })
    }
}

impl fmt::Display for ShopCondition {
    /// `<code>/<name> (<title>)`, e.g. `36009004/AppKeyInvalid (App key invalid)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}/{} ({})",
            self.code().code(),
            self.name(),
            self.title()
        )
    }
}

impl serde::Serialize for ShopCondition {
    /// Serializes as the variant name.
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.name())
    }
}
