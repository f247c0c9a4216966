// The benchmark's workloads: the same schemas and payloads for every validator, in Node and in
// the browser (plain data, no imports).

/** (a) A sign-up/checkout form: 17 properties, a nested object reached by `$ref` (twice), an
 * array of objects, formats (email, date, date-time, uri), patterns, enums, const. */
export const checkoutSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://bench.fieldnote.example/checkout.json',
  title: 'Checkout',
  type: 'object',
  required: ['fullName', 'email', 'phone', 'dateOfBirth', 'plan', 'billing', 'items', 'acceptTerms'],
  properties: {
    fullName: { title: 'your full name', type: 'string', minLength: 1, maxLength: 100 },
    email: { title: 'your email address', type: 'string', format: 'email', maxLength: 254 },
    phone: { title: 'your phone number', type: 'string', pattern: '^\\+?[0-9 ]{7,15}$' },
    dateOfBirth: { title: 'your date of birth', type: 'string', format: 'date' },
    website: { type: 'string', format: 'uri', maxLength: 200 },
    age: { type: 'integer', minimum: 16, maximum: 130 },
    plan: { title: 'a plan', enum: ['basic', 'standard', 'premium'] },
    currency: { enum: ['GBP', 'EUR', 'USD'] },
    billing: { $ref: '#/$defs/address' },
    shipping: { $ref: '#/$defs/address' },
    deliveryWindow: {
      type: 'object',
      required: ['from', 'to'],
      properties: { from: { type: 'string', format: 'date-time' }, to: { type: 'string', format: 'date-time' } },
      additionalProperties: false,
    },
    items: { title: 'your order', type: 'array', minItems: 1, maxItems: 50, items: { $ref: '#/$defs/item' } },
    couponCode: { type: 'string', pattern: '^[A-Z0-9]{4,12}$' },
    giftMessage: { type: 'string', maxLength: 200 },
    newsletter: { type: 'boolean' },
    referral: { enum: ['search', 'friend', 'ad', 'other'] },
    acceptTerms: { const: true },
  },
  additionalProperties: false,
  $defs: {
    address: {
      type: 'object',
      required: ['line1', 'town', 'postcode', 'country'],
      properties: {
        line1: { title: 'the first line of the address', type: 'string', minLength: 1, maxLength: 100 },
        line2: { type: 'string', maxLength: 100 },
        town: { title: 'a town or city', type: 'string', minLength: 1, maxLength: 60 },
        postcode: { title: 'a postcode', type: 'string', pattern: '^[A-Za-z]{1,2}[0-9][A-Za-z0-9]? ?[0-9][A-Za-z]{2}$' },
        country: { enum: ['GB', 'IE', 'FR', 'DE'] },
      },
      additionalProperties: false,
    },
    item: {
      type: 'object',
      required: ['sku', 'quantity'],
      properties: {
        sku: { type: 'string', pattern: '^[A-Z]{3}-[0-9]{4}$' },
        quantity: { title: 'the quantity', type: 'integer', minimum: 1, maximum: 99 },
        giftWrap: { type: 'boolean' },
      },
      additionalProperties: false,
    },
  },
};

/** A valid checkout. */
export const checkoutValid = {
  fullName: 'Ada Lovelace',
  email: 'ada@example.com',
  phone: '+44 20 7946 0000',
  dateOfBirth: '1990-03-27',
  website: 'https://ada.example.com/about',
  age: 35,
  plan: 'standard',
  currency: 'GBP',
  billing: { line1: '1 High Street', town: 'London', postcode: 'SW1A 1AA', country: 'GB' },
  shipping: { line1: '2 Low Road', line2: 'Flat 3', town: 'Leeds', postcode: 'LS1 4AP', country: 'GB' },
  deliveryWindow: { from: '2026-12-01T09:00:00Z', to: '2026-12-01T12:00:00Z' },
  items: [
    { sku: 'NTB-0001', quantity: 2, giftWrap: true },
    { sku: 'PEN-0042', quantity: 1 },
    { sku: 'INK-0007', quantity: 3 },
  ],
  couponCode: 'WINTER25',
  giftMessage: 'Happy birthday!',
  newsletter: false,
  referral: 'friend',
  acceptTerms: true,
};

/** The same checkout with exactly 7 mistakes, each a leaf failure (all must be reported). */
export const checkoutInvalid = {
  ...checkoutValid,
  email: 'ada.example.com', // format
  phone: '12', // pattern
  dateOfBirth: '1990-02-30', // format (no such day)
  plan: 'gold', // enum
  billing: { ...checkoutValid.billing, postcode: 'nowhere' }, // pattern
  items: [checkoutValid.items[0], { sku: 'PEN-0042', quantity: 0 }, checkoutValid.items[2]], // minimum
  acceptTerms: false, // const
};
export const CHECKOUT_ERRORS = 7;

/** (c) An import: rows validated in one call. */
export const rowsSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://bench.fieldnote.example/rows.json',
  type: 'array',
  items: { $ref: '#/$defs/row' },
  $defs: {
    row: {
      type: 'object',
      required: ['id', 'name', 'email', 'quantity', 'status', 'joined'],
      properties: {
        id: { type: 'integer', minimum: 1 },
        name: { type: 'string', minLength: 1, maxLength: 80 },
        email: { type: 'string', format: 'email' },
        quantity: { type: 'integer', minimum: 0, maximum: 1000 },
        status: { enum: ['active', 'paused', 'closed'] },
        joined: { type: 'string', format: 'date' },
        tags: { type: 'array', maxItems: 5, items: { type: 'string', maxLength: 20 } },
      },
      additionalProperties: false,
    },
  },
};

const STATUS = ['active', 'paused', 'closed'];
const TAGS = ['vip', 'trade', 'new', 'wholesale', 'eu'];

/** `n` valid rows, the same on every run. */
export function makeRows(n) {
  const rows = new Array(n);
  for (let i = 0; i < n; i++) {
    const row = {
      id: i + 1,
      name: `Customer ${i + 1}`,
      email: `customer${i + 1}@example.com`,
      quantity: (i * 7) % 1001,
      status: STATUS[i % 3],
      joined: `20${10 + (i % 15)}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`,
    };
    if (i % 4 === 0) row.tags = TAGS.slice(0, 1 + (i % 5));
    rows[i] = row;
  }
  return rows;
}
export const ROWS = 10_000;

/** (f) Error responses to normalize (fieldnote only: no peer does this). */
export const envelope422 = {
  status: 422,
  headers: { 'content-type': 'application/json', 'x-request-id': 'req_8f14e45f' },
  body: JSON.stringify({
    error: {
      code: 'validation_failed',
      message: 'Some fields need fixing.',
      details: [
        { field: 'email', message: 'Enter an email address in the correct format, like name@example.com' },
        { field: 'items.1.quantity', message: 'The quantity must be 1 or more' },
        { field: 'billing.postcode', message: 'Enter a real postcode' },
      ],
    },
  }),
};
export const problem422 = {
  status: 422,
  headers: { 'content-type': 'application/problem+json' },
  body: JSON.stringify({
    type: 'https://example.com/probs/validation',
    title: 'Your request is not valid.',
    status: 422,
    detail: 'Three fields need fixing.',
    errors: [
      { pointer: '/email', detail: 'must be a valid email address' },
      { pointer: '/items/1/quantity', detail: 'must be at least 1' },
      { pointer: '/billing/postcode', detail: 'does not match the postcode format' },
    ],
  }),
};
