//! Ranked full-text search over the whole catalogue: find entries by code, alias, variant name,
//! or words from a title, a description or a TikTok error message.
//!
//! # How ranking works
//!
//! The query and every entry are normalized the same way: lowercased, every run of characters
//! that are not letters or digits (`_`, `-`, punctuation, spaces) becomes one separator, and each
//! word is reduced to a crude stem shared by its inflections (`posts` → `post`, `policies` →
//! `policy`, `expired`/`expires`/`expire` → `expir`). Then:
//!
//! 1. **Exact code or alias** ([`MatchKind::Code`]): the whole query equals an entry's code or one
//!    of its aliases (`40100`, `bid too low` for `BID_TOO_LOW`, `Access_Token_Invalid`).
//! 2. **Name or title** ([`MatchKind::Name`]): every query word appears in the entry's code,
//!    variant name, aliases or title (`pending share` → `spam_risk_too_many_pending_share`).
//! 3. **Text** ([`MatchKind::Text`]): at least one query word appears anywhere: code, name,
//!    title, category, description or fix.
//!
//! A pasted message (see [`looks_like_message`]) lists what it describes first: the conditions
//! it matches, the best word match whose text names in backticks a dotted field path the
//! message names (`` The value for `pre_sale.type` is missing. ``), the word matches titled `Too
//! many <what it counts>` for a bound complaint about `the number of …` (`The number of SKU IDs
//! exceeds the limit of 10` → *Too many SKU IDs*), then the codes that carry its kind of problem.
//!
//! Within a tier, entries are ordered by a score: for each query word found, the weight of the
//! best field it was found in (code/alias 8, name/title 6, category 4, description 2, fix 1)
//! times how rare the word is in the catalogue (inverse document frequency), plus a bonus when
//! the whole query appears as a phrase in the title. A query word of four or more letters also
//! matches longer words it starts (`transcod` → `transcoding`) at half weight. Ties keep
//! catalogue order. The index is built once, on first use, from the generated catalogue.
//!
//! ```
//! use tiktok_errors::search::{search, SearchOptions};
//! use tiktok_errors::{AnyCode, AdsDiagnosis};
//!
//! let hits = search("bid too low", &SearchOptions::default());
//! assert_eq!(hits[0].code(), AnyCode::AdsDiagnosis(AdsDiagnosis::BidTooLow));
//! ```

use std::collections::{BTreeMap, HashMap};
use std::sync::OnceLock;

use crate::{AnyCode, Api, Category};

/// Filters and limits for [`search`].
///
/// ```
/// use tiktok_errors::search::SearchOptions;
/// use tiktok_errors::{Api, Category};
/// let opts = SearchOptions::default().api(Api::ContentPosting).category(Category::Spam).limit(3);
/// assert_eq!(opts.result_limit(), 3);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct SearchOptions {
    api: Option<Api>,
    category: Option<Category>,
    limit: usize,
}

impl Default for SearchOptions {
    /// No filter, at most 10 results.
    fn default() -> Self {
        SearchOptions {
            api: None,
            category: None,
            limit: 10,
        }
    }
}

impl SearchOptions {
    /// Only entries of this API family (Ads diagnoses count as [`Api::Ads`]).
    #[must_use]
    pub fn api(mut self, api: Api) -> Self {
        self.api = Some(api);
        self
    }
    /// Only entries of this category.
    #[must_use]
    pub fn category(mut self, category: Category) -> Self {
        self.category = Some(category);
        self
    }
    /// At most this many results (0 means no limit).
    #[must_use]
    pub fn limit(mut self, limit: usize) -> Self {
        self.limit = limit;
        self
    }
    /// The configured result limit (0: none), named like
    /// [`RetryPolicy::attempt_limit`](crate::retry::RetryPolicy::attempt_limit).
    #[must_use]
    pub fn result_limit(&self) -> usize {
        self.limit
    }
}

/// Which tier a result matched in (see the module docs). Ordered best first.
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MatchKind {
    /// The query is the entry's code, an alias or its Rust variant name.
    Code,
    /// The query is a pasted message that describes the entry: it matches a condition the
    /// entry records (a hint from a real message, or convincing words in its name), or the
    /// entry is the wire code that carries such a condition.
    Message,
    /// Every query word is in the entry's code, name, aliases or title.
    Name,
    /// Some query words are in the entry's text.
    Text,
}

