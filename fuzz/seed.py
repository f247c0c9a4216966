#!/usr/bin/env python3
"""Seeds fuzz/corpus/<target>/ from the project's own test data (dialect
fixtures, the JSON-Schema-Test-Suite) and the saved regression inputs.
Idempotent: files are named by content hash. Usage: fuzz/seed.py"""
import glob, hashlib, json, os, struct

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CORPUS = os.path.join(ROOT, "fuzz", "corpus")
SEP = b"\xff"
FORMATS = ["date", "time", "date-time", "duration", "email", "idn-email", "hostname",
           "idn-hostname", "ipv4", "ipv6", "uri", "uri-reference", "iri", "iri-reference",
           "uri-template", "uuid", "json-pointer", "relative-json-pointer", "regex"]
counts = {}

def put(target, data):
    if isinstance(data, str):
        data = data.encode()
    d = os.path.join(CORPUS, target)
    os.makedirs(d, exist_ok=True)
    name = hashlib.sha1(data).hexdigest()
    path = os.path.join(d, name)
    if not os.path.exists(path):
        with open(path, "wb") as f:
            f.write(data)
        counts[target] = counts.get(target, 0) + 1

def headers(h):
    if isinstance(h, dict):
        h = h.items()
    return "".join(f"{n}: {v}\n" for n, v in h)

# normalize: the dialect fixtures.
for path in glob.glob(os.path.join(ROOT, "tests/fixtures/dialects/*.json")):
    for case in json.load(open(path)):
        r = case["response"]
        body = r.get("body") or ""
        if not isinstance(body, str):
            body = json.dumps(body)
        status = int(r.get("status") or 0)
        req = r.get("request") or {}
        rb = req.get("body") or ""
        if not isinstance(rb, str):
            rb = json.dumps(rb)
        put("normalize", struct.pack("<H", status) + b"\xff" + SEP.join(
            s.encode() for s in [headers(r.get("headers") or {}), body, req.get("url", ""),
                                 headers(req.get("headers") or {}), rb]))

# schema_compile, validate, json, regex, format: the JSON-Schema-Test-Suite.
suite = os.path.join(ROOT, "tests/json-schema-test-suite/tests")
for path in glob.glob(os.path.join(suite, "draft2020-12/**/*.json"), recursive=True):
    groups = json.load(open(path))
    fmt = os.path.basename(path)[:-5] if "/format/" in path else None
    for g in groups:
        schema = json.dumps(g["schema"], separators=(",", ":"))
        put("schema_compile", schema)
        put("json", schema)
        pattern = g["schema"].get("pattern") if isinstance(g["schema"], dict) else None
        for t in g["tests"]:
            data = json.dumps(t["data"], separators=(",", ":"))
            put("validate", schema.encode() + SEP + data.encode())
            put("json", data)
            if pattern is not None and isinstance(t["data"], str):
                put("regex", pattern.encode() + SEP + t["data"].encode())
            if fmt in FORMATS and isinstance(t["data"], str):
                put("format", bytes([FORMATS.index(fmt)]) + t["data"].encode())
            if fmt == "json-pointer" and isinstance(t["data"], str):
                put("paths", t["data"])

for p in ["items[0].name", "/items/0/name", "#/a~1b/c%20d", "$.a['b.c'][0]", "a..b",
          "customer_details[address][line1]", "$", "[0][1].x"]:
    put("paths", p)
for t in ["eyJhbGciOiJIUzI1NiJ9.eyJleHAiOjE3OTU5MDAwMDB9.c2ln", "Bearer a.b.c",
          'Bearer realm="api", error="invalid_token", error_description="The \\"token\\" expired"',
          "Basic realm=x, Bearer error=insufficient_scope"]:
    put("token", t)
now = struct.pack("<d", 1795900680000.0)
for v in ["120", "Thu, 01 Jan 1970 00:01:00 GMT", '"default";r=0;t=30, "day";r=10;t=3600',
          "limit=100, remaining=0, reset=42", "1795900690", "1795900690000", "7s", "1.5s",
          "retry-after: 3\nratelimit-remaining: 0\nratelimit-reset: 9\nx-ratelimit-reset: 1795900700"]:
    put("retry", now + v.encode())
for p, h in [("^(a+)+$", "a" * 28 + "!"), ("(?=.*[0-9])(?=.*[a-z]).{8,}", "passw0rdd"),
             (r"^(\w+)\s\1$", "hello hello"), (r"\p{L}+", "héllo"), ("(a|aa)*b", "a" * 40),
             (r"(?<y>\d{4})-\k<y>", "2020-2020")]:
    put("regex", p.encode() + SEP + h.encode())

