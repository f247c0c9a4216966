// examples/vitest: Vitest with no config; fieldnote in Node, fieldnote/dom under jsdom and happy-dom.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { example, run } from './harness.mjs';

const dir = example('vitest');

for (const file of ['validate.test.js', 'tanstack-form.test.js', 'form.happy-dom.test.js', 'form.jsdom.test.js']) {
  test(`vitest run ${file}`, async () => {
    const { code, output } = await run(dir, 'vitest', ['run', file, '--reporter', 'verbose']);
    assert.equal(code, 0, output.slice(-5000));
    assert.match(output, /Tests\s+(\d+) passed \(\1\)/);
    assert.doesNotMatch(output, /Errors\s+\d+ error/);
  });
}
