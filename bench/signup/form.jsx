// The demo's sign-up form (www/schema/signup.json) in React + React Hook Form, the same for every
// build of the page: only the resolver and what "the validator is ready" means differ.
//
// "Form ready" is the moment the form is in the DOM (React has committed it: useEffect runs) AND
// the validator answers synchronously (one Standard Schema `validate` of the empty form, which
// must not be a Promise). The page writes that `performance.now()` (time since navigation start)
// to `window.__ready`; bench/signup.mjs reads it.
import { useEffect } from 'react';
import { createRoot } from 'react-dom/client';
import { get, useFieldArray, useForm } from 'react-hook-form';

const EMPTY = {
  fullName: '', email: '', dateOfBirth: '', plan: '',
  shipping: { line1: '', line2: '', town: '', postcode: '', country: '' },
  items: [{ product: '', quantity: 1 }],
  updates: false,
};

function Field({ name, label, errors, children }) {
  const error = get(errors, name);
  const id = name.replace(/\./g, '-');
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {error && <p id={`${id}-error`} className="error">{error.message}</p>}
      {children({ id, 'aria-invalid': error ? 'true' : undefined, 'aria-describedby': error ? `${id}-error` : undefined })}
    </div>
  );
}

function Options({ values }) {
  return (
    <>
      <option value="">Choose…</option>
      {values.map(([value, text]) => <option key={value} value={value}>{text}</option>)}
    </>
  );
}

function SignUp({ resolver, schema, whenReady }) {
  const { control, register, handleSubmit, formState: { errors, isSubmitSuccessful } } = useForm({
    resolver, defaultValues: EMPTY,
  });
  const { fields, append, remove } = useFieldArray({ control, name: 'items' });
  useEffect(() => {
    whenReady().then(() => {
      const answer = schema['~standard'].validate(EMPTY);
      if (typeof answer?.then === 'function') throw new Error('the validator is not ready: validate returned a Promise');
      window.__issues = answer.issues?.length ?? 0;
      window.__ready = performance.now();
    }).catch((e) => { window.__failed = String(e?.message ?? e); });
  }, []);
  const field = (name, label, input) => (
    <Field name={name} label={label} errors={errors}>{(a11y) => input({ ...a11y, ...register(name, name.endsWith('quantity') ? { valueAsNumber: true } : undefined) })}</Field>
  );
  return (
    <form onSubmit={handleSubmit(() => {})} noValidate>
      <h1>Create an account</h1>
      {field('fullName', 'Full name', (p) => <input autoComplete="name" {...p} />)}
      {field('email', 'Email address', (p) => <input type="email" autoComplete="email" {...p} />)}
      {field('dateOfBirth', 'Date of birth', (p) => <input type="date" autoComplete="bday" {...p} />)}
      {field('plan', 'Plan', (p) => <select {...p}><Options values={[['basic', 'Basic'], ['standard', 'Standard'], ['premium', 'Premium']]} /></select>)}
      <fieldset>
        <legend>Delivery address</legend>
        {field('shipping.line1', 'Address line 1', (p) => <input autoComplete="address-line1" {...p} />)}
        {field('shipping.line2', 'Address line 2 (optional)', (p) => <input autoComplete="address-line2" {...p} />)}
        {field('shipping.town', 'Town or city', (p) => <input autoComplete="address-level2" {...p} />)}
        {field('shipping.postcode', 'Postcode', (p) => <input autoComplete="postal-code" {...p} />)}
        {field('shipping.country', 'Country', (p) => <select {...p}><Options values={[['GB', 'United Kingdom'], ['IE', 'Ireland'], ['FR', 'France'], ['DE', 'Germany']]} /></select>)}
      </fieldset>
      <fieldset>
        <legend>Your order</legend>
        {fields.map((item, i) => (
          <div key={item.id} className="item">
            {field(`items.${i}.product`, 'Product', (p) => <select {...p}><Options values={[['notebook', 'Notebook'], ['pen', 'Pen'], ['ink', 'Ink']]} /></select>)}
            {field(`items.${i}.quantity`, 'Quantity', (p) => <input type="number" min="1" max="99" {...p} />)}
            {fields.length > 1 && <button type="button" onClick={() => remove(i)}>Remove</button>}
          </div>
        ))}
        {fields.length < 10 && <button type="button" onClick={() => append({ product: '', quantity: 1 })}>Add a product</button>}
        {errors.items?.root && <p className="error">{errors.items.root.message}</p>}
        {errors.items?.message && <p className="error">{errors.items.message}</p>}
      </fieldset>
      <div className="field">
        <input id="updates" type="checkbox" {...register('updates')} />
        <label htmlFor="updates">Send me email updates</label>
      </div>
      <button type="submit">Create account</button>
      {isSubmitSuccessful && <p id="done">Thanks for signing up</p>}
    </form>
  );
}

/**
 * Renders the form into #root. `resolver` is React Hook Form's, `schema` the Standard Schema
 * behind it, `whenReady()` resolves when that schema can answer synchronously.
 */
export function mount({ resolver, schema, whenReady }) {
  createRoot(document.getElementById('root')).render(<SignUp resolver={resolver} schema={schema} whenReady={whenReady} />);
}
