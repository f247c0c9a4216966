//! The wasm-bindgen layers: convert JS values to and from the core's types
//! and nothing more. Values cross as JSON text (one `JSON.stringify` in,
//! one `JSON.parse` out): V8 and SpiderMonkey do that faster than walking
//! objects property by property across the boundary, and it keeps the
//! binaries small.
//!
//! One crate, several WebAssembly modules: the Cargo features choose what a
//! build exports, so a page downloads only the job it does.
//! - [`errors`] (feature `errors`): reading server responses — `normalize`,
//!   `send`'s steps, render plans, form errors, tokens, backoff, paths.
//! - [`validator`] (feature `validator`): running compiled schemas, from a
//!   program image made ahead of time or (feature `compiler`) from a schema.
//! - this file: what every module needs (start-up, locales, conversions).
//!
//! What the conversions compute (JSON text in, JSON text or a sentence out)
//! is in `crate::js` (`src/wasm/js.rs`), plain Rust that also builds
//! natively, so the `boundary` fuzz target runs it; these files only move
//! values across and turn error sentences into `Error`s.

use wasm_bindgen::prelude::*;

#[cfg(feature = "errors")]
mod errors;
mod unicode;
#[cfg(feature = "validator")]
mod validator;

#[cfg(feature = "errors")]
pub use errors::*;
#[cfg(feature = "validator")]
pub use validator::*;

/// Runs when the module is instantiated: Unicode property data comes from
/// the JS engine (no tables in the binary).
#[wasm_bindgen(start)]
fn start() {
    crate::unicode::set_backend(&unicode::HOST);
}

pub(crate) fn js_err(what: &str) -> JsError {
    JsError::new(what)
}

/// The conversions' errors are JS `Error`s made where the sentence is.
impl crate::js::Fail for JsError {
    fn fail(parts: &[&str]) -> JsError {
        js_err(&parts.concat())
    }
}

/// Adds a locale's messages (the JSON text of a catalog); returns its tag.
#[wasm_bindgen(js_name = registerLocale)]
pub fn register_locale(catalog_json: &str) -> Result<String, JsError> {
    crate::messages::register(catalog_json)
        .map_err(|e| <JsError as crate::js::Fail>::fail(&["registerLocale: ", &e]))
}

/// Traps on purpose (a stand-in for a bug), so tests can check that the JS
/// layer recovers and the module keeps working. Not part of the API.
#[doc(hidden)]
#[wasm_bindgen(js_name = __trap)]
pub fn trap() {
    core::arch::wasm32::unreachable()
}