/// One search result.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Hit {
    code: AnyCode,
    kind: MatchKind,
    score: f32,
}

impl Hit {
    /// The entry found.
    #[must_use]
    pub fn code(&self) -> AnyCode {
        self.code
    }
    /// The tier it matched in.
    #[must_use]
    pub fn kind(&self) -> MatchKind {
        self.kind
    }
    /// Its score within the tier (higher is better).
    #[must_use]
    pub fn score(&self) -> f32 {
        self.score
    }
}

const W_CODE: u8 = 8;
const W_NAME: u8 = 6;
const W_CATEGORY: u8 = 4;
const W_DESCRIPTION: u8 = 2;
const W_FIX: u8 = 1;

/// The longest query that is read; the rest is ignored (a pasted log line is plenty).
const MAX_QUERY_BYTES: usize = 512;

struct Index {
    entries: Vec<AnyCode>,
    /// Normalized code or alias → entries.
    exact: HashMap<String, Vec<u16>>,
    /// Word → (entry, best field weight) postings, sorted by entry.
    words: BTreeMap<String, Vec<(u16, u8)>>,
    /// Per entry: the words of its code, name, aliases and title.
    name_words: Vec<Vec<String>>,
    /// Per entry: its normalized title.
    titles: Vec<String>,
}

fn index() -> &'static Index {
    static INDEX: OnceLock<Index> = OnceLock::new();
    INDEX.get_or_init(build_index)
}

/// Splits `UpperCamelCase` into words.
fn camel_words(name: &str) -> String {
    let mut out = String::with_capacity(name.len() + 8);
    let mut prev_lower = false;
    for c in name.chars() {
        if c.is_uppercase() && prev_lower {
            out.push(' ');
        }
        prev_lower = c.is_lowercase() || c.is_ascii_digit();
        out.push(c);
    }
    out
}

fn build_index() -> Index {
    let entries: Vec<AnyCode> = AnyCode::all().collect();
    let mut exact: HashMap<String, Vec<u16>> = HashMap::new();
    let mut words: BTreeMap<String, Vec<(u16, u8)>> = BTreeMap::new();
    let mut name_words = Vec::with_capacity(entries.len());
    let mut titles = Vec::with_capacity(entries.len());
    for (i, code) in entries.iter().enumerate() {
        let i = u16::try_from(i).unwrap_or(u16::MAX);
        let e = code.entry();
        let code_text = e.code().to_string();
        let mut add = |text: &str, weight: u8| {
            for w in tokens(text) {
                let post = words.entry(w).or_default();
                match post.last_mut() {
                    Some((last, best)) if *last == i => *best = (*best).max(weight),
                    _ => post.push((i, weight)),
                }
            }
        };
        let mut add_key = |key: &str| {
            exact.entry(normalize(key)).or_default().push(i);
            add(key, W_CODE);
        };
        add_key(&code_text);
        e.aliases().for_each(&mut add_key);
        let name = camel_words(e.name());
        // The Rust variant name (`RequestTooFrequent`) finds its entry like a code.
        exact.entry(normalize(&name)).or_default().push(i);
        add(&name, W_NAME);
        add(e.title(), W_NAME);
        add(e.category().as_str(), W_CATEGORY);
        add(e.category().label(), W_CATEGORY);
        add(e.description(), W_DESCRIPTION);
        add(e.fix(), W_FIX);
        let mut nw: Vec<String> = tokens(&code_text)
            .chain(tokens(&name))
            .chain(tokens(e.title()))
            .chain(e.aliases().flat_map(tokens))
            .collect();
        nw.sort();
        nw.dedup();
        name_words.push(nw);
        titles.push(normalize(e.title()));
    }
    Index {
        entries,
        exact,
        words,
        name_words,
        titles,
    }
}

/// Lowercases, folds separators and reduces each word to a simple singular.
fn normalize(text: &str) -> String {
    tokens(text).collect::<Vec<_>>().join(" ")
}

fn tokens(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| stem(&w.to_lowercase()))
}