# redact: the hostile redaction corpus, its texts (secret placeholder
# removed) around each carrier; a large body too (cuts at 8 and 64 KiB).
for path in glob.glob(os.path.join(ROOT, "tests/fixtures/redaction/*.json")):
    doc = json.load(open(path))
    for k, case in enumerate(doc.get("cases", [])):
        text = case["text"].replace("{S}", "")
        put("redact", bytes([k % 256]) + text.encode() + SEP + b"tail")
for k in range(32):
    put("redact", bytes([k]) + b"x " * (4096 + 997 * k) + SEP + b"&a=1 " * 2000)

# send_steps: a header (retries, flags, base/cap/max wait, randomness), then
# attempts: status, headers 0xFE body.
def policy(retries, flags, base=500.0, cap=30000.0, wait=10000.0):
    return bytes([retries, flags]) + struct.pack("<ddd", base, cap, wait) + b"\x10\x80\xc0\xff"
def attempt(status, hdrs="", body=""):
    return struct.pack("<H", status) + hdrs.encode() + b"\xfe" + body.encode()
attempts = [
    [attempt(503, "Retry-After: 3\n"), attempt(503), attempt(200, "", "{}")],
    [attempt(429, "RateLimit: \"d\";r=0;t=30\n"), attempt(429, "Retry-After: 120\n")],
    [attempt(401, 'WWW-Authenticate: Bearer error="invalid_token"\n'), attempt(401, "", '{"code":"token_expired"}'), attempt(500)],
    [attempt(502), attempt(504), attempt(500, "Retry-After: Thu, 01 Jan 2099 00:00:00 GMT\n"), attempt(0)],
    [attempt(422, "", '{"error":{"code":"validation_failed","details":[{"field":"a","message":"x"}]}}')],
]
for k, seq in enumerate(attempts):
    for flags in [0, 1 | 2, 2 | 4, 8, 16 | 4]:
        put("send_steps", policy(k * 2, flags) + SEP.join(seq))
put("send_steps", policy(255, 1, float("nan"), float("inf"), float("nan")) + SEP.join(attempts[0]))
put("send_steps", policy(3, 1, -1.0, 1e308, -5.0) + SEP.join(attempts[1]))
# Past the 16 KiB default: a 100 KB error body, and 40 KB of headers.
put("send_steps", policy(2, 4) + SEP.join([attempt(503, "Retry-After: 1\n" * 2000, '{"error":"' + "x" * 100000 + '"}'), attempt(503)]))

# plan: count, flags, then target, error path, message and form error
# templates ({i}, {r}, {d}, {h}: see fuzz/targets.rs `expand`).
for count, flags, t, e, m, f in [
    (1, 1, "items.{i}.name", "items[{i}].name", "Enter a name", ""),
    (255, 1, "f{i}", "f{r}", "Check this answer", "Form error {i}"),
    (255, 3, "dob{i}", "dob{d}.year", "Enter a date", ""),
    (255, 0, "x", "items[{h}]", "Huge index", ""),
    (100, 5, "a.b", "/a/b/{d}", "Check this answer", ""),
    (250, 1 | 2 | 4, "g{d}", "$.g{d}['x.y'][0]", "Dup <b>x</b>", "x"),
    (3, 0x80 | (6 << 3), "a", "a", "Slow down", ""),
    (3, 0x40 | (7 << 3), "a", "", "Broken", ""),
]:
    put("plan", bytes([count, flags]) + SEP.join(s.encode() for s in [t, e, m, f]))
# A path of 60 KB (30,000 segments) against groups along it.
put("plan", bytes([20, 3]) + SEP.join([b"a" + b".a" * 8 + b"{i}", b"a" + b".a" * 30000, b"Deep", b""]))

# locale: a catalog, a key, then name=value argument lines.
for path in glob.glob(os.path.join(ROOT, "src/messages/*.json")):
    cat = open(path, "rb").read()
    for key, args in [("form.more_errors", "n=3"), ("field.required", "label=Email"),
                      ("no.such.key", ""), ("form.page_title", "title=" + "x" * 300)]:
        put("locale", cat + SEP + key.encode() + SEP + args.encode())
big = json.dumps({"locale": "zz", "plural": "other", "messages": {
    f"k{(i * 7919) % 20000}": "{a}" * 8 for i in range(3000)}})
put("locale", big.encode() + SEP + b"k7919" + SEP + b"a=" + b"y" * 200)
put("locale", b'{"locale":"q","plural":"one_other","messages":{"a":{"one":"{n} x","other":"' + b"{n}" * 400 + b'"}}}' + SEP + b"a" + SEP + b"n=18446744073709551615")

