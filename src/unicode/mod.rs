//! Unicode properties for `\p{…}` in patterns and for format checks such as
//! `idn-hostname`, resolved with ECMA-262's exact names; and whether text is
//! in NFC (for A-labels).
//!
//! The data lives behind a [`Backend`] so the wasm build carries no tables:
//! natively the default backend is built on `regex-syntax`; in the browser the
//! wasm layer installs one that asks the JS engine's own `RegExp`.

use std::sync::RwLock;

#[cfg(not(target_arch = "wasm32"))]
mod cwkcf;
#[cfg(not(target_arch = "wasm32"))]
mod ucd;

/// Where property data comes from.
pub trait Backend: Sync {
    /// Resolves an ECMA-262 property (`("L", None)`, `("Script", Some("Greek"))`)
    /// to an id for [`Backend::contains`], or `None` for names ECMA-262 does not define.
    fn resolve(&self, name: &str, value: Option<&str>) -> Option<u32>;
    /// Whether `c` has the property `id` returned by [`Backend::resolve`].
    fn contains(&self, id: u32, c: char) -> bool;
    /// Whether `s` is in Unicode Normalization Form C.
    fn is_nfc(&self, s: &str) -> bool;
}

/// A resolved Unicode property; test characters with [`contains`].
#[derive(Clone, Copy)]
pub struct Property {
    id: u32,
    // Kept with the id so a lookup needs no global state.
    backend: &'static dyn Backend,
}

impl PartialEq for Property {
    fn eq(&self, other: &Property) -> bool {
        self.id == other.id && core::ptr::addr_eq(self.backend, other.backend)
    }
}

impl Eq for Property {}

impl core::fmt::Debug for Property {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_tuple("Property").field(&self.id).finish()
    }
}

static INSTALLED: RwLock<Option<&'static dyn Backend>> = RwLock::new(None);

/// Installs the backend (the wasm layer installs a host-backed one at start-up).
/// Properties resolved before keep the backend they were resolved with.
pub fn set_backend(b: &'static dyn Backend) {
    let mut slot = INSTALLED.write().unwrap_or_else(|p| p.into_inner());
    *slot = Some(b);
}

fn backend() -> Option<&'static dyn Backend> {
    let installed = *INSTALLED.read().unwrap_or_else(|p| p.into_inner());
    #[cfg(not(target_arch = "wasm32"))]
    let installed = installed.or(Some(&ucd::UCD as &'static dyn Backend));
    installed
}

/// Whether property data is available at all (false in wasm until the host
/// backend is installed).
pub fn available() -> bool {
    backend().is_some()
}

/// Resolves an ECMA-262 property: `property("L", None)`,
/// `property("General_Category", Some("Lu"))`, `property("sc", Some("Grek"))`,
/// `property("Alphabetic", None)`, ... Names are case-sensitive; unknown
/// names (or no backend) give `None`.
pub fn property(name: &str, value: Option<&str>) -> Option<Property> {
    let backend = backend()?;
    let id = backend.resolve(name, value)?;
    Some(Property { id, backend })
}

/// Whether `c` has the property `p`.
pub fn contains(p: Property, c: char) -> bool {
    p.backend.contains(p.id, c)
}

/// Whether `s` is in Unicode Normalization Form C. Text below U+0300 always
/// is (nothing there composes or reorders) and never asks the backend;
/// without a backend (wasm before start-up) the answer is `true`: nothing
/// can be said against it.
pub fn is_nfc(s: &str) -> bool {
    s.chars().all(|c| c < '\u{300}') || backend().is_none_or(|b| b.is_nfc(s))
}
