// A stand-in for fieldnote's validator in the form fixtures, until `compile(schema)` is exported
// by pkg/index.js. It implements exactly the contract `bindForm` uses:
//   validate(value) → null | { error: { code: 'validation_failed', message, details: [{ field, message }] } }
//   typeAt(path)    → JSON types allowed at a canonical dotted path (optional)
// To swap in the real validator, replace `validatorFor` with `compile(schemas[name])`: each
// schema below says what the hand-written checks stand for. Nothing here is product logic.

/** JSON Schema equivalents of the checks (for the swap). */
export const schemas = {
  apply: {
    type: 'object',
    required: ['fullName', 'dob', 'contact', 'items', 'terms'],
    properties: {
      fullName: { type: 'string', minLength: 1 },
      email: { type: 'string', pattern: '@' },
      dob: {
        type: 'object', required: ['day', 'month', 'year'],
        properties: { day: { type: 'integer' }, month: { type: 'integer' }, year: { type: 'integer' } },
      },
      contact: { enum: ['email', 'phone'] },
      interests: { type: 'array', items: { type: 'string' } },
      age: { type: 'number', minimum: 16 },
      quantity: { type: 'integer' },
      subscribe: { type: 'boolean' },
      address: { type: 'object', properties: { country: { type: 'string' } } },
      languages: { type: 'array', items: { type: 'string' } },
      items: { type: 'array', prefixItems: [{ type: 'object', required: ['name'] }] },
      notes: { type: 'string' },
      terms: { const: true },
    },
  },
};

const TYPES = {
  apply: {
    'dob.day': ['integer'], 'dob.month': ['integer'], 'dob.year': ['integer'],
    quantity: ['integer'], subscribe: ['boolean'], age: ['number'], fullName: ['string'],
  },
};

// The checks, in schema order (not page order: the summary must sort them).
const CHECKS = {
  apply: [
    ['terms', (v) => v.terms === true, 'Select if you accept the terms'],
    ['/items/0/name', (v) => typeof v.items?.[0]?.name === 'string', 'Enter a name for item 1'],
    ['quantity', (v) => v.quantity === undefined || Number.isInteger(v.quantity), 'Quantity must be a whole number, like 12'],
    ['age', (v) => v.age === undefined || v.age >= 16, 'Age must be 16 or over'],
    ['contact', (v) => v.contact !== undefined, 'Select how we should contact you'],
    ['dob.day', (v) => v.dob?.day !== undefined || !v.dob, 'Date of birth must include a day'],
    ['dob.year', (v) => v.dob?.year !== undefined || !v.dob, 'Date of birth must include a year'],
    ['dob', (v) => v.dob !== undefined, 'Enter your date of birth'],
    ['email', (v) => v.email === undefined || v.email.includes('@'), 'Enter an email address in the correct format, like name@example.com'],
    ['fullName', (v) => typeof v.fullName === 'string', 'Enter your full name'],
  ],
};

/** The validator for a fixture form. */
export function validatorFor(name) {
  return {
    validate(value) {
      const details = CHECKS[name].filter(([, ok]) => !ok(value)).map(([field, , message]) => ({ field, message }));
      return details.length ? { error: { code: 'validation_failed', message: 'Validation failed', details } } : null;
    },
    typeAt(path) {
      return TYPES[name][path] ?? null;
    },
  };
}