# boundary: entry point, flags, a number (f64), then texts separated by 0xFF
# (see fuzz/targets.rs `boundary`): real calls of the JS API.
def call(entry, flags, x, *parts):
    return bytes([entry, flags]) + struct.pack("<d", x) + SEP.join(
        p.encode() if isinstance(p, str) else p for p in parts)
nums = [422.0, 500.0, 0.0, 999.0, 1000.0, -1.0, 200.5, 1e300, float("nan"), float("inf"), -0.0]
for path in glob.glob(os.path.join(ROOT, "tests/fixtures/dialects/*.json"))[:8]:
    for case in json.load(open(path))[:6]:
        r = case["response"]
        body = r.get("body") or ""
        if not isinstance(body, str):
            body = json.dumps(body)
        status = float(r.get("status") or 0)
        h = headers(r.get("headers") or {})
        for flags in [0b10100, 0b00110, 0b110100]:
            put("boundary", call(0, flags, status, h, body, "https://api.test/x", "Authorization: Bearer abc.def.ghi"))
        put("boundary", call(1, 0b1000100, status, h, body, "https://api.test/x", "POST"))
        put("boundary", call(2, 0b10, status, body, "items.0.name", "email", "en"))
for x in nums:
    put("boundary", call(0, 0b10000, x, "Retry-After: 3", '{"error":{"code":"x","message":"m"}}', "", "de"))
    put("boundary", call(1, 0b11010000, x, "", "", "", "refresh"))
for failure in ["network", "aborted", "refresh", "bogus", ""]:
    put("boundary", call(1, 0b10000, 0.0, "", "", "TypeError: Failed to fetch", failure))
put("boundary", call(0, 1, 0.0, '{"status":"200"}', "", "", ""))
put("boundary", call(0, 1, 0.0, "[" * 300 + "]" * 300, "", "", ""))
put("boundary", call(0, 0b110000, 503.0, "X: y\n" * 200, "{}", "", "en"))
result = json.dumps({"ok": False, "status": 422, "category": "validation", "message": "Check",
                     "fields": {"email": ["Enter an email"], "items.0.qty": ["Too many"]}, "formErrors": ["Form"]})
for style in range(4):
    put("boundary", call(3, style << 1, 0.0, result, "", "root.server", "en"))
put("boundary", call(3, 1, 0.0, result, "weird", "root", "fr"))
put("boundary", call(2, 0, 0.0, result, '[{"path":"email","id":"e"},"items[0].qty"]', "email", "de"))
put("boundary", call(2, 0b100000, 0.0, result, "x", "y", "z"))
for key in ["form.more_errors", "field.required", "form.summary_title", "nope"]:
    put("boundary", call(4, 0, 3.0, key, "en", "Email", "3"))
    put("boundary", call(4, 1, 1.0, key, "de", '{"n":1,"label":"E-Mail"}'))
for path, style in [("items[0].name", "pointer"), ("/a/b", "dotted"), ("$.a['b.c']", "bracket"), ("a", "json")]:
    put("boundary", call(5, 7, 1795900680000.0, path, style, "email\nfirstName\nitems", "eyJhbGciOiJub25lIn0.eyJleHAiOjE3OTU5MDAwMDB9."))
groups = 0
for path in sorted(glob.glob(os.path.join(suite, "draft2020-12/*.json"))):
    for g in json.load(open(path))[:2]:
        schema = json.dumps(g["schema"], separators=(",", ":"))
        for t in g["tests"][:2]:
            data = json.dumps(t["data"], separators=(",", ":"))
            put("boundary", call(6, 0b01000000 | (groups % 2) << 1, 0.0, schema, "{}", '{"a":"A"}', data))
        groups += 1
put("boundary", call(7, 0b10001, 0.0, '{"$ref":"other.json"}', '{"other.json":{"type":"string"}}', '{"locale":"fr"}'))
put("boundary", call(7, 0b101000, 0.0, '{"type":"object","properties":{"a":{"type":"integer"}}}', '{"a":"x"}', "en", "{}"))

# http: raw HTTP/1.1 requests to the demo server.
valid = json.dumps({"fullName": "Ada Lovelace", "email": "ada@example.com", "dateOfBirth": "1985-12-10",
                    "plan": "standard", "shipping": {"line1": "12 Ockham Lane", "town": "Leeds",
                    "postcode": "LS1 4AP", "country": "GB"},
                    "items": [{"product": "pen", "quantity": 2}], "updates": False})
