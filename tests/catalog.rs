//! The catalogue against independent references: the three seed documents, TikTok's official
//! SDK enum, and the TOML files in `codes/` read with the `toml` crate. Every check walks every
//! entry; nothing is sampled.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Debug;
use std::str::FromStr;

use serde::de::DeserializeOwned;
use serde::Serialize;
use tiktok_errors::{
    lookup, lookup_int, AdsCode, AdsDiagnosis, AnyCode, Api, BusinessMessagingCode, Category,
    ContentPostingCode, EntryKind, ErrorCode, OAuthCode, Retry, ShopCode, Wait, WireCode,
};

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

mod common;
use common::*;

// ---------------------------------------------------------------------------------------------
// Seeds
// ---------------------------------------------------------------------------------------------

#[test]
fn seed_000_counts() {
    let s = parse_seed_000();
    assert_eq!(
        s.numeric.len(),
        10,
        "numeric codes in seed 000: {:?}",
        s.numeric
    );
    assert_eq!(s.symbolic.len(), 90, "symbolic codes in seed 000");
    assert_eq!(s.numeric.len() + s.symbolic.len(), 100);
    let distinct: BTreeSet<_> = s.symbolic.iter().map(|(c, _)| c).collect();
    assert_eq!(distinct.len(), 90, "seed 000 repeats a symbolic code");
}

#[test]
fn seed_000_numeric_codes_are_ads_codes() {
    for (code, area) in parse_seed_000().numeric {
        assert_eq!(
            area, SEED_000_NUMERIC_AREA,
            "seed 000 files {code} under {area}"
        );
        let c = AdsCode::from_int(code)
            .unwrap_or_else(|| panic!("seed 000 code {code} is not an AdsCode"));
        assert_eq!(c.code(), WireCode::Int(code));
        assert!(
            c.provenance().seeds().contains("000"),
            "{c:?} is listed by seed 000 but its entry does not say so"
        );
    }
}

#[test]
fn seed_000_symbolic_codes_are_diagnoses_in_their_area() {
    for (code, area) in parse_seed_000().symbolic {
        let hits = lookup(&code);
        let diags: Vec<AdsDiagnosis> = hits
            .iter()
            .filter_map(|h| match h {
                AnyCode::AdsDiagnosis(d) => Some(*d),
                _ => None,
            })
            .collect();
        assert_eq!(
            diags.len(),
            1,
            "lookup({code:?}) = {hits:?}: expected one Ads diagnosis"
        );
        let d = diags[0];
        assert_eq!(d.code(), WireCode::Str(leak(&code)), "{d:?}");
        assert_eq!(AdsDiagnosis::from_code(&code), Some(d));
        assert_eq!(d.api(), Api::Ads);
        assert_eq!(d.entry().kind(), EntryKind::Diagnosis);
        let want = SEED_000_AREAS
            .iter()
            .find(|(name, _)| *name == area)
            .unwrap_or_else(|| panic!("seed 000 area {area:?} (for {code}) has no mapping"))
            .1;
        assert_eq!(d.category(), want, "{code}: seed area {area:?}");
        assert!(
            d.provenance().seeds().contains("000"),
            "{d:?} does not record seed 000"
        );
        // Case-insensitive cross-API lookup, as users type it.
        assert!(lookup(&code.to_lowercase()).contains(&AnyCode::AdsDiagnosis(d)));
    }
}

fn leak(s: &str) -> &'static str {
    Box::leak(s.to_owned().into_boxed_str())
}

#[test]
fn seed_001_codes_are_content_posting_codes() {
    let (codes, announced, per_section) = parse_seed_001();
    assert_eq!(
        codes.len(),
        25,
        "codes in seed 001: {:?}",
        codes.iter().map(|c| &c.code).collect::<Vec<_>>()
    );
    assert_eq!(announced, 25, "seed 001 headline");
    assert_eq!(
        per_section.values().sum::<usize>(),
        25,
        "seed 001 section totals: {per_section:?}"
    );
    for (section, n) in &per_section {
        let found = codes.iter().filter(|c| &c.section == section).count();
        assert_eq!(
            found, *n,
            "seed 001 section {section}: parsed {found}, announced {n}"
        );
    }
    let distinct: BTreeSet<_> = codes.iter().map(|c| &c.code).collect();
    assert_eq!(distinct.len(), 25, "seed 001 repeats a code");
    for pseudo in ["video duration", "file size", "too many requests"] {
        assert!(
            distinct.contains(&pseudo.to_owned()),
            "seed 001 pseudo-code {pseudo:?} not parsed"
        );
    }
    for c in &codes {
        let cp = ContentPostingCode::from_code(&c.code)
            .unwrap_or_else(|| panic!("seed 001 code {:?} is not a ContentPostingCode", c.code));
        assert!(
            lookup(&c.code).contains(&AnyCode::ContentPosting(cp)),
            "lookup({:?})",
            c.code
        );
        assert!(
            cp.provenance().seeds().contains("001"),
            "{cp:?} does not record seed 001"
        );
        if c.code.contains(' ') {
            // A pseudo-code is an alias of a real code, never a wire code of its own.
            assert!(
                cp.entry().aliases().contains(c.code.as_str()),
                "{:?} -> {cp:?}",
                c.code
            );
            assert_ne!(cp.code(), WireCode::Str(leak(&c.code)));
        } else {
            // A real code: its own wire code, or a documented spelling of one
            // (`invalid_params` for `invalid_param`).
            assert!(
                cp.code() == WireCode::Str(leak(&c.code))
                    || cp.entry().aliases().contains(c.code.as_str()),
                "{:?} -> {cp:?}",
                c.code
            );
        }
        // The seed's tags, read for what they can be trusted on.
        match c.tag {
            "retry" => assert!(
                matches!(cp.retry(), Retry::Transient | Retry::Throttled),
                "{cp:?}: seed says retry, catalogue says {}",
                cp.retry()
            ),
            "refresh-token" => assert!(
                matches!(cp.retry(), Retry::RefreshToken | Retry::Reauthorize),
                "{cp:?}: seed says refresh-token, catalogue says {}",
                cp.retry()
            ),
            _ => assert_ne!(
                cp.retry(),
                Retry::NotNeeded,
                "{cp:?}: a user error is a failure"
            ),
        }
    }
}

