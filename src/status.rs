//! What an HTTP status (or an error code) means for a person filling in a form.

/// The kind of failure, as the UI needs to tell them apart.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Category {
    /// 422: some fields need correcting.
    Validation,
    /// 400 and other client errors: the request could not be processed.
    BadRequest,
    /// 401, 419: the person must sign in (again).
    Unauthenticated,
    /// 403: signed in, but not allowed.
    Forbidden,
    /// 404, 410: the thing asked for does not exist.
    NotFound,
    /// 409, 412: the request clashes with the current state.
    Conflict,
    /// 429: too many requests; wait, then retry.
    RateLimited,
    /// 500 and other server errors.
    ServerError,
    /// 502 and the CDN statuses for an origin that cannot be reached
    /// (521, 522, 523, 525, 526, 530): a proxy could not reach the server.
    BadGateway,
    /// 503, 504, 408 and the timeouts proxies report (524, 598, 599), and
    /// "overloaded" (529): temporarily unavailable; retry later.
    Unavailable,
    /// Anything else.
    Unknown,
}

impl Category {
    /// The name used in results ("validation", "rate_limited", ...).
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Validation => "validation",
            Category::BadRequest => "bad_request",
            Category::Unauthenticated => "unauthenticated",
            Category::Forbidden => "forbidden",
            Category::NotFound => "not_found",
            Category::Conflict => "conflict",
            Category::RateLimited => "rate_limited",
            Category::ServerError => "server_error",
            Category::BadGateway => "bad_gateway",
            Category::Unavailable => "unavailable",
            Category::Unknown => "unknown",
        }
    }

    /// Parses a name produced by [`Category::as_str`].
    pub fn from_name(name: &str) -> Option<Category> {
        Category::ALL.iter().copied().find(|c| c.as_str() == name)
    }

    /// The category of an error status; `None` for 2xx.
    pub fn from_status(status: u16) -> Option<Category> {
        Some(match status {
            200..=299 => return None,
            400 | 405 | 406 | 411 | 413..=418 | 431 => Category::BadRequest,
            401 | 407 | 419 | 440 | 498 => Category::Unauthenticated,
            403 => Category::Forbidden,
            404 | 410 => Category::NotFound,
            409 | 412 | 423 | 428 => Category::Conflict,
            422 => Category::Validation,
            429 => Category::RateLimited,
            // A gateway that reached the server, waited and gave up (504,
            // Cloudflare's 524, the informal 598/599): the server may be
            // slow, not broken — wait, then retry.
            408 | 503 | 504 | 425 | 524 | 529 | 598 | 599 => Category::Unavailable,
            // A gateway that could not reach (or trust) the server at all.
            502 | 521 | 522 | 523 | 525 | 526 | 530 => Category::BadGateway,
            500..=599 => Category::ServerError,
            400..=499 => Category::BadRequest,
            _ => Category::Unknown,
        })
    }

    /// A category implied by a machine-readable error code from any dialect
    /// (`validation_failed`, `invalid_token`, `RESOURCE_EXHAUSTED`,
    /// `BAD_USER_INPUT`, ...). Case and separators are ignored.
    pub fn from_code(code: &str) -> Option<Category> {
        let mut norm = String::with_capacity(code.len());
        for c in code.chars() {
            if c.is_ascii_alphanumeric() {
                norm.push(c.to_ascii_lowercase());
            }
        }
        Some(match norm.as_str() {
            "validationfailed"
            | "validationerror"
            | "unprocessableentity"
            | "invalidargument"
            | "baduserinput"
            | "invalidinput"
            | "failedvalidation"
            | "validation" => Category::Validation,
            "badrequest" | "invalidrequest" | "malformedrequest" => Category::BadRequest,
            "unauthenticated"
            | "unauthorized"
            | "invalidtoken"
            | "tokenexpired"
            | "expiredtoken"
            | "authenticationfailed"
            | "authenticationrequired"
            | "notauthenticated"
            | "sessionexpired"
            | "loginrequired" => Category::Unauthenticated,
            "forbidden"
            | "permissiondenied"
            | "accessdenied"
            | "insufficientscope"
            | "insufficientpermissions"
            | "notauthorized" => Category::Forbidden,
            "notfound" | "resourcenotfound" | "doesnotexist" => Category::NotFound,
            "conflict" | "alreadyexists" | "aborted" | "duplicate" | "failedprecondition" => {
                Category::Conflict
            }
            "ratelimited"
            | "ratelimitexceeded"
            | "toomanyrequests"
            | "resourceexhausted"
            | "throttled"
            | "throttling"
            | "throttlingexception"
            | "toomanyrequestsexception"
            | "provisionedthroughputexceededexception"
            | "requestlimitexceeded"
            | "ratelimit"
            | "ratelimiterror"
            | "slowdown" => Category::RateLimited,
            "internal"
            | "internalerror"
            | "internalservererror"
            | "servererror"
            | "dataloss"
            | "unknown" => Category::ServerError,
            "badgateway" => Category::BadGateway,
            "unavailable" | "serviceunavailable" | "deadlineexceeded" | "timeout"
            | "gatewaytimeout" => Category::Unavailable,
            _ => return None,
        })
    }

    /// Whether the same request may succeed if sent again later.
    pub fn retryable(self) -> bool {
        matches!(
            self,
            Category::RateLimited | Category::Unavailable | Category::BadGateway
        )
    }

    /// What the UI should offer next, given whether the server named
    /// anything the person can correct.
    pub fn action(self, has_corrections: bool) -> Action {
        match self {
            Category::Validation => Action::FixFields,
            Category::BadRequest | Category::Conflict if has_corrections => Action::FixFields,
            Category::BadRequest => Action::ContactSupport,
            Category::Conflict => Action::Reload,
            Category::Unauthenticated => Action::SignIn,
            Category::Forbidden => Action::None,
            Category::NotFound => Action::CheckLink,
            Category::RateLimited | Category::Unavailable => Action::RetryLater,
            Category::ServerError | Category::BadGateway | Category::Unknown => {
                Action::ContactSupport
            }
        }
    }
}

