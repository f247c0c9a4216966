// idn-hostname in the package: an A-label must decode to NFC (RFC 5891 §5.4). The wasm module
// carries no composition tables; it asks the JS engine's String.prototype.normalize.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compile } from 'fieldnote';

test('idn-hostname: an A-label that decodes to a string not in NFC is refused', () => {
  const v = compile({ format: 'idn-hostname' });
  // n + U+0301 and e + U+0301: NFC composes them to ń and é.
  for (const bad of ['xn--n-xbb', 'xn--e-xbb.example']) {
    assert.equal(v.validate(bad)?.error.details[0].field, '', bad);
  }
  // Their NFC spellings, and a combining mark NFC keeps (क + nukta).
  for (const ok of ['xn--vfa', 'xn--9ca.example', 'xn--11b2f', 'bücher.de']) {
    assert.equal(v.validate(ok), null, ok);
  }
});
