//! `decode(api, body)` and `Decoder::new(api).status(..).header(..).decode(body)`, for every
//! family: invariants of each result, and the entry points agree with one another.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: tiktok_errors_fuzz::Input<'_>| tiktok_errors_fuzz::explicit(input));
