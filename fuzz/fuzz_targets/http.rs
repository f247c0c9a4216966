//! cargo-fuzz target `http`: raw bytes as an HTTP/1.1 connection to the
//! demo server; the body is in `fuzz/http.rs`, shared with the regression
//! replay in `tests/hardening.rs` (with `--features demo`).
#![no_main]

#[path = "../targets.rs"]
mod targets;

libfuzzer_sys::fuzz_target!(|data: &[u8]| targets::http(data));
