// fieldnote — send(): `fetch` that follows the spec's troubleshooting rules.
//
//   const { response, result } = await send('/api/orders', { method: 'PUT', body }, { getToken, refreshToken });
//
// Every decision (retry or not, how long to wait, refresh or not, what the
// result says) is made by the Rust core (src/send.rs) in one call per
// attempt; this file only awaits, sleeps and calls `fetch`.
import * as wasm from './fieldnote_errors.js';

/** One in-flight refresh per `refreshToken` function: concurrent sends share it. */
const inflight = new WeakMap();

function sharedRefresh(refreshToken) {
  let p = inflight.get(refreshToken);
  if (!p) {
    p = (async () => refreshToken())();
    const clear = () => { if (inflight.get(refreshToken) === p) inflight.delete(refreshToken); };
    p.then(clear, clear);
    inflight.set(refreshToken, p);
  }
  return p;
}

/** A new token, or null if the refresh threw, rejected or returned nothing. */
async function refreshed(refreshToken) {
  try {
    const token = await sharedRefresh(refreshToken);
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

/** The request body as text for the support report, when it is text. */
async function bodyText(base, init) {
  const body = init?.body;
  if (typeof body === 'string') return body;
  if (body instanceof URLSearchParams) return body.toString();
  if (body == null && base.body && /json|text|urlencoded/i.test(base.headers.get('content-type') ?? '')) {
    return base.clone().text();
  }
  return null;
}

/**
 * The response body as text, read from a clone so the caller still gets an
 * unread `Response`. A 2xx that isn't JSON cannot carry an error envelope and
 * may be large or endless (a download, a stream): it is not read.
 */
function readBody(response) {
  if (response.ok && !/json/i.test(response.headers.get('content-type') ?? '')) return '';
  return response.clone().text();
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
    await start();
    const o = options ?? {};
    const fetchFn = o.fetch ?? globalThis.fetch;
    const now = () => +(o.now ?? Date.now)();
    const random = o.random ?? Math.random;
    const wait = o.sleep ?? sleep;
    const signal = init?.signal ?? (input instanceof Request ? input.signal : null);
    const canRefresh = typeof o.refreshToken === 'function';
    const base = new Request(input, init);
    const request = { method: base.method, url: base.url, body: await bodyText(base, init) };
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

    let token = o.getToken ? (await o.getToken()) || null : null;
    if (token && canRefresh && call(wasm.refreshBeforeSend, String(token), now(), o.skewSeconds)) {
      token = await refreshed(o.refreshToken);
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
        text = await readBody(response);
      } catch (e) {
        error = e;
      }
      if (signal?.aborted || error?.name === 'AbortError') {
        discard(response);
        return finish(step({ failure: 'aborted', request: sent }), null, true);
      }
      if (error) discard(response);
      const out = error
        ? step({ failure: 'network', detail: describe(error), request: sent })
        : step({ status: response.status, headers: [...response.headers], body: text, request: sent });
      if (error) response = null;

      if (out.step === 'refresh') {
        refreshDone = true;
        // Another send may have refreshed already: use its token if so.
        const current = o.getToken ? (await o.getToken()) || null : null;
        const next = current && current !== token ? current : await refreshed(o.refreshToken);
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
