//! A small JSON reader and writer, built for size and speed in wasm.
//!
//! [`parse`] turns text into a flat array of nodes (a "tape") that borrows its
//! strings from the text, so reading a document allocates one `Vec` and nothing
//! per value. [`Value`] is a cheap, copyable view into that tape. [`Writer`]
//! writes compact JSON without the `core::fmt` machinery.
//!
//! Depth and size are bounded by [`Limits`]: hostile input gives an [`Error`],
//! never a stack overflow or a panic.

pub mod number;
mod parse;
mod value;
mod write;

pub use parse::{parse, Document, Error, ErrorKind, Limits, Parser};
#[cfg(feature = "validator")]
pub(crate) use value::objects_equal;
pub use value::{equal, Kind, Members, Value};
pub use write::{escape_into, write_u64, Writer};
