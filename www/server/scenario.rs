//! The answers the demo can ask the API for (`X-Demo-Scenario`), one per
//! case of the spec, and the two foreign dialects a 422 can be written in.

/// A case the API is asked to play.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scenario {
    /// 201: the account is created (if the token and the payload are good).
    Created,
    /// 400: the request cannot be processed.
    BadRequest,
    /// 401: the same as `Created`; the API checks the token's `exp` on
    /// every request, so this case comes from the demo clock.
    ExpiredToken,
    /// 403: not allowed.
    Forbidden,
    /// 404: the sign-up link does not exist.
    NotFound,
    /// 409: the email address is already registered.
    Conflict,
    /// 422 from the server's own rules (stock, delivery area).
    OwnRules,
    /// The same 422, as RFC 9457 problem+json.
    Problem,
    /// The same 422, as Laravel writes validation errors.
    Laravel,
    /// 429 with `Retry-After`, then once more without it (backoff).
    RateLimited,
    /// 500 with a request id.
    ServerError,
    /// 502: nginx's own error page, as a proxy answers.
    BadGateway,
}

/// The `X-Demo-Scenario` values.
pub const NAMES: [(&str, Scenario); 12] = [
    ("201", Scenario::Created),
    ("400", Scenario::BadRequest),
    ("401", Scenario::ExpiredToken),
    ("403", Scenario::Forbidden),
    ("404", Scenario::NotFound),
    ("409", Scenario::Conflict),
    ("422", Scenario::OwnRules),
    ("422-problem", Scenario::Problem),
    ("422-laravel", Scenario::Laravel),
    ("429", Scenario::RateLimited),
    ("500", Scenario::ServerError),
    ("502", Scenario::BadGateway),
];

impl Scenario {
    /// The scenario a header names; no header means `Created`.
    pub fn from_header(value: Option<&str>) -> Option<Scenario> {
        match value.map(str::trim) {
            None | Some("") => Some(Scenario::Created),
            Some(v) => NAMES.iter().find(|(n, _)| *n == v).map(|(_, s)| *s),
        }
    }

    /// How this scenario writes validation errors (its own and the schema's).
    pub fn dialect(self) -> Dialect {
        match self {
            Scenario::Problem => Dialect::Problem,
            Scenario::Laravel => Dialect::Laravel,
            _ => Dialect::Spec,
        }
    }
}

/// How a 422 is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dialect {
    /// The spec's `{"error":{code,message,details}}`.
    Spec,
    /// RFC 9457 problem details with `errors[].pointer`.
    Problem,
    /// Laravel's `{"message", "errors": {"a.b": ["..."]}}`.
    Laravel,
}

/// nginx's default 502 page, byte for byte as nginx 1.24 sends it.
pub const NGINX_502: &str = "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx/1.24.0</center>\r\n</body>\r\n</html>\r\n";