impl Category {
    /// Every category, in declaration order.
    pub const ALL: [Category; 11] = [
        Category::Validation,
        Category::BadRequest,
        Category::Unauthenticated,
        Category::Forbidden,
        Category::NotFound,
        Category::Conflict,
        Category::RateLimited,
        Category::ServerError,
        Category::BadGateway,
        Category::Unavailable,
        Category::Unknown,
    ];
}

/// What the UI should do next.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    /// Show the field errors; the person corrects them and resubmits.
    FixFields,
    /// Ask the person to sign in again, keeping what they entered.
    SignIn,
    /// Wait (see `retry.afterSeconds`), then try again.
    RetryLater,
    /// The address or item is wrong: check the link.
    CheckLink,
    /// Reload to see the current state, then try again.
    Reload,
    /// Offer the support report.
    ContactSupport,
    /// Nothing to do (success, or nothing the person can change).
    None,
}

impl Action {
    /// The name used in results ("fix_fields", "sign_in", ...).
    pub fn as_str(self) -> &'static str {
        match self {
            Action::FixFields => "fix_fields",
            Action::SignIn => "sign_in",
            Action::RetryLater => "retry_later",
            Action::CheckLink => "check_link",
            Action::Reload => "reload",
            Action::ContactSupport => "contact_support",
            Action::None => "none",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_status_of_the_spec() {
        let table = [
            (200, None),
            (201, None),
            (400, Some(Category::BadRequest)),
            (401, Some(Category::Unauthenticated)),
            (403, Some(Category::Forbidden)),
            (404, Some(Category::NotFound)),
            (409, Some(Category::Conflict)),
            (422, Some(Category::Validation)),
            (429, Some(Category::RateLimited)),
            (500, Some(Category::ServerError)),
            (502, Some(Category::BadGateway)),
            (503, Some(Category::Unavailable)),
            (504, Some(Category::Unavailable)),
            (522, Some(Category::BadGateway)),
            (524, Some(Category::Unavailable)),
            (529, Some(Category::Unavailable)),
            (599, Some(Category::Unavailable)),
            (521, Some(Category::BadGateway)),
            (523, Some(Category::BadGateway)),
            (526, Some(Category::BadGateway)),
            (520, Some(Category::ServerError)),
            (419, Some(Category::Unauthenticated)),
            (418, Some(Category::BadRequest)),
            (451, Some(Category::BadRequest)),
            (597, Some(Category::ServerError)),
            (302, Some(Category::Unknown)),
            (0, Some(Category::Unknown)),
        ];
        for (status, want) in table {
            assert_eq!(Category::from_status(status), want, "{status}");
        }
    }

    #[test]
    fn codes() {
        assert_eq!(
            Category::from_code("validation_failed"),
            Some(Category::Validation)
        );
        assert_eq!(
            Category::from_code("RESOURCE_EXHAUSTED"),
            Some(Category::RateLimited)
        );
        assert_eq!(
            Category::from_code("invalid-token"),
            Some(Category::Unauthenticated)
        );
        assert_eq!(
            Category::from_code("BAD_USER_INPUT"),
            Some(Category::Validation)
        );
        // AWS throttling shapes and Stripe's rate limit type and code.
        for code in [
            "TooManyRequestsException",
            "ProvisionedThroughputExceededException",
            "RequestLimitExceeded",
            "rate_limit",
            "rate_limit_error",
        ] {
            assert_eq!(
                Category::from_code(code),
                Some(Category::RateLimited),
                "{code}"
            );
        }
        assert_eq!(Category::from_code("something_else"), None);
    }

    #[test]
    fn names_round_trip() {
        for c in Category::ALL {
            assert_eq!(Category::from_name(c.as_str()), Some(c));
        }
    }

    #[test]
    fn actions() {
        assert_eq!(Category::Validation.action(false), Action::FixFields);
        assert_eq!(Category::BadRequest.action(true), Action::FixFields);
        assert_eq!(Category::BadRequest.action(false), Action::ContactSupport);
        assert_eq!(Category::Conflict.action(true), Action::FixFields);
        assert_eq!(Category::Conflict.action(false), Action::Reload);
        assert_eq!(Category::BadGateway.action(false), Action::ContactSupport);
        assert!(Category::BadGateway.retryable());
        assert!(!Category::ServerError.retryable());
    }
}
