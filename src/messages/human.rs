//! Is a server's message meant for people?

/// Whether `s` reads as a sentence for a person rather than a code, a
/// reason phrase, markup or a stack trace.
///
/// ```
/// use fieldnote::messages::is_human;
/// assert!(is_human("Email address is already registered"));
/// assert!(!is_human("VALIDATION_FAILED"));
/// assert!(!is_human("Internal Server Error"));
/// assert!(!is_human("<html><body>502 Bad Gateway</body></html>"));
/// assert!(!is_human("java.lang.NullPointerException at com.acme.Foo.bar(Foo.java:42)"));
/// ```
pub fn is_human(s: &str) -> bool {
    let t = s.trim();
    if t.len() < 4 || t.len() > 400 {
        return false;
    }
    // Any `<` may be a fragment of markup (`d><t`): shown messages never
    // hold one, so a server's text with it gets fieldnote's sentence.
    if t.contains('<') {
        return false;
    }
    // One word is a code or a reason phrase, except in scripts written
    // without spaces (Japanese, Chinese, Thai).
    if !t.contains(' ') && t.chars().filter(|c| !c.is_ascii()).count() < 4 {
        return false;
    }
    if is_reason_phrase(t) || is_internal(t) {
        return false;
    }
    let lower = t.to_ascii_lowercase();
    // Framework texts that address the developer: Laravel's 419 body,
    // Express's and NestJS's unknown-route 404.
    if lower.contains("csrf") || is_no_route(&lower) {
        return false;
    }
    // Mostly letters: not a hash, id or dump. (Non-ASCII counts as a
    // letter: cheaper than Unicode tables, and right for sentences.)
    let letters = t
        .chars()
        .filter(|c| c.is_ascii_alphabetic() || !c.is_ascii())
        .count();
    letters * 2 >= t.chars().count()
}

/// Whether `s` holds markup, a stack trace, a class name or other internals
/// that must never be shown to a person, even as a field's message.
///
/// Ordinary sentences stay: colons ("Missing required param: currency."),
/// quotes and apostrophes ("The 'To' number …", "customer's"), parameter
/// names (`line_items[0][price]`, `address.line1`) and the word
/// "exception" on its own are not internals. What is: markup, stack
/// frames and file positions, exception and error *type names*
/// (`NullPointerException`, `TypeError`), qualified type names
/// (`com.acme.Foo`, `System.Int32`, `App\Models\User`, `Foo::Bar`), SQL
/// states, serializer talk ("JSON deserialization for type …") and dumps.
///
/// ```
/// use fieldnote::messages::is_internal;
/// assert!(is_internal("SQLSTATE[23000]: Integrity constraint violation"));
/// assert!(!is_internal("Required"));
/// ```
pub fn is_internal(s: &str) -> bool {
    let t = s.trim();
    if has_tag(t) {
        return true;
    }
    let lower = t.to_ascii_lowercase();
    const MARKERS: &[&str] = &[
        "<html",
        "<!doctype",
        "<body",
        "<div",
        "<p>",
        "<br",
        "<script",
        "</",
        "traceback",
        "stack trace",
        "stacktrace",
        "\n    at ",
        "\tat ",
        ".java:",
        ".py\", line",
        ".rb:",
        ".php",
        ".js:",
        ".ts:",
        "sqlstate",
        "ora-0",
        "undefined method",
        "nullpointer",
        "null reference",
        "object reference not set",
        "segmentation fault",
        "panicked at",
        "syntaxerror",
        "typeerror",
        "referenceerror",
        "keyerror",
        "valueerror",
        "attributeerror",
        "cannot read propert",
        "is not a function",
        "unexpected token",
        "errno",
        "0x0",
        "{\"",
        "[object ",
        "bytepositioninline",
        "deserializ",
        "parse error",
        "expecting value",
        "unhandled exception",
        "exception in thread",
        "exception:",
    ];
    if MARKERS.iter().any(|m| lower.contains(m)) {
        return true;
    }
    // A type name ending in "Exception" (`ThrottlingException`), not the
    // word "exception" in a sentence.
    if lower.match_indices("exception").any(|(i, _)| {
        i > 0
            && lower
                .as_bytes()
                .get(i - 1)
                .is_some_and(u8::is_ascii_alphabetic)
    }) {
        return true;
    }
    // Class paths: `com.acme.Foo`, `App\Http\Foo`, `Foo::Bar`.
    t.contains("::") || t.contains('\\') || t.split_whitespace().any(looks_like_class_path)
}