/// Reduces a word to a crude stem shared by its common inflections: `expired`, `expires` and
/// `expire` all become `expir`; `pending` becomes `pend`; `posts` becomes `post`.
fn stem(w: &str) -> String {
    let mut s = singular(w);
    if !s.is_ascii() {
        return s;
    }
    if s.len() > 5 && s.ends_with("ing") {
        s.truncate(s.len() - 3);
    } else if s.len() > 4 && s.ends_with("ed") {
        s.truncate(s.len() - 2);
    }
    if s.len() > 4 && s.ends_with('e') {
        s.truncate(s.len() - 1);
    }
    s
}

/// A deliberately small English singularizer: enough for `posts`/`post`, `policies`/`policy`,
/// `matches`/`match`; leaves `status`, `access`, `this` alone.
fn singular(w: &str) -> String {
    let n = w.len();
    if n > 4 && w.ends_with("ies") {
        return format!("{}y", &w[..n - 3]);
    }
    for suffix in ["ches", "shes", "sses", "xes"] {
        if n > suffix.len() + 1 && w.ends_with(suffix) {
            return w[..n - 2].to_owned();
        }
    }
    if n > 3
        && w.ends_with('s')
        && !w.ends_with("ss")
        && !w.ends_with("us")
        && !w.ends_with("is")
        && w.is_ascii()
    {
        return w[..n - 1].to_owned();
    }
    w.to_owned()
}

const STOP_WORDS: &[&str] = &[
    "a", "an", "the", "is", "are", "was", "to", "of", "for", "in", "on", "my", "i", "it", "and",
    "or", "with", "this", "that", "be", "ha", "have", "what", "why", "how", "doe", "do", "can",
];

