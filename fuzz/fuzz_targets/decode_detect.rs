//! `Decoder::detect().decode(body)` and `Decoder::detect()`: invariants of each result, and detection
//! agrees with decoding as the family it detected.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: tiktok_errors_fuzz::DetectInput<'_>| tiktok_errors_fuzz::detect(input));
