//! The CLI's decode path as a library call, `decode_report(api, status, body)`: never panics,
//! always one JSON object that round-trips and agrees with the typed decoder.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: tiktok_errors_fuzz::CliInput<'_>| tiktok_errors_fuzz::cli(input));
