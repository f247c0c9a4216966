//! cargo-fuzz target `boundary`: the JS API's conversions (what the wasm
//! layer calls) with JS-shaped input; the body is in `fuzz/targets.rs`,
//! shared with the regression replay in `tests/hardening.rs`.
#![no_main]

#[path = "../targets.rs"]
mod targets;

libfuzzer_sys::fuzz_target!(|data: &[u8]| targets::boundary(data));
