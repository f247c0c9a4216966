// No bundler: the package's files are served as they are (here straight from node_modules/) and
// imported by URL. The wasm is fetched beside index.js.
import init, { compile, normalizeResponse } from '/node_modules/fieldnote/index.js';
import { bindForm } from '/node_modules/fieldnote/dom.js';
import { schema } from './schema.js';

const status = document.getElementById('status');
try {
  await init();
} catch (error) {
  // A Content-Security-Policy without 'wasm-unsafe-eval' in script-src ends here.
  status.textContent = error.message;
  throw error;
}

bindForm(document.querySelector('form'), {
  validator: compile(schema, { formats: true }),
  onSubmit: async (value) => {
    const result = await normalizeResponse(await fetch('/api/signup', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(value),
    }));
    document.getElementById('done').hidden = !result.ok;
    return result;
  },
});
status.textContent = 'ready';
