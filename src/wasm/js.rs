//! The JS API's conversions as plain Rust: each takes what the package's
//! JS wrapper passes (JSON text from `JSON.stringify`, strings, numbers)
//! and returns JSON text, or a sentence naming what was wrong. The
//! `#[wasm_bindgen]` functions in `crate::wasm` only move values across
//! and call these; this module builds natively too, so the `boundary`
//! fuzz target drives exactly the conversions the browser runs.
//!
//! Not part of the crate's API (hidden; may change with the JS package).

use crate::json::Document;

/// An error made from a sentence (given in parts) naming the argument and
/// what was wrong with it: `String` natively, the JS `Error` in the wasm
/// layer, which then builds it where the sentence is made, as before.
pub trait Fail {
    /// The error saying `parts` joined.
    fn fail(parts: &[&str]) -> Self;
}

impl Fail for String {
    fn fail(parts: &[&str]) -> String {
        parts.concat()
    }
}
#[cfg(any(feature = "errors", feature = "validator"))]
use crate::json::Writer;
#[cfg(feature = "errors")]
use crate::json::{Kind, Value};

/// JSON text the JS wrapper made with `JSON.stringify`; one too deep or
/// too long for the parser's limits reads as `null` (nothing to show).
pub fn doc_of(json: &str) -> Document {
    Document::parse(json).unwrap_or_else(|_| Document::null())
}

// ---------------------------------------------------------------------------
// Reading responses (feature `errors`).
// ---------------------------------------------------------------------------

/// Parses a call's JSON text with the default limits; an error names the
/// argument (`what`) and the problem.
#[cfg(feature = "errors")]
fn parse_doc<E: Fail>(text: String, what: &str) -> Result<Document, E> {
    Document::parse_with(text, &Default::default())
        .map_err(|e| E::fail(&[what, ": ", &e.describe(&Default::default())]))
}

/// A string, or a number as written; anything else is absent.
#[cfg(feature = "errors")]
fn str_of(v: Option<Value<'_>>) -> Option<String> {
    v.and_then(|v| match v.kind() {
        Kind::String => v.as_str().map(|s| s.into_owned()),
        Kind::Number => v.number_text().map(str::to_owned),
        _ => None,
    })
}