/// Searches every catalogue (codes, aliases, names, titles, descriptions, fixes, categories,
/// diagnoses) and returns the entries ranked best first (see the module docs).
///
/// A pasted message ([`looks_like_message`], or a few words that name a field and then say what
/// is wrong with it: `advertiser_id is required`) is read first: the entries it describes come
/// before the word matches ([`MatchKind::Message`]), and for an Ads condition the wire code that
/// carries it comes first (`App reaches the QPS limit.` lists 40100, then the app-level rate
/// limit condition). Then come the codes that carry the kind of problem the message reports
/// (a parameter problem: Ads 40002 and v2 `invalid_params`); a few words that only complain
/// about a parameter in general (`Invalid parameter`) list them first too. Word matches follow;
/// a word match far behind the best one is cut off, so unrelated entries do not pad the list.
///
/// Never panics: an empty query, punctuation only, or a query without any known word gives no
/// results; only the first 512 bytes of a query are read.
///
/// ```
/// use tiktok_errors::search::{search, MatchKind, SearchOptions};
/// use tiktok_errors::{AdsCode, AnyCode, Api, ContentPostingCode};
///
/// let hits = search("pending share", &SearchOptions::default());
/// assert_eq!(hits[0].code(), AnyCode::ContentPosting(ContentPostingCode::SpamRiskTooManyPendingShare));
/// assert_eq!(hits[0].kind(), MatchKind::Name);
///
/// let hits = search("40100", &SearchOptions::default().api(Api::Ads));
/// assert_eq!(hits[0].kind(), MatchKind::Code);
/// assert!(search("?!", &SearchOptions::default()).is_empty());
///
/// let hits = search("App reaches the QPS limit.", &SearchOptions::default());
/// assert_eq!(hits[0].code(), AnyCode::Ads(AdsCode::RequestTooFrequent));
/// assert_eq!(hits[0].kind(), MatchKind::Message);
/// ```
#[must_use]
pub fn search(query: &str, options: &SearchOptions) -> Vec<Hit> {
    let query = prefix_at_boundary(query, MAX_QUERY_BYTES);
    let mut hits = search_words(query, &options.limit(0));
    // A few words in which the reader finds a field and what is wrong with it (`filtering is
    // required`) are a message too, however short: they get a pasted message's ranking.
    let message = looks_like_message(query) || names_field_and_condition(query);
    // The query read as a message, once: its conditions, fields and kind of problem.
    let reading = crate::message::read_message(query);
    {
        let mut described: Vec<Hit> = Vec::new();
        let push = |code: AnyCode, described: &mut Vec<Hit>, score: f32| {
            let e = code.entry();
            let fits = options.api.is_none_or(|a| a == e.api())
                && options.category.is_none_or(|c| c == e.category());
            if fits && !described.iter().any(|h| h.code == code) {
                described.push(Hit {
                    code,
                    kind: MatchKind::Message,
                    score,
                });
            }
        };
        for (rank, d) in crate::message::message_conditions(query, &reading, options.api, message)
            .iter()
            .enumerate()
        {
            // Earlier conditions score higher; ranks are few.
            #[allow(clippy::cast_precision_loss)]
            let score = 100.0 - rank as f32;
            let code = d.code();
            if let Some(wire) = code.entry().carried_by().next() {
                push(AnyCode::Ads(wire), &mut described, score);
            }
            push(code, &mut described, score);
        }
        // The best word match whose text names, in backticks, a dotted field path the message
        // names (`The value for `pre_sale.type` is missing.` and an entry about
        // `pre_sale.type`) documents that very field: it comes before the generic codes.
        if message {
            let named = hits.iter().find(|h| {
                h.kind != MatchKind::Code
                    && reading
                        .field_names()
                        .filter(|f| f.contains('.'))
                        .any(|f| names_field(h.code, f))
            });
            if let Some(h) = named {
                push(h.code, &mut described, h.score);
            }
            // `The number of SKU IDs exceeds the limit of 10` says `too many SKU IDs`: the word
            // matches titled so (`Too many SKU IDs`) come before the generic codes.
            if matches!(
                reading.kind(),
                Some(crate::message::DetailKind::OutOfRange | crate::message::DetailKind::Limit)
            ) {
                if let Some(subject) = counted_subject(query) {
                    for h in hits
                        .iter()
                        .filter(|h| too_many_of(h.code, &subject))
                        .take(2)
                    {
                        push(h.code, &mut described, h.score);
                    }
                }
            }
        }
        // The kind of problem the message reports names the codes that carry that kind in
        // each family (a parameter problem: Ads 40002 and v2 `invalid_params`). A few words
        // that only complain about a parameter (`Invalid parameter`) are such a message too.
        // Plain search words give a kind only when they could be a parameter complaint.
        let exact = hits.first().is_some_and(|h| h.kind == MatchKind::Code);
        let kind = (message || (!exact && only_parameter_words(query, None)))
            .then(|| reading.kind())
            .flatten();
        if message || (!exact && only_parameter_words(query, kind)) {
            for code in kind_codes(kind) {
                push(*code, &mut described, 0.0);
            }
        }
        if message {
            // A word match the message contradicts (an "expired" entry for a message that
            // says "incorrect") is not listed.
            let contradicted = crate::message::contradicted_by(query);
            hits.retain(|h| !contradicted(h.code));
        }
        if !described.is_empty() {
            hits.retain(|h| !described.iter().any(|d| d.code == h.code));
            described.extend(hits);
            hits = described;
        }
        // A value out of range or a choice not supported is a request parameter TikTok rejected
        // too (`max time span is 15 days`, `only supports …`), but such messages often name
        // their own code by their words: the parameter-error codes follow the two best matches.
        if message
            && matches!(
                kind,
                Some(
                    crate::message::DetailKind::OutOfRange
                        | crate::message::DetailKind::NotSupported
                )
            )
        {
            let mut at = hits.len().min(2);
            for &code in kind_codes(Some(crate::message::DetailKind::InvalidValue)) {
                let e = code.entry();
                let fits = options.api.is_none_or(|a| a == e.api())
                    && options.category.is_none_or(|c| c == e.category());
                if fits && !hits.iter().any(|h| h.code == code) {
                    hits.insert(
                        at,
                        Hit {
                            code,
                            kind: MatchKind::Message,
                            score: 0.0,
                        },
                    );
                    at += 1;
                }
            }
        }
    }
    if options.limit > 0 {
        hits.truncate(options.limit);
    }
    hits
}

/// Words that end the noun phrase after `number of` (`The number of SKU IDs exceeds …`).
const PHRASE_ENDS: &[&str] = &[
    "exceed", "exceeds", "exceeded", "is", "are", "must", "cannot", "can", "should", "has", "have",
    "over", "in", "for", "per", "reached", "reaches",
];

