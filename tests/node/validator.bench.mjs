// ops/s of the validator on a realistic form schema (not a test: `node tests/node/validator.bench.mjs`).
import { compile } from 'fieldnote';

const schema = {
  type: 'object',
  required: ['fullName', 'email', 'dateOfBirth', 'address', 'orderItems', 'terms'],
  properties: {
    fullName: { type: 'string', minLength: 1, maxLength: 70 },
    email: { type: 'string', format: 'email' },
    dateOfBirth: { type: 'string', format: 'date' },
    phone: { type: 'string', pattern: '^\\+?[0-9 ]{7,15}$' },
    age: { type: ['integer', 'null'], minimum: 16 },
    address: {
      type: 'object', required: ['line1', 'postCode'],
      properties: { line1: { type: 'string', minLength: 1 }, town: { type: 'string' }, postCode: { type: 'string', maxLength: 8, pattern: '^[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}$' } },
    },
    orderItems: { type: 'array', minItems: 1, maxItems: 20, items: { type: 'object', required: ['name', 'quantity'], properties: { name: { type: 'string' }, quantity: { type: 'integer', minimum: 1 } } } },
    contact: { enum: ['email', 'phone', 'post'] },
    terms: { const: true },
  },
};
const valid = {
  fullName: 'Ada Lovelace', email: 'ada@example.com', dateOfBirth: '1990-03-27', phone: '+44 20 7946 0000', age: 35,
  address: { line1: '1 High Street', town: 'London', postCode: 'SW1A 1AA' },
  orderItems: [{ name: 'Tea', quantity: 2 }, { name: 'Cake', quantity: 1 }], contact: 'email', terms: true,
};
const invalid = { ...valid, email: 'ada', address: { line1: '', postCode: 'nowhere' }, orderItems: [{ name: 'Tea', quantity: 0 }] };
const text = JSON.stringify(valid);

function bench(name, fn) {
  for (let i = 0; i < 2000; i++) fn();
  let n = 0;
  const start = performance.now();
  let now = start;
  while (now - start < 1000) {
    for (let i = 0; i < 500; i++) fn();
    n += 500;
    now = performance.now();
  }
  console.log(`${name.padEnd(42)} ${Math.round((n * 1000) / (now - start)).toLocaleString('en')} ops/s`);
}

const v = compile(schema);
bench('validate(value), valid', () => v.validate(valid));
bench('validateJson(text), valid', () => v.validateJson(text));
bench('~standard.validate(value), valid', () => v['~standard'].validate(valid));
bench('validate(value), invalid (envelope, 5 messages)', () => v.validate(invalid));
bench('JSON.stringify(value) alone', () => JSON.stringify(valid));
