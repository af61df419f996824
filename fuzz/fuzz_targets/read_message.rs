//! `message::read_message` and `message::diagnose` on arbitrary text: never a panic, every
//! reported string a slice of the message, diagnoses few and explained.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| tiktok_errors_fuzz::message(text));
