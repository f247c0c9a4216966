// Types for `fieldnote/dom`: the GOV.UK error pattern for HTML forms.
import type { ErrorEnvelope, NormalizeResult, RenderPlan } from './index.js';

/** What `bindForm` needs of a validator: `validate` returns `null` when valid, else the spec's envelope. */
export interface FormValidator {
  validate(value: unknown, options?: { locale?: string; labels?: Record<string, string> }): ErrorEnvelope | null;
  /** JSON types the schema allows at a canonical dotted path (`["integer"]`), to type text inputs. Optional. */
  typeAt?(path: string): string[] | string | null | undefined;
}

/** Options for `bindForm`. */
export interface BindFormOptions {
  validator?: FormValidator;
  /** Called with the form's value when it is valid; a (promised) `normalize` result that is not ok is shown. Without it a valid form submits natively. */
  onSubmit?: (value: Record<string, unknown>, context: { form: HTMLFormElement; event: SubmitEvent }) => unknown;
  /** Locale of the interface strings ("There is a problem", "Error:", ...). */
  locale?: string;
  /** Field labels by path (any syntax), for messages that need to name a field. */
  labels?: Record<string, string>;
  /** Mirror messages into the Constraint Validation API (`setCustomValidity`). Default false; the form gets `novalidate` either way. */
  nativeValidation?: boolean;
  /** Where the sign-in panel links (http or https; opens in a new tab so nothing typed is lost). */
  signInUrl?: string;
  /** Called by the sign-in panel's button instead of a link (e.g. to open a sign-in dialog). */
  onSignIn?: (context: { form: HTMLFormElement }) => void;
  /** Prefix of the classes added (default `fieldnote-`); `govuk-` gives GOV.UK Frontend's. */
  classPrefix?: string;
  /**
   * When messages change between submits. `'corrected'` (default, GOV.UK's way): only on submit,
   * except that a field's message goes quietly once its answer is corrected and the person has left
   * it. `'submit'`: only on submit. `'change'`: each field is checked when the person leaves it and
   * may get a new message. Never while typing; the summary is not announced again.
   */
  revalidate?: 'corrected' | 'submit' | 'change';
  /** Where the summary goes (prepended). Default: above the page's `h1` in `main`, else the top of the form. */
  summaryContainer?: Element;
  /** Move focus to the summary when it appears (default true). */
  focusSummary?: boolean;
}

/** A bound form. */
export interface FormController {
  /** Shows a `normalize` result (or an envelope): fields get their messages, the rest goes in the summary. An ok result clears. */
  showErrors(result: NormalizeResult | ErrorEnvelope | null): RenderPlan;
  /** Removes messages, summary and title prefix; values stay. */
  clear(): void;
  /** The form's value as JSON, as it would be validated. */
  value(): Record<string, unknown>;
  /** Removes listeners and everything the controller added. */
  destroy(): void;
}

/** Gives `form` an accessible error summary and inline messages (GOV.UK Design System pattern). */
export function bindForm(form: HTMLFormElement, options?: BindFormOptions): FormController;

declare global {
  interface HTMLFormElement {
    /** Set by `bindForm`: shows a `normalize` result on this form. */
    showErrors?: (result: NormalizeResult | ErrorEnvelope | null) => RenderPlan;
  }
}
