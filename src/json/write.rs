//! Compact JSON output without `core::fmt` (which costs kilobytes of wasm).

use super::value::{Kind, Value};

/// Builds compact JSON text. Commas are placed automatically.
///
/// ```
/// let mut w = fieldnote::json::Writer::new();
/// w.begin_object();
/// w.key("a");
/// w.u64(1);
/// w.key("b");
/// w.begin_array();
/// w.string("x\"y");
/// w.null();
/// w.end_array();
/// w.end_object();
/// assert_eq!(w.finish(), r#"{"a":1,"b":["x\"y",null]}"#);
/// ```
#[derive(Default, Debug)]
pub struct Writer {
    out: String,
    comma: bool,
}

impl Writer {
    /// An empty writer.
    pub fn new() -> Writer {
        Writer::default()
    }

    fn sep(&mut self) {
        if self.comma {
            self.out.push(',');
        }
        self.comma = true;
    }

    /// `{`
    pub fn begin_object(&mut self) {
        self.sep();
        self.out.push('{');
        self.comma = false;
    }

    /// `}`
    pub fn end_object(&mut self) {
        self.out.push('}');
        self.comma = true;
    }

    /// `[`
    pub fn begin_array(&mut self) {
        self.sep();
        self.out.push('[');
        self.comma = false;
    }

    /// `]`
    pub fn end_array(&mut self) {
        self.out.push(']');
        self.comma = true;
    }

    /// A member name; the next call writes its value.
    pub fn key(&mut self, k: &str) {
        self.sep();
        escape_into(&mut self.out, k);
        self.out.push(':');
        self.comma = false;
    }

    /// A string value.
    pub fn string(&mut self, s: &str) {
        self.sep();
        escape_into(&mut self.out, s);
    }

    /// A string value, or `null` when absent.
    pub fn opt_string(&mut self, s: Option<&str>) {
        match s {
            Some(s) => self.string(s),
            None => self.null(),
        }
    }

    /// A non-negative integer.
    pub fn u64(&mut self, n: u64) {
        self.sep();
        write_u64(&mut self.out, n);
    }

    /// An integer.
    pub fn i64(&mut self, n: i64) {
        self.sep();
        if n < 0 {
            self.out.push('-');
        }
        write_u64(&mut self.out, n.unsigned_abs());
    }

    /// `true` / `false`
    pub fn bool(&mut self, b: bool) {
        self.sep();
        self.out.push_str(if b { "true" } else { "false" });
    }

    /// `null`
    pub fn null(&mut self) {
        self.sep();
        self.out.push_str("null");
    }

    /// Text that is already valid JSON (a number's text, a serialized value).
    pub fn raw(&mut self, json: &str) {
        self.sep();
        self.out.push_str(json);
    }

    /// A parsed value, re-serialized compactly. Numbers keep their text.
    pub fn value(&mut self, v: Value<'_>) {
        match v.kind() {
            Kind::Null => self.null(),
            Kind::Bool => self.bool(v.as_bool().unwrap_or(false)),
            Kind::Number => self.raw(v.number_text().unwrap_or("0")),
            Kind::String => match v.as_plain_str() {
                Some(s) => self.string(s),
                None => self.string(&v.as_str().unwrap_or_default()),
            },
            Kind::Array => {
                self.begin_array();
                for item in v.items() {
                    self.value(item);
                }
                self.end_array();
            }
            Kind::Object => {
                self.begin_object();
                for (k, item) in v.members() {
                    self.key(&k);
                    self.value(item);
                }
                self.end_object();
            }
        }
    }

    /// The text written so far.
    pub fn as_str(&self) -> &str {
        &self.out
    }

    /// The finished text.
    pub fn finish(self) -> String {
        self.out
    }
}

/// Appends `s` as a quoted JSON string.
#[cfg_attr(fieldnote_speed, optimize(speed))]
pub fn escape_into(out: &mut String, s: &str) {
    out.reserve(s.len() + 2);
    out.push('"');
    let b = s.as_bytes();
    let mut start = 0;
    let mut i = 0;
    loop {
        // Eight bytes at a time up to the next byte to escape.
        if let Some(w) = b.get(i..i + 8).and_then(|c| <[u8; 8]>::try_from(c).ok()) {
            let m = super::parse::special_bytes(u64::from_le_bytes(w));
            if m == 0 {
                i += 8;
                continue;
            }
            i += (m.trailing_zeros() / 8) as usize;
        }
        let Some(&c) = b.get(i) else {
            break;
        };
        let esc: &str = match c {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0..=0x1f => "",
            _ => {
                i += 1;
                continue;
            }
        };
        // `i` is at an ASCII byte: a char boundary.
        out.push_str(s.get(start..i).unwrap_or(""));
        if esc.is_empty() {
            out.push_str("\\u00");
            out.push(char::from_digit(u32::from(c >> 4), 16).unwrap_or('0'));
            out.push(char::from_digit(u32::from(c & 15), 16).unwrap_or('0'));
        } else {
            out.push_str(esc);
        }
        i += 1;
        start = i;
    }
    out.push_str(s.get(start..).unwrap_or(""));
    out.push('"');
}

/// Appends the decimal digits of `n`.
pub fn write_u64(out: &mut String, n: u64) {
    let mut div = 1u64;
    while n / div >= 10 {
        div *= 10;
    }
    loop {
        out.push(char::from(b'0' + (n / div % 10) as u8));
        if div == 1 {
            break;
        }
        div /= 10;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json::Document;

    #[test]
    fn escapes() {
        let mut s = String::new();
        escape_into(&mut s, "a\"b\\c\n\u{1}é</script>");
        assert_eq!(s, r#""a\"b\\c\n\u0001é</script>""#);
    }

    #[test]
    fn escapes_wherever_they_fall_in_an_8_byte_block() {
        for len in 0..24 {
            for at in 0..=len {
                for special in ['"', '\\', '\n', '\u{1}', '\u{1f}', 'é', '\u{7f}'] {
                    let text = format!(
                        "{}{special}{}",
                        "ab".repeat(len).get(..at).unwrap(),
                        "z".repeat(len - at)
                    );
                    let mut out = String::new();
                    escape_into(&mut out, &text);
                    let back = Document::parse(&out).unwrap();
                    assert_eq!(back.root().as_str().unwrap(), text, "{out}");
                    assert!(!out.bytes().skip(1).take(out.len() - 2).any(|b| b < 0x20));
                }
            }
        }
    }

    #[test]
    fn numbers() {
        let mut s = String::new();
        write_u64(&mut s, 0);
        s.push(' ');
        write_u64(&mut s, u64::MAX);
        assert_eq!(s, "0 18446744073709551615");
        let mut w = Writer::new();
        w.begin_array();
        w.i64(-42);
        w.i64(i64::MIN);
        w.end_array();
        assert_eq!(w.finish(), "[-42,-9223372036854775808]");
    }

    #[test]
    fn round_trip() {
        let text = r#"{"a":[1,2.50,{"b":"x\ty"}],"c":{},"d":[],"e":null,"f":false}"#;
        let d = Document::parse(text).unwrap();
        let mut w = Writer::new();
        w.value(d.root());
        assert_eq!(w.finish(), text);
    }

    #[test]
    fn nested_commas() {
        let mut w = Writer::new();
        w.begin_array();
        w.begin_object();
        w.end_object();
        w.begin_object();
        w.key("k");
        w.begin_array();
        w.end_array();
        w.end_object();
        w.u64(3);
        w.end_array();
        assert_eq!(w.finish(), r#"[{},{"k":[]},3]"#);
    }
}