/// Headers from `{name: value}` or `[[name, value], ...]`.
#[cfg(feature = "errors")]
fn headers_of(v: Option<Value<'_>>) -> crate::http::Headers<'static> {
    let mut h = crate::http::Headers::new();
    let Some(v) = v else { return h };
    match v.kind() {
        Kind::Object => {
            for (k, val) in v.members() {
                if let Some(s) = str_of(Some(val)) {
                    h.push(k.into_owned(), s);
                }
            }
        }
        Kind::Array => {
            for pair in v.items() {
                if let (Some(k), Some(val)) = (str_of(pair.at(0)), str_of(pair.at(1))) {
                    h.push(k, val);
                }
            }
        }
        _ => {}
    }
    h
}

/// A body given as text, or as JSON to serialize.
#[cfg(feature = "errors")]
fn body_of(v: Option<Value<'_>>) -> Option<String> {
    let v = v?;
    match v.kind() {
        Kind::Null => None,
        Kind::String => v.as_str().map(|s| s.into_owned()),
        _ => {
            let mut w = Writer::new();
            w.value(v);
            Some(w.finish())
        }
    }
}

/// `{ status, headers, body, request? }` → a [`crate::http::Response`].
#[cfg(feature = "errors")]
fn response_of<E: Fail>(root: Value<'_>) -> Result<crate::http::Response<'static>, E> {
    use crate::http::{Request, Response};
    if root.kind() != Kind::Object {
        return Err(E::fail(&[
            "normalize(response): expected an object like { status, headers, body }",
        ]));
    }
    let status = match root.get("status") {
        Some(s) if s.kind() == Kind::Number => {
            s.as_u64().filter(|n| *n <= 999).ok_or_else(|| {
                E::fail(&["normalize(response): status must be an integer from 0 to 999"])
            })? as u16
        }
        None => 0,
        Some(_) => return Err(E::fail(&["normalize(response): status must be a number"])),
    };
    let mut resp = Response::new(status, body_of(root.get("body")).unwrap_or_default());
    resp.headers = headers_of(root.get("headers"));
    if let Some(r) = root.get("request").filter(|r| r.kind() == Kind::Object) {
        resp.request = Some(Request {
            method: str_of(r.get("method"))
                .unwrap_or_else(|| "GET".into())
                .into(),
            url: str_of(r.get("url")).unwrap_or_default().into(),
            headers: headers_of(r.get("headers")),
            body: body_of(r.get("body")).map(Into::into),
        });
    }
    Ok(resp)
}

/// `now` from the options, else the host's clock (asked only then).
#[cfg(feature = "errors")]
fn now_of(opts: Option<Value<'_>>, clock: impl FnOnce() -> f64) -> f64 {
    opts.and_then(|o| o.get("now"))
        .and_then(|n| n.as_f64())
        .unwrap_or_else(clock)
}

/// The person's clock offset (`utcOffsetMinutes`, minutes east of UTC), for
/// long waits said as a time of day; at most ±18 hours.
#[cfg(feature = "errors")]
fn clock_of(o: Option<Value<'_>>) -> crate::normalize::Clock {
    crate::normalize::Clock {
        utc_offset_minutes: o
            .and_then(|o| o.get("utcOffsetMinutes"))
            .and_then(|v| v.as_f64())
            .filter(|m| m.is_finite() && m.abs() <= 1080.0)
            .map(|m| m as i32),
    }
}

/// `normalize(response, options)`: the response as JSON text; `options_json`
/// gives the options' JSON text (`None`: none) once the response is read,
/// `clock` the time when they hold no `now`, and `out` turns the result's
/// JSON text into the caller's value (the wasm layer: `JSON.parse`). The
/// callbacks keep the conversions where they were in one function: the
/// wasm binary does not grow. An error only for a malformed call.
#[cfg(feature = "errors")]
#[inline]
pub fn normalize<E: Fail, T>(
    response_json: String,
    options_json: impl FnOnce() -> Result<Option<String>, E>,
    clock: impl FnOnce() -> f64,
    out: impl FnOnce(&str) -> Result<T, E>,
) -> Result<T, E> {
    let input = parse_doc(response_json, "normalize(response)")?;
    let resp = response_of(input.root())?;
    let opt_doc = match options_json()? {
        Some(o) => Some(parse_doc(o, "normalize options")?),
        None => None,
    };
    let o = opt_doc
        .as_ref()
        .map(|d| d.root())
        .filter(|r| r.kind() == Kind::Object);
    let locale = str_of(o.and_then(|o| o.get("locale"))).unwrap_or_default();
    let dialect = str_of(o.and_then(|o| o.get("dialect")));
    let attempts: Vec<f64> = o
        .and_then(|o| o.get("attempts"))
        .map(|a| a.items().filter_map(|t| t.as_f64()).collect())
        .unwrap_or_default();
    let opts = crate::normalize::Options {
        now_ms: Some(now_of(o, clock)),
        locale: &locale,
        dialect: dialect.as_deref(),
        attempts_ms: &attempts,
    };
    let clock = clock_of(o);
    out(&crate::normalize::normalize_detailed(&resp, &opts, &clock).to_json())
}

/// A non-negative finite number member, else `default`.
#[cfg(feature = "errors")]
fn number_or(o: Value<'_>, key: &str, default: f64) -> f64 {
    o.get(key)
        .and_then(|v| v.as_f64())
        .filter(|n| n.is_finite() && *n >= 0.0)
        .unwrap_or(default)
}

/// One step of `send()` (see `sendStep` in `crate::wasm`): the input as
/// JSON text; `clock` gives the time when it holds no `now`; `out` turns
/// `{ step, ms, result }` (JSON text) into the caller's value.
#[cfg(feature = "errors")]
#[inline]
pub fn send_step<E: Fail, T>(
    input_json: String,
    clock: impl FnOnce() -> f64,
    out: impl FnOnce(&str) -> Result<T, E>,
) -> Result<T, E> {
    let doc = parse_doc(input_json, "send")?;
    let root = doc.root();
    let failure = str_of(root.get("failure"));
    let mut resp = response_of(root)?;
    let locale = str_of(root.get("locale")).unwrap_or_default();
    let dialect = str_of(root.get("dialect"));
    let attempts: Vec<f64> = root
        .get("attempts")
        .map(|a| a.items().filter_map(|t| t.as_f64()).collect())
        .unwrap_or_default();
    let opts = crate::normalize::Options {
        now_ms: Some(now_of(Some(root), clock)),
        locale: &locale,
        dialect: dialect.as_deref(),
        attempts_ms: &attempts,
    };
    let clock = clock_of(Some(root));
    let detailed = match failure.as_deref().map(crate::send::Failure::from_name) {
        Some(Some(kind)) => {
            resp.status = 0;
            resp.body = str_of(root.get("detail")).unwrap_or_default().into();
            crate::normalize::Detailed {
                result: crate::send::failure(kind, &resp, &opts),
                server_message: None,
                message_source: Some(crate::normalize::MessageSource::Fieldnote),
            }
        }
        Some(None) => return Err(E::fail(&["send: unknown failure kind"])),
        None => crate::normalize::normalize_detailed(&resp, &opts, &clock),
    };
    let n = &detailed.result;
    let d = crate::send::Policy::default();
    let p = root.get("policy").filter(|p| p.kind() == Kind::Object);
    let policy = match p {
        Some(p) => crate::send::Policy {
            // `as` saturates: a huge count means "as many as u32 holds".
            retries: number_or(p, "retries", f64::from(d.retries)) as u32,
            base_ms: number_or(p, "baseMs", d.base_ms),
            cap_ms: number_or(p, "capMs", d.cap_ms),
            max_wait_ms: number_or(p, "maxWaitMs", d.max_wait_ms),
        },
        None => d,
    };
    let progress = crate::send::Progress {
        retries_done: number_or(root, "retriesDone", 0.0) as u32,
        refreshed: root.get("refreshed").and_then(|v| v.as_bool()) == Some(true),
        can_refresh: root.get("canRefresh").and_then(|v| v.as_bool()) == Some(true),
    };
    let random = number_or(root, "random", 0.0);
    let step = crate::send::next_step(&policy, &progress, &resp, n, random);
    let mut w = Writer::new();
    w.begin_object();
    w.key("step");
    w.string(step.as_str());
    w.key("ms");
    w.u64(match step {
        crate::send::Step::Wait { ms } => ms,
        _ => 0,
    });
    w.key("result");
    detailed.write_json(&mut w);
    w.end_object();
    out(&w.finish())
}

/// `matchField`: the index of the form field a server's key names, or -1
/// when none or more than one fits.
#[cfg(feature = "errors")]
#[inline]
pub fn match_field(server_key: &str, fields: &[String]) -> i32 {
    let f: Vec<&str> = fields.iter().map(String::as_str).collect();
    crate::paths::match_field(server_key, &f)
        .and_then(|i| i32::try_from(i).ok())
        .unwrap_or(-1)
}

/// `formatPath`: a path (any syntax) written in `style`.
#[cfg(feature = "errors")]
#[inline]
pub fn format_path<E: Fail>(path: &str, style: &str) -> Result<String, E> {
    let style = crate::paths::Style::from_name(style).ok_or_else(|| {
        E::fail(&["formatPath: style must be \"dotted\", \"bracket\" or \"pointer\""])
    })?;
    Ok(crate::paths::format(&crate::paths::canonical(path), style))
}

/// `renderPlan`: a normalize result or envelope and the plan's options,
/// both as JSON text; the plan as JSON text.
#[cfg(feature = "errors")]
pub fn render_plan(result_json: &str, options_json: &str) -> String {
    use crate::plan::{Options, Outcome, Target};
    let opts_doc = doc_of(options_json);
    let o = opts_doc.root();
    let mut opts = Options {
        locale: str_of(o.get("locale")).unwrap_or_default(),
        title: str_of(o.get("title")).unwrap_or_default(),
        ..Options::default()
    };
    if let Some(list) = o.get("fieldOrder") {
        let mut targets = Vec::new();
        for f in list.items() {
            // A string is a path whose element id is the same text.
            let path = str_of(Some(f)).or_else(|| str_of(f.get("path")));
            let Some(path) = path else { continue };
            targets.push(Target {
                path: crate::paths::canonical(&path),
                id: str_of(f.get("id")).unwrap_or_else(|| str_of(Some(f)).unwrap_or_default()),
                group: f.get("group").and_then(|g| g.as_bool()) == Some(true),
            });
        }
        opts.targets = Some(targets);
    }
    if let Some(labels) = o.get("labels") {
        for (k, v) in labels.members() {
            if let Some(v) = str_of(Some(v)) {
                opts.labels.push((crate::paths::canonical(&k), v));
            }
        }
    }
    let outcome = Outcome::from_json(doc_of(result_json).root(), &opts.locale);
    crate::plan::plan(&outcome, &opts).to_json()
}

/// `toFormErrors`: a result's errors in React Hook Form's `setError`
/// shape, as JSON text; empty for an unknown style.
#[cfg(feature = "errors")]
pub fn form_errors(result_json: &str, style: &str, root: &str, locale: &str) -> String {
    let Some(style) = crate::paths::Style::from_name(style) else {
        return String::new();
    };
    let doc = doc_of(result_json);
    let mut w = Writer::new();
    let outcome = crate::plan::Outcome::from_json(doc.root(), locale);
    crate::plan::write_form_errors(&outcome, style, root, locale, &mut w);
    w.finish()
}

/// `messageText`: a catalog sentence in `locale` with `{name}`
/// placeholders filled from `args_json` (an object); a count named `n`
/// picks the plural form.
#[cfg(feature = "errors")]
pub fn message_text(key: &str, locale: &str, args_json: &str) -> String {
    use crate::messages::Arg;
    let doc = doc_of(args_json);
    let mut owned: Vec<(String, String)> = Vec::new();
    let mut counts: Vec<Option<u64>> = Vec::new();
    for (k, v) in doc.root().members() {
        owned.push((k.into_owned(), str_of(Some(v)).unwrap_or_default()));
        counts.push(v.as_u64());
    }
    let mut args: Vec<(&str, Arg<'_>)> = Vec::new();
    for ((k, text), n) in owned.iter().zip(counts) {
        args.push((k, n.map_or(Arg::Text(text), Arg::Count)));
    }
    crate::messages::text(locale, key, &args)
}

// ---------------------------------------------------------------------------
// Validating (feature `validator`; compiling needs `compiler`).
// ---------------------------------------------------------------------------

/// Per-call wording options (`{ locale, labels, messages }` as JSON text,
/// "" for none) on top of the compiled ones; `today` (the person's
/// calendar day, `YYYY-MM-DD`) is asked for only when neither sets it.
#[cfg(feature = "validator")]
pub fn words_for(
    base: &crate::schema::MessageOptions,
    call: &str,
    today: impl FnOnce() -> String,
) -> crate::schema::MessageOptions {
    let mut words = if call.is_empty() {
        base.clone()
    } else {
        let doc = doc_of(call);
        base.overlaid(&crate::schema::MessageOptions::from_json(doc.root()))
    };
    if words.today.is_none() {
        words.today = Some(today());
    }
    words
}

#[cfg(feature = "validator")]
fn instance_error<E: Fail>(e: crate::schema::ValidateError) -> E {
    E::fail(&["fieldnote: ", &e.message])
}

/// Compiles a schema with the other schemas `$ref` may name (`schemas_json`:
/// an object by URI, "" for none) and the options (`options_json`:
/// `formats`, `strict`, `draft`, ...; `ref` or `operationId` pick a schema
/// in an OpenAPI document; `locale`, `labels`, `messages` word failures).
#[cfg(feature = "compiler")]
pub fn compile<E: Fail>(
    schema_json: &str,
    schemas_json: &str,
    options_json: &str,
) -> Result<(crate::schema::Schema, crate::schema::MessageOptions), E> {
    let opts_doc = doc_of(options_json);
    let o = opts_doc.root();
    let schema = compile_schema(schema_json, schemas_json, o)?;
    Ok((schema, crate::schema::MessageOptions::from_json(o)))
}

/// [`compile`]'s schema only.
#[cfg(feature = "compiler")]
fn compile_schema<E: Fail>(
    schema_json: &str,
    schemas_json: &str,
    o: crate::json::Value<'_>,
) -> Result<crate::schema::Schema, E> {
    let opts = crate::schema::Options::from_json(o)
        .map_err(|m| E::fail(&["fieldnote: compile options: ", &m]))?;
    let mut registry = crate::schema::Registry::new();
    if !schemas_json.is_empty() {
        let limits = crate::json::Limits {
            max_depth: crate::schema::MAX_SCHEMA_DEPTH.saturating_add(1),
            max_len: usize::MAX,
        };
        let all = Document::parse_with(schemas_json.into(), &limits)
            .map_err(|e| E::fail(&["fieldnote: options.schemas: ", &e.describe(&limits)]))?;
        for (uri, s) in all.root().members() {
            let mut w = Writer::new();
            w.value(s);
            registry
                .add(&uri, &w.finish())
                .map_err(|e| E::fail(&["fieldnote: ", &e.message]))?;
        }
    }
    let openapi_ref = o.get("ref").and_then(|v| v.as_str());
    let operation = o.get("operationId").and_then(|v| v.as_str());
    let compiled = match (&openapi_ref, &operation) {
        (Some(r), _) => crate::schema::Schema::compile_openapi(
            schema_json,
            &crate::schema::Selector::Ref(r),
            &registry,
            &opts,
        ),
        (None, Some(id)) => crate::schema::Schema::compile_openapi(
            schema_json,
            &crate::schema::Selector::OperationId(id),
            &registry,
            &opts,
        ),
        (None, None) => crate::schema::Schema::compile(schema_json, &registry, &opts),
    };
    compiled.map_err(|e| E::fail(&["fieldnote: the schema cannot be used: ", &e.message]))
}

/// `compileToImage`: a schema compiled into a program image.
#[cfg(feature = "compiler")]
pub fn compile_to_image<E: Fail>(
    schema_json: &str,
    schemas_json: &str,
    options_json: &str,
) -> Result<Vec<u8>, E> {
    let opts_doc = doc_of(options_json);
    Ok(compile_schema(schema_json, schemas_json, opts_doc.root())?.to_image())
}

/// Loads a program image; `options_json` holds `locale`, `labels` and
/// `messages`.
#[cfg(feature = "validator")]
pub fn from_image<E: Fail>(
    image: &[u8],
    options_json: &str,
) -> Result<(crate::schema::Schema, crate::schema::MessageOptions), E> {
    let schema = crate::schema::Schema::from_image(image)
        .map_err(|e| E::fail(&["fieldnote: ", &e.message]))?;
    let opts_doc = doc_of(options_json);
    Ok((
        schema,
        crate::schema::MessageOptions::from_json(opts_doc.root()),
    ))
}

/// The failures of `instance_json`: judged as JS doubles with
/// `js_numbers`; only as many as the envelope reports with `for_envelope`.
#[cfg(feature = "validator")]
fn failures_of<E: Fail>(
    schema: &crate::schema::Schema,
    instance_json: &str,
    js_numbers: bool,
    for_envelope: bool,
) -> Result<Vec<crate::schema::Failure>, E> {
    match (js_numbers, for_envelope) {
        (true, true) => schema.validate_json_f64_for_envelope(instance_json),
        (false, true) => schema.validate_json_for_envelope(instance_json),
        (true, false) => schema.validate_json_f64(instance_json),
        (false, false) => schema.validate_json(instance_json),
    }
    .map_err(instance_error)
}

/// `Validator.envelope`: `None` when valid, else the spec's 422 envelope as
/// JSON text. `js_numbers`: the text is `JSON.stringify` of a JS value,
/// whose numbers are judged as the doubles they are.
#[cfg(feature = "validator")]
pub fn envelope<E: Fail>(
    schema: &crate::schema::Schema,
    base: &crate::schema::MessageOptions,
    instance_json: &str,
    call_json: &str,
    js_numbers: bool,
    today: impl FnOnce() -> String,
) -> Result<Option<String>, E> {
    let failures = failures_of(schema, instance_json, js_numbers, true)?;
    if failures.is_empty() {
        return Ok(None);
    }
    let words = words_for(base, call_json, today);
    Ok(Some(
        crate::schema::to_envelope_with(&failures, &words).to_json(),
    ))
}

/// `Validator.issues`: `None` when valid, else `[{path, keyword, params,
/// message, schemaPath}]` as JSON text (`js_numbers` as for [`envelope`]).
#[cfg(feature = "validator")]
pub fn issues<E: Fail>(
    schema: &crate::schema::Schema,
    base: &crate::schema::MessageOptions,
    instance_json: &str,
    call_json: &str,
    js_numbers: bool,
    today: impl FnOnce() -> String,
) -> Result<Option<String>, E> {
    let failures = failures_of(schema, instance_json, js_numbers, false)?;
    if failures.is_empty() {
        return Ok(None);
    }
    let words = words_for(base, call_json, today);
    let mut w = Writer::new();
    w.begin_array();
    // As many as the envelope reports, then one saying how many more.
    for f in failures.iter().take(crate::schema::MAX_DETAILS) {
        w.begin_object();
        w.key("path");
        w.string(&f.path);
        w.key("keyword");
        w.string(f.keyword);
        w.key("params");
        f.params.write_json(&mut w);
        w.key("message");
        w.string(&f.message_with(&words));
        w.key("schemaPath");
        w.string(&f.schema_path);
        w.end_object();
    }
    if let Some(rest) = failures.len().checked_sub(crate::schema::MAX_DETAILS) {
        if rest > 0 {
            w.begin_object();
            for key in ["path", "keyword"] {
                w.key(key);
                w.string("");
            }
            w.key("params");
            w.begin_object();
            w.end_object();
            w.key("message");
            w.string(&crate::schema::more(rest as u64, &words));
            w.key("schemaPath");
            w.string("");
            w.end_object();
        }
    }
    w.end_array();
    Ok(Some(w.finish()))
}

/// `Validator.typeAt`: the JSON types allowed at a field path (any
/// syntax), comma-separated, or `None` when unconstrained or unknown.
#[cfg(feature = "validator")]
pub fn type_at(schema: &crate::schema::Schema, path: &str) -> Option<String> {
    let types = schema.type_at(&crate::paths::canonical(path))?;
    Some(types.join(","))
}
