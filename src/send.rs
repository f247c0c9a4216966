//! Sending a request the way the spec's troubleshooting section asks:
//! retry what may succeed later (with the server's stated delay, else
//! exponential backoff with full jitter), refresh an expiring or rejected
//! token once, and give up with a result the UI can show.
//!
//! This is the policy only, pure and clock-free: the caller sends, reads the
//! response, asks [`next_step`] what to do, and does it (waits, refreshes,
//! resends or stops). The JS `send()` is such a caller.

use crate::http::Response;
use crate::messages;
use crate::normalize::{Normalized, Options, Retry};
use crate::report::Report;
use crate::status::{Action, Category};

/// How hard to try.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Policy {
    /// Retries after a transient failure (the first attempt is not counted).
    pub retries: u32,
    /// Backoff base in ms: the first retry waits up to this long.
    pub base_ms: f64,
    /// Backoff ceiling in ms.
    pub cap_ms: f64,
    /// A delay stated by the server longer than this is not waited out: the
    /// result is returned so the UI can show a countdown.
    pub max_wait_ms: f64,
}

impl Default for Policy {
    /// Two retries, backoff from 500 ms up to 30 s, stated waits up to 10 s
    /// (longer than a person watches a spinner).
    fn default() -> Policy {
        Policy {
            retries: 2,
            base_ms: 500.0,
            cap_ms: 30_000.0,
            max_wait_ms: 10_000.0,
        }
    }
}

/// What has happened so far in one send.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Progress {
    /// Retries already made after transient failures.
    pub retries_done: u32,
    /// Whether a rejected token was already refreshed (it is done once).
    pub refreshed: bool,
    /// Whether the caller can refresh the token at all.
    pub can_refresh: bool,
}

/// What to do after an attempt.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    /// Stop and hand the result to the UI (success, or nothing more to try).
    Done,
    /// Wait this many ms, then send again.
    Wait {
        /// The delay in milliseconds.
        ms: u64,
    },
    /// Refresh the token, then send again with the new one.
    Refresh,
}

impl Step {
    /// The name used in the JS layer (`done`, `wait`, `refresh`).
    pub fn as_str(self) -> &'static str {
        match self {
            Step::Done => "done",
            Step::Wait { .. } => "wait",
            Step::Refresh => "refresh",
        }
    }
}

/// Methods that mean the same when sent twice (RFC 9110 §9.2.2).
const IDEMPOTENT: [&str; 6] = ["GET", "HEAD", "OPTIONS", "PUT", "DELETE", "TRACE"];

/// Whether sending the request again cannot do the work twice: an
/// idempotent method, or any method with an `Idempotency-Key` header.
pub fn is_safe_to_repeat(resp: &Response<'_>) -> bool {
    resp.request.as_ref().is_some_and(|r| {
        IDEMPOTENT.iter().any(|m| r.method.eq_ignore_ascii_case(m))
            || r.headers
                .get("idempotency-key")
                .is_some_and(|k| !k.is_empty())
    })
}

/// Whether a 401 says the access token itself was rejected (expired or
/// revoked): `WWW-Authenticate: Bearer error="invalid_token"`, or the code
/// `invalid_token` / `token_expired`. Other 401s (no credentials, wrong
/// password) are not fixed by a refresh.
pub fn token_rejected(resp: &Response<'_>, n: &Normalized) -> bool {
    if resp.status != 401 {
        return false;
    }
    let challenged = resp
        .headers
        .get("www-authenticate")
        .map(crate::token::parse_challenge)
        .and_then(|c| c.error)
        .is_some_and(|e| e.eq_ignore_ascii_case("invalid_token"));
    challenged
        || n.code.as_deref().is_some_and(|c| {
            c.eq_ignore_ascii_case("invalid_token") || c.eq_ignore_ascii_case("token_expired")
        })
}

