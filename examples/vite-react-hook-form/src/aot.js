// The sign-up schema compiled ahead of time by fieldnote's Vite plugin (vite.config.js): the page
// ships the runtime and the compiled program, not the schema compiler.
import signup from '../signup.schema.json?validator';
import { bindForm } from 'fieldnote/dom';

const payloads = [{}, { name: '', email: 'nope', age: 12 }, { name: 'Ada', email: 'ada@example.com', age: 36 }, { age: 'x' }];
signup.ready.then(() => {
  window.results = payloads.map((p) => ({ validate: signup.validate(p), issues: signup.issues(p), standard: signup['~standard'].validate(p) }));
});

bindForm(document.querySelector('form'), {
  validator: signup,
  onSubmit: () => { document.getElementById('done').hidden = false; },
});
