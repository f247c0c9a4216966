// fieldnote — send(): `fetch` that follows the spec's troubleshooting rules.
//
//   const { response, result } = await send('/api/orders', { method: 'PUT', body }, { getToken, refreshToken });
//
// Bounds: an error body is read up to `maxBodyBytes` (1 MiB) for up to
// `bodyTimeoutMs` (5 s), then its stream is cancelled; a request body is
// kept for the report only up to 64 KiB, and only read when a report may be
// built. Concurrent refreshes are shared by `refreshKey`, else by the token
// being refreshed (see `sharedRefresh`).
//
// Every decision (retry or not, how long to wait, refresh or not, what the
// result says) is made by the Rust core (src/send.rs) in one call per
// attempt; this file only awaits, sleeps and calls `fetch`.
import * as wasm from './fieldnote_errors.js';

/**
 * One in-flight refresh per key: concurrent sends share it. The key is the
 * caller's `refreshKey` option if given, else the token being refreshed
 * (every send holding the same expired or rejected token shares one
 * refresh, whatever `refreshToken` function each passed: single-use refresh
 * tokens survive 100 concurrent 401s), else the `refreshToken` function.
 * Entries go when the refresh settles.
 */
const inflight = new Map();

function sharedRefresh(refreshToken, key) {
  let p = inflight.get(key);
  if (!p) {
    p = (async () => refreshToken())();
    const clear = () => { if (inflight.get(key) === p) inflight.delete(key); };
    p.then(clear, clear);
    inflight.set(key, p);
  }
  return p;
}

/** A new token, or null if the refresh threw, rejected or returned nothing. */
async function refreshed(refreshToken, key) {
  try {
    const token = await sharedRefresh(refreshToken, key);
    return typeof token === 'string' && token !== '' ? token : null;
  } catch {
    return null;
  }
}

/** Waits `ms`, ending early (without error) when `signal` aborts. */
function sleep(ms, signal) {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = () => { clearTimeout(timer); signal?.removeEventListener('abort', done); resolve(); };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}

/**
 * Bytes of an error body read for its result (the core reads no more:
 * `dialects::MAX_BODY_BYTES`), and of a request body kept for the support
 * report (the core reads no more: `report::MAX_BODY_READ`, 64 KiB; one byte
 * more tells it the body was longer).
 */
export const MAX_ERROR_BODY_BYTES = 1024 * 1024;
export const MAX_REPORT_BODY_BYTES = 64 * 1024 + 1;
/** How long an error body is read before what came is used (ms). */
export const BODY_TIMEOUT_MS = 5000;

const TIMEOUT = Symbol('timeout');

/**
 * Reads at most `maxBytes` of `stream` as UTF-8 text, for at most `timeMs`
 * or until `signal` aborts, then cancels the stream: a body that trickles
 * one byte every 200 ms, or a 10 MB one, costs a bounded time and memory.
 */
