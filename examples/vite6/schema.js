// The sign-up form's JSON Schema, shared by the browser and the server.
export const schema = {
  type: 'object',
  properties: {
    name: { type: 'string', title: 'Full name', minLength: 1 },
    email: { type: 'string', title: 'Email address', format: 'email' },
    age: { type: 'integer', title: 'Age', minimum: 18 },
  },
  required: ['name', 'email'],
};
