// examples/jest: Jest with native ESM (node --experimental-vm-modules), no set-up for fieldnote.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { example, run } from './harness.mjs';

const dir = example('jest');

test('jest (ESM) runs the suite', async () => {
  const { code, output } = await run(dir, 'node', ['--experimental-vm-modules', 'node_modules/jest/bin/jest.js', '--ci']);
  assert.equal(code, 0, output.slice(-5000));
  assert.match(output, /Tests:\s+2 passed, 2 total/);
});