/// Whether `t` holds something shaped like a tag: `<` then a letter, `/`,
/// `!` or `?` (`<img`, `</p>`, `<!--`). "Must be < 10" is not one.
fn has_tag(t: &str) -> bool {
    t.match_indices('<').any(|(i, _)| {
        let rest = t.get(i + 1..).unwrap_or_default();
        if rest.starts_with(['/', '!', '?']) {
            return true;
        }
        // `<` then an HTML element's name, then the end of the name: markup.
        // Other angle brackets ("Use a <work> email") are ordinary text.
        HTML_ELEMENTS.iter().any(|name| {
            rest.get(..name.len())
                .is_some_and(|head| head.eq_ignore_ascii_case(name))
                && rest
                    .as_bytes()
                    .get(name.len())
                    .is_none_or(|c| c.is_ascii_whitespace() || matches!(c, b'>' | b'/'))
        })
    })
}

/// The element names that make `<name` read as markup in a message.
const HTML_ELEMENTS: &[&str] = &[
    "a", "abbr", "audio", "b", "base", "body", "br", "button", "code", "details", "div", "em",
    "embed", "font", "form", "frame", "frameset", "h1", "h2", "h3", "h4", "h5", "h6", "head", "hr",
    "html", "i", "iframe", "img", "input", "li", "link", "marquee", "math", "meta", "object", "ol",
    "option", "p", "pre", "script", "select", "source", "span", "strong", "style", "svg", "table",
    "td", "template", "textarea", "th", "title", "tr", "u", "ul", "video",
];

/// `cannot get /orders/42`: a router's "no such route".
fn is_no_route(lower: &str) -> bool {
    ["get", "post", "put", "patch", "delete", "head", "options"]
        .iter()
        .any(|m| {
            lower
                .strip_prefix("cannot ")
                .and_then(|r| r.strip_prefix(m))
                .is_some_and(|r| r.starts_with(" /"))
        })
}

/// `com.acme.Foo` (three or more segments, one capitalized) or
/// `System.Int32`, `Billing.InvoiceRequest` (two or more, every one
/// capitalized with a lower-case letter or digit after: .NET namespaces).
/// Parameter paths (`address.line1`, `items.0.name`) are neither.
fn looks_like_class_path(word: &str) -> bool {
    let w = word.trim_matches(|c: char| !c.is_alphanumeric());
    let dots = w.bytes().filter(|&c| c == b'.').count();
    if dots == 0 {
        return false;
    }
    if dots < 2 {
        return w.split('.').all(|part| {
            part.len() >= 2
                && part.bytes().next().is_some_and(|c| c.is_ascii_uppercase())
                && part
                    .bytes()
                    .skip(1)
                    .any(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
                && part.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'_')
        });
    }
    let mut upper = false;
    for part in w.split('.') {
        let Some(first) = part.bytes().next() else {
            return false;
        };
        if !part.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'_') {
            return false;
        }
        upper |= first.is_ascii_uppercase();
    }
    upper
}