#[test]
fn seed_004_codes_are_business_messaging_codes() {
    let codes = parse_seed_004();
    assert_eq!(codes.len(), 8, "codes in seed 004: {codes:?}");
    for code in codes {
        let c = BusinessMessagingCode::from_int(code)
            .unwrap_or_else(|| panic!("seed 004 code {code} is not a BusinessMessagingCode"));
        assert_eq!(c.code(), WireCode::Int(code));
        assert!(
            c.provenance().seeds().contains("004"),
            "{c:?} does not record seed 004"
        );
        assert!(lookup_int(code).contains(&AnyCode::BusinessMessaging(c)));
    }
}

// ---------------------------------------------------------------------------------------------
// The official SDK enum
// ---------------------------------------------------------------------------------------------

/// TikTok's `NumericErrorCodes` (tiktok-business-api-sdk,
/// python_sdk/business_api_client/tiktok_business/tiktok_code.py), constant names without their
/// `ERROR_CODE_` prefix. The independent reference the Ads enum is checked against.
const SDK: &[(&str, i64)] = &[
    ("OK", 0),
    ("PARTIAL_OK", 20001),
    ("INVALID_PARAMS", 40000),
    ("PERMISSION_ERROR", 40001),
    ("PARAM_ERROR", 40002),
    ("FORBIDDEN", 40003),
    ("VERSION_ERROR", 40006),
    ("NOT_EXIST", 40007),
    ("NOT_IMPL", 40008),
    ("UNSUPPORTED_IN_SANDBOX", 40009),
    ("UNSUPPORTED_DOMAIN", 40010),
    ("ID_LIMIT_EXCEED", 40011),
    ("NO_UPDATE", 40012),
    ("SANDBOX_ADV_NOT_EXIST", 40013),
    ("INVALID_CLUSTER", 40014),
    ("BIZ_FC_ERROR", 40016),
    ("DUPLICATED_REQUEST", 40050),
    ("INVALID_API_VERSION", 40051),
    ("ACO_MATERIAL_EXIST", 40052),
    ("VIDEO_ID_INVALID_ERROR", 40053),
    ("INVALID_BATCH_SIZE", 40061),
    ("PII_NOT_HASHED", 40062),
    ("INVALID_PARTNER_NAME", 40063),
    ("REQUEST_TOO_FREQUENT", 40100),
    ("INVALID_PARTNER", 40101),
    ("ACCESS_TOKEN_EXPIRE", 40102),
    ("REFRESH_TOKEN_EXPIRE", 40103),
    ("EMPTY_ACCESS_TOKEN", 40104),
    ("INVALID_ACCESS_TOKEN", 40105),
    ("INVALID_CORE_USER", 40106),
    ("INVALID_REFRESH_TOKEN", 40107),
    ("INVALID_GRANT_TYPE", 40108),
    ("ERROR_AES_DECIPHER", 40109),
    ("AUTH_CODE_ERROR", 40110),
    ("PASSWORD_ERROR", 40112),
    ("APP_FORBIDDEN", 40113),
    ("ADVERTISER_LOGOUT", 40114),
    ("AUTH_TIMESTAMP_EXPIRE", 40115),
    ("AUTH_SIG_ERROR", 40116),
    ("APP_METHOD_FORBIDDEN", 40117),
    ("NOT_IN_WHITELIST", 40118),
    ("NOT_SAME_IDENTITY", 40119),
    ("TIKTOK_USER_NOT_LOGGED_IN", 40120),
    ("NOT_A_TCM_CREATOR", 40121),
    ("TCM_CREATOR_INVALID_COUNTRY", 40122),
    ("DEVELOPER_REJECTED", 40124),
    ("DEVELOPER_NO_PERMISSION", 40125),
    ("GARM_SINGLE_AUTH_FAILED", 40126),
    ("GARM_DOUBLE_AUTH_FAILED", 40127),
    ("GARM_SINGLE_VALIDATE_ERROR", 40128),
    ("GARM_DOUBLE_VALIDATE_ERROR", 40129),
    ("SCOPE_NOT_AUTHORIZED", 40130),
    ("SCOPE_TT_USER_OAUTH_FAILED", 40131),
    ("REQUEST_FREQUENCY_LIMITED", 40132),
    ("INTERFACE_OFFLINE", 41001),
    ("FIELDS_OFFLINE", 41002),
    ("SITE_TO_VIDEO_SERVICE_ERROR", 41013),
    ("GENERAL_TASK_ERROR", 40200),
    ("TASK_NOT_READY", 40201),
    ("WRITE_CONFLICT", 40202),
    ("ADVERTISER_NOT_EXIST", 40300),
    ("ADVERTISER_ROLE_ERROR", 40301),
    ("CUSTOMER_ADVERTISER_NOT_EXIST", 40302),
    ("REQUIRE_LOGIN", 40309),
    ("ROUTE_NOT_FOUND", 40400),
    ("AD_NUMBER_LIMIT", 40502),
    ("RPC_VALIDATION_ERROR", 40700),
    ("SIGNATURE_ERROR", 40900),
    ("VIDEO_TRANSCODING", 40901),
    ("URL_FETCH_TIMEOUT", 40902),
    ("URL_UNAVAILABLE", 40903),
    ("IMAGE_ILLEGAL_CONTENT", 40904),
    ("FILE_NOT_EXIST", 40905),
    ("FILE_EMPTY", 40906),
    ("FILE_TOO_LARGE", 40907),
    ("FILE_TYPE_ERROR", 40908),
    ("FILE_CALCULATE_TYPE_ERROR", 40909),
    ("FILE_EXPIRED", 40910),
    ("DUPLICATED_MATERIAL_NAME", 40911),
    ("IMAGE_UNAVAILABLE", 40912),
    ("IMAGE_FETCH_TIMEOUT", 40913),
    ("URL_FETCH_ERROR", 40914),
    ("FILE_UPLOAD_INVALID", 40915),
    ("VIDEO_ILLEGAL_CONTENT", 40916),
    ("BLOCKED", 41000),
    ("SYS_ERROR", 50000),
    ("SYS_TIMEOUT", 50002),
    ("RPC_ERROR", 51000),
    ("STATISTICS_ERROR", 51001),
    ("BUILD_STONE_ERROR", 51002),
    ("DMP_ERROR", 51003),
    ("LEGO_SERVICE_ERROR", 51004),
    ("SMART_PLAYER_ERROR", 51005),
    ("JUPITER_ERROR", 51006),
    ("OVERTURE_STAT_CENTRAL_ERROR", 51007),
    ("ADVERTISER_ERROR", 51008),
    ("DPA_ERROR", 51009),
    ("INTERNAL_TIME_OUT", 51010),
    ("SEARCH_ERROR", 51011),
    ("PIXEL_ERROR", 51012),
    ("LEGO_SERVICE_SYNC_ERROR", 51014),
    ("GRANTING_SERVICE_ERROR", 51015),
    ("ACCOUNT_ERROR", 51016),
    ("VIDEO_TRANSCODE_SERVICE_ERROR", 51017),
    ("AGENT_SERVICE_ERROR", 51018),
    ("IMAGE_CUT_ERROR", 51019),
    ("ORDER_CENTER_SERVICE_ERROR", 51020),
    ("USER_PASSPORT_SERVICE_ERROR", 51030),
    ("PLATFORM_ACCOUNT_SERVICE_ERROR", 51031),
    ("PLAYABLE_SERVICE_ERROR", 51032),
    ("TOOLBOX_ERROR", 51033),
    ("AD_MACHINE_AUDIT_ZEPHYR", 51034),
    ("SATELLITE_ERROR", 51035),
    ("TETRIS_ERROR", 51036),
    ("ASYNC_TASK_ERROR", 51037),
    ("UNION_TREASURE_BOX_ERROR", 51038),
    ("AUTH_SERVICE_ERROR", 51039),
    ("ADVERTISER_INFO_ERROR", 51040),
    ("AD_GARM_SERVICE_ERROR", 51041),
    ("LEGO_BUSINESS_SERVICE_ERROR", 51042),
    ("CREATIVE_PLATFORM_SERVICE_ERROR", 51043),
    ("DPA_PLATFORM_ERROR", 51044),
    ("AD_FILE_SERVICE_ERROR", 51045),
    ("SIRIUS_SERVICE_ERROR", 51046),
    ("SUBSCRIPTION_ERROR", 51047),
    ("ADS_PREVIEW_ERROR", 51048),
    ("DPA_RENDER_GATEWAY_ERROR", 51049),
    ("MEASUREMENT_STONE_ERROR", 51050),
    ("MANUAL_REVIEW_ERROR", 51051),
    ("OPTIMIZER_ERROR", 51052),
    ("DPA_CATALOG_BUSINESS_ERROR", 51053),
    ("CRM_ERROR", 51054),
    ("GCRM_ERROR", 51055),
    ("ADVERTISER_ACCOUNT_SERVICE_ERROR", 51056),
    ("APP_ERROR", 51057),
    ("POSTER_SERVICE_ERROR", 51058),
    ("CONFIG_SERVICE_ERROR", 51059),
    ("BC_RPC_ERROR", 51060),
    ("BM_SERVICE_ERROR", 51061),
    ("IMAGEX_SERVICE_ERROR", 51062),
    ("SEGMENT_GATEWAY_SERVICE_ERROR", 51063),
    ("ECO_GAME_MANAGER_SERVICE_ERROR", 51064),
    ("TTOP_SERVICE_ERROR", 51065),
    ("SUGGESTION_ENGINE_SERVICE_ERROR", 51066),
    ("VIDEOARCH_SERVICE_ERROR", 51067),
    ("STATISTICS_NEW_ERROR", 51099),
    ("DB_ERROR", 52000),
    ("DB_READ_ERROR", 52001),
    ("DB_WRITE_ERROR", 52002),
    ("DB_PARTITION_ERROR", 52003),
    ("RDS_ERROR", 52100),
    ("RDS_READ_ERROR", 52101),
    ("RDS_WRITE_ERROR", 52102),
    ("RDS_TIMEOUT_ERROR", 52103),
    ("TOS_ERROR", 52201),
    ("TOS_UPLOAD_TIMEOUT", 52202),
    ("TOS_HEAD_OBJECT", 52203),
    ("TOS_PUT_OBJECT", 52204),
    ("DESERIALIZATION_ERROR", 53102),
    ("SERIALIZATION_ERROR", 53103),
    ("MAINTENANCE", 60001),
    ("TOO_MANY_REQUESTS_BL", 61000),
    ("INVALID_BIZ_AUTH_TYPE", 70001),
];