/// The stems of what a message counts: the words after `number of` (or `count of`) up to the
/// verb (`The number of SKU IDs exceeds …` → `sku ids`).
fn counted_subject(query: &str) -> Option<Vec<String>> {
    let lower = query.to_ascii_lowercase();
    let at = ["number of ", "count of "]
        .iter()
        .find_map(|lead| lower.find(lead).map(|p| p + lead.len()))?;
    let rest = query.get(at..)?;
    let words: Vec<String> = rest
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take_while(|w| !PHRASE_ENDS.contains(&w.to_ascii_lowercase().as_str()))
        .take(6)
        .map(|w| stem(&w.to_lowercase()))
        .collect();
    (!words.is_empty()).then_some(words)
}

/// The entry is titled `Too many <subject>` (a preposition may follow: `Too many SKUs in one
/// request`), where the subject's words end the counted words (`provided product IDs` for
/// `Too many product IDs`).
fn too_many_of(code: AnyCode, counted: &[String]) -> bool {
    let title = code.entry().title();
    let Some(rest) = title
        .get(..9)
        .filter(|t| t.eq_ignore_ascii_case("too many "))
        .and_then(|_| title.get(9..))
    else {
        return false;
    };
    let subject: Vec<String> = rest
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take_while(|w| !["in", "for", "per", "of", "on"].contains(w))
        .map(|w| stem(&w.to_lowercase()))
        .collect();
    !subject.is_empty() && counted.ends_with(&subject)
}

/// The entry's title or description names `field` in backticks (`` `pre_sale.type` ``).
fn names_field(code: AnyCode, field: &str) -> bool {
    let e = code.entry();
    [e.title(), e.description()].iter().any(|t| {
        let mut from = 0;
        while let Some(p) = t.get(from..).and_then(|r| r.find(field)) {
            let at = from + p;
            let before = t[..at].ends_with('`');
            let after = t[at + field.len()..].starts_with('`');
            if before && after {
                return true;
            }
            from = at + field.len();
        }
        false
    })
}

/// The wire codes that carry a kind of problem in each family, most used first.
fn kind_codes(kind: Option<crate::message::DetailKind>) -> &'static [AnyCode] {
    use crate::message::DetailKind as K;
    use crate::{AdsCode, ContentPostingCode};
    const PARAMETER: &[AnyCode] = &[
        AnyCode::Ads(AdsCode::ParamError),
        AnyCode::ContentPosting(ContentPostingCode::InvalidParam),
    ];
    const CREDENTIALS: &[AnyCode] = &[
        AnyCode::Ads(AdsCode::InvalidAccessToken),
        AnyCode::ContentPosting(ContentPostingCode::AccessTokenInvalid),
    ];
    const LIMIT: &[AnyCode] = &[
        AnyCode::Ads(AdsCode::RequestTooFrequent),
        AnyCode::ContentPosting(ContentPostingCode::RateLimitExceeded),
    ];
    const DENIED: &[AnyCode] = &[AnyCode::Ads(AdsCode::PermissionError)];
    match kind {
        Some(K::Missing | K::InvalidValue) => PARAMETER,
        Some(K::Credentials) => CREDENTIALS,
        Some(K::Limit) => LIMIT,
        Some(K::Denied) => DENIED,
        _ => &[],
    }
}

/// Words that name a request parameter in general, not a particular one.
const PARAMETER_NOUNS: &[&str] = &[
    "param",
    "params",
    "parameter",
    "parameters",
    "argument",
    "arguments",
    "field",
    "fields",
    "value",
    "values",
    "input",
];

/// A query that only complains about a parameter in general: the reader reads a parameter
/// problem (missing or invalid) and every word besides its condition words is a parameter noun
/// (`Invalid parameter`, `missing params`), so the codes that carry parameter problems are what
/// it asks for.
fn only_parameter_words(query: &str, kind: Option<crate::message::DetailKind>) -> bool {
    use crate::message::DetailKind as K;
    const CONDITION: &[&str] = &[
        "invalid",
        "missing",
        "required",
        "wrong",
        "incorrect",
        "bad",
        "is",
        "are",
    ];
    // Without a reading yet, only the words are checked.
    if kind.is_some() && !matches!(kind, Some(K::Missing | K::InvalidValue)) {
        return false;
    }
    let words = query
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase);
    let mut noun = false;
    for w in words {
        if PARAMETER_NOUNS.contains(&w.as_str()) {
            noun = true;
        } else if !CONDITION.contains(&w.as_str()) {
            return false;
        }
    }
    noun
}

