// fieldnote at module scope, as a bundled app writes it: no init call, no top-level await.
import { compile, normalizeResponse } from 'fieldnote';
import { bindForm } from 'fieldnote/dom';
import { schema } from './schema.js';

const validator = compile(schema, { formats: true });

bindForm(document.querySelector('form'), {
  validator,
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