/// What to do after an attempt that produced `resp` (status 0 and the
/// request for one that got no response), normalized as `n`. `random` is in
/// `[0, 1)` and only used for backoff.
///
/// The request (its method and headers) decides whether a retry is safe;
/// without it nothing is retried.
///
/// ```
/// use fieldnote::send::{next_step, Policy, Progress, Step};
/// use fieldnote::{normalize, NormalizeOptions, Request, Response};
/// let req = Request { method: "GET".into(), url: "https://api.test/orders".into(), ..Request::default() };
/// let resp = Response::new(429, "").header("Retry-After", "3").request(req);
/// let n = normalize(&resp, &NormalizeOptions::default());
/// let step = next_step(&Policy::default(), &Progress::default(), &resp, &n, 0.5);
/// assert_eq!(step, Step::Wait { ms: 3000 });
/// ```
pub fn next_step(
    policy: &Policy,
    progress: &Progress,
    resp: &Response<'_>,
    n: &Normalized,
    random: f64,
) -> Step {
    if n.ok {
        return Step::Done;
    }
    // A rejected token is refreshed once for any method: the server refused
    // the request before doing anything with it.
    if progress.can_refresh && !progress.refreshed && token_rejected(resp, n) {
        return Step::Refresh;
    }
    if !n.retry.retryable || !is_safe_to_repeat(resp) || progress.retries_done >= policy.retries {
        return Step::Done;
    }
    match n.retry.after_seconds {
        Some(s) => {
            // In f64: no overflow, and no 128-bit multiply in the wasm.
            let ms = s as f64 * 1000.0;
            // Written so that a NaN limit waits nothing out.
            if ms <= policy.max_wait_ms {
                Step::Wait { ms: ms as u64 }
            } else {
                Step::Done
            }
        }
        None => {
            let attempt = progress.retries_done.saturating_add(1);
            let ms = crate::retry::backoff(attempt, policy.base_ms, policy.cap_ms, random);
            // `backoff` returns a whole, non-negative, finite number.
            Step::Wait { ms: ms as u64 }
        }
    }
}

/// Whether to refresh `token` before sending: a JWT that expires within
/// `skew_seconds`. A token that is not a JWT (or has no `exp`) is sent as is:
/// only the server can say it is stale.
///
/// ```
/// use fieldnote::send::refresh_before_send;
/// assert!(!refresh_before_send("opaque-token", 0.0, 60.0));
/// ```
pub fn refresh_before_send(token: &str, now_ms: f64, skew_seconds: f64) -> bool {
    crate::token::should_refresh(token, now_ms, skew_seconds).unwrap_or(false)
}

/// Why an attempt ended without a usable response.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Failure {
    /// No response: DNS, connection refused or reset, CORS, offline.
    Network,
    /// The page aborted the request (its `AbortSignal`).
    Aborted,
    /// The token could not be refreshed.
    Refresh,
}

impl Failure {
    /// Parses `network`, `aborted` or `refresh`.
    pub fn from_name(name: &str) -> Option<Failure> {
        match name {
            "network" => Some(Failure::Network),
            "aborted" => Some(Failure::Aborted),
            "refresh" => Some(Failure::Refresh),
            _ => None,
        }
    }
}

