//! fieldnote: validate form payloads with JSON Schema, and turn server error
//! responses into what a person needs — the same sentences in the browser
//! (via WebAssembly) and on a Rust server.
//!
//! This file is the map of the crate. Data flows one way:
//! input → parse → normalized model → messages → output.
//!
//! Reading responses:
//! - [`http`]: the input — a response, its headers, the request behind it.
//! - [`dialects`]: error bodies in every dialect → one [`dialects::ErrorBody`].
//! - [`envelope`]: the spec's `{"error":{code,message,details}}`, read and written.
//! - [`status`]: what a status or error code means ([`Category`], [`Action`]).
//! - [`retry`]: `Retry-After`, rate-limit headers, exponential backoff.
//! - [`token`]: JWT expiry and `WWW-Authenticate` challenges.
//! - [`report`]: support reports, with credentials redacted.
//! - [`normalize()`]: all of the above → [`Normalized`].
//! - [`send`]: when to retry, wait or refresh the token after an attempt.
//! - [`plan`]: a result → what a form shows (error summary, inline
//!   messages, title, focus, sign-in / countdown / support panels).
//!
//! Validating payloads (features `validator`, and `compiler` to compile at
//! run time; reading responses is feature `errors`; all three by default):
//! - [`schema`]: JSON Schema (2020-12, 2019-09, draft-07) compiled once, run many times.
//! - [`format`](mod@format): the JSON Schema `format` checks (dates, hosts, URIs, …).
//!
//! Shared pieces:
//! - [`json`]: a small JSON reader (tape of borrowed nodes) and writer.
//! - [`paths`]: field paths in every syntax → one canonical dotted form.
//! - [`messages`]: every sentence shown to people, as per-locale data.
//! - [`time`]: HTTP dates and ISO 8601 without a clock.
//! - [`regex`]: ECMA-262 patterns (`pattern`, `format: "regex"`), ReDoS-proof.
//! - [`unicode`]: Unicode properties by ECMA-262 name (`\p{…}`, IDN checks).
//! - `base64`: one decoder for JWT payloads and `contentEncoding`.
//!
//! The JavaScript API:
//! - `wasm`: the wasm-bindgen layers, one per job; they only move values across.
//! - `js` (hidden): the JS API's conversions as plain Rust (what `wasm` calls;
//!   fuzzed natively by the `boundary` target).
//!
//! Rust servers (features `serde` and `axum`, native only):
//! - [`serve`]: serde for values and results, an axum extractor and the
//!   spec's error responses.

#![forbid(unsafe_code)]
// The release wasm build (`.ci/build`, nightly) sets `fieldnote_speed`: the
// validator's hot loops are then optimized for speed in a size-optimized binary.
#![cfg_attr(fieldnote_speed, feature(optimize_attribute))]
#![warn(missing_docs)]
// A panic in wasm poisons the module for the whole page: outside tests, no
// construct that can panic on bad input is allowed.
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing,
        clippy::unreachable,
        clippy::todo,
        clippy::unimplemented
    )
)]

mod base64;
#[cfg(feature = "errors")]
pub mod dialects;
pub mod envelope;
#[cfg(feature = "validator")]
pub mod format;
#[cfg(feature = "errors")]
pub mod http;
pub mod json;
pub mod messages;
#[cfg(feature = "errors")]
pub mod normalize;
pub mod paths;
#[cfg(feature = "errors")]
pub mod plan;
#[cfg(feature = "validator")]
pub mod regex;
#[cfg(feature = "errors")]
pub mod report;
#[cfg(feature = "errors")]
pub mod retry;
#[cfg(feature = "validator")]
pub mod schema;
#[cfg(feature = "errors")]
pub mod send;
#[cfg(feature = "errors")]
pub mod status;
pub mod time;
#[cfg(feature = "errors")]
pub mod token;
pub mod unicode;

/// The JS API's conversions as plain Rust (what `wasm` calls; fuzzed natively).
#[doc(hidden)]
#[path = "wasm/js.rs"]
pub mod js;
#[cfg(target_arch = "wasm32")]
pub mod wasm;

// The wasm heap. Talc is smaller than Rust's default wasm allocator
// (dlmalloc) and faster at the many small allocations a validation makes.
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
#[global_allocator]
static HEAP: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

/// The README's Rust examples, compiled and run as doc tests (the axum one
/// needs its feature: `cargo test --features serde,axum`, as `make test` runs).
#[cfg(all(doctest, feature = "axum"))]
#[doc = include_str!("../README.md")]
pub struct ReadmeExamples;

// Rust-server integrations: features `serde` and `axum`, never in wasm.
#[cfg(all(feature = "serde", not(target_arch = "wasm32")))]
pub mod serve;

#[cfg(feature = "errors")]
pub use http::{Headers, Request, Response};
#[cfg(feature = "errors")]
pub use normalize::{normalize, Normalized, Options as NormalizeOptions, Retry};
#[cfg(feature = "errors")]
pub use status::{Action, Category};
