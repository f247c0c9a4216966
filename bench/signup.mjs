// (i) The React + React Hook Form sign-up page (www/schema/signup.json), form ready on Slow 4G:
// the same page built with fieldnote and with Zod 4, each an esbuild production bundle (minified,
// React in production mode), served gzip- or brotli-encoded from precompressed files by a local
// server, loaded in headless Chromium with DevTools' "Slow 4G" network throttling, a fresh browser
// context and the cache disabled for every sample, pages alternating round by round.
//
//   node bench/signup.mjs [--rounds N] [--no-throttle]   prints the section and the goal
//
// bench/run.mjs runs it as part of `make bench`; bench/smoke.test.mjs runs one unthrottled sample.
import { execFileSync } from 'node:child_process';
import { createServer } from 'node:http';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { brotli, gzip } from './gen.mjs';
import { median } from './core.mjs';

const here = (p) => fileURLToPath(new URL(p, import.meta.url));
const OUT = here('out/signup/');

/**
 * Chrome DevTools' "Slow 4G" preset, as chrome-devtools-frontend defines it
 * (front_end/core/sdk/NetworkManager.ts, `Slow4GConditions`; called "Fast 3G" until May 2024):
 * ~1.6 Mbps down × 0.9, ~0.75 Mbps up × 0.9, a 150 ms RTT target × 3.75 (DevTools adds latency per
 * request, so the factor makes a whole page match the target RTT). Bytes per second and ms, as
 * the Chrome DevTools Protocol's `Network.emulateNetworkConditions` takes them. Network only: the
 * preset does not throttle the CPU, and neither does this bench.
 */
export const SLOW_4G = {
  offline: false,
  latency: 150 * 3.75,
  downloadThroughput: (1.6 * 1000 * 1000) / 8 * 0.9,
  uploadThroughput: (750 * 1000) / 8 * 0.9,
};

/**
 * The builds of the page. `bundle`: the entry in bench/signup/ (or another variant's bundle);
 * `wasm`: the module the page fetches, preloaded from the HTML as the README advises when
 * `preload`.
 */
export const VARIANTS = {
  'fieldnote-aot': {
    label: 'fieldnote, ahead of time', entry: 'fieldnote-aot.jsx', wasm: 'fieldnote_runtime_bg.wasm', preload: true,
    what: '`npx fieldnote compile` module + `fieldnote/runtime`, `standardSchemaResolver`, wasm preloaded (README)',
  },
  zod: { label: 'Zod 4', entry: 'zod.jsx', what: 'the same rules in Zod, `zodResolver`' },
  'fieldnote-compile': {
    label: 'fieldnote, compile() at run time', entry: 'fieldnote-compile.jsx', wasm: 'fieldnote_validator_bg.wasm', preload: true,
    what: '`compile()` from `fieldnote/validator` at module scope, `standardSchemaResolver`, wasm preloaded',
  },
  'fieldnote-aot-no-preload': {
    label: 'fieldnote, ahead of time, no preload', bundle: 'fieldnote-aot', wasm: 'fieldnote_runtime_bg.wasm', preload: false,
    what: 'the ahead-of-time bundle, the wasm fetched only when the script asks for it',
  },
};

/** The goal of issue 14: fieldnote's page (ahead of time) ready within 1.15× Zod's time. */
export const GOAL = 1.15;

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.wasm': 'application/wasm',
};