#[test]
fn sdk_table_is_complete_and_distinct() {
    assert_eq!(SDK.len(), 163);
    let names: BTreeSet<_> = SDK.iter().map(|(n, _)| n).collect();
    let codes: BTreeSet<_> = SDK.iter().map(|(_, c)| c).collect();
    assert_eq!((names.len(), codes.len()), (163, 163));
}

#[test]
fn every_sdk_code_is_a_verified_ads_code_under_its_sdk_name() {
    for &(name, code) in SDK {
        let by_int = AdsCode::from_int(code)
            .unwrap_or_else(|| panic!("SDK {name} = {code} is not an AdsCode"));
        assert_eq!(
            AdsCode::from_code(name),
            Some(by_int),
            "SDK name {name} does not resolve to {code}"
        );
        assert!(
            by_int.entry().aliases().contains(name),
            "{by_int:?} lacks the alias {name}"
        );
        assert_eq!(by_int.code(), WireCode::Int(code));
        assert!(
            by_int.provenance().verified(),
            "{by_int:?} ({code}) is in TikTok's SDK but its evidence is {}",
            by_int.provenance().evidence().as_str()
        );
        assert!(
            lookup(name).contains(&AnyCode::Ads(by_int)),
            "lookup({name})"
        );
    }
}

#[test]
fn ads_codes_outside_the_sdk_are_not_claimed_official_name() {
    // `official_name` means "TikTok's SDK names it": a code the SDK lacks cannot have it.
    let sdk: BTreeSet<i64> = SDK.iter().map(|(_, c)| *c).collect();
    for &c in AdsCode::ALL {
        let WireCode::Int(i) = c.code() else {
            panic!("{c:?} has a string code")
        };
        if !sdk.contains(&i) {
            assert_ne!(
                c.provenance().evidence().as_str(),
                "official_name",
                "{c:?} ({i}) is not in the SDK enum"
            );
        }
    }
}

