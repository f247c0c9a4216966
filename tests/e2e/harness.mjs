// End-to-end harness: the REAL demo server (the release binary `make test-e2e` builds), started
// on a free port and stopped after, and Debian's Chromium driven by playwright-core.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

/** The repository root. */
export const root = fileURLToPath(new URL('../../', import.meta.url));

/** The demo server binary (built by `make test-e2e`). */
export const BIN = process.env.FIELDNOTE_DEMO_BIN ?? `${root}target/release/fieldnote-demo`;

/**
 * Starts `fieldnote-demo --port 0 …args` and resolves to `{ url, port, child, close }` once it
 * prints its address. The server is killed when the test process exits, whatever happens.
 */
export async function startServer(args = []) {
  const child = spawn(BIN, ['--port', '0', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  const kill = () => child.kill('SIGKILL');
  process.once('exit', kill);
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  const url = await new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`${BIN} printed no address in 5 s: ${out}${stderr}`)), 5000);
    child.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/http:\/\/127\.0\.0\.1:(\d+)\//);
      if (m) {
        clearTimeout(timer);
        resolve(m[0].slice(0, -1));
      }
    });
    child.once('error', (e) => reject(new Error(`cannot start ${BIN} (run \`make test-e2e\`, which builds it): ${e.message}`)));
    child.once('exit', (code) => reject(new Error(`${BIN} exited with ${code}: ${stderr}`)));
  });
  return {
    url,
    port: Number(new URL(url).port),
    child,
    stderr: () => stderr,
    async close() {
      process.off('exit', kill);
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        await once(child, 'exit');
      }
    },
  };
}

/** Headless Chromium (Debian's /usr/bin/chromium), as in tests/browser/harness.mjs. */
export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run', '--font-render-hinting=none'],
  });
}

/** A fresh access token from the demo API. */
export async function token(url, clockAhead = 0) {
  const res = await fetch(`${url}/api/token`, { method: 'POST', headers: { 'x-demo-clock': String(clockAhead) } });
  return (await res.json()).access_token;
}

/** A sign-up the schema accepts. */
export const VALID = {
  fullName: 'Ada Lovelace',
  email: 'ada@example.com',
  dateOfBirth: '1985-12-10',
  plan: 'standard',
  shipping: { line1: '12 Ockham Lane', town: 'Leeds', postcode: 'LS1 4AP', country: 'GB' },
  items: [{ product: 'pen', quantity: 2 }, { product: 'ink', quantity: 3 }],
  updates: false,
};
