//! `Decoder::new(api).decode_response(&http::Response)`: invariants of the result, and it equals
//! `Decoder::new(api).status(..).header(..)` given what the response carries.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: tiktok_errors_fuzz::Input<'_>| tiktok_errors_fuzz::http(input));