/// A pasted message rather than a few search words: four or more words, or the punctuation of
/// TikTok's messages (`:`, brackets, quotes, a full stop).
///
/// ```
/// use tiktok_errors::search::looks_like_message;
/// assert!(looks_like_message("App reaches the QPS limit."));
/// assert!(looks_like_message("Invalid metric fields: ['x']"));
/// assert!(!looks_like_message("budget too low"));
/// ```
#[must_use]
pub fn looks_like_message(query: &str) -> bool {
    query.split_whitespace().count() >= 4
        || query.contains([':', '[', '\'', '"'])
        || query.trim_end().ends_with('.')
}

/// The reader finds a field as the query's subject and a condition said of it (`filtering is
/// required`, `budget_mode is invalid`): what a short pasted message says, not a few search
/// words. Search words put the condition first (`invalid metric`) and stay search words.
fn names_field_and_condition(query: &str) -> bool {
    let query = query.trim_start();
    let d = crate::message::read_message(query);
    let subject = d
        .fields()
        .iter()
        .any(|f| f.as_str().as_ptr() == query.as_ptr());
    subject
        && d.kind()
            .is_some_and(|k| k != crate::message::DetailKind::Other)
}

/// A word match is kept only if its score is at least this share of the best match's.
const RELEVANCE_SHARE: f32 = 0.3;

/// The word search alone (the tiers of the module docs), with the relevance cut-off.
// Scores turn small counts (entries, words: far below 2^23) into f32 weights, and `factor == 1.0`
// compares with the exact constant the caller passed, not a computed value.
#[allow(clippy::cast_precision_loss, clippy::float_cmp, clippy::too_many_lines)]
pub(crate) fn search_words(query: &str, options: &SearchOptions) -> Vec<Hit> {
    let mut end = query.len().min(MAX_QUERY_BYTES);
    while !query.is_char_boundary(end) {
        end -= 1;
    }
    let query = &query[..end];
    let idx = index();
    // Distinct words, in order, at most 32 (one bit each in the per-entry match mask).
    let mut q_words: Vec<String> = Vec::new();
    for w in tokens(query).filter(|w| !STOP_WORDS.contains(&w.as_str())) {
        if q_words.len() == 32 {
            break;
        }
        if !q_words.contains(&w) {
            q_words.push(w);
        }
    }
    let whole = normalize(query);
    if whole.is_empty() {
        return Vec::new();
    }
    let n = idx.entries.len();
    let mut score = vec![0f32; n];
    let mut matched = vec![0u32; n];
    let total = n as f32;
    for (qi, w) in q_words.iter().enumerate() {
        let bit = 1u32 << qi;
        let mut add = |post: &[(u16, u8)], factor: f32| {
            let idf = (total / post.len() as f32).ln() + 1.0;
            for &(e, weight) in post {
                let e = usize::from(e);
                if matched[e] & bit == 0 || factor == 1.0 {
                    score[e] += f32::from(weight) * idf * factor;
                }
                matched[e] |= bit;
            }
        };
        if let Some(post) = idx.words.get(w) {
            add(post, 1.0);
        }
        if w.chars().count() >= 4 {
            for (word, post) in idx.words.range::<str, _>((
                std::ops::Bound::Excluded(w.as_str()),
                std::ops::Bound::Unbounded,
            )) {
                if !word.starts_with(w.as_str()) {
                    break;
                }
                add(post, 0.5);
            }
        }
    }
    let camel = if query.trim().contains(char::is_whitespace) {
        None
    } else {
        idx.exact.get(&normalize(&camel_words(query.trim())))
    };
    let exact: &[u16] = idx.exact.get(&whole).or(camel).map_or(&[], Vec::as_slice);
    // One bit per query word (at most 32 words).
    let all_bits = u32::try_from(q_words.len())
        .ok()
        .and_then(|n| u32::MAX.checked_shr(32u32.saturating_sub(n)))
        .unwrap_or(0);
    let mut ranked: Vec<(usize, Hit)> = Vec::new();
    for (i, &code) in idx.entries.iter().enumerate() {
        let is_exact = u16::try_from(i).is_ok_and(|i| exact.contains(&i));
        if !is_exact && matched[i] == 0 {
            continue;
        }
        let e = code.entry();
        if options.api.is_some_and(|a| a != e.api())
            || options.category.is_some_and(|c| c != e.category())
        {
            continue;
        }
        let kind = if is_exact {
            MatchKind::Code
        } else if matched[i] == all_bits
            && q_words
                .iter()
                .all(|w| idx.name_words[i].binary_search(w).is_ok())
        {
            MatchKind::Name
        } else {
            MatchKind::Text
        };
        let coverage = matched[i].count_ones() as f32 / q_words.len().max(1) as f32;
        let phrase = if whole.len() > 2 && idx.titles[i].contains(&whole) {
            10.0
        } else {
            0.0
        };
        // Spelled exactly as the entry spells its code, an alias or its variant name
        // (`invalid_params` is Content Posting's alias; `INVALID_PARAMS` an Ads one).
        let raw = query.trim();
        let spelled = is_exact
            && (e.code().to_string() == raw || e.name() == raw || e.aliases().any(|a| a == raw));
        let phrase = phrase + if spelled { 1000.0 } else { 0.0 };
        ranked.push((
            i,
            Hit {
                code,
                kind,
                score: score[i] * coverage + phrase,
            },
        ));
    }
    // Tier, then score, then catalogue order (the index): a total order, so the partial
    // selection below gives the same results as a full stable sort.
    let order = |a: &(usize, Hit), b: &(usize, Hit)| {
        a.1.kind
            .cmp(&b.1.kind)
            .then(b.1.score.total_cmp(&a.1.score))
            .then(a.0.cmp(&b.0))
    };
    // Text matches far behind the best match are not relevant (`budget too low` does not list
    // rate limits because their descriptions say "low").
    let best = ranked.iter().map(|(_, h)| h.score).fold(0f32, f32::max);
    ranked.retain(|(_, h)| h.kind != MatchKind::Text || h.score >= best * RELEVANCE_SHARE);
    if options.limit > 0 && ranked.len() > options.limit {
        ranked.select_nth_unstable_by(options.limit - 1, order);
        ranked.truncate(options.limit);
    }
    ranked.sort_unstable_by(order);
    ranked.into_iter().map(|(_, h)| h).collect()
}

