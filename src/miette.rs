//! [`miette::Diagnostic`] for [`TikTokError`] (feature `miette`).
//!
//! A decoded error reports, to any miette handler:
//!
//! - `code`: `tiktok::<family>::<code>` with the code as TikTok sent it, e.g. `tiktok::ads::40100`,
//!   `tiktok::content-posting::spam_risk_too_many_posts`, `tiktok::malformed` for a response
//!   that is not a TikTok envelope;
//! - `help`: the catalogue's fix (for TikTok Shop's overloaded 36009004, the fix of the condition
//!   the message names, with its name), what to do next in words, and the documentation link
//!   TikTok put at the end of a Shop message;
//! - `url`: the code's page in the error index ([`TikTokError::docs_url`]);
//! - `severity`: [`Severity::Error`] for every failure TikTok reported or an unreadable
//!   response.
//!
//! ```
//! use miette::{Diagnostic, NarratableReportHandler};
//! use tiktok_errors::{decode, Api};
//!
//! let err = decode(Api::Ads, br#"{"code":40100,"message":"App reaches the QPS limit.","request_id":"r-1"}"#)
//!     .unwrap_err();
//! assert_eq!(err.code().unwrap().to_string(), "tiktok::ads::40100");
//!
//! let mut out = String::new();
//! NarratableReportHandler::new().render_report(&mut out, &err).unwrap();
//! assert!(out.starts_with("Ads error 40100 (Too many requests): App reaches the QPS limit."));
//! assert!(out.contains("diagnostic code: tiktok::ads::40100"));
//! assert!(out.contains("help: This is throttling, not an authentication failure"));
//! assert!(out.contains("For more details, see:\nhttps://"));
//! assert!(out.contains("/ads/40100.html"));
//!
//! let shop = r#"{"code":36009004,"data":null,"message":"Invalid credentials. Invalid 'app_key' query parameter. For more details: https://m.tiktok.shop/s/abc123","request_id":"r-2"}"#;
//! let err = decode(Api::Shop, shop).unwrap_err();
//! assert_eq!(err.code().unwrap().to_string(), "tiktok::shop::36009004");
//! let help = err.help().unwrap().to_string();
//! assert!(help.starts_with("AppKeyInvalid (App key invalid): Copy the app key"));
//! assert!(help.ends_with("TikTok: https://m.tiktok.shop/s/abc123"));
//! ```

use std::fmt::{self, Display};

use ::miette::{Diagnostic, Severity};

use crate::{Retry, TikTokError};

/// `tiktok::<family>::<code>`, written without allocating the parts.
struct DiagnosticCode<'a>(&'a TikTokError);

impl Display for DiagnosticCode<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.0, self.0.api(), self.0.raw_code()) {
            (TikTokError::Malformed(_), _, _) | (_, None, _) | (_, _, None) => {
                f.write_str("tiktok::malformed")
            }
            (_, Some(api), Some(code)) => write!(f, "tiktok::{}::{code}", api.as_str()),
        }
    }
}

/// The fix, then the retry advice.
struct Help<'a>(&'a TikTokError);

impl Display for Help<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let TikTokError::Shop(e) = self.0 {
            if let Some(c) = e.shop_condition() {
                write!(f, "{} ({}): ", c.name(), c.title())?;
            }
        }
        if let Some(fix) = self.0.fix() {
            f.write_str(fix)?;
            if self.0.retry() != Retry::Unknown {
                f.write_str("\n")?;
            }
        }
        if self.0.retry() != Retry::Unknown || self.0.fix().is_none() {
            write!(f, "Next: {}", self.0.retry().advice())?;
        }
        if let Some(link) = self.0.tiktok_link() {
            write!(f, "\nTikTok: {link}")?;
        }
        Ok(())
    }
}

#[cfg_attr(docsrs, doc(cfg(feature = "miette")))]
impl Diagnostic for TikTokError {
    fn code<'a>(&'a self) -> Option<Box<dyn Display + 'a>> {
        Some(Box::new(DiagnosticCode(self)))
    }

    fn severity(&self) -> Option<Severity> {
        Some(Severity::Error)
    }

    fn help<'a>(&'a self) -> Option<Box<dyn Display + 'a>> {
        Some(Box::new(Help(self)))
    }

    fn url<'a>(&'a self) -> Option<Box<dyn Display + 'a>> {
        self.docs_url()
            .map(|u| Box::new(u) as Box<dyn Display + 'a>)
    }
}
