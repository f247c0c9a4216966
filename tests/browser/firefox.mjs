// Headless Firefox ESR driven over WebDriver (geckodriver, installed by .ci/setup), for tests that
// must run in both engines. Playwright's Firefox needs its own patched build (which cannot be
// downloaded here); WebDriver drives Debian's firefox-esr as it is.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

async function freePort() {
  const s = createServer();
  await new Promise((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address();
  await new Promise((r) => s.close(r));
  return port;
}

/** Starts geckodriver and a headless Firefox session. Returns { run, close }. */
export async function firefox() {
  const port = await freePort();
  const profile = mkdtempSync(join(tmpdir(), 'fieldnote-ff-'));
  const driver = spawn(process.env.GECKODRIVER ?? 'geckodriver', ['--port', String(port), '--host', '127.0.0.1'], { stdio: 'ignore' });
  const base = `http://127.0.0.1:${port}`;
  const call = async (method, path, body) => {
    const res = await fetch(`${base}${path}`, { method, headers: { 'content-type': 'application/json' }, body: body && JSON.stringify(body) });
    const json = await res.json();
    if (json.value?.error) throw new Error(`WebDriver ${path}: ${json.value.error}: ${json.value.message}`);
    return json.value;
  };
  let session = null;
  for (let i = 0; i < 100 && !session; i++) {
    try {
      session = await call('POST', '/session', { capabilities: { alwaysMatch: {
        browserName: 'firefox',
        'moz:firefoxOptions': { binary: process.env.FIREFOX ?? '/usr/bin/firefox-esr', args: ['-headless', '-profile', profile],
          prefs: { 'network.proxy.type': 0, 'app.update.enabled': false, 'datareporting.policy.dataSubmissionEnabled': false } },
      } } });
    } catch (e) {
      if (!/fetch failed|ECONNREFUSED/.test(String(e.cause ?? e.message))) throw e;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  if (!session) throw new Error('geckodriver did not start');
  const id = session.sessionId;
  return {
    /** Opens `url` and waits until `window[name]` is set; returns its value. */
    async run(url, name, timeoutMs = 30_000) {
      await call('POST', `/session/${id}/url`, { url });
      const end = Date.now() + timeoutMs;
      while (Date.now() < end) {
        const v = await call('POST', `/session/${id}/execute/sync`, { script: `return window[arguments[0]] ?? null;`, args: [name] });
        if (v !== null) return v;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`Firefox: window.${name} was not set within ${timeoutMs} ms`);
    },
    async close() {
      try { await call('DELETE', `/session/${id}`); } catch { /* already gone */ }
      driver.kill();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
