//! Differential: `TikTokResponse<T>` through the four serde entry points and `Decoder::decode_as`
//! agree with `decode` + `data_as` field for field, on every input.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: tiktok_errors_fuzz::Input<'_>| tiktok_errors_fuzz::typed(input));