/// HTTP reason phrases and other status-only texts say nothing new.
fn is_reason_phrase(t: &str) -> bool {
    const PHRASES: &[&str] = &[
        "bad request",
        "unauthorized",
        "forbidden",
        "not found",
        "method not allowed",
        "conflict",
        "gone",
        "payload too large",
        "unprocessable entity",
        "unprocessable content",
        "too many requests",
        "internal server error",
        "not implemented",
        "bad gateway",
        "service unavailable",
        "gateway timeout",
        "request timeout",
        "precondition failed",
        "validation failed",
        "validation error",
        "an error occurred",
        "error",
        "unknown error",
        "server error",
        "page expired",
        "no message available",
        "too many attempts",
    ];
    let core = t
        .trim_end_matches(['.', '!'])
        .trim_start_matches(|c: char| c.is_ascii_digit() || c == ' ');
    PHRASES.iter().any(|p| core.eq_ignore_ascii_case(p))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn angle_brackets_are_text_unless_they_are_markup() {
        for s in [
            "Use a <work> email",
            "Orders from <work> are closed",
            "Enter a value < 10",
            "x<bc",
        ] {
            assert!(!has_tag(s), "{s}");
        }
        for s in [
            "<img src=x onerror=alert(1)>",
            "<script>alert(1)</script>",
            "x </b> y",
            "<!-- c -->",
            "<svg/onload=alert(1)>",
            "<A HREF=x>",
            "<p>",
            "<br",
        ] {
            assert!(has_tag(s), "{s}");
        }
    }

    #[test]
    fn people_sentences() {
        for s in [
            "The access token expired",
            "You have reached your daily limit of 100 requests.",
            "Ce champ est obligatoire.",
            "メールアドレスは既に登録されています (email)",
            "Start date must be before end date",
            "メールアドレスは既に登録されています",
        ] {
            assert!(is_human(s), "{s}");
        }
    }

    #[test]
    fn ordinary_sentences_are_not_internals() {
        for s in [
            "Missing required param: currency.",
            "We could not determine the customer's tax location based on the provided customer address.",
            "The 'To' number +15005550001 is not a valid phone number.",
            "Invalid value for line_items[0][price]: must be a price ID.",
            "address.line1 must be shorter than 200 characters",
            "items.0.name should not be empty",
            "Enter a date like 2026-11-24: the format is year-month-day",
            "No exceptions can be made for bookings within 24 hours.",
            "Use the \"Company name\" field for your business",
            "Amount must be at least 50 cents (0.50 USD).",
            "Dr. Smith's office is closed on Sundays.",
        ] {
            assert!(!is_internal(s), "{s}");
            assert!(is_human(s), "{s}");
        }
    }

    #[test]
    fn developer_text_is_internals() {
        for s in [
            "JSON deserialization for type 'ModelBindingDemo.CreateWidgetRequest' was missing required properties including: 'description'.",
            "The JSON value could not be converted to System.Int32.",
            "Unhandled exception. System.InvalidOperationException: Sequence contains no elements",
            "ThrottlingException: Rate exceeded",
            "Exception: division by zero",
            "java.lang.IllegalStateException at com.acme.Orders.place(Orders.java:42)",
            "TypeError: Cannot read properties of undefined (reading 'id')",
            "Error in App\\Http\\Controllers\\OrderController",
            "ActiveRecord::RecordInvalid",
            "JSON parse error - Expecting value: line 1 column 1 (char 0)",
        ] {
            assert!(is_internal(s), "{s}");
        }
    }

    #[test]
    fn not_for_people() {
        for s in [
            "",
            "x",
            "invalid_token",
            "Not Found",
            "404 Not Found",
            "Unprocessable Entity.",
            "Validation failed",
            "Traceback (most recent call last): File \"app.py\", line 3",
            "TypeError: Cannot read properties of undefined (reading 'id')",
            "SQLSTATE[23000]: Integrity constraint violation",
            "App\\Exceptions\\Handler failed",
            "Error in org.springframework.web.HttpMediaTypeNotSupportedException thrown",
            "<h1>Oops</h1> something broke",
            // A fragment of markup the markers miss (found by fuzzing).
            "Content-Type: applicd><t",
            "CSRF token mismatch.",
            "Cannot GET /api/orders/42",
            "Cannot POST /login",
            "No message available",
            "The JSON value could not be converted to System.Int32. Path: $.age | LineNumber: 0 | BytePositionInLine: 9.",
            "a1b2c3d4 e5f6a7b8 c9d0e1f2 a3b4c5d6 11223344",
            &"word ".repeat(100),
        ] {
            assert!(!is_human(s), "{s}");
        }
    }
}
