// fieldnote in Vitest's default (Node) environment: no set-up.
import { expect, test } from 'vitest';
import { compile, normalize } from 'fieldnote';
import { schema } from './schema.js';

test('the validator names each field by its label', () => {
  const envelope = compile(schema, { formats: true }).validate({ name: 'Ada', email: 'ada', age: 12 });
  expect(envelope?.error.details).toEqual([
    { field: 'email', message: 'Enter an email address in the correct format, like name@example.com' },
    { field: 'age', message: 'Age must be 18 or more' },
  ]);
});

test('normalize turns a 429 into a countdown', () => {
  const result = normalize({ status: 429, headers: { 'retry-after': '30' }, body: '' });
  expect(result.ok).toBe(false);
  expect(result.action).toBe('retry_later');
  expect(result.retry.afterSeconds).toBe(30);
});