#[test]
fn key_ads_retry_classes() {
    let get = |c| AdsCode::from_int(c).unwrap_or_else(|| panic!("{c} missing"));
    assert_eq!(get(40100).retry(), Retry::Throttled);
    assert_eq!(get(40100).category(), Category::RateLimit);
    assert_eq!(get(40105).retry(), Retry::RefreshToken);
    assert_eq!(get(50000).retry(), Retry::Transient);
    assert_eq!(get(50002).retry(), Retry::Transient);
    let c = get(40001);
    assert!(
        !matches!(c.retry(), Retry::RefreshToken | Retry::Reauthorize),
        "40001: {}",
        c.retry()
    );
    assert_ne!(c.category(), Category::Authentication);
    // The seed decoder's readings are the dangerous ones: 40002 is not a token problem.
    assert_ne!(get(40002).retry(), Retry::RefreshToken);
    assert_eq!(get(0).retry(), Retry::NotNeeded);
    assert_eq!(get(0).category(), Category::Success);
}

// ---------------------------------------------------------------------------------------------
// Every variant of every family
// ---------------------------------------------------------------------------------------------

fn wire_text(w: WireCode) -> String {
    w.to_string()
}

fn check_family<C>()
where
    C: ErrorCode + Serialize + DeserializeOwned + FromStr + Debug,
    <C as FromStr>::Err: Debug,
{
    let all = C::ALL;
    assert!(!all.is_empty(), "{} has no codes", C::API);
    let distinct: BTreeSet<C> = all.iter().copied().collect();
    assert_eq!(
        distinct.len(),
        all.len(),
        "{}: ALL repeats a variant",
        C::API
    );
    for &c in all {
        let e = c.entry();
        let what = format!("{} {c:?}", C::API);
        // Metadata is aligned with the variant.
        assert_eq!(
            c.name(),
            format!("{c:?}"),
            "{what}: entry name is another variant's"
        );
        assert_eq!(c.api(), C::API);
        assert_eq!(e.api(), C::API, "{what}");
        assert!(std::ptr::eq(e, c.entry()));
        for (field, v) in [
            ("title", c.title()),
            ("description", c.description()),
            ("fix", c.fix()),
            ("name", c.name()),
        ] {
            assert!(!v.trim().is_empty(), "{what}: empty {field}");
            assert_eq!(v, v.trim(), "{what}: {field} has surrounding white space");
        }
        assert!(!c.title().contains('\n'), "{what}: multi-line title");
        assert!(
            !c.title().ends_with('.'),
            "{what}: title ends with a period"
        );
        assert_ne!(c.retry(), Retry::Unknown, "{what}");
        assert_ne!(c.category(), Category::Unknown, "{what}");
        let p = c.provenance();
        assert!(!p.sources().is_empty(), "{what}: no source");
        for s in p.sources() {
            assert!(
                s.starts_with("https://") && s.len() > "https://".len(),
                "{what}: source {s:?}"
            );
        }
        for s in p.seeds() {
            assert!(["000", "001", "004"].contains(&s), "{what}: seed {s:?}");
        }
        for d in p.disagreements() {
            assert!(
                !d.source().trim().is_empty() && !d.says().trim().is_empty(),
                "{what}"
            );
        }
        if let Some(status) = c.http_status() {
            assert!((100..=599).contains(&status), "{what}: HTTP {status}");
            assert_eq!(e.http_statuses().first(), Some(&status));
        }
        if let Some(w) = c.wait() {
            // A window only makes sense for codes that are resent unchanged.
            assert!(
                matches!(c.retry(), Retry::Throttled | Retry::Transient),
                "{what}: a wait window on a code whose retry class is {}",
                c.retry()
            );
            if let Wait::Seconds(s) = w {
                assert!(s > 0, "{what}");
            }
        }

        // Lookups round-trip.
        let text = wire_text(c.code());
        assert_eq!(C::from_code(&text), Some(c), "{what}: from_code({text:?})");
        assert_eq!(text.parse::<C>().ok(), Some(c), "{what}: parse({text:?})");
        assert_eq!(
            format!(" {text}\t").parse::<C>().ok(),
            Some(c),
            "{what}: parse trims"
        );
        assert!(
            lookup(&text).contains(&c.into()),
            "{what}: lookup({text:?})"
        );
        assert!(
            lookup(&text.to_uppercase()).contains(&c.into()),
            "{what}: lookup is case-insensitive"
        );
        match c.code() {
            WireCode::Int(i) => {
                assert_eq!(C::from_int(i), Some(c), "{what}: from_int({i})");
                assert!(lookup_int(i).contains(&c.into()), "{what}: lookup_int({i})");
            }
            WireCode::Str(s) => {
                assert!(
                    C::from_int(0).is_none() && C::from_int(40100).is_none(),
                    "{what}"
                );
                assert!(s.parse::<i64>().is_err(), "{what}: numeric string code");
            }
        }
        for alias in e.aliases() {
            assert_eq!(C::from_code(alias), Some(c), "{what}: alias {alias:?}");
            assert_eq!(
                alias.parse::<C>().ok(),
                Some(c),
                "{what}: parse alias {alias:?}"
            );
            assert!(
                lookup(alias).contains(&c.into()),
                "{what}: lookup(alias {alias:?})"
            );
            assert!(
                lookup(&alias.to_lowercase()).contains(&c.into()),
                "{what}: lookup(lower {alias:?})"
            );
            assert_ne!(alias, text, "{what}: alias repeats the code");
        }
        // AnyCode agrees.
        let any: AnyCode = c.into();
        assert!(std::ptr::eq(any.entry(), e), "{what}: AnyCode entry");
        assert_eq!(any.api(), C::API);
        let shown = any.to_string();
        assert!(
            shown.contains(&text) && shown.contains(c.title()),
            "{what}: AnyCode shows {shown:?}"
        );
        assert_eq!(c.to_string(), format!("{text} ({})", c.title()));

        // Serde: the wire code, and back (from the number, the string and every alias).
        let json = serde_json::to_string(&c).expect("serialize");
        let want = match c.code() {
            WireCode::Int(i) => i.to_string(),
            WireCode::Str(s) => serde_json::to_string(s).expect("string"),
        };
        assert_eq!(json, want, "{what}: serialized");
        assert_eq!(
            serde_json::from_str::<C>(&json).expect("deserialize"),
            c,
            "{what}"
        );
        let quoted = serde_json::to_string(&text).expect("string");
        assert_eq!(
            serde_json::from_str::<C>(&quoted).ok(),
            Some(c),
            "{what}: from {quoted}"
        );
        for alias in e.aliases() {
            let quoted = serde_json::to_string(&alias).expect("string");
            assert_eq!(
                serde_json::from_str::<C>(&quoted).ok(),
                Some(c),
                "{what}: from alias {quoted}"
            );
        }
    }
    // Unknown codes are rejected, not mapped to something.
    assert!(C::from_code("definitely_not_a_code").is_none());
    assert!("definitely_not_a_code".parse::<C>().is_err());
    assert!(serde_json::from_str::<C>("\"definitely_not_a_code\"").is_err());
    assert!(serde_json::from_str::<C>("987654321").is_err());
    assert!(serde_json::from_str::<C>("true").is_err());
}

