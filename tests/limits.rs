//! TikTok's published rate limits (`tiktok_errors::limits`, from `codes/limits.toml`): the
//! numbers TikTok publishes, the path forms `for_path` accepts, and what it refuses.

use std::collections::BTreeSet;
use std::time::Duration;

use proptest::prelude::*;
use tiktok_errors::limits::{
    for_path, rows, Limits, Per, Reset, Surface, Tier, UnknownTier, Window,
};

const BUSINESS_PAGE: &str = "https://business-api.tiktok.com/portal/docs/rate-limits/v1.3";

fn counts(l: &Limits) -> (Option<u64>, Option<u64>, Option<u64>) {
    (
        l.get(Window::Second),
        l.get(Window::Minute),
        l.get(Window::Day),
    )
}

fn business(endpoint: &str, tier: Tier) -> Limits {
    for_path(&format!("/open_api/v1.3{endpoint}"), tier, false)
        .unwrap_or_else(|| panic!("{endpoint} has limits"))
}

#[test]
fn every_tier_default() {
    let want = [
        (Tier::Basic, (10, 600, 864_000)),
        (Tier::Advanced, (20, 1_200, 1_728_000)),
        (Tier::Premium, (30, 1_800, 2_592_000)),
        (Tier::Ultimate, (50, 3_000, 4_320_000)),
    ];
    for (tier, (s, m, d)) in want {
        let l = business("/campaign/get/", tier);
        assert_eq!(counts(&l), (Some(s), Some(m), Some(d)), "{tier}");
        assert_eq!(
            l.endpoint(),
            None,
            "{tier}: the tier default has no row path"
        );
        assert_eq!(
            (l.per(), l.reset(), l.surface()),
            (Per::App, Reset::Calendar, Surface::Business)
        );
        assert_eq!(l.source(), BUSINESS_PAGE);
    }
    assert_eq!(Tier::default(), Tier::Basic);
}

#[test]
fn business_api_overrides() {
    let cases: &[(&str, Tier, (u64, u64, u64))] = &[
        ("/ad/create/", Tier::Basic, (5, 150, 86_400)),
        ("/ad/create/", Tier::Advanced, (10, 200, 86_400)),
        ("/ad/create/", Tier::Premium, (10, 300, 86_400)),
        ("/ad/create/", Tier::Ultimate, (15, 300, 86_400)),
        ("/creative/smart_video/create/", Tier::Basic, (1, 30, 5_000)),
        ("/catalog/product/update/", Tier::Basic, (2, 120, 172_800)),
        ("/catalog/product/update/", Tier::Premium, (5, 300, 432_000)),
        ("/gmv_max/report/get/", Tier::Advanced, (12, 360, 30_000)),
    ];
    for &(path, tier, (s, m, d)) in cases {
        let l = business(path, tier);
        assert_eq!(counts(&l), (Some(s), Some(m), Some(d)), "{path} at {tier}");
        assert_eq!(l.endpoint(), Some(path));
        assert_eq!(l.source(), BUSINESS_PAGE);
    }
    for tier in Tier::ALL {
        assert_eq!(
            counts(&business("/report/task/create/", tier)),
            (Some(2), Some(60), Some(4_500)),
            "{tier}"
        );
        assert_eq!(
            counts(&business("/event/track/", tier)),
            (Some(1_000), Some(600_000), Some(86_400_000)),
            "{tier}"
        );
    }
    // v1.2 paths share the table.
    assert_eq!(
        for_path("/open_api/v1.2/ad/create/", Tier::Basic, false),
        Some(business("/ad/create/", Tier::Basic))
    );
}

#[test]
fn sandbox_limits_every_business_endpoint_alike_and_leaves_v2_alone() {
    for tier in Tier::ALL {
        for path in ["/ad/create/", "/campaign/get/", "/event/track/"] {
            let l = for_path(&format!("/open_api/v1.3{path}"), tier, true).unwrap();
            assert_eq!(
                counts(&l),
                (Some(1), Some(30), Some(1_000)),
                "{path} {tier}"
            );
            assert_eq!(l.surface(), Surface::Sandbox);
        }
    }
    assert_eq!(
        for_path("/open_api/v1.3/ad/create/", Tier::Basic, true)
            .unwrap()
            .endpoint(),
        Some("/ad/create/")
    );
    assert_eq!(
        for_path("/v2/user/info/", Tier::Basic, true),
        for_path("/v2/user/info/", Tier::Basic, false)
    );
}