/// The words of `text` as the index holds them: lowercased, split at every non-alphanumeric
/// character, each reduced to its stem (used by [`crate::message`] to compare a message with an
/// entry's code words).
pub(crate) fn stems(text: &str) -> impl Iterator<Item = String> + '_ {
    tokens(text)
}

/// The words of an entry's code and variant name, stemmed (`REPORT_METRICS_INVALID` →
/// `report`, `metric`, `invalid`; `40053` / `VideoIdInvalidError` → `video`, `id`, …); numbers
/// are left out.
pub(crate) fn code_name_stems(code: AnyCode) -> Vec<String> {
    let e = code.entry();
    let mut v: Vec<String> = tokens(&e.code().to_string())
        .chain(tokens(&camel_words(e.name())))
        .filter(|w| !w.bytes().all(|b| b.is_ascii_digit()))
        .collect();
    v.sort();
    v.dedup();
    v
}

/// For a pasted message: each entry `keep` accepts that some of its words name, with those
/// words (stemmed, as indexed) when they appear in the entry's code, variant name, aliases or
/// title. Used by
/// [`crate::message::diagnose`] to decide whether a [`search`] hit is convincing.
pub(crate) fn name_word_matches(
    query: &str,
    keep: impl Fn(AnyCode) -> bool,
) -> HashMap<AnyCode, Vec<&'static str>> {
    let idx = index();
    let mut out: HashMap<AnyCode, Vec<&'static str>> = HashMap::new();
    let mut seen: Vec<String> = Vec::new();
    for w in tokens(prefix_at_boundary(query, MAX_QUERY_BYTES)) {
        if STOP_WORDS.contains(&w.as_str()) || seen.contains(&w) || seen.len() == 32 {
            continue;
        }
        if let Some((word, post)) = idx.words.get_key_value(&w) {
            for &(e, weight) in post {
                let code = idx.entries[usize::from(e)];
                if weight >= W_NAME && keep(code) {
                    out.entry(code).or_default().push(word.as_str());
                }
            }
        }
        seen.push(w);
    }
    out
}

fn prefix_at_boundary(s: &str, max: usize) -> &str {
    let mut end = s.len().min(max);
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}