#[test]
fn every_ads_code() {
    check_family::<AdsCode>();
    for &c in AdsCode::ALL {
        assert_eq!(c.entry().kind(), EntryKind::Code);
        assert!(matches!(c.code(), WireCode::Int(_)));
        assert_eq!(c.entry().carried_by_codes(), &[] as &[i64]);
        assert_eq!(c.entry().carried_by().count(), 0);
    }
}

#[test]
fn every_ads_diagnosis() {
    check_family::<AdsDiagnosis>();
    for &d in AdsDiagnosis::ALL {
        let e = d.entry();
        assert_eq!(e.kind(), EntryKind::Diagnosis);
        assert!(matches!(d.code(), WireCode::Str(_)));
        // A diagnosis keeps the business area it was filed under, never a kind of failure.
        assert!(
            SEED_000_AREAS.iter().any(|(_, c)| *c == d.category()),
            "{d:?}: category {} is not a business area",
            d.category()
        );
        let carried: Vec<AdsCode> = e.carried_by().collect();
        assert_eq!(
            carried.len(),
            e.carried_by_codes().len(),
            "{d:?}: a carried-by code is not an AdsCode"
        );
        for (c, raw) in carried.iter().zip(e.carried_by_codes()) {
            assert_eq!(c.code(), WireCode::Int(*raw));
            assert_ne!(
                c.retry(),
                Retry::NotNeeded,
                "{d:?} is carried by the success code {raw}"
            );
        }
        // AnyCode shows a diagnosis as a diagnosis.
        assert!(
            AnyCode::AdsDiagnosis(d)
                .to_string()
                .starts_with("Ads diagnosis "),
            "{d:?}"
        );
    }
}