function html(v) {
  // As Vite writes it: the module script in the head; the preload line is the README's.
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Create an account</title>
${v.preload ? `<link rel="preload" href="./${v.wasm}" as="fetch" type="application/wasm" crossorigin>\n` : ''}<script type="module" crossorigin src="./assets/app.js"></script>
</head>
<body>
<div id="root"></div>
</body>
</html>
`;
}

/**
 * Builds every variant into bench/out/signup/<name>/ (index.html, assets/app.js and the wasm, each
 * with .gz and .br beside it) and returns the page weights:
 * `{ name: { files: { path: { bytes, gzip, brotli } }, bytes, gzip, brotli } }`.
 */
export async function buildSignupPages() {
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
  // The ahead-of-time module, written by the package's command as a user's build step would.
  execFileSync(process.execPath, [here('../pkg/bin/fieldnote.js'), 'compile', here('../www/schema/signup.json'),
    '-o', join(OUT, 'signup.validator.js')], { stdio: ['ignore', 'ignore', 'inherit'] });
  const bundles = {};
  for (const [name, v] of Object.entries(VARIANTS)) {
    if (v.bundle) continue;
    const r = await esbuild.build({
      entryPoints: [here(`signup/${v.entry}`)],
      bundle: true,
      minify: true,
      format: 'esm',
      platform: 'browser',
      target: 'es2022',
      jsx: 'automatic',
      define: { 'process.env.NODE_ENV': '"production"' },
      // Locale catalogs are loaded on demand (not part of an English page), as in gen.mjs.
      external: ['./locales/*'],
      nodePaths: [here('node_modules')],
      write: false,
      logLevel: 'silent',
    });
    bundles[name] = r.outputFiles[0].contents;
  }
  const weights = {};
  for (const [name, v] of Object.entries(VARIANTS)) {
    const dir = join(OUT, name);
    mkdirSync(join(dir, 'assets'), { recursive: true });
    const files = { 'index.html': Buffer.from(html(v)), 'assets/app.js': bundles[v.bundle ?? name] };
    // The bundle asks for the wasm at new URL('../<name>', import.meta.url): beside index.html.
    if (v.wasm) files[v.wasm] = readFileSync(here(`../pkg/${v.wasm}`));
    const w = { files: {}, bytes: 0, gzip: 0, brotli: 0 };
    for (const [path, body] of Object.entries(files)) {
      const gz = gzip(body);
      const br = brotli(body);
      writeFileSync(join(dir, path), body);
      writeFileSync(join(dir, `${path}.gz`), gz);
      writeFileSync(join(dir, `${path}.br`), br);
      w.files[path] = { bytes: body.length, gzip: gz.length, brotli: br.length };
      w.bytes += body.length;
      w.gzip += gz.length;
      w.brotli += br.length;
    }
    weights[name] = w;
  }
  return weights;
}

/**
 * Serves bench/out/signup/ as a real static server would: the precompressed file for the
 * browser's Accept-Encoding (brotli, else gzip), its content type, `no-store`. `encodings` counts
 * what was sent.
 */
async function serve() {
  const encodings = {};
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (path === '/favicon.ico') return void res.writeHead(204).end();
    const file = normalize(join(OUT, path.endsWith('/') ? `${path}index.html` : path));
    const type = TYPES[extname(file)];
    if (!file.startsWith(OUT) || !type) return void res.writeHead(404).end();
    const accept = String(req.headers['accept-encoding'] ?? '');
    const encoding = /\bbr\b/.test(accept) ? 'br' : /\bgzip\b/.test(accept) ? 'gzip' : null;
    let body;
    try {
      body = readFileSync(encoding ? `${file}.${encoding === 'br' ? 'br' : 'gz'}` : file);
    } catch {
      return void res.writeHead(404).end();
    }
    encodings[encoding ?? 'identity'] = (encodings[encoding ?? 'identity'] ?? 0) + 1;
    res.writeHead(200, {
      'content-type': type, 'cache-control': 'no-store', vary: 'accept-encoding', 'content-length': body.length,
      ...(encoding ? { 'content-encoding': encoding } : {}),
    });
    res.end(body);
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    encodings,
    close: () => new Promise((r) => { server.closeAllConnections(); server.close(r); }),
  };
}

/**
 * One visit in a fresh context: `{ ms, issues, transferred, errors? }` — the page's
 * `window.__ready`, the issues its validator found in the empty form, and the bytes received
 * (encoded, headers included). `submit`: also submit the empty form and return the messages shown.
 */
async function visit(browser, url, { throttle, submit }) {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const failures = [];
    page.on('pageerror', (e) => failures.push(e));
    page.on('console', (m) => { if (m.type() === 'error') failures.push(new Error(m.text())); });
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    if (throttle) await cdp.send('Network.emulateNetworkConditions', SLOW_4G);
    let transferred = 0;
    cdp.on('Network.loadingFinished', (e) => { transferred += e.encodedDataLength; });
    await page.goto(url);
    await page.waitForFunction(() => window.__ready !== undefined || window.__failed !== undefined, null, { timeout: 60_000 });
    const r = await page.evaluate(() => ({ ms: window.__ready, issues: window.__issues, failed: window.__failed }));
    if (r.failed) throw new Error(`signup page ${url}: ${r.failed}`);
    if (failures.length) throw failures[0];
    const out = { ms: r.ms, issues: r.issues, transferred };
    if (submit) {
      await page.click('button[type=submit]');
      await page.waitForSelector('.error', { timeout: 10_000 });
      out.errors = await page.$$eval('.error', (els) => els.map((e) => e.textContent));
    }
    return out;
  } finally {
    await context.close();
  }
}

/**
 * Builds the pages and measures `rounds` visits of each, alternating (each round in a rotated
 * order, so every page sees the same machine load). Returns
 * `{ samples: { name: [ms] }, ready: { name: median ms }, best, issues, transferred, errors,
 *    weights, encodings, version, rounds, throttle }`.
 */
export async function runSignup({ rounds = 7, throttle = true, submit = false, log = () => {} } = {}) {
  log('signup: building the React + React Hook Form pages');
  const weights = await buildSignupPages();
  const { launch } = await import('../tests/browser/harness.mjs');
  const server = await serve();
  const browser = await launch();
  const names = Object.keys(VARIANTS);
  const samples = Object.fromEntries(names.map((n) => [n, []]));
  const issues = {};
  const transferred = Object.fromEntries(names.map((n) => [n, []]));
  const errors = {};
  try {
    log(`signup: ${rounds} rounds${throttle ? ' on Slow 4G' : ', unthrottled'}`);
    for (let r = 0; r < rounds; r++) {
      for (let k = 0; k < names.length; k++) {
        const name = names[(k + r) % names.length];
        const one = await visit(browser, `${server.url}/${name}/`, { throttle, submit: submit && r === 0 });
        samples[name].push(one.ms);
        transferred[name].push(one.transferred);
        issues[name] = one.issues;
        if (one.errors) errors[name] = one.errors;
      }
    }
    const ready = Object.fromEntries(names.map((n) => [n, median(samples[n])]));
    const best = Object.fromEntries(names.map((n) => [n, Math.min(...samples[n])]));
    const bytes = Object.fromEntries(names.map((n) => [n, median(transferred[n])]));
    return {
      samples, ready, best, issues, transferred: bytes, errors, weights, encodings: { ...server.encodings },
      version: browser.version(), rounds, throttle,
    };
  } finally {
    await browser.close();
    await server.close();
  }
}

const kb = (b) => `${(b / 1000).toFixed(1)} KB`;
const ms = (x) => `${Math.round(x).toLocaleString('en')}`;

/** The goal row for RESULTS.md's goals table: `{ what, chromium }`. */
export function signupGoal(s) {
  const r = s.ready['fieldnote-aot'] / s.ready.zod;
  return {
    what: `React + React Hook Form sign-up page, form ready on Slow 4G: ≤ ${GOAL}× Zod's time`,
    chromium: `${r.toFixed(3)}× (${ms(s.ready['fieldnote-aot'])} ms vs ${ms(s.ready.zod)} ms) — ${r <= GOAL ? 'met' : 'not met'}`,
  };
}

