//! cargo-fuzz target `send_steps`; the body is in `fuzz/targets.rs`, shared with
//! the regression replay in `tests/hardening.rs`.
#![no_main]

#[path = "../targets.rs"]
mod targets;

libfuzzer_sys::fuzz_target!(|data: &[u8]| targets::send_steps(data));