tok = "eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.eyJzdWIiOiJkZW1vLXVzZXIiLCJleHAiOjQxMDI0NDQ4MDB9."
def req(line, hdrs=(), body=b"", length=True):
    if isinstance(body, str):
        body = body.encode()
    h = "".join(f"{n}: {v}\r\n" for n, v in hdrs)
    if length and body:
        h += f"Content-Length: {len(body)}\r\n"
    return f"{line}\r\nHost: 127.0.0.1\r\n{h}\r\n".encode() + body
put("http", req("GET / HTTP/1.1"))
put("http", req("HEAD / HTTP/1.1"))
put("http", req("GET /pkg/index.js HTTP/1.1", [("Range", "bytes=0-99")]))
put("http", req("GET /app.js HTTP/1.1", [("If-None-Match", '"x"'), ("If-Modified-Since", "Thu, 01 Jan 1970 00:00:00 GMT")]))
put("http", req("GET /../Cargo.toml HTTP/1.1"))
put("http", req("GET /%2e%2e/www/server/main.rs HTTP/1.1"))
put("http", req("DELETE /index.html HTTP/1.1"))
put("http", req("POST /api/token HTTP/1.1", [("X-Demo-Clock", "3600")]))
put("http", req("GET /api/signup HTTP/1.1"))
put("http", req("GET /api/nothing/here HTTP/1.1"))
auth = [("Authorization", "Bearer " + tok), ("Content-Type", "application/json")]
for sc in ["201", "400", "401", "403", "404", "409", "422", "422-problem", "422-laravel", "429", "500", "502", "teapot"]:
    put("http", req("POST /api/signup HTTP/1.1", auth + [("X-Demo-Scenario", sc), ("Idempotency-Key", "k1")], valid))
put("http", req("POST /api/signup HTTP/1.1", auth, '{"email":"x","items":[1,2]}'))
put("http", req("POST /api/signup HTTP/1.1", auth + [("Accept-Language", "de")], "{}"))
put("http", req("POST /api/signup HTTP/1.1", [("Content-Type", "application/json")], valid))
put("http", req("POST /api/signup HTTP/1.1", [("Authorization", "Bearer x.y.z"), ("Content-Type", "text/xml")], "<a/>"))
put("http", req("POST /api/signup HTTP/1.1", auth, "[" * 40 + "]" * 40))
put("http", req("POST /api/signup HTTP/1.1", auth, '{"a":"' + "x" * 70000 + '"}'))
chunks = "".join(f"{len(c):x}\r\n{c}\r\n" for c in [valid[:50], valid[50:]]) + "0\r\n\r\n"
put("http", req("POST /api/signup HTTP/1.1", auth + [("Transfer-Encoding", "chunked")], chunks, length=False))
put("http", req("POST /api/signup HTTP/1.1", auth + [("Transfer-Encoding", "chunked")], "5\r\nab", length=False))
put("http", req("POST /api/signup HTTP/1.1", auth + [("Expect", "100-continue")], valid))
put("http", req("POST /api/signup HTTP/1.1", auth + [("Content-Length", "5")], valid, length=False))
put("http", req("POST /api/signup HTTP/1.1", auth + [("Content-Length", "5"), ("Content-Length", "6")], "abcdef", length=False))
put("http", req("POST /api/signup HTTP/1.1", auth + [("Transfer-Encoding", "gzip")], "x", length=False))
put("http", req("GET / HTTP/1.1", [("X-" + str(i), "v") for i in range(80)]))
put("http", req("GET / HTTP/1.1", [("X-Big", "v" * 9000)]))
put("http", req("GET /" + "a" * 70000 + " HTTP/1.1"))
put("http", b"GET / HTTP/1.1\r\nHost x\r\n\r\n")
put("http", b"GET / HTTP/1.1\r\nX: a\r\n folded\r\n\r\n")
put("http", b"GET / HTTP/2.0\r\n\r\n")
put("http", b"GET /\r\n\r\n")
put("http", b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n")
put("http", b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03")
put("http", b"GET / HTTP/1.1\r\nHost: a\r\n\r\nGET /x HTTP/1.1\r\n\r\n")
put("http", b"GET / HTTP/1.1\nHost: a\n\n")

# Saved regressions seed their own target.
for path in glob.glob(os.path.join(ROOT, "tests/fuzz-regressions/*/*")):
    put(os.path.basename(os.path.dirname(path)), open(path, "rb").read())

print("seeded:", ", ".join(f"{t} +{n}" for t, n in sorted(counts.items())) or "nothing new")
