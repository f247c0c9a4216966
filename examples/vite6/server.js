// Server-side rendering with the package bundled into the server build (`ssr.noExternal`, as
// serverless and edge deployments do): fieldnote runs in Node from inside the bundle.
import { compile, normalize } from 'fieldnote';
import { schema } from './schema.js';

const validator = compile(schema, { formats: true });

export function render(value) {
  const envelope = validator.validate(value);
  const busy = normalize({ status: 429, headers: { 'retry-after': '30' }, body: '' });
  return { messages: envelope?.error.details.map((d) => d.message) ?? [], busy: busy.message };
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(JSON.stringify(render({ name: 'Ada' })));
