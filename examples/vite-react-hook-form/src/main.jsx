// React Hook Form with fieldnote: the compiled validator is a Standard Schema, so
// standardSchemaResolver takes it as is; the server's errors go to setError via toFormErrors.
import { createRoot } from 'react-dom/client';
import { useForm } from 'react-hook-form';
import { standardSchemaResolver } from '@hookform/resolvers/standard-schema';
import { compile, normalizeResponse, toFormErrors } from 'fieldnote';
import { schema } from './schema.js';

const validator = compile(schema, { formats: true });

function Field({ id, label, error, ...input }) {
  return (
    <div>
      <label htmlFor={id}>{label}</label>
      {error && <p id={`${id}-error`} className="error">{error.message}</p>}
      <input id={id} aria-invalid={error ? 'true' : undefined} aria-describedby={error ? `${id}-error` : undefined} {...input} />
    </div>
  );
}

function Signup() {
  const { register, handleSubmit, setError, formState: { errors, isSubmitSuccessful } } = useForm({
    resolver: standardSchemaResolver(validator),
  });
  const onSubmit = async (data) => {
    const result = await normalizeResponse(await fetch('/api/signup', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(data),
    }));
    if (!result.ok) {
      for (const [name, error] of Object.entries(toFormErrors(result))) setError(name, error);
    }
  };
  return (
    <form onSubmit={handleSubmit(onSubmit)} noValidate>
      {errors.root?.server && <p role="alert" id="form-error">{errors.root.server.message}</p>}
      <Field id="name" label="Full name" error={errors.name} {...register('name')} />
      <Field id="email" label="Email address" type="email" error={errors.email} {...register('email')} />
      <Field id="age" label="Age" type="number" error={errors.age} {...register('age', { valueAsNumber: true })} />
      <button type="submit">Sign up</button>
      {isSubmitSuccessful && Object.keys(errors).length === 0 && <p id="done">Thanks for signing up</p>}
    </form>
  );
}

createRoot(document.getElementById('root')).render(<Signup />);