#[test]
fn v2_display_endpoints_have_a_sliding_minute() {
    for path in ["/v2/user/info/", "/v2/video/query/", "/v2/video/list/"] {
        for tier in Tier::ALL {
            let l = for_path(path, tier, false).unwrap();
            assert_eq!(counts(&l), (None, Some(600), None), "{path}");
            assert_eq!(l.windows().collect::<Vec<_>>(), [(Window::Minute, 600)]);
            assert_eq!((l.per(), l.reset()), (Per::App, Reset::Sliding));
            assert_eq!(l.surface(), Surface::V2);
            assert_eq!(l.endpoint(), Some(path));
            assert_eq!(
                l.source(),
                "https://developers.tiktok.com/doc/tiktok-api-v2-rate-limit"
            );
        }
    }
}

#[test]
fn content_posting_limits_are_per_user_token() {
    let cases = [
        ("/v2/post/publish/status/fetch/", 30),
        ("/v2/post/publish/creator_info/query/", 20),
        ("/v2/post/publish/video/init/", 6),
        ("/v2/post/publish/inbox/video/init/", 6),
        ("/v2/post/publish/content/init/", 6),
    ];
    for (path, per_minute) in cases {
        let l = for_path(path, Tier::Basic, false).unwrap();
        assert_eq!(counts(&l), (None, Some(per_minute), None), "{path}");
        assert_eq!(l.per(), Per::UserToken, "{path}");
        assert_eq!(l.surface(), Surface::ContentPosting);
    }
    assert_eq!(
        for_path("/v2/post/publish/status/fetch/", Tier::Basic, false)
            .unwrap()
            .source(),
        "https://developers.tiktok.com/doc/content-posting-api-reference-get-video-status"
    );
}

#[test]
fn research_api_daily_quotas() {
    for path in [
        "/v2/research/video/query/",
        "/v2/research/user/info/",
        "/v2/research/video/comment/list/",
        "/v2/research/",
    ] {
        let l = for_path(path, Tier::Basic, false).unwrap();
        assert_eq!(counts(&l), (None, None, Some(1_000)), "{path}");
        assert_eq!(
            l.endpoint(),
            Some("/v2/research/"),
            "{path}: one shared quota"
        );
        assert_eq!(
            (l.reset(), l.surface()),
            (Reset::Calendar, Surface::Research)
        );
    }
    for path in [
        "/v2/research/user/followers/",
        "/v2/research/user/following/",
    ] {
        let l = for_path(path, Tier::Basic, false).unwrap();
        assert_eq!(counts(&l), (None, None, Some(20_000)), "{path}");
        assert_eq!(l.endpoint(), Some(path));
    }
    // A path that only starts like the prefix is not under it.
    assert_eq!(for_path("/v2/researchers/", Tier::Basic, false), None);
    let shared = rows().find(|r| r.path() == Some("/v2/research/")).unwrap();
    assert!(shared.prefix());
    assert_eq!(shared.records_per_day(), Some(100_000));
}

#[test]
fn path_forms() {
    let want = business("/ad/create/", Tier::Basic);
    for form in [
        "https://business-api.tiktok.com/open_api/v1.3/ad/create/?x=1",
        "https://business-api.tiktok.com/open_api/v1.3/ad/create/",
        "http://business-api.tiktok.com/open_api/v1.3/ad/create",
        "business-api.tiktok.com/open_api/v1.3/ad/create/",
        "/open_api/v1.3/ad/create/",
        "/open_api/v1.3/ad/create",
        "/open_api/v1.3/ad/create?advertiser_id=1",
        "/open_api/v1.3/ad/create/#top",
        "  /open_api/v1.3/ad/create/  ",
    ] {
        assert_eq!(for_path(form, Tier::Basic, false), Some(want), "{form}");
    }
    let info = for_path("/v2/user/info/", Tier::Basic, false);
    for form in [
        "https://open.tiktokapis.com/v2/user/info/?fields=open_id",
        "/v2/user/info",
    ] {
        assert_eq!(for_path(form, Tier::Basic, false), info, "{form}");
    }
}

#[test]
fn unknown_paths_have_no_limits() {
    for path in [
        "",
        "/",
        "ad/create",
        "/api/products/search",
        "https://open-api.tiktokglobalshop.com/api/orders/search?app_key=1",
        "/open_api/v1.3/",
        "/open_api/v1.3",
        "/open_api/v1./ad/create/",
        "/open_api/v2/ad/create/",
        "/open_api/vx.3/ad/create/",
        "/v2/unknown/endpoint/",
        "/v2/",
        "https://example.com",
    ] {
        assert_eq!(for_path(path, Tier::Basic, false), None, "{path:?}");
        assert_eq!(for_path(path, Tier::Basic, true), None, "{path:?}");
    }
}

