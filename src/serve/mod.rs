//! Rust servers: fieldnote where they already are (native only; the wasm
//! builds never compile this).
//!
//! - [`serde`](mod@serde) (feature `serde`): validate a `serde_json::Value`
//!   or any `T: Serialize` straight from memory, and `Serialize` for the
//!   crate's results (the same JSON the npm package returns).
//! - [`axum`](mod@axum) (feature `axum`): an extractor that validates request
//!   bodies against compiled schemas, and the spec's error responses.
//!
//! The modules are named for the crates they connect to; inside them the
//! crates themselves are always spelled `::serde` and `::axum`.

#[cfg(feature = "axum")]
pub mod axum;
pub mod serde;