/** The markdown section and the tool lines (`bench i-signup-slow4g… chromium fieldnote=… zod=… ratio=…`). */
export function signupReport(s) {
  const md = [];
  const zod = s.ready.zod;
  md.push(`## (i) React + React Hook Form sign-up page, form ready${s.throttle ? ' on Slow 4G' : ' (unthrottled)'} (Chromium) — ms, lower is better`, '');
  md.push('The demo\'s sign-up form (`www/schema/signup.json`: 11 fields, a nested address, a list of products) in React 19 + React Hook Form, '
    + 'built by esbuild (production, minified) once per validator and served precompressed by a local server. '
    + `Chromium ${s.version}, ${s.throttle ? `DevTools' "Slow 4G" network preset through the DevTools Protocol (${SLOW_4G.latency} ms latency per request, `
    + `${(SLOW_4G.downloadThroughput * 8 / 1e6).toFixed(2)} Mbit/s down, ${(SLOW_4G.uploadThroughput * 8 / 1e6).toFixed(3)} Mbit/s up; CPU not throttled)` : 'no throttling'}, `
    + `cache disabled, a fresh browser context per visit, ${s.rounds} visits per page, pages alternating. `
    + '"Form ready" = from navigation start until the form is rendered and the validator has answered one validation synchronously (`performance.now()` in the page). '
    + `Responses by content-encoding (what Chromium accepted): ${Object.entries(s.encodings).map(([k, v]) => `${k} ${v}`).join(', ')}.`, '');
  md.push('| page | form ready, median | best | ÷ Zod | transferred (measured) | HTML + JS + wasm, gzip -9 | brotli | what |');
  md.push('| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |');
  for (const [name, v] of Object.entries(VARIANTS)) {
    const w = s.weights[name];
    const parts = Object.entries(w.files).filter(([p]) => p !== 'index.html').map(([p, f]) => `${p.replace('assets/app.js', 'JS')} ${kb(f.gzip)}`).join(' + ');
    md.push(`| ${v.label} | ${ms(s.ready[name])} ms | ${ms(s.best[name])} ms | ${name === 'zod' ? '' : `${(s.ready[name] / zod).toFixed(3)}×`} `
      + `| ${kb(s.transferred[name])} | ${kb(w.gzip)} (${parts}) | ${kb(w.brotli)} | ${v.what} |`);
  }
  md.push('');
  const lines = [];
  const suffix = { 'fieldnote-aot': '', 'fieldnote-compile': '-compile', 'fieldnote-aot-no-preload': '-no-preload' };
  for (const [name, sfx] of Object.entries(suffix)) {
    const x = s.ready[name];
    lines.push(`bench i-signup-slow4g${sfx} chromium fieldnote=${Number(x.toPrecision(4))} zod=${Number(zod.toPrecision(4))} ratio=${Number((x / zod).toPrecision(4))}`);
  }
  return { markdown: md.join('\n'), lines };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const argv = process.argv.slice(2);
  const i = argv.indexOf('--rounds');
  const s = await runSignup({
    rounds: i >= 0 ? Number(argv[i + 1]) : 7,
    throttle: !argv.includes('--no-throttle'),
    submit: true,
    log: (m) => process.stderr.write(`${m}\n`),
  });
  const { markdown, lines } = signupReport(s);
  const g = signupGoal(s);
  console.log(markdown);
  console.log(`| ${g.what} | ${g.chromium} |`);
  console.log(lines.join('\n'));
  console.log(JSON.stringify({ samples: s.samples, issues: s.issues, errors: s.errors }));
}