#[test]
fn every_content_posting_code() {
    check_family::<ContentPostingCode>();
    for &c in ContentPostingCode::ALL {
        let ch = c.entry().channels();
        assert!(
            ch.error_code() || ch.fail_reason(),
            "{c:?} is on no channel"
        );
        assert!(matches!(c.code(), WireCode::Str(_)));
    }
}

#[test]
fn every_business_messaging_code() {
    check_family::<BusinessMessagingCode>();
    for &c in BusinessMessagingCode::ALL {
        assert!(matches!(c.code(), WireCode::Int(_)));
    }
}

#[test]
fn every_oauth_code() {
    check_family::<OAuthCode>();
    for &c in OAuthCode::ALL {
        assert!(matches!(c.code(), WireCode::Str(_)));
    }
}

#[test]
fn every_shop_code() {
    check_family::<ShopCode>();
    for &c in ShopCode::ALL {
        assert!(matches!(c.code(), WireCode::Int(_)));
    }
}

#[test]
fn channels_only_on_content_posting() {
    for any in AnyCode::all() {
        let ch = any.entry().channels();
        if !matches!(any, AnyCode::ContentPosting(_)) {
            assert!(
                !ch.error_code() && !ch.fail_reason(),
                "{any:?} has Content Posting channels"
            );
        }
    }
}

#[test]
fn content_posting_channels() {
    let get = |s| ContentPostingCode::from_code(s).unwrap_or_else(|| panic!("{s} missing"));
    let ch = |s| {
        let c = get(s).entry().channels();
        (c.error_code(), c.fail_reason())
    };
    assert_eq!(
        ch("internal"),
        (false, true),
        "internal is a fail_reason only"
    );
    assert_eq!(
        ch("internal_error"),
        (true, false),
        "internal_error is an error.code only"
    );
    assert_eq!(ch("spam_risk_too_many_posts"), (true, true));
    assert_ne!(get("internal"), get("internal_error"));
    assert_eq!(get("internal").retry(), Retry::Transient);
    assert_eq!(get("internal_error").retry(), Retry::Transient);
}