/// The result for an attempt that ended without a response, shaped like
/// [`normalize`](crate::normalize()) output so the UI handles one shape.
/// `attempt` carries the request (and, for [`Failure::Network`], a
/// description of the error as its body, kept in the support report); its
/// status is ignored (the result's is 0).
pub fn failure(kind: Failure, attempt: &Response<'_>, opts: &Options<'_>) -> Normalized {
    let locale = if opts.locale.is_empty() {
        "en"
    } else {
        opts.locale
    };
    let (category, action, key) = match kind {
        Failure::Network => (
            Category::Unavailable,
            Action::RetryLater,
            "send.unreachable",
        ),
        Failure::Aborted => (Category::Unavailable, Action::None, "send.aborted"),
        Failure::Refresh => (
            Category::Unauthenticated,
            Action::SignIn,
            "category.unauthenticated",
        ),
    };
    let message = messages::text(locale, key, &[]);
    let report = (kind == Failure::Network).then(|| {
        let mut r = Report::build(
            attempt,
            opts.now_ms.unwrap_or(0.0),
            None,
            &message,
            opts.attempts_ms,
        );
        r.status = 0;
        r
    });
    Normalized {
        ok: false,
        status: 0,
        category: Some(category),
        code: None,
        message: Some(message),
        fields: Vec::new(),
        form_errors: Vec::new(),
        action,
        retry: Retry {
            retryable: kind == Failure::Network,
            after_seconds: None,
        },
        report,
        dialect: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::http::{Headers, Request};
    use crate::normalize;

    const NOW: f64 = 1_795_900_680_000.0;

    fn req(method: &str, headers: Headers<'static>) -> Request<'static> {
        Request {
            method: method.to_owned().into(),
            url: "https://api.test/orders".into(),
            headers,
            body: Some(r#"{"password":"hunter2","qty":1}"#.into()),
        }
    }

    fn get(resp: Response<'static>) -> Response<'static> {
        resp.request(req("GET", Headers::new()))
    }

    fn opts() -> Options<'static> {
        Options {
            now_ms: Some(NOW),
            ..Options::default()
        }
    }

    fn step_with(policy: &Policy, progress: &Progress, resp: &Response<'_>, random: f64) -> Step {
        let n = normalize(resp, &opts());
        next_step(policy, progress, resp, &n, random)
    }

    fn step(resp: &Response<'_>) -> Step {
        step_with(&Policy::default(), &Progress::default(), resp, 0.5)
    }

    #[test]
    fn success_and_permanent_errors_are_done() {
        for status in [200, 201, 204, 400, 403, 404, 409, 422, 500] {
            assert_eq!(
                step(&get(Response::new(status, ""))),
                Step::Done,
                "{status}"
            );
        }
    }

    #[test]
    fn transient_statuses_are_retried_with_backoff() {
        for status in [429, 502, 503, 504] {
            assert_eq!(
                step(&get(Response::new(status, ""))),
                Step::Wait { ms: 250 },
                "{status}"
            );
        }
    }

    #[test]
    fn only_idempotent_methods_are_retried() {
        for m in ["GET", "head", "OPTIONS", "PUT", "DELETE", "TRACE"] {
            let r = Response::new(503, "").request(req(m, Headers::new()));
            assert!(matches!(step(&r), Step::Wait { .. }), "{m}");
        }
        for m in ["POST", "PATCH", "CONNECT"] {
            let r = Response::new(503, "").request(req(m, Headers::new()));
            assert_eq!(step(&r), Step::Done, "{m}");
        }
        // No request known: not safe to repeat.
        assert_eq!(step(&Response::new(503, "")), Step::Done);
    }

    #[test]
    fn idempotency_key_makes_any_method_retryable() {
        let r = Response::new(502, "").request(req(
            "POST",
            Headers::new().with("Idempotency-Key", "8e03978e-40d5-43e8-bc93-6894a57f9324"),
        ));
        assert_eq!(step(&r), Step::Wait { ms: 250 });
        let empty =
            Response::new(502, "").request(req("POST", Headers::new().with("Idempotency-Key", "")));
        assert_eq!(step(&empty), Step::Done);
    }

    #[test]
    fn stated_delay_is_waited_exactly_instead_of_backoff() {
        let r = get(Response::new(429, "").header("Retry-After", "7"));
        assert_eq!(step(&r), Step::Wait { ms: 7000 });
        let r = get(Response::new(503, "").header("RateLimit", "\"default\";r=0;t=3"));
        assert_eq!(step(&r), Step::Wait { ms: 3000 });
        let r = get(Response::new(429, "")
            .header("X-RateLimit-Remaining", "0")
            .header("X-RateLimit-Reset", "1795900684"));
        assert_eq!(step(&r), Step::Wait { ms: 4000 });
        // The random number does not touch a stated delay.
        let p = Policy::default();
        let r = get(Response::new(429, "").header("Retry-After", "2"));
        assert_eq!(
            step_with(&p, &Progress::default(), &r, 0.0),
            Step::Wait { ms: 2000 }
        );
    }

    #[test]
    fn backoff_grows_per_retry_with_full_jitter() {
        let p = Policy {
            retries: 5,
            base_ms: 100.0,
            cap_ms: 1000.0,
            ..Policy::default()
        };
        let r = get(Response::new(503, ""));
        let waits: Vec<Step> = (0..5)
            .map(|done| {
                let progress = Progress {
                    retries_done: done,
                    ..Progress::default()
                };
                step_with(&p, &progress, &r, 0.5)
            })
            .collect();
        let want = [50, 100, 200, 400, 500].map(|ms| Step::Wait { ms });
        assert_eq!(waits, want);
        assert_eq!(
            step_with(&p, &Progress::default(), &r, 0.0),
            Step::Wait { ms: 0 }
        );
    }

    #[test]
    fn stated_delay_longer_than_max_wait_is_returned_for_a_countdown() {
        let r = get(Response::new(429, "").header("Retry-After", "11"));
        assert_eq!(step(&r), Step::Done);
        let n = normalize(&r, &opts());
        assert_eq!(n.retry.after_seconds, Some(11));
        assert_eq!(n.action, Action::RetryLater);
        let p = Policy {
            max_wait_ms: 11_000.0,
            ..Policy::default()
        };
        assert_eq!(
            step_with(&p, &Progress::default(), &r, 0.5),
            Step::Wait { ms: 11_000 }
        );
        let huge = get(Response::new(429, "").header("Retry-After", "999999999999"));
        assert_eq!(step(&huge), Step::Done);
    }

    /// Found by the `send_steps` fuzz target: a NaN limit (a Rust caller's
    /// arithmetic gone wrong) waited out any stated delay.
    #[test]
    fn nan_limits_wait_out_nothing() {
        let r = get(Response::new(503, "").header("Retry-After", "3"));
        let p = Policy {
            retries: u32::MAX,
            base_ms: f64::NAN,
            cap_ms: f64::NAN,
            max_wait_ms: f64::NAN,
        };
        assert_eq!(step_with(&p, &Progress::default(), &r, 0.5), Step::Done);
        // Without a stated delay, a NaN backoff ceiling means no wait.
        let r = get(Response::new(503, ""));
        let step = step_with(&p, &Progress::default(), &r, 0.5);
        assert_eq!(step, Step::Wait { ms: 0 });
    }

    #[test]
    fn retries_run_out() {
        let r = get(Response::new(503, ""));
        let p = Policy::default();
        let done = |n| Progress {
            retries_done: n,
            ..Progress::default()
        };
        assert!(matches!(
            step_with(&p, &done(1), &r, 0.5),
            Step::Wait { .. }
        ));
        assert_eq!(step_with(&p, &done(2), &r, 0.5), Step::Done);
        let none = Policy {
            retries: 0,
            ..Policy::default()
        };
        assert_eq!(step_with(&none, &done(0), &r, 0.5), Step::Done);
    }

    fn expired_401() -> Response<'static> {
        Response::new(401, "")
            .header(
                "WWW-Authenticate",
                r#"Bearer realm="api", error="invalid_token", error_description="The access token expired""#,
            )
            .request(req("POST", Headers::new()))
    }

    #[test]
    fn rejected_token_is_refreshed_once() {
        let can = Progress {
            can_refresh: true,
            ..Progress::default()
        };
        let p = Policy::default();
        assert_eq!(step_with(&p, &can, &expired_401(), 0.5), Step::Refresh);
        let again = Progress {
            refreshed: true,
            ..can
        };
        assert_eq!(step_with(&p, &again, &expired_401(), 0.5), Step::Done);
        // Without a way to refresh, the 401 is the result (sign in).
        assert_eq!(
            step_with(&p, &Progress::default(), &expired_401(), 0.5),
            Step::Done
        );
        // The code in the body counts too.
        let body =
            r#"{"error":{"code":"token_expired","message":"Your access token has expired"}}"#;
        let r = get(Response::new(401, body));
        assert_eq!(step_with(&p, &can, &r, 0.5), Step::Refresh);
    }

    #[test]
    fn other_401s_are_not_refreshed() {
        let can = Progress {
            can_refresh: true,
            ..Progress::default()
        };
        let p = Policy::default();
        for r in [
            get(Response::new(401, "")),
            get(Response::new(401, "").header("WWW-Authenticate", "Bearer realm=\"api\"")),
            get(Response::new(401, "")
                .header("WWW-Authenticate", "Bearer error=\"insufficient_scope\"")),
            get(Response::new(
                403,
                r#"{"error":{"code":"invalid_token","message":"x"}}"#,
            )),
        ] {
            assert_eq!(step_with(&p, &can, &r, 0.5), Step::Done);
        }
    }

    #[test]
    fn refresh_before_send_only_for_expiring_jwts() {
        // {"exp":1795900700} — 20 s after NOW.
        let jwt = "eyJhbGciOiJIUzI1NiJ9.eyJleHAiOjE3OTU5MDA3MDB9.sig";
        assert!(refresh_before_send(jwt, NOW, 60.0));
        assert!(!refresh_before_send(jwt, NOW, 10.0));
        assert!(!refresh_before_send(jwt, NOW - 3_600_000.0, 60.0));
        assert!(!refresh_before_send("opaque-api-token", NOW, 60.0));
        // {"sub":"1"}: no expiry.
        assert!(!refresh_before_send(
            "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig",
            NOW,
            60.0
        ));
    }

    #[test]
    fn network_failure_is_unavailable_retried_and_reported() {
        let attempt = Response::new(0, "No response: fetch failed (ECONNREFUSED)").request(req(
            "GET",
            Headers::new().with("Authorization", "Bearer secret-token"),
        ));
        let times = [NOW - 1000.0, NOW];
        let o = Options {
            attempts_ms: &times,
            ..opts()
        };
        let n = failure(Failure::Network, &attempt, &o);
        assert!(!n.ok);
        assert_eq!(n.status, 0);
        assert_eq!(n.category, Some(Category::Unavailable));
        assert_eq!(n.action, Action::RetryLater);
        assert!(n.retry.retryable);
        assert_eq!(
            n.message.as_deref(),
            Some("The service could not be reached. Check your connection, then try again.")
        );
        let text = n.report.as_ref().map(Report::text).unwrap_or_default();
        for want in [
            "Request: GET https://api.test/orders",
            "Status: 0",
            "Authorization: [REDACTED]",
            "\"password\":\"[REDACTED]\"",
            "ECONNREFUSED",
            "Attempts: 2026-11-28T21:17:59.000Z, 2026-11-28T21:18:00.000Z",
        ] {
            assert!(text.contains(want), "missing {want:?} in\n{text}");
        }
        assert!(!text.contains("secret-token") && !text.contains("hunter2"));
        let p = Policy::default();
        assert_eq!(
            next_step(&p, &Progress::default(), &attempt, &n, 0.5),
            Step::Wait { ms: 250 }
        );
        let post = Response::new(0, "").request(req("POST", Headers::new()));
        let n = failure(Failure::Network, &post, &opts());
        assert_eq!(
            next_step(&p, &Progress::default(), &post, &n, 0.5),
            Step::Done
        );
    }

    #[test]
    fn aborted_is_final_and_asks_nothing() {
        let attempt = get(Response::new(0, ""));
        let n = failure(Failure::Aborted, &attempt, &opts());
        assert_eq!(n.category, Some(Category::Unavailable));
        assert_eq!(n.action, Action::None);
        assert!(!n.retry.retryable);
        assert!(n.report.is_none());
        let p = Policy::default();
        assert_eq!(
            next_step(&p, &Progress::default(), &attempt, &n, 0.5),
            Step::Done
        );
    }

    #[test]
    fn failed_refresh_means_sign_in() {
        let n = failure(Failure::Refresh, &get(Response::new(0, "")), &opts());
        assert_eq!(n.category, Some(Category::Unauthenticated));
        assert_eq!(n.action, Action::SignIn);
        assert!(!n.retry.retryable);
        assert!(n.message.is_some_and(|m| m.contains("Sign in")));
        assert_eq!(Failure::from_name("refresh"), Some(Failure::Refresh));
        assert_eq!(Failure::from_name("nope"), None);
    }

    #[test]
    fn step_names() {
        assert_eq!(Step::Done.as_str(), "done");
        assert_eq!(Step::Wait { ms: 1 }.as_str(), "wait");
        assert_eq!(Step::Refresh.as_str(), "refresh");
    }
}