#[test]
fn tier_names() {
    for t in Tier::ALL {
        assert_eq!(t.as_str().parse::<Tier>(), Ok(t));
        assert_eq!(t.label().parse::<Tier>(), Ok(t));
        assert_eq!(t.as_str().to_uppercase().parse::<Tier>(), Ok(t));
        assert_eq!(t.to_string(), t.as_str());
        assert_eq!(serde_json::to_value(t).unwrap(), t.as_str());
        assert_eq!(
            serde_json::from_value::<Tier>(serde_json::json!(t.as_str())).unwrap(),
            t
        );
    }
    for bad in ["", "gold", "basic ", "base", "ultimate!"] {
        let err: UnknownTier = bad.parse::<Tier>().unwrap_err();
        assert_eq!(err.given(), bad);
        let msg = err.to_string();
        for name in ["basic", "advanced", "premium", "ultimate"] {
            assert!(msg.contains(name), "{msg}");
        }
        let _: &dyn std::error::Error = &err;
    }
    assert!(serde_json::from_value::<Tier>(serde_json::json!("gold")).is_err());
}

#[test]
fn windows_are_ordered_and_timed() {
    assert_eq!(Window::Second.duration(), Duration::from_secs(1));
    assert_eq!(Window::Minute.duration(), Duration::from_secs(60));
    assert_eq!(Window::Day.duration(), Duration::from_secs(86_400));
    assert!(Window::Second < Window::Minute && Window::Minute < Window::Day);
    assert_eq!(
        Window::ALL.map(|w| w.to_string()),
        ["second", "minute", "day"]
    );
    assert_eq!(Window::ALL.map(Window::abbr), ["QPS", "QPM", "QPD"]);
    let l = business("/ad/create/", Tier::Basic);
    assert_eq!(
        l.windows().collect::<Vec<_>>(),
        [
            (Window::Second, 5),
            (Window::Minute, 150),
            (Window::Day, 86_400)
        ]
    );
}

#[test]
fn every_row_is_sourced_consistent_and_reachable() {
    let all: Vec<_> = rows().collect();
    // Tier defaults, sandbox, 20 Business API overrides (one without a path), 11 v2 rows.
    assert_eq!(all.len(), 33);
    assert_eq!(
        all.iter()
            .filter(|r| r.surface() == Surface::Business)
            .count(),
        21
    );
    let mut paths = BTreeSet::new();
    for r in &all {
        assert!(r.source().starts_with("https://"), "{}", r.name());
        if r.surface() == Surface::Business || r.surface() == Surface::Sandbox {
            assert_eq!(r.source(), BUSINESS_PAGE, "{}", r.name());
            assert_eq!(
                r.via(),
                Some("https://github.com/api-evangelist/tiktok-ads/blob/main/rate-limits/tiktok-ads-rate-limits.yml")
            );
        }
        for tier in Tier::ALL {
            let l = r.limits(tier);
            let c: Vec<u64> = l.windows().map(|(_, n)| n).collect();
            assert!(!c.is_empty(), "{}", r.name());
            assert!(c.windows(2).all(|w| w[0] <= w[1]), "{}", r.name());
            if !r.by_tier() {
                assert_eq!(l, r.limits(Tier::Basic), "{}", r.name());
            }
        }
        let Some(path) = r.path() else { continue };
        assert!(
            paths.insert((r.surface() == Surface::Business, path)),
            "{path} twice"
        );
        // Each row is what its own path finds.
        let full = if r.surface() == Surface::Business {
            format!("/open_api/v1.3{path}")
        } else {
            path.to_owned()
        };
        for tier in Tier::ALL {
            assert_eq!(for_path(&full, tier, false), Some(r.limits(tier)), "{full}");
        }
    }
    let streaming = all.iter().find(|r| r.name() == "Streaming API").unwrap();
    assert_eq!(streaming.path(), None);
    assert_eq!(
        streaming.limits(Tier::Ultimate).get(Window::Day),
        Some(4_320_000_000)
    );
}

proptest! {
    #[test]
    fn for_path_never_panics(s in any::<String>(), tier in 0usize..4, sandbox in any::<bool>()) {
        let _ = for_path(&s, Tier::ALL[tier], sandbox);
    }

    #[test]
    fn for_path_never_panics_on_path_like_strings(
        s in "(https?://[a-z.]{0,12})?(/open_api/v1\\.[0-9]{0,3}|/v2)?(/[a-z_é]{0,8}){0,4}/?([?#].{0,6})?",
        sandbox in any::<bool>(),
    ) {
        let l = for_path(&s, Tier::Basic, sandbox);
        if let Some(l) = l {
            prop_assert!(l.windows().count() > 0);
        }
    }
}
