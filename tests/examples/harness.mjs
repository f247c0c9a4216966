// Shared by the example tests (tests/examples/*.test.mjs): each example under examples/ is a
// small real app with its own lockfile, installed by .ci/examples from the packed tarball
// (`make test-examples` runs both). Builds and servers run at low priority, one at a time.
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { existsSync, readFileSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
import { once } from 'node:events';
import assert from 'node:assert/strict';
import { root } from '../browser/harness.mjs';

export { launch, root } from '../browser/harness.mjs';

/** The directory of example `name`, checked to be installed. */
export function example(name) {
  const dir = join(root, 'examples', name);
  if (!existsSync(join(dir, 'node_modules', '.fieldnote-stamp'))) {
    throw new Error(`examples/${name} is not installed: run .ci/examples (make test-examples does)`);
  }
  return dir;
}

/** Runs `command` (an executable in the example's node_modules/.bin or a path) at low priority. */
export function run(dir, command, args = [], { env = {}, timeoutMs = 600_000 } = {}) {
  const bin = join(dir, 'node_modules', '.bin', command);
  const child = spawn('nice', ['-n', '10', existsSync(bin) ? bin : command, ...args], {
    cwd: dir, env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', NO_COLOR: '1', FORCE_COLOR: '0', CI: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d) => { output += d; });
  child.stderr.on('data', (d) => { output += d; });
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  return new Promise((resolve) => child.on('close', (code) => {
    clearTimeout(timer);
    resolve({ code, output });
  }));
}

/** Asserts a finished command succeeded, showing its output when it did not. */
export function assertRan({ code, output }, what) {
  assert.equal(code, 0, `${what} failed (exit ${code}):\n${output.slice(-6000)}`);
}

/**
 * Starts a long-running server command and waits for `ready` (a RegExp on its output).
 * Resolves to `{ output(), stop() }`; rejects with the output if it exits or times out first.
 */
export async function start(dir, command, args, { ready, env = {}, timeoutMs = 120_000 }) {
  const bin = join(dir, 'node_modules', '.bin', command);
  // Its own process group, so stop() ends the server and anything it started, and nothing else.
  const child = spawn(existsSync(bin) ? bin : command, args, {
    cwd: dir, detached: true,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', NO_COLOR: '1', FORCE_COLOR: '0', CI: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    try { process.kill(-child.pid, 'SIGTERM'); } catch { return; }
    const killer = setTimeout(() => { try { process.kill(-child.pid, 'SIGKILL'); } catch { /* gone */ } }, 5000);
    await once(child, 'close');
    clearTimeout(killer);
  };
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => { stop(); reject(new Error(`${command} did not start in ${timeoutMs} ms:\n${output}`)); }, timeoutMs);
    const onData = (d) => {
      output += d;
      if (ready.test(output)) { clearTimeout(timer); resolve(); }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('close', (code) => { clearTimeout(timer); reject(new Error(`${command} exited (${code}):\n${output}`)); });
  });
  return { output: () => output, stop };
}

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.json': 'application/json', '.wasm': 'application/wasm', '.svg': 'image/svg+xml',
};

/**
 * The sign-up API every example posts to: the spec's 422 envelope for a taken address, 201
 * otherwise (Next.js has its own, in app/api/signup/route.js).
 */
export async function signupApi(req, res) {
  let body = '';
  for await (const chunk of req) body += chunk;
  const value = JSON.parse(body || '{}');
  if (value.email === 'taken@example.com') {
    res.writeHead(422, { 'content-type': 'application/json' }).end(JSON.stringify({
      error: {
        code: 'validation_failed',
        message: 'Check your answers',
        details: [{ field: 'email', message: 'This email address is already registered' }],
      },
    }));
    return;
  }
  res.writeHead(201, { 'content-type': 'application/json' }).end('{"ok":true}');
}

/**
 * Serves `dir` statically on 127.0.0.1 (`/` is index.html), with `routes` (path → handler) and
 * extra response `headers` (a function of the request, or an object). Returns `{ url, close }`.
 */
export async function serveStatic(dir, { routes = { '/api/signup': signupApi }, headers = {} } = {}) {
  const base = normalize(dir + sep);
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (routes[path]) return routes[path](req, res);
    if (path === '/favicon.ico') return void res.writeHead(204).end();
    const file = normalize(join(base, path === '/' ? 'index.html' : path));
    if (!file.startsWith(base)) return void res.writeHead(403).end();
    try {
      const body = readFileSync(file);
      const extra = typeof headers === 'function' ? headers(req) : headers;
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', ...extra }).end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { url: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((r) => server.close(r)) };
}

/** A free port on 127.0.0.1 (for servers that take one on their command line). */
export async function freePort() {
  const s = createServer();
  s.listen(0, '127.0.0.1');
  await once(s, 'listening');
  const { port } = s.address();
  await new Promise((r) => s.close(r));
  return port;
}

/** Opens `url`, collecting page errors and console errors. */
export async function open(browser, url) {
  const page = await browser.newPage();
  page.setDefaultTimeout(10_000); // a page that never starts fails in seconds, not in 30 s per step
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  // A 4xx the app asked for is logged by the browser as "Failed to load resource": not an error.
  page.on('console', (m) => { if (m.type() === 'error' && !/^Failed to load resource: the server responded with a status of 4/.test(m.text())) errors.push(m.text()); });
  await page.goto(url, { waitUntil: 'networkidle' });
  return { page, errors };
}

/**
 * The sign-up form bound with `fieldnote/dom` (the plain-HTML, Vite 6, webpack and Next.js
 * examples), driven as a person would: an empty submit, a server error, a success.
 */
export async function driveBoundForm(page, errors) {
  await page.click('button[type=submit]');
  // GOV.UK's placement: at the top of `main`, above the h1 (the form when there is no main).
  const summary = page.locator('.fieldnote-error-summary');
  await summary.waitFor({ timeout: 10_000 }).catch((e) => {
    throw new Error(`no error summary after an empty submit (${e.message.split('\n')[0]}); page errors: ${errors.join(' | ') || 'none'}`);
  });
  assert.match(await summary.textContent(), /There is a problem/);
  assert.deepEqual(await page.locator('.fieldnote-error-summary a').allTextContents(), ['Enter full name', 'Enter email address']);
  assert.match(await page.locator('#email-error').textContent(), /Enter email address/);
  assert.equal(await page.getAttribute('#email', 'aria-invalid'), 'true');
  assert.equal(await page.title(), 'Error: Sign up');

  // The server's answer lands on its field.
  await page.fill('#name', 'Ada Lovelace');
  await page.fill('#email', 'taken@example.com');
  await page.fill('#age', '36');
  await page.click('button[type=submit]');
  await page.waitForFunction(() => document.getElementById('email-error')?.textContent.includes('already registered'), null, { timeout: 10_000 });
  assert.equal(await page.locator('#name-error').count(), 0, 'the fixed field lost its message');

  await page.fill('#email', 'ada@example.com');
  // Straight from the field to the button, with the mouse: the layout must not move under the
  // pointer (the summary changes on submit, GOV.UK's timing).
  await page.click('button[type=submit]');
  await page.locator('#done').waitFor({ state: 'visible', timeout: 10_000 });
  assert.equal(await page.locator('.fieldnote-error-summary').count(), 0);
  assert.equal(await page.title(), 'Sign up');
}
