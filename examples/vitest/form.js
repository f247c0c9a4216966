// What the DOM tests share: a sign-up form, bound as an app binds it.
import { compile } from 'fieldnote';
import { bindForm } from 'fieldnote/dom';
import { schema } from './schema.js';

export function signupForm() {
  document.title = 'Sign up';
  document.body.innerHTML = `
    <form novalidate>
      <label for="name">Full name</label><input id="name" name="name">
      <label for="email">Email address</label><input id="email" name="email" type="email">
      <label for="age">Age</label><input id="age" name="age" type="number">
      <button type="submit">Sign up</button>
    </form>`;
  const form = document.querySelector('form');
  const submitted = [];
  const controller = bindForm(form, {
    validator: compile(schema, { formats: true }),
    onSubmit: async (value) => { submitted.push(value); return null; },
  });
  return { form, controller, submitted };
}

/** Submits as a person would and lets the handlers run. */
export async function submit(form) {
  form.querySelector('button[type=submit]').click();
  await new Promise((resolve) => setTimeout(resolve, 0));
}
