//! The input: a response as received, and the request that caused it.

use std::borrow::Cow;

/// HTTP header fields in the order received. Names compare case-insensitively.
#[derive(Clone, Debug, Default)]
pub struct Headers<'a> {
    list: Vec<(Cow<'a, str>, Cow<'a, str>)>,
}

impl<'a> Headers<'a> {
    /// No headers.
    pub fn new() -> Self {
        Headers { list: Vec::new() }
    }

    /// Adds a field (builder style).
    pub fn with(mut self, name: impl Into<Cow<'a, str>>, value: impl Into<Cow<'a, str>>) -> Self {
        self.push(name, value);
        self
    }

    /// Adds a field.
    pub fn push(&mut self, name: impl Into<Cow<'a, str>>, value: impl Into<Cow<'a, str>>) {
        self.list.push((name.into(), value.into()));
    }

    /// The value of the first field called `name`, trimmed.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.list
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.trim())
    }

    /// All fields, in order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.list.iter().map(|(n, v)| (n.as_ref(), v.as_ref()))
    }

    /// Number of fields.
    pub fn len(&self) -> usize {
        self.list.len()
    }

    /// Whether there are no fields.
    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// The media type of `Content-Type`, lower-cased, without parameters.
    pub fn media_type(&self) -> Option<String> {
        let v = self.get("content-type")?;
        let t = v.split(';').next().unwrap_or("").trim();
        Some(t.to_ascii_lowercase())
    }
}

impl<'a> From<&[(&'a str, &'a str)]> for Headers<'a> {
    fn from(list: &[(&'a str, &'a str)]) -> Self {
        Headers {
            list: list
                .iter()
                .map(|(n, v)| (Cow::Borrowed(*n), Cow::Borrowed(*v)))
                .collect(),
        }
    }
}

/// The request that led to a response (kept for support reports).
#[derive(Clone, Debug, Default)]
pub struct Request<'a> {
    /// `GET`, `POST`, ...
    pub method: Cow<'a, str>,
    /// The full URL.
    pub url: Cow<'a, str>,
    /// Request headers (credentials are redacted in reports).
    pub headers: Headers<'a>,
    /// The request body as text, if any.
    pub body: Option<Cow<'a, str>>,
}

/// A response as received.
#[derive(Clone, Debug, Default)]
pub struct Response<'a> {
    /// The HTTP status code (0 if unknown).
    pub status: u16,
    /// Response headers.
    pub headers: Headers<'a>,
    /// The body as text (empty if none).
    pub body: Cow<'a, str>,
    /// The request, if known.
    pub request: Option<Request<'a>>,
}

impl<'a> Response<'a> {
    /// A response with a status and body and no headers.
    pub fn new(status: u16, body: impl Into<Cow<'a, str>>) -> Self {
        Response {
            status,
            headers: Headers::new(),
            body: body.into(),
            request: None,
        }
    }

    /// Adds a header (builder style).
    pub fn header(mut self, name: impl Into<Cow<'a, str>>, value: impl Into<Cow<'a, str>>) -> Self {
        self.headers.push(name, value);
        self
    }

    /// Sets the request (builder style).
    pub fn request(mut self, request: Request<'a>) -> Self {
        self.request = Some(request);
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_are_case_insensitive() {
        let h = Headers::new()
            .with("Content-Type", "application/problem+json; charset=utf-8")
            .with("Retry-After", " 30 ");
        assert_eq!(h.get("retry-after"), Some("30"));
        assert_eq!(h.media_type().as_deref(), Some("application/problem+json"));
        assert_eq!(h.get("x-missing"), None);
        assert_eq!(h.len(), 2);
    }
}