async function readLimited(stream, maxBytes, timeMs, signal) {
  if (!stream) return '';
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  let text = '';
  let left = maxBytes;
  let timer;
  let onAbort;
  const stop = new Promise((resolve) => {
    timer = setTimeout(() => resolve(TIMEOUT), timeMs);
    onAbort = () => resolve(TIMEOUT);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
  try {
    while (left > 0 && !signal?.aborted) {
      const r = await Promise.race([reader.read(), stop]);
      if (r === TIMEOUT || r.done) break;
      const chunk = r.value.byteLength > left ? r.value.subarray(0, left) : r.value;
      left -= chunk.byteLength;
      text += decoder.decode(chunk, { stream: true });
    }
    return text + decoder.decode();
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
    reader.cancel().catch(() => {});
  }
}

/**
 * The request body as text for the support report, when it is text: at
 * most `MAX_REPORT_BODY_BYTES`, read only when a report may be built (a
 * non-2xx answer or a network failure), and once.
 */
function reportBody(base, init, timeMs) {
  let memo;
  return () => {
    memo ??= (async () => {
      const body = init?.body;
      const cut = (t) => (t.length > MAX_REPORT_BODY_BYTES ? t.slice(0, MAX_REPORT_BODY_BYTES) : t);
      if (typeof body === 'string') return cut(body);
      if (body instanceof URLSearchParams) return cut(body.toString());
      if (body == null && base.body && /json|text|urlencoded/i.test(base.headers.get('content-type') ?? '')) {
        return readLimited(base.clone().body, MAX_REPORT_BODY_BYTES, timeMs, null);
      }
      return null;
    })();
    return memo;
  };
}

/**
 * The response body as text, read from a clone so the caller still gets an
 * unread `Response`: at most `maxBytes`, for at most `timeMs`. A 2xx that
 * isn't JSON cannot carry an error envelope and may be large or endless (a
 * download, a stream): it is not read.
 */
function readBody(response, maxBytes, timeMs, signal) {
  if (response.ok && !/json/i.test(response.headers.get('content-type') ?? '')) return '';
  return readLimited(response.clone().body, maxBytes, timeMs, signal);
}

/** Frees the connection of a response that is not handed back. */
function discard(response) {
  response?.body?.cancel().catch(() => {});
}

function describe(error) {
  const cause = error?.cause?.code ?? error?.cause?.message;
  return `No response (${[error?.name, error?.message, cause].filter(Boolean).join(': ')})`;
}

/** Builds `send` around the package's guarded wasm `call`; `start` resolves once the module runs. */
export function makeSend(call, start) {
  return async function send(input, init, options = {}) {
    await start?.();
    const o = options ?? {};
    const fetchFn = o.fetch ?? globalThis.fetch;
    const now = () => +(o.now ?? Date.now)();
    const random = o.random ?? Math.random;
    const wait = o.sleep ?? sleep;
    const signal = init?.signal ?? (input instanceof Request ? input.signal : null);
    const canRefresh = typeof o.refreshToken === 'function';
    const maxBytes = o.maxBodyBytes ?? MAX_ERROR_BODY_BYTES;
    const timeMs = o.bodyTimeoutMs ?? BODY_TIMEOUT_MS;
    const base = new Request(input, init);
    const body = reportBody(base, init, timeMs);
    // The request body goes only into steps that may build a report.
    const request = { method: base.method, url: base.url, body: null };
    const policy = { retries: o.retries, baseMs: o.baseMs, capMs: o.capMs, maxWaitMs: o.maxWaitMs };
    const attempts = [];
    let retriesDone = 0;
    let refreshDone = false;
    const step = (what) => call(wasm.sendStep, {
      ...what, now: now(), locale: o.locale, dialect: o.dialect, attempts, policy, retriesDone,
      refreshed: refreshDone, canRefresh, random: random(),
    });
    const finish = (out, response, aborted = false) => {
      out.result.aborted = aborted;
      return { response, result: out.result };
    };

    const keyFor = (stale) => o.refreshKey ?? stale ?? o.refreshToken;
    let token = o.getToken ? (await o.getToken()) || null : null;
    if (token && canRefresh && call(wasm.refreshBeforeSend, String(token), now(), o.skewSeconds)) {
      token = await refreshed(o.refreshToken, keyFor(String(token)));
      if (!token) return finish(step({ failure: 'refresh', request }), null);
    }

    for (;;) {
      const headers = new Headers(base.headers);
      if (token) headers.set('authorization', `Bearer ${token}`);
      const sent = { ...request, headers: [...headers] };
      if (signal?.aborted) return finish(step({ failure: 'aborted', request: sent }), null, true);
      attempts.push(now());
      let response = null;
      let text = '';
      let error = null;
      try {
        response = await fetchFn(new Request(base.clone(), { headers }));
        text = await readBody(response, maxBytes, timeMs, signal);
      } catch (e) {
        error = e;
      }
      if (signal?.aborted || error?.name === 'AbortError') {
        discard(response);
        return finish(step({ failure: 'aborted', request: sent }), null, true);
      }
      if (error) discard(response);
      // A 2xx builds no report: its step gets no request body.
      const reported = error || !response.ok ? { ...sent, body: await body() } : sent;
      const out = error
        ? step({ failure: 'network', detail: describe(error), request: reported })
        : step({ status: response.status, headers: [...response.headers], body: text, request: reported });
      if (error) response = null;

      if (out.step === 'refresh') {
        refreshDone = true;
        // Another send may have refreshed already: use its token if so.
        const current = o.getToken ? (await o.getToken()) || null : null;
        const next = current && current !== token ? current : await refreshed(o.refreshToken, keyFor(token));
        if (!next) return finish(out, response);
        token = next;
      } else if (out.step !== 'wait') {
        return finish(out, response);
      }
      discard(response);
      o.onRetry?.({ attempt: attempts.length, delayMs: out.ms, result: out.result });
      if (out.step === 'wait') {
        retriesDone++;
        try {
          await wait(out.ms, signal);
        } catch {
          // A sleep that rejects on abort: the check at the top of the loop answers.
        }
      }
    }
  };
}
