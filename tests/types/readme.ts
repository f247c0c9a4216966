// The README's snippets as a TypeScript user pastes them, under `strict` (make test-types).
// Each block is a snippet of the README (Usage, React Hook Form, TanStack Form, Validation).
import {
  compile, normalize, normalizeResponse, toFormErrors, type NormalizeResult, type Validator,
} from 'fieldnote';
import { useForm } from 'react-hook-form';
import { standardSchemaResolver } from '@hookform/resolvers/standard-schema';
import type { StandardSchemaV1 } from '@standard-schema/spec';

declare function showMessage(message: string): void;
declare function markField(field: string, messages: string[]): void;
declare function startCountdown(seconds: number | null): void;
declare function offerSupportReport(text: string): void;

// README "Usage": `ok` narrows the result; inside `!result.ok` the message is a string.
async function usage(body: string): Promise<void> {
  const res = await fetch('/api/orders', { method: 'POST', body });
  const result = normalize({ status: res.status, headers: res.headers, body: await res.text() });
  if (!result.ok) {
    showMessage(result.message);
    for (const [field, messages] of Object.entries(result.fields)) markField(field, messages);
    if (result.action === 'retry_later') startCountdown(result.retry.afterSeconds);
    if (result.report) offerSupportReport(result.report.text);
  } else {
    const nothing: null = result.message;
    const none: 'none' = result.action;
  }
}

// A success and a failure are told apart by `ok` alone.
function describe(result: NormalizeResult): string {
  return result.ok ? `saved (${result.status})` : result.message;
}

const schema = {
  type: 'object',
  properties: { name: { type: 'string', minLength: 1 }, email: { type: 'string', format: 'email' }, age: { type: 'integer' } },
  required: ['name', 'email'],
} as const;
interface Signup { name: string; email: string; age?: number }

// README "React Hook Form": the validator is the resolver; server errors go to setError.
function useSignupForm() {
  const validator = compile<Signup>(schema, { formats: true });
  const { register, handleSubmit, setError, formState } = useForm<Signup>({ resolver: standardSchemaResolver(validator) });
  const onSubmit = handleSubmit(async (data: Signup) => {
    const result = await normalizeResponse(await fetch('/api/signup', { method: 'POST', body: JSON.stringify(data) }));
    if (!result.ok) toFormErrors(result, setError);
  });
  const nameError: string | undefined = formState.errors.name?.message;
  return { register, onSubmit, nameError };
}

// README "React Hook Form" as written: no type argument, `compile(schema)` fits
// standardSchemaResolver and useForm, and the plain loop over toFormErrors type-checks.
const readmeValidator = compile(schema, { formats: true });
function useReadmeForm() {
  const { register, handleSubmit, setError, formState: { errors } } = useForm({
    resolver: standardSchemaResolver(readmeValidator),
  });
  const onSubmit = handleSubmit(async (data) => {
    const result = await normalizeResponse(await fetch('/api/signup', { method: 'POST', body: JSON.stringify(data) }));
    if (!result.ok) {
      for (const [name, error] of Object.entries(toFormErrors(result))) setError(name, error);
    }
  });
  const rootMessage: string | undefined = errors.root?.server?.message;
  return { email: register('email'), age: register('age', { valueAsNumber: true }), onSubmit, rootMessage };
}

// The object form of toFormErrors is React Hook Form's shape, keyed by path.
const errors: Record<string, { type: 'server'; message: string }> = toFormErrors(normalize({ status: 422, body: '{}' }));

// A validator is a Standard Schema whichever type it validates.
const standard: StandardSchemaV1 = compile(schema);
const typed: StandardSchemaV1<Signup> = compile<Signup>(schema);
const validator: Validator<Signup> = compile<Signup>(schema);
