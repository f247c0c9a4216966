// Typed usage of fieldnote's validator, checked with `tsc --noEmit` (make test-types): the
// declarations are precise enough to catch mistakes, and `~standard` is the Standard Schema
// spec's own type (`@standard-schema/spec`).
import init, {
  compile, loadLocale, Validator, type CompileOptions, type JsonType, type ValidationEnvelope, type ValidationIssue,
} from 'fieldnote';
import { bindForm } from 'fieldnote/dom';
import type { StandardSchemaV1 } from '@standard-schema/spec';

interface Order { name: string; quantity: number; tags?: string[] }

const options: CompileOptions = {
  locale: 'de',
  labels: { name: 'Full name', 'items.*.sku': 'Product code' },
  messages: { minLength: '{Label} needs {limit} characters', 'address.zip': { pattern: 'Enter a real postcode' }, email: 'Enter your email' },
  formats: true,
  schemas: { 'https://example.com/address.json': { type: 'object' }, 'urn:text': '{"type":"string"}' },
};
const v: Validator<Order> = compile<Order>({ type: 'object', required: ['name'] }, options);

// The spec's type: any Standard Schema consumer accepts the validator.
const standard: StandardSchemaV1<Order> = v;
function outputOf<S extends StandardSchemaV1>(schema: S, value: unknown): StandardSchemaV1.InferOutput<S> | undefined {
  const r = schema['~standard'].validate(value);
  if (r instanceof Promise) throw new Error('fieldnote validates synchronously');
  return r.issues ? undefined : r.value;
}
const order: Order | undefined = outputOf(standard, {});
// @ts-expect-error the inferred output is Order, not a string
const notAString: string | undefined = outputOf(v, {});

// fieldnote's ~standard is typed narrowly; it answers at once once the module runs (a Promise
// only while a browser page is still loading the module), so awaiting it is always right.
const result = await v['~standard'].validate({ name: 'Ada', quantity: 1 });
if (result.issues) {
  const first: string = result.issues[0].message;
  const path: ReadonlyArray<string | number> | undefined = result.issues[0].path;
} else {
  const valid: Order = result.value;
}
const vendor: 'fieldnote' = v['~standard'].vendor;

// The envelope and the raw issues.
const envelope: ValidationEnvelope | null = v.validate({ name: 'Ada' }, { locale: 'fr', labels: { name: 'Nom' } });
if (envelope) {
  const code: 'validation_failed' = envelope.error.code;
  const lines: string[] = envelope.error.details.map((d) => `${d.field}: ${d.message}`);
}
const fromText = v.validateJson('{"name":"Ada"}');
for (const issue of v.issues({}) satisfies ValidationIssue[]) {
  if (issue.keyword === 'required') { const missing: string = issue.params.missingProperty; }
  if (issue.keyword === 'minimum') { const limit: number = issue.params.limit; const cmp: '>=' = issue.params.comparison; }
  // @ts-expect-error a required issue has no limit
  if (issue.keyword === 'required') issue.params.limit;
}
const types: JsonType[] | null = v.typeAt('quantity');
const same: Validator<Order> = v.addSchema('urn:other', { type: 'integer' });
if (v.isValid({})) { const known: Order = {} as Order; }
v.free();

// The forms layer takes a validator as is.
declare const form: HTMLFormElement;
bindForm(form, { validator: compile(true), onSubmit: async () => null });

async function browser(): Promise<void> {
  await init();
  const tag: string = await loadLocale('de-AT');
}

// Mistakes the declarations catch:
// @ts-expect-error validateJson takes JSON text
v.validateJson({ name: 'Ada' });
// @ts-expect-error locale is a string
compile({}, { locale: 1 });
// @ts-expect-error formats is a boolean
compile({}, { formats: 'yes' });
// @ts-expect-error a schema is an object or a boolean (or JSON text)
compile(42);
// @ts-expect-error typeAt does not return strings
const wrong: string = v.typeAt('a');
