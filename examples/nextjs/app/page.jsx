// A server component: fieldnote runs while the page is rendered (at `next build`, since the
// page is static), with nothing to set up.
import { compile, normalize } from 'fieldnote';
import { schema } from './schema.js';
import SignupForm from './signup-form.jsx';

export default function Page() {
  const envelope = compile(schema, { formats: true }).validate({ name: 'Ada' });
  const busy = normalize({ status: 429, headers: { 'retry-after': '30' }, body: '' });
  return (
    <main>
      <h1>Sign up</h1>
      <p id="server-validation">{envelope?.error.details.map((d) => d.message).join(' | ')}</p>
      <p id="server-normalize">{busy.message}</p>
      <SignupForm />
    </main>
  );
}
