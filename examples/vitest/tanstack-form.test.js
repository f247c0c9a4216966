// The README's TanStack Form recipe with TanStack's core (what @tanstack/react-form wraps): the
// validator as the form's onSubmit validator, server errors from onSubmitAsync.
import { expect, test, vi } from 'vitest';
import { FormApi, FieldApi } from '@tanstack/form-core';
import { compile, normalizeResponse } from 'fieldnote';
import { schema } from './schema.js';

const validator = compile(schema, { formats: true });

function signupForm(fetch) {
  const submitted = [];
  const form = new FormApi({
    defaultValues: { name: '', email: '' },
    validators: {
      onSubmit: validator,
      onSubmitAsync: async ({ value }) => {
        const result = await normalizeResponse(await fetch('/api/signup', { method: 'POST', body: JSON.stringify(value) }));
        if (result.ok) return undefined;
        const fields = Object.fromEntries(Object.entries(result.fields).map(([path, messages]) => [path, messages[0]]));
        return { form: result.message, fields };
      },
    },
    onSubmit: ({ value }) => { submitted.push(value); },
  });
  form.mount();
  const field = (name) => { const f = new FieldApi({ form, name }); f.mount(); return f; };
  return { form, name: field('name'), email: field('email'), submitted };
}

const message = (errors) => errors.map((e) => e?.message ?? e);

test('client errors land on their fields as Standard Schema issues', async () => {
  const fetch = vi.fn();
  const { form, name, email, submitted } = signupForm(fetch);
  name.setValue('Ada');
  email.setValue('ada');
  await form.handleSubmit();
  expect(message(email.state.meta.errors)).toEqual(['Enter an email address in the correct format, like name@example.com']);
  expect(message(name.state.meta.errors)).toEqual([]);
  expect(fetch).not.toHaveBeenCalled();
  expect(submitted).toEqual([]);
});

test("the server's field errors land on their fields; a success submits", async () => {
  const fetch = vi.fn(async (url, init) => JSON.parse(init.body).email === 'taken@example.com'
    ? Response.json({ error: { code: 'validation_failed', message: 'Check your answers', details: [{ field: 'email', message: 'This email address is already registered' }] } }, { status: 422 })
    : Response.json({ ok: true }, { status: 201 }));
  const { form, name, email, submitted } = signupForm(fetch);
  name.setValue('Ada');
  email.setValue('taken@example.com');
  await form.handleSubmit();
  expect(message(email.state.meta.errors)).toEqual(['This email address is already registered']);
  expect(submitted).toEqual([]);
  email.setValue('ada@example.com');
  await form.handleSubmit();
  expect(submitted).toEqual([{ name: 'Ada', email: 'ada@example.com' }]);
});
