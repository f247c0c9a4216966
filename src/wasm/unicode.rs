//! Unicode properties in the browser: the JS engine's own `RegExp` answers
//! (`/^\p{…}$/u`), and `String.prototype.normalize` whether text is in NFC,
//! so the wasm binary carries no Unicode tables.

use std::cell::RefCell;

use wasm_bindgen::prelude::*;

use crate::unicode::Backend;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_name = RegExp)]
    type Re;

    /// Throws (caught here) for property names the engine does not know.
    #[wasm_bindgen(constructor, catch, js_class = "RegExp")]
    fn new(pattern: &str, flags: &str) -> Result<Re, JsValue>;

    #[wasm_bindgen(method, js_class = "RegExp")]
    fn test(this: &Re, s: &str) -> bool;
}

/// A resolved property: its `\p{…}` body, the test, and ASCII answers
/// cached so ASCII characters never cross into JS.
struct Entry {
    expr: String,
    re: Re,
    ascii: [u64; 2],
}

thread_local! {
    static ENTRIES: RefCell<Vec<Entry>> = const { RefCell::new(Vec::new()) };
}

/// The host-backed property backend.
pub(crate) struct Host;

/// The instance installed at start-up.
pub(crate) static HOST: Host = Host;

impl Backend for Host {
    fn is_nfc(&self, s: &str) -> bool {
        let js = js_sys::JsString::from(s);
        js.normalize("NFC") == js
    }

    fn resolve(&self, name: &str, value: Option<&str>) -> Option<u32> {
        // Only name characters reach the RegExp source.
        let name_ok =
            |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
        if !name_ok(name) || !value.is_none_or(name_ok) {
            return None;
        }
        let mut expr = String::from(name);
        if let Some(v) = value {
            expr.push('=');
            expr.push_str(v);
        }
        // try_with/try_borrow: no panic paths (and no fmt code) in wasm.
        ENTRIES
            .try_with(|entries| {
                let mut entries = entries.try_borrow_mut().ok()?;
                if let Some(i) = entries.iter().position(|e| e.expr == expr) {
                    return u32::try_from(i).ok();
                }
                let re = Re::new(&["^\\p{", &expr, "}$"].concat(), "u").ok()?;
                let mut ascii = [0u64; 2];
                for c in 0u8..128 {
                    if re.test(char::from(c).encode_utf8(&mut [0; 4])) {
                        if let Some(w) = ascii.get_mut(usize::from(c / 64)) {
                            *w |= 1 << (c % 64);
                        }
                    }
                }
                entries.push(Entry { expr, re, ascii });
                u32::try_from(entries.len() - 1).ok()
            })
            .ok()
            .flatten()
    }

    fn contains(&self, id: u32, c: char) -> bool {
        ENTRIES
            .try_with(|entries| {
                let entries = entries.try_borrow().ok()?;
                let e = entries.get(id as usize)?;
                let n = c as usize;
                Some(match e.ascii.get(n / 64) {
                    Some(w) => (w >> (n % 64)) & 1 == 1,
                    None => e.re.test(c.encode_utf8(&mut [0; 4])),
                })
            })
            .ok()
            .flatten()
            .unwrap_or(false)
    }
}
