'use client';
// A client component: bindForm gives the form its error summary and inline messages; the server's
// answer (app/api/signup) is shown the same way.
import { useEffect, useRef, useState } from 'react';
import { compile, normalizeResponse } from 'fieldnote';
import { bindForm } from 'fieldnote/dom';
import { schema } from './schema.js';

export default function SignupForm() {
  const form = useRef(null);
  const [done, setDone] = useState(false);
  useEffect(() => {
    const controller = bindForm(form.current, {
      validator: compile(schema, { formats: true }),
      onSubmit: async (value) => {
        const result = await normalizeResponse(await fetch('/api/signup', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(value),
        }));
        setDone(result.ok);
        return result;
      },
    });
    return () => controller.destroy();
  }, []);
  return (
    <form ref={form} noValidate>
      <label htmlFor="name">Full name</label>
      <input id="name" name="name" autoComplete="name" />
      <label htmlFor="email">Email address</label>
      <input id="email" name="email" type="email" autoComplete="email" />
      <label htmlFor="age">Age</label>
      <input id="age" name="age" type="number" />
      <button type="submit">Sign up</button>
      {done && <p id="done">Thanks for signing up</p>}
    </form>
  );
}