#[test]
fn seed_conflicts_are_recorded() {
    for code in [40001, 40002, 40003, 40100, 40300, 40400] {
        let c = AdsCode::from_int(code).unwrap_or_else(|| panic!("{code} missing"));
        assert!(
            !c.provenance().disagreements().is_empty(),
            "{code}: the seed decoder reads it differently, but no disagreement is recorded"
        );
    }
    let scope =
        ContentPostingCode::from_code("scope_not_authorized").expect("scope_not_authorized");
    assert_eq!(
        scope.retry(),
        Retry::Reauthorize,
        "a refreshed token carries the same scopes"
    );
    assert!(
        !scope.provenance().disagreements().is_empty(),
        "seed 001 calls it refresh-token"
    );
}

#[test]
fn any_code_all_covers_every_family_in_order() {
    let all: Vec<AnyCode> = AnyCode::all().collect();
    let n = AdsCode::ALL.len()
        + AdsDiagnosis::ALL.len()
        + ContentPostingCode::ALL.len()
        + BusinessMessagingCode::ALL.len()
        + OAuthCode::ALL.len()
        + ShopCode::ALL.len();
    assert_eq!(all.len(), n);
    assert_eq!(
        all.iter().collect::<BTreeSet<_>>().len(),
        n,
        "AnyCode::all repeats an entry"
    );
    let apis: Vec<Api> = all.iter().map(|a| a.api()).collect();
    let mut sorted = apis.clone();
    sorted.dedup();
    assert_eq!(
        sorted,
        [
            Api::Ads,
            Api::ContentPosting,
            Api::BusinessMessaging,
            Api::OAuth,
            Api::Shop
        ]
    );
}

// ---------------------------------------------------------------------------------------------
// The generated catalogue against codes/*.toml, read independently
// ---------------------------------------------------------------------------------------------

struct TomlFamily {
    api: String,
    entries: Vec<toml::Table>,
}

fn toml_family(stem: &str) -> TomlFamily {
    let text = read(&manifest_dir().join("codes").join(format!("{stem}.toml")));
    let mut t: toml::Table =
        toml::from_str(&text).unwrap_or_else(|e| panic!("codes/{stem}.toml: {e}"));
    let api = t["family"]["api"]
        .as_str()
        .expect("[family] api")
        .to_owned();
    let entries = match t.remove("code") {
        Some(toml::Value::Array(a)) => a
            .into_iter()
            .map(|v| match v {
                toml::Value::Table(t) => t,
                other => panic!("codes/{stem}.toml: [[code]] is {other:?}"),
            })
            .collect(),
        other => panic!("codes/{stem}.toml: no [[code]] array ({other:?})"),
    };
    // `[[block]]`: the block's description follows the entry's own; its fix serves an entry
    // without one (codes/README.md, "Blocks").
    let blocks = match t.remove("block") {
        Some(toml::Value::Array(a)) => a,
        _ => Vec::new(),
    };
    let mut entries: Vec<toml::Table> = entries;
    for e in &mut entries {
        let Some(code) = e.get("code").and_then(toml::Value::as_integer) else {
            continue;
        };
        let block = blocks.iter().find(|b| {
            (b["from"].as_integer().unwrap()..=b["to"].as_integer().unwrap()).contains(&code)
        });
        if let Some(b) = block {
            let own = text_field(e, "description").to_owned();
            let shared = b["description"].as_str().unwrap();
            e.insert("description".into(), format!("{own}\n\n{shared}").into());
            if !e.contains_key("fix") {
                e.insert("fix".into(), b["fix"].clone());
            }
        }
    }
    TomlFamily { api, entries }
}

fn strs(t: &toml::Table, key: &str) -> Vec<String> {
    t.get(key)
        .and_then(toml::Value::as_array)
        .map(|a| {
            a.iter()
                .map(|v| v.as_str().expect("string").to_owned())
                .collect()
        })
        .unwrap_or_default()
}

fn ints(t: &toml::Table, key: &str) -> Vec<i64> {
    t.get(key)
        .and_then(toml::Value::as_array)
        .map(|a| a.iter().map(|v| v.as_integer().expect("integer")).collect())
        .unwrap_or_default()
}

/// Text with white space folded: build.rs reflows hand-wrapped lines.
fn words(s: &str) -> Vec<&str> {
    s.split_whitespace().collect()
}

fn text_field<'a>(t: &'a toml::Table, key: &str) -> &'a str {
    t.get(key)
        .and_then(toml::Value::as_str)
        .unwrap_or_else(|| panic!("no {key} in {t:?}"))
        .trim()
}

fn toml_wait(s: &str) -> Wait {
    if s == "utc_midnight" {
        return Wait::UntilUtcMidnight;
    }
    let (n, unit) = s.split_at(s.len() - 1);
    let n: u32 = n.parse().expect("wait number");
    Wait::Seconds(
        n * match unit {
            "s" => 1,
            "m" => 60,
            "h" => 3600,
            _ => panic!("wait {s}"),
        },
    )
}

/// Compares each generated entry with its TOML block, field by field, in file order.
fn compare_with_toml<C: ErrorCode + Debug>(stem: &str) -> TomlFamily {
    let fam = toml_family(stem);
    assert_eq!(
        C::ALL.len(),
        fam.entries.len(),
        "{stem}: generated {} entries, TOML has {}",
        C::ALL.len(),
        fam.entries.len()
    );
    for (&c, t) in C::ALL.iter().zip(&fam.entries) {
        let e = c.entry();
        let at = format!("codes/{stem}.toml {c:?}");
        let code = match &t["code"] {
            toml::Value::Integer(i) => WireCode::Int(*i),
            toml::Value::String(s) => WireCode::Str(leak(s)),
            other => panic!("{at}: code {other:?}"),
        };
        assert_eq!(c.code(), code, "{at}");
        assert_eq!(c.name(), text_field(t, "name"), "{at}");
        assert_eq!(e.aliases().collect::<Vec<_>>(), strs(t, "aliases"), "{at}");
        assert_eq!(words(c.title()), words(text_field(t, "title")), "{at}");
        assert_eq!(
            words(c.description()),
            words(text_field(t, "description")),
            "{at}"
        );
        assert_eq!(words(c.fix()), words(text_field(t, "fix")), "{at}");
        assert_eq!(c.category().as_str(), text_field(t, "category"), "{at}");
        assert_eq!(c.retry().as_str(), text_field(t, "retry"), "{at}");
        assert_eq!(
            c.provenance().evidence().as_str(),
            text_field(t, "evidence"),
            "{at}"
        );
        assert_eq!(
            c.provenance().sources().collect::<Vec<_>>(),
            strs(t, "sources"),
            "{at}"
        );
        assert_eq!(
            c.provenance().seeds().collect::<Vec<_>>(),
            strs(t, "seeds"),
            "{at}"
        );
        assert_eq!(
            c.provenance().note().map(words),
            t.get("note").and_then(|n| n.as_str()).map(words),
            "{at}"
        );
        assert_eq!(
            c.wait(),
            t.get("wait").and_then(|w| w.as_str()).map(toml_wait),
            "{at}"
        );
        let http: Vec<i64> = e.http_statuses().iter().map(|s| i64::from(*s)).collect();
        assert_eq!(http, ints(t, "http_status"), "{at}");
        assert_eq!(e.carried_by_codes(), ints(t, "wire_codes"), "{at}");
        let channels = strs(t, "channels");
        assert_eq!(
            e.channels().error_code(),
            channels.iter().any(|c| c == "error_code"),
            "{at}"
        );
        assert_eq!(
            e.channels().fail_reason(),
            channels.iter().any(|c| c == "fail_reason"),
            "{at}"
        );
        let disagreements = t
            .get("disagreements")
            .and_then(|d| d.as_array())
            .map_or(0, Vec::len);
        assert_eq!(c.provenance().disagreements().len(), disagreements, "{at}");
    }
    fam
}

#[test]
fn catalogue_matches_toml_counts_and_fields() {
    let families = [
        ("ads", compare_with_toml::<AdsCode>("ads")),
        (
            "ads_diagnoses",
            compare_with_toml::<AdsDiagnosis>("ads_diagnoses"),
        ),
        (
            "content_posting",
            compare_with_toml::<ContentPostingCode>("content_posting"),
        ),
        (
            "business_messaging",
            compare_with_toml::<BusinessMessagingCode>("business_messaging"),
        ),
        ("oauth", compare_with_toml::<OAuthCode>("oauth")),
        ("shop", compare_with_toml::<ShopCode>("shop")),
    ];
    // Per API (diagnoses belong to Ads).
    let mut want_api: BTreeMap<String, usize> = BTreeMap::new();
    let mut want_cat: BTreeMap<String, usize> = BTreeMap::new();
    let mut want_retry: BTreeMap<String, usize> = BTreeMap::new();
    for (stem, f) in &families {
        let api = if f.api == "ads-diagnosis" {
            "ads".to_owned()
        } else {
            f.api.clone()
        };
        assert!(!f.entries.is_empty(), "codes/{stem}.toml");
        *want_api.entry(api).or_default() += f.entries.len();
        for t in &f.entries {
            *want_cat
                .entry(text_field(t, "category").to_owned())
                .or_default() += 1;
            *want_retry
                .entry(text_field(t, "retry").to_owned())
                .or_default() += 1;
        }
    }
    let mut got_api: BTreeMap<String, usize> = BTreeMap::new();
    let mut got_cat: BTreeMap<String, usize> = BTreeMap::new();
    let mut got_retry: BTreeMap<String, usize> = BTreeMap::new();
    for any in AnyCode::all() {
        *got_api.entry(any.api().as_str().to_owned()).or_default() += 1;
        *got_cat
            .entry(any.entry().category().as_str().to_owned())
            .or_default() += 1;
        *got_retry
            .entry(any.entry().retry().as_str().to_owned())
            .or_default() += 1;
    }
    assert_eq!(got_api, want_api, "entries per API");
    assert_eq!(got_cat, want_cat, "entries per category");
    assert_eq!(got_retry, want_retry, "entries per retry class");
    // Every category string of the TOML is a `Category` the crate can parse back.
    for cat in want_cat.keys() {
        let parsed: Category = cat.parse().unwrap_or_else(|_| panic!("category {cat}"));
        assert_eq!(parsed.as_str(), cat);
    }
}
