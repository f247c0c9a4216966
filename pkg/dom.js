// fieldnote/dom — the GOV.UK Design System error pattern for any HTML form: an error summary
// at the top, one inline message per field, "Error: " in the title, for client validation
// and server responses alike.
//
//   import init from 'fieldnote';
//   import { bindForm } from 'fieldnote/dom';
//   await init();
//   bindForm(document.querySelector('form'), { validator, onSubmit });
//
// Only DOM work happens here: what to show, where and in which order comes from the Rust
// core (`renderPlan`). Text from users and servers reaches the page only as text nodes.
// Every import from the package's core is on this line (the entry point may be renamed).
import { canonicalPath, renderPlan, messageText, withFormKeys, ready as errorsReady } from './errors.js';

const SKIP_TYPES = new Set(['submit', 'image', 'button', 'reset']);
const NUMBER = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/;
const INDEX = /^(0|[1-9]\d{0,8})$/;
// A list index past this (and past the form's own number of controls) is read as an object key:
// `items[99999999]` must not build a list of a hundred million empty slots.
const MAX_INDEX = 1000;
const TIMINGS = new Set(['corrected', 'submit', 'change']);
// Wrappers a message goes before, not inside (GOV.UK Frontend's prefix and suffix, password and
// file upload wrappers), by class name after the prefix.
const WRAPPERS = ['input__wrapper', 'password-input__wrapper', 'file-upload-wrapper', 'drop-zone'];
// GOV.UK's visually-hidden class, set through the CSSOM so it needs no page CSS and passes a
// strict Content-Security-Policy.
const VISUALLY_HIDDEN = {
  position: 'absolute', width: '1px', height: '1px', margin: '0', padding: '0', overflow: 'hidden',
  clip: 'rect(0 0 0 0)', clipPath: 'inset(50%)', border: '0', whiteSpace: 'nowrap',
};

const controllers = new WeakMap();
const owned = new WeakSet(); // summaries a bound form drew or adopted
let idCount = 0;

/** `CSS.escape`, or the same for the characters a class prefix can hold where it is missing
 * (jsdom, the DOM of Vitest and Jest, has no `CSS`). */
function cssEscape(text) {
  if (typeof CSS !== 'undefined' && typeof CSS.escape === 'function') return CSS.escape(text);
  return String(text).replace(/^-?\d|[^\w-]/g, (c) => `\\${c.codePointAt(c.length - 1).toString(16)} `);
}

/**
 * Gives `form` an accessible error summary and inline error messages.
 *
 * @param {HTMLFormElement} form
 * @param {object} [options]
 * @param {{ validate(value: unknown, options?: object): object | null, typeAt?(path: string): string[] | null }} [options.validator]
 *   Returns `null` when valid, else `{ error: { code, message, details: [{ field, message }] } }`.
 * @param {(value: unknown, context: { form: HTMLFormElement, event: SubmitEvent }) => unknown} [options.onSubmit]
 *   Called with the form's value when it is valid; if it returns (a promise of) a `normalize`
 *   result that is not ok, the errors are shown. Without it, a valid form submits natively.
 * @param {string} [options.locale] Locale of the interface strings.
 * @param {Record<string, string>} [options.labels] Field labels by path, for messages that need one.
 * @param {boolean} [options.nativeValidation=false] Mirror messages into `setCustomValidity`.
 * @param {string} [options.signInUrl] Where the sign-in panel links (opens in a new tab, so nothing is lost).
 * @param {(context: { form: HTMLFormElement }) => void} [options.onSignIn] Called by the sign-in button instead.
 * @param {string} [options.classPrefix='fieldnote-'] Class prefix; `'govuk-'` gives GOV.UK Frontend's classes.
 * @param {'corrected' | 'submit' | 'change'} [options.revalidate='corrected'] When messages change
 *   between submits: `'corrected'` (GOV.UK's way) — only on submit, except that a field's message
 *   goes quietly once its answer is corrected and the person has left it; `'submit'` — only on
 *   submit; `'change'` — each field is checked when the person leaves it, and may get a new message.
 * @param {Element} [options.summaryContainer] Where the summary goes (prepended). Default: above the
 *   page's `h1` in `main` (or the top of `main`, or of the form when there is no `main`).
 * @param {boolean} [options.focusSummary=true] Move focus to the summary when it appears.
 * @returns {{ showErrors(result: object): object, clear(): void, value(): object, destroy(): void }}
 */
export function bindForm(form, options = {}) {
  if (typeof document === 'undefined' || typeof HTMLFormElement === 'undefined') {
    throw new TypeError('fieldnote/dom: bindForm needs a browser DOM (document, HTMLFormElement), and there is none here. '
      + 'On a server, validate with compile() and read responses with normalize(); in tests, use a DOM such as jsdom or happy-dom.');
  }
  if (!(form instanceof HTMLFormElement)) throw new TypeError('fieldnote: bindForm(form) needs a <form> element');
  if (options.revalidate !== undefined && !TIMINGS.has(options.revalidate)) {
    throw new TypeError(`fieldnote: bindForm's revalidate must be 'corrected', 'submit' or 'change', not ${JSON.stringify(String(options.revalidate))}`);
  }
  controllers.get(form)?.destroy();
  const controller = new FormErrors(form, options);
  controllers.set(form, controller);
  return controller;
}

class FormErrors {
  constructor(form, options) {
    this.form = form;
    this.opts = { ...options };
    this.opts.classPrefix ??= 'fieldnote-';
    this.opts.revalidate ??= 'corrected';
    this.opts.focusSummary ??= true;
    this.title = document.title;
    this.hadNoValidate = form.hasAttribute('novalidate');
    this.paths = new Map(); // name → canonical path
    this.shown = new Map(); // target path → { message, server }
    this.marks = new Map(); // target path → what marking a field changed
    this.items = []; // summary lines, as the plan gave them
    this.plan = null;
    this.ids = []; // elements given a generated id
    this.buttons = []; // [button, was disabled] while a countdown runs
    this.active = false; // re-validate on change only after the first submit
    this.dirty = new Set(); // paths changed since they were last checked
    this.notes = []; // notes beside buttons waiting out a countdown
    this.onSubmitEvent = this.onSubmitEvent.bind(this);
    this.onEdit = this.onEdit.bind(this);
    this.onKey = this.onKey.bind(this);
    this.onSummaryClick = this.onSummaryClick.bind(this);
    form.setAttribute('novalidate', '');
    // Start the WebAssembly the form will need now, so the first submit does not wait for it.
    this.starting = Promise.all([errorsReady, this.opts.validator?.ready]).catch(() => {});
    form.addEventListener('submit', this.onSubmitEvent);
    form.addEventListener('change', this.onEdit);
    form.addEventListener('focusout', this.onEdit);
    form.addEventListener('keydown', this.onKey);
    form.showErrors = (result) => this.showErrors(result);
    // What needs the core waits for its module when it has not arrived yet (a browser page that
    // binds the form at start-up); a submit before then is made again once it has.
    try {
      this.setUp();
    } catch (error) {
      if (error?.name !== 'NotReadyError') throw error;
      this.starting.then(() => {
        if (this.destroyed) return;
        try { this.setUp(); } catch (e) { console.warn('fieldnote/dom:', e); } // the module could not start
      });
    }
  }

  /** The page's own title, and the errors a server-rendered page already shows. */
  setUp() {
    // A page rendered with errors already has "Error: " in its title: never twice.
    const titlePrefix = messageText('form.page_title', this.opts.locale, { title: '' }).trim();
    this.title = titlePrefix && document.title.startsWith(titlePrefix) ? document.title.slice(titlePrefix.length).trim() : document.title;
    this.adopt();
  }

  /** Shows a `normalize` result (or a validator's envelope); an ok result clears. */
  showErrors(result) {
    return this.show(result, true);
  }

  /** Removes every message, the summary and the title prefix; values stay. */
  clear() {
    this.stopCountdown();
    this.summary?.remove();
    this.summary = null;
    for (const path of [...this.marks.keys()]) this.unmark(path);
    this.shown.clear();
    this.items = [];
    this.plan = null;
    document.title = this.title;
  }

  /** The form's value as JSON, as it would be validated. */
  value() {
    return readForm(this);
  }

  /** Removes listeners and everything the controller added. */
  destroy() {
    this.destroyed = true;
    this.clear();
    this.form.removeEventListener('submit', this.onSubmitEvent);
    this.form.removeEventListener('change', this.onEdit);
    this.form.removeEventListener('focusout', this.onEdit);
    this.form.removeEventListener('keydown', this.onKey);
    if (!this.hadNoValidate) this.form.removeAttribute('novalidate');
    for (const el of this.ids) el.removeAttribute('id');
    delete this.form.showErrors;
    controllers.delete(this.form);
  }

  onSubmitEvent(event) {
    if (this.timer) {
      // The countdown runs (Enter in a field, or a script): say why nothing happens.
      event.preventDefault();
      return this.sayWait();
    }
    let value;
    let envelope;
    try {
      value = readForm(this);
      envelope = this.validate(value);
    } catch (error) {
      // Never a native submit of a form that could not be checked.
      event.preventDefault();
      if (error?.name === 'NotReadyError' && !this.waited) {
        // Submitted before the WebAssembly arrived: submit again once it has (once).
        this.waited = true;
        const submitter = event.submitter;
        return this.starting.then(() => {
          if (!this.destroyed) this.form.requestSubmit(submitter?.form === this.form ? submitter : undefined);
        });
      }
      return this.fail(error, 'unknown');
    }
    if (envelope) {
      event.preventDefault();
      this.show(envelope, false);
      return;
    }
    this.clear();
    this.active = true;
    const { onSubmit } = this.opts;
    if (!onSubmit) return;
    event.preventDefault();
    new Promise((resolve) => resolve(onSubmit(value, { form: this.form, event }))).then((result) => {
      if (!this.destroyed && result && typeof result === 'object' && result.ok === false) this.show(result, true);
    }, (error) => this.fail(error, error instanceof TypeError ? 'unreachable' : 'unknown'));
  }

  /** A validator or `onSubmit` that threw: the person gets the next step (a failed `fetch`
   * rejects with a TypeError: the service could not be reached), the developer the error. */
  fail(error, why) {
    console.warn('fieldnote/dom:', error);
    if (this.destroyed) return;
    const { locale } = this.opts;
    try {
      const result = why === 'unreachable'
        ? { ok: false, category: 'bad_gateway', message: messageText('send.unreachable', locale) }
        : { ok: false, category: 'unknown' };
      this.show(result, true);
    } catch (e) {
      // The core itself could not start (its wasm was refused): nothing more can be drawn.
      console.warn('fieldnote/dom:', e);
    }
  }

  /** Enter in a field while the submit buttons wait: the live region says how long again. */
  onKey(event) {
    if (!this.timer || event.key !== 'Enter' || event.target.localName === 'textarea') return;
    this.sayWait();
  }

  sayWait() {
    if (!this.live) return;
    const words = this.counter.textContent;
    this.live.textContent = '';
    setTimeout(() => { if (this.live) this.live.textContent = words; }, 100);
  }

  validate(value) {
    const { validator, locale, labels } = this.opts;
    return validator ? validator.validate(value, { locale, labels }) : null;
  }

  /** Asks the core what to show for `result`, given the form's fields in page order and their
   * labels (for messages that must name a field). */
  planFor(result) {
    const targets = findTargets(this);
    const fieldOrder = targets.map((t) => ({ path: t.path, id: t.id, group: t.group }));
    const { locale } = this.opts;
    // The caller's labels first: the core takes the first label of a path.
    const labels = { ...this.opts.labels };
    for (const t of targets) {
      if (!Object.hasOwn(labels, t.path)) {
        const text = labelText(t);
        if (text) labels[t.path] = text;
      }
    }
    // A server's `Email` or `first_name` finds the form's `email` or `firstName` (see matchField).
    const keyed = withFormKeys(result, targets.map((t) => t.path));
    return renderPlan(keyed, { fieldOrder, locale, labels, title: this.title });
  }

  show(result, server) {
    const plan = this.planFor(result);
    const old = this.summary; // replaced where it stands, not removed and added elsewhere
    this.summary = null;
    this.clear();
    this.active = true;
    this.dirty.clear();
    if (!plan.title) {
      old?.remove();
      return plan;
    }
    this.plan = plan;
    // A group's line links to its first part at fault (a date's year when only the year is wrong).
    const targets = findTargets(this);
    this.items = plan.summary.map((item) => {
      const group = item.href && targets.find((t) => t.group && t.path === item.path);
      const first = group && faultyInputs(this, group)[0];
      return first ? { ...item, href: `#${this.idOf(first)}` } : item;
    });
    for (const [path, message] of Object.entries(plan.fields)) this.shown.set(path, { message, server });
    this.render(old);
    if (plan.panel?.kind === 'countdown') this.startCountdown(plan.panel);
    if (plan.focus === 'summary' && this.opts.focusSummary !== false) focusSummary(this.summary);
    return plan;
  }

  /** Between submits (see `revalidate`): a field is checked once it changed and the person has
   * left it (a date's parts count as one field), so nothing moves under the caret. */
  onEdit(event) {
    const mode = this.opts.revalidate;
    const control = event.target;
    if (!this.active || this.destroyed || mode === 'submit' || !control.name) return;
    const target = findTargets(this).find((t) => t.inputs.includes(control));
    if (!target || (mode === 'corrected' && !this.shown.has(target.path))) return;
    if (event.type === 'change') {
      // A text field's change comes just before its focusout, which says where focus goes:
      // wait for it (or, for a change made by a script, for the next task).
      this.dirty.add(target.path);
      setTimeout(() => this.onEdit({ type: 'later', target: control }));
      return;
    }
    if (!this.dirty.has(target.path)) return;
    const within = (node) => !!node && (target.inputs.includes(node) || !!target.box?.contains(node));
    const next = event.type === 'focusout' ? event.relatedTarget : document.activeElement;
    if (within(next)) return; // still in the field: wait until the person leaves it
    // On the way to a submit button: the submit checks everything, and nothing may move under
    // the pointer between its press and release.
    if (next && (next.type === 'submit' || next.type === 'image') && next.form === this.form) return;
    this.dirty.delete(target.path);
    this.revalidate(target, mode === 'change', next);
  }

  /** Checks one field again; `anchor` (where focus goes) keeps its place on screen. */
  revalidate(target, allowNew, anchor) {
    const current = this.shown.get(target.path);
    if (!current && !allowNew) return;
    // A server's message cannot be checked here: it goes once the answer changed.
    let next = current?.server ? undefined : current;
    if (this.opts.validator) {
      let plan = null;
      try {
        const envelope = this.validate(readForm(this));
        plan = envelope && this.planFor(envelope);
      } catch (error) {
        console.warn('fieldnote/dom:', error);
        return;
      }
      const message = plan && Object.hasOwn(plan.fields, target.path) ? plan.fields[target.path] : undefined;
      if (message === undefined) next = undefined;
      // 'corrected': a message only goes; a new or different one waits for the next submit.
      else if (this.opts.revalidate === 'change') next = { message, server: false };
      else next = current;
      if (plan && !this.plan) this.plan = plan;
    }
    if (next?.message === current?.message && next?.server === current?.server) return;
    if (next) this.shown.set(target.path, next);
    else this.shown.delete(target.path);
    this.placeItem(target, next?.message);
    // The summary already spoke: its updates are not announced again (no role=alert from now
    // on), and the focused field stays where it is on screen.
    this.summary?.querySelector('[role=alert]')?.removeAttribute('role');
    keepInPlace(anchor, () => this.render());
  }

  /** Keeps the summary in page order when one field's line changes. */
  placeItem(target, message) {
    const targets = findTargets(this);
    const rank = (item) => (item.path === '' ? -1 : item.href ? targets.findIndex((t) => t.path === item.path) : Infinity);
    this.items = this.items.filter((i) => !(i.path === target.path && i.href));
    if (message === undefined) return;
    const item = { path: target.path, message, href: `#${target.id}` };
    const at = this.items.findIndex((i) => rank(i) > rank(item));
    this.items.splice(at < 0 ? this.items.length : at, 0, item);
  }

  /** Brings the page in line with `shown`, `items` and the panel; a new summary takes the place
   * of `old` (one drawn before, or rendered by the server). */
  render(old) {
    for (const target of findTargets(this)) {
      const shown = this.shown.get(target.path);
      if (shown) this.mark(target, shown.message);
      else this.unmark(target.path);
    }
    for (const path of [...this.marks.keys()]) if (!this.shown.has(path)) this.unmark(path);
    const panel = this.plan?.panel;
    if (!this.items.length && !panel) {
      this.summary?.remove();
      this.summary = null;
      document.title = this.title;
      return;
    }
    if (!this.summary) {
      this.summary = buildSummary(this, this.plan);
      owned.add(this.summary);
      if (old?.isConnected) old.replaceWith(this.summary);
      else placeSummary(this, this.summary);
    }
    this.list.replaceChildren(...this.items.map((item) => summaryLine(item)));
    this.list.hidden = !this.items.length;
    document.title = this.plan.title;
  }

  mark(target, message) {
    const old = this.marks.get(target.path);
    if (old?.message === message) return;
    if (old) {
      const hidden = old.p.firstElementChild;
      old.p.replaceChildren(...(hidden ? [hidden] : []), document.createTextNode(` ${message}`));
      old.message = message;
      if (this.opts.nativeValidation) target.inputs.forEach((input) => input.setCustomValidity(message));
      return;
    }
    const prefix = this.opts.classPrefix;
    const p = el('p', `${prefix}error-message`);
    p.id = messageId(this, target);
    // Long unbroken words wrap whatever the page's CSS (set through the CSSOM: CSP-safe).
    p.style.overflowWrap = 'anywhere';
    const hidden = el('span', `${prefix}visually-hidden`, this.plan?.errorPrefix ?? messageText('form.error_prefix', this.opts.locale));
    Object.assign(hidden.style, VISUALLY_HIDDEN);
    p.append(hidden, document.createTextNode(` ${message}`));
    placeMessage(this, target, p);
    const hosts = target.box ? [target.box] : target.inputs;
    const mark = { p, message, inputs: target.inputs, classes: [] };
    mark.saved = [...new Set([...hosts, ...target.inputs])].map((node) => [
      node, node.getAttribute('aria-describedby'), node.getAttribute('aria-invalid'),
    ]);
    // Alongside any hint, after it (GOV.UK's order); the original comes back on unmark.
    for (const host of hosts) host.setAttribute('aria-describedby', withToken(host.getAttribute('aria-describedby'), p.id));
    const addClass = (node, name) => {
      if (node && !node.classList.contains(name)) mark.classes.push([node, name, node.hasAttribute('class')]);
      node?.classList.add(name);
    };
    // GOV.UK Frontend marks no radio, checkbox or date part invalid: the group's message says it.
    // A date highlights the parts at fault only.
    for (const input of faultyInputs(this, target)) {
      if (!target.group && !target.box) input.setAttribute('aria-invalid', 'true');
      addClass(input, errorClass(prefix, input));
    }
    if (this.opts.nativeValidation) target.inputs.forEach((input) => input.setCustomValidity(message));
    addClass(formGroup(this, target), `${prefix}form-group--error`);
    this.marks.set(target.path, mark);
  }

  unmark(path) {
    const mark = this.marks.get(path);
    if (!mark) return;
    mark.p.remove();
    for (const [node, describedBy, invalid] of mark.saved) {
      restore(node, 'aria-describedby', describedBy);
      restore(node, 'aria-invalid', invalid);
    }
    for (const [node, name, hadClass] of mark.classes) {
      node.classList.remove(name);
      if (!hadClass && !node.classList.length) node.removeAttribute('class');
    }
    if (this.opts.nativeValidation) mark.inputs.forEach((input) => input.setCustomValidity(''));
    this.marks.delete(path);
  }

  /** Disables the submit buttons, with a note beside each saying why, and counts down: the
   * visible counter (the one number on screen) ticks each second, the live region speaks at the
   * start, every `announceEvery` seconds and at the end. */
  startCountdown({ seconds, announceEvery = 10, text }) {
    const prefix = this.opts.classPrefix;
    for (const b of this.form.elements) {
      if (b.type === 'submit' || b.type === 'image') this.buttons.push([b, b.disabled, b.getAttribute('aria-describedby')]);
    }
    for (const [b] of this.buttons) {
      b.disabled = true;
      if (!text.buttonWaits) continue;
      const note = el('p', `${prefix}hint ${prefix}button-note`, text.buttonWaits);
      note.id = `fieldnote-wait-${++idCount}`;
      b.after(note);
      b.setAttribute('aria-describedby', withToken(b.getAttribute('aria-describedby'), note.id));
      this.notes.push(note);
    }
    const end = Date.now() + seconds * 1000;
    const tick = () => {
      const left = Math.max(0, Math.ceil((end - Date.now()) / 1000));
      const words = left ? messageText('form.countdown', this.opts.locale, { n: left }) : text.done;
      this.counter.textContent = words;
      if (left === seconds || left % announceEvery === 0) this.live.textContent = words;
      if (!left) return this.stopCountdown();
      this.timer = setTimeout(tick, (end - Date.now()) % 1000 || 1000);
    };
    tick();
  }

  stopCountdown() {
    clearTimeout(this.timer);
    this.timer = null;
    for (const [b, was, describedBy] of this.buttons) {
      b.disabled = was;
      restore(b, 'aria-describedby', describedBy);
    }
    this.buttons = [];
    for (const note of this.notes) note.remove();
    this.notes = [];
  }

  /** Progressive enhancement: a page rendered by the server with an error summary and inline
   * messages (what a native submit gets back) is taken over as it is — its summary is replaced
   * in place on the next submit, its messages are updated or removed as ours would be — so
   * nothing is shown twice, no id is repeated and nothing is described twice. */
  adopt() {
    const prefix = cssEscape(this.opts.classPrefix);
    const isMessage = (node) => node?.classList?.contains(`${this.opts.classPrefix}error-message`);
    let errorPrefix = null;
    for (const target of findTargets(this)) {
      const hosts = target.box ? [target.box] : target.inputs;
      const nodes = [...new Set([...hosts, ...target.inputs])];
      let p = null;
      for (const node of nodes) {
        for (const id of (node.getAttribute('aria-describedby') ?? '').split(/\s+/)) {
          const found = id && document.getElementById(id);
          if (isMessage(found)) p ??= found;
        }
      }
      p ??= [document.getElementById(messageId(this, target))].find(isMessage) ?? null;
      if (!p) continue;
      const hidden = p.querySelector(`.${prefix}visually-hidden`);
      errorPrefix ??= hidden?.textContent.trim() || null;
      const message = [...p.childNodes].filter((n) => n !== hidden).map((n) => n.textContent).join('').trim();
      const strip = (value) => value && (value.split(/\s+/).filter((id) => id !== p.id).join(' ') || null);
      const mark = { p, message, inputs: target.inputs, classes: [] };
      mark.saved = nodes.map((node) => [node, strip(node.getAttribute('aria-describedby')),
        node.getAttribute('aria-invalid') === 'true' ? null : node.getAttribute('aria-invalid')]);
      for (const node of [formGroup(this, target), ...target.inputs]) {
        for (const name of [...(node?.classList ?? [])]) if (name.startsWith(this.opts.classPrefix) && name.endsWith('--error')) mark.classes.push([node, name, true]);
      }
      this.marks.set(target.path, mark);
      this.shown.set(target.path, { message, server: true });
    }
    // The page's summary, unless another bound form owns it or it links only elsewhere.
    const targets = findTargets(this);
    const mine = (s) => {
      if (owned.has(s)) return false;
      const hrefs = [...s.querySelectorAll('a[href^="#"]')].map((a) => a.getAttribute('href').slice(1));
      return !hrefs.length || hrefs.some((id) => targets.some((t) => t.inputs.some((i) => i.id === id)));
    };
    const summary = [...document.querySelectorAll(`.${prefix}error-summary`)].find(mine);
    if (summary) {
      owned.add(summary);
      this.summary = summary;
      this.list = summary.querySelector(`.${prefix}error-summary__list`) ?? summary.querySelector('ul');
      if (!this.list) {
        this.list = el('ul', `${this.opts.classPrefix}list ${this.opts.classPrefix}error-summary__list`);
        (summary.querySelector(`.${prefix}error-summary__body`) ?? summary).append(this.list);
      }
      this.items = [...this.list.children].map((li) => {
        const href = li.querySelector('a')?.getAttribute('href') ?? '';
        const target = href.startsWith('#') ? targets.find((t) => t.id === href.slice(1)) : null;
        return target ? { path: target.path, message: li.textContent.trim(), href } : { path: '', message: li.textContent.trim() };
      });
      summary.addEventListener('click', this.onSummaryClick);
    }
    if (!summary && !this.marks.size) return;
    this.active = true;
    const heading = summary?.querySelector(`.${prefix}error-summary__title`)?.textContent.trim()
      || messageText('form.summary_title', this.opts.locale);
    this.plan = { title: document.title, heading, errorPrefix: errorPrefix ?? undefined, panel: null };
  }

  /** GOV.UK's error summary links: scroll the question (label or legend) into view, then focus. */
  onSummaryClick(event) {
    const link = event.target.closest('a');
    const href = link?.getAttribute('href');
    if (!href?.startsWith('#')) return;
    const input = document.getElementById(href.slice(1));
    const question = input && legendOrLabel(input);
    if (!question) return;
    question.scrollIntoView();
    input.focus({ preventScroll: true });
    event.preventDefault();
  }

  path(name) {
    let path = this.paths.get(name);
    if (path === undefined) this.paths.set(name, (path = canonicalPath(name)));
    return path;
  }

  idOf(input) {
    if (!input.id) {
      input.id = `fieldnote-field-${++idCount}`;
      this.ids.push(input);
    }
    return input.id;
  }
}

// --- Reading the form ---------------------------------------------------------------------

function controls(form) {
  return [...form.elements].filter((el) => el.name && /^(input|select|textarea)$/.test(el.localName) && !SKIP_TYPES.has(el.type));
}

/** The form's value: named controls by path (`items[0][name]`, `items.0.name` and
 * `items[0].name` all build `{ items: [{ name }] }`); empty text is left out. */
function readForm(c) {
  const out = {};
  const all = controls(c.form);
  const several = severalBoxes(all);
  const coerce = (path, text) => coerceText(c.opts.validator, path, text);
  const limit = Math.max(MAX_INDEX, all.length);
  const ensure = (root, path, array) => ensureIn(root, path, array, limit);
  const put = (root, path, value) => putIn(root, path, value, limit);
  for (const el of all) {
    if (el.matches(':disabled') || el.type === 'file') continue;
    const path = c.path(el.name);
    if (!path) continue;
    if (el.type === 'checkbox' && (several.has(el.name) || el.name.endsWith('[]'))) {
      if (!el.checked) continue;
      const list = ensure(out, path, true);
      if (Array.isArray(list)) list.push(coerce(`${path}.${list.length}`, el.value));
    } else if (el.type === 'checkbox') {
      put(out, path, el.checked);
    } else if (el.type === 'radio') {
      if (el.checked) put(out, path, coerce(path, el.value));
    } else if (el.type === 'number' || el.type === 'range') {
      if (!Number.isNaN(el.valueAsNumber)) put(out, path, el.valueAsNumber);
    } else if (el.localName === 'select' && el.multiple) {
      const values = [...el.selectedOptions].map((o, i) => coerce(`${path}.${i}`, o.value));
      if (values.length) put(out, path, values);
    } else if (el.value !== '') {
      put(out, path, coerce(path, el.value));
    }
  }
  return out;
}

/** Names shared by several checkboxes: those make a list, a lone checkbox a boolean. */
function severalBoxes(all) {
  const seen = new Set();
  const several = new Set();
  for (const el of all) {
    if (el.type !== 'checkbox') continue;
    if (seen.has(el.name)) several.add(el.name);
    seen.add(el.name);
  }
  return several;
}

/** Types text as the validator's schema says (`typeAt(path)` → JSON types), if it can tell. */
function coerceText(validator, path, text) {
  const types = typeof validator?.typeAt === 'function' ? [].concat(validator.typeAt(path) ?? []) : [];
  if (!types.length || types.includes('string')) return text;
  if ((types.includes('integer') || types.includes('number')) && NUMBER.test(text.trim())) return Number(text);
  if (types.includes('boolean') && (text === 'true' || text === 'false')) return text === 'true';
  return text;
}

/** Whether `seg` is a list index below `limit`. */
function isIndex(seg, limit) {
  return INDEX.test(seg) && Number(seg) < limit;
}

/** The container at `path` (dotted), created on the way; own properties only, so a name like
 * `__proto__[x]` cannot reach a prototype. An index at or past `limit` is an object key. */
function ensureIn(root, path, array, limit) {
  const segs = path.split('.');
  let cur = root;
  for (const [i, seg] of segs.entries()) {
    const last = i === segs.length - 1;
    // A list takes indices below the limit only: `99999999` as a key would still grow its length.
    if (Array.isArray(cur) && !isIndex(seg, limit)) return null;
    const key = Array.isArray(cur) ? Number(seg) : seg;
    if (!Object.hasOwn(cur, key) || typeof cur[key] !== 'object' || cur[key] === null) {
      const fresh = (last ? array : isIndex(segs[i + 1], limit)) ? [] : {};
      Object.defineProperty(cur, key, { value: fresh, writable: true, enumerable: true, configurable: true });
    }
    cur = cur[key];
  }
  return cur;
}

function putIn(root, path, value, limit) {
  const cut = path.lastIndexOf('.');
  const parent = cut < 0 ? root : ensureIn(root, path.slice(0, cut), isIndex(path.slice(cut + 1), limit), limit);
  const seg = path.slice(cut + 1);
  if (!parent || (Array.isArray(parent) && !isIndex(seg, limit))) return;
  const key = Array.isArray(parent) ? Number(seg) : seg;
  Object.defineProperty(parent, key, { value, writable: true, enumerable: true, configurable: true });
}

/** The form's fields in page order. Radios, several checkboxes of one name, and the parts inside
 * a `<fieldset name="…">` or around a date input (`.govuk-date-input` with `dob[day]`, …) are
 * groups: one message on the fieldset, linked to the first input. A lone checkbox alone in a
 * fieldset has its message there too. Hidden inputs cannot show a message: their errors stay in
 * the summary. */
function findTargets(c) {
  const all = controls(c.form).filter((el) => el.type !== 'hidden');
  const several = severalBoxes(all);
  const byPath = new Map();
  const inForm = (node) => (node && c.form.contains(node) ? node : null);
  const dateClass = `.${cssEscape(c.opts.classPrefix)}date-input`;
  for (const el of all) {
    const path = c.path(el.name);
    const named = inForm(el.closest('fieldset[name]'));
    let groupPath = named ? c.path(named.name) : null;
    let box = named;
    if (!named && el.closest(dateClass)) {
      box = inForm(el.closest(dateClass).closest('fieldset'));
      groupPath = box && path.includes('.') ? path.slice(0, path.lastIndexOf('.')) : null;
    }
    let target;
    if (groupPath && (path === groupPath || path.startsWith(`${groupPath}.`))) {
      target = { path: groupPath, group: true, box };
    } else if (el.type === 'radio' || (el.type === 'checkbox' && several.has(el.name))) {
      target = { path, group: true, box: inForm(el.closest('fieldset')) };
    } else if (el.type === 'checkbox') {
      const fieldset = inForm(el.closest('fieldset'));
      const alone = fieldset && [...fieldset.elements].filter((e) => e.name && !SKIP_TYPES.has(e.type)).length === 1;
      target = { path, group: false, box: alone ? fieldset : null };
    } else {
      target = { path, group: false, box: null };
    }
    if (!byPath.has(target.path)) byPath.set(target.path, { ...target, inputs: [] });
    byPath.get(target.path).inputs.push(el);
  }
  const targets = [...byPath.values()];
  for (const t of targets) t.id = c.idOf(t.inputs[0]);
  return targets;
}

// --- Drawing ------------------------------------------------------------------------------

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function restore(node, name, value) {
  if (value === null) node.removeAttribute(name);
  else node.setAttribute(name, value);
}

/** Where GOV.UK Frontend puts a message: after the legend (and any hint right after it) of a
 * group; else before the field — or before what wraps it (a prefix and suffix wrapper, a password
 * or file upload wrapper, a lone checkbox's item), never inside, where it would break the layout. */
function placeMessage(c, target, p) {
  const legend = target.box?.querySelector(':scope > legend');
  if (legend) {
    const hints = (target.box.getAttribute('aria-describedby') ?? '').split(/\s+/);
    let after = legend;
    while (after.nextElementSibling && hints.includes(after.nextElementSibling.id)) after = after.nextElementSibling;
    after.after(p);
    return;
  }
  const input = target.inputs[0];
  const prefix = cssEscape(c.opts.classPrefix);
  const group = formGroup(c, target);
  const wrappers = input.type === 'checkbox' ? ['checkboxes'] : WRAPPERS;
  const wrapper = input.closest(wrappers.map((w) => `.${prefix}${w}`).join());
  if (wrapper && (!group || group.contains(wrapper)) && c.form.contains(wrapper)) return wrapper.before(p);
  // A lone checkbox in a plain wrapper with its label (`<div><input><label>`): before the pair.
  const item = input.parentElement;
  if (input.type === 'checkbox' && item !== c.form && item !== group && [...input.labels].some((l) => item.contains(l))
    && item.querySelectorAll('input, select, textarea').length === 1) return item.before(p);
  (input.closest('label') ?? input).before(p);
}

/** The id of a target's message: GOV.UK's — the field's id, a date input's or the fieldset's,
 * then `-error`. */
function messageId(c, target) {
  const date = target.box?.querySelector(`.${cssEscape(c.opts.classPrefix)}date-input[id]`);
  return `${date?.id || target.box?.id || target.id}-error`;
}

/** The form group that turns red: the one around the whole group or field (for a date, the outer
 * one, so the bar runs beside legend, hint and message too). */
function formGroup(c, target) {
  return (target.box ?? target.inputs[0]).closest(`.${cssEscape(c.opts.classPrefix)}form-group`);
}

/** The inputs to highlight: none of a set of radios or checkboxes (GOV.UK's way); a date's parts
 * at fault — those the core names (`dob.year`), else the empty ones when only some are empty,
 * else all; any other field's inputs. */
function faultyInputs(c, target) {
  const inputs = target.inputs.filter((input) => !/^(radio|checkbox)$/.test(input.type));
  if (!target.group || inputs.length < 2) return inputs;
  const parts = c.plan?.parts?.[target.path];
  if (parts?.length) {
    const named = inputs.filter((input) => parts.some((part) => { const path = c.path(input.name); return path === part || path.startsWith(`${part}.`); }));
    if (named.length) return named;
  }
  const empty = inputs.filter((input) => input.value === '');
  return empty.length && empty.length < inputs.length ? empty : inputs;
}

/** GOV.UK Frontend's error class for a field: `input--error`, `select--error`, `textarea--error`,
 * `file-upload--error`. */
function errorClass(prefix, input) {
  const kind = input.type === 'file' ? 'file-upload' : input.localName === 'input' ? 'input' : input.localName;
  return `${prefix}${kind}--error`;
}

/** `list` (space-separated ids) with `id` added once, at the end. */
function withToken(list, id) {
  const ids = (list ?? '').split(/\s+/).filter((t) => t && t !== id);
  return [...ids, id].join(' ');
}

/** The words a person sees for a field: its legend or label, without the controls inside. */
function labelText(target) {
  const input = target.inputs[0];
  const source = target.box?.querySelector(':scope > legend') ?? input.labels?.[0] ?? null;
  let text = input.getAttribute('aria-label') ?? '';
  if (source) {
    const copy = source.cloneNode(true);
    for (const node of copy.querySelectorAll('input, select, textarea, button, [class*="error-message"]')) node.remove();
    text = copy.textContent;
  }
  return text.replace(/\s+/g, ' ').trim().slice(0, 200);
}

/** Runs `change` and scrolls so `anchor` (the element focus is going to) stays where it was on
 * screen: a message going above it must not move the field someone is about to type in. */
function keepInPlace(anchor, change) {
  const focused = anchor?.getBoundingClientRect ? anchor : document.activeElement;
  const before = focused && focused !== document.body ? focused.getBoundingClientRect().top : null;
  change();
  if (before === null || !focused.isConnected) return;
  const delta = focused.getBoundingClientRect().top - before;
  if (delta && typeof window.scrollBy === 'function') window.scrollBy(0, delta);
}

/** The GOV.UK error summary: a focusable container, `role="alert"` on an inner wrapper (so the
 * focus and the announcement do not race), heading, panel message and links. */
function buildSummary(c, plan) {
  const prefix = c.opts.classPrefix;
  const summary = el('div', `${prefix}error-summary`);
  const alert = el('div');
  alert.setAttribute('role', 'alert');
  const body = el('div', `${prefix}error-summary__body`);
  alert.append(el('h2', `${prefix}error-summary__title`, plan.heading), body);
  summary.append(alert);
  if (plan.panel) body.append(el('p', `${prefix}error-summary__message`, plan.panel.message));
  c.list = el('ul', `${prefix}list ${prefix}error-summary__list`);
  body.append(c.list);
  if (plan.panel) drawPanel(c, plan.panel, body, summary);
  summary.addEventListener('click', c.onSummaryClick);
  summary.style.overflowWrap = 'anywhere';
  return summary;
}

/** GOV.UK's place for the summary: at the top of the main column, above the page's `h1` — or
 * where the caller says. Without a `main`, the top of the form. */
function placeSummary(c, summary) {
  const { summaryContainer } = c.opts;
  if (summaryContainer) return summaryContainer.prepend(summary);
  const main = c.form.closest('main') ?? document.querySelector('main');
  if (!main) return c.form.prepend(summary);
  const h1 = main.querySelector('h1');
  // An h1 inside the form (a question page's label) comes after the form's start: then above the form.
  const before = h1 && !c.form.contains(h1) && main.contains(c.form) ? h1 : c.form;
  if (main.contains(before)) before.before(summary);
  else main.prepend(summary);
}

function summaryLine(item) {
  const li = el('li');
  if (item.href) {
    const a = el('a', '', item.message);
    a.setAttribute('href', item.href);
    li.append(a);
  } else {
    li.textContent = item.message;
  }
  return li;
}

/** Panel controls. Anything that changes later (countdown, copy status) lives outside the alert,
 * so its updates are not re-read as a whole alert. */
function drawPanel(c, panel, body, summary) {
  const prefix = c.opts.classPrefix;
  const { text } = panel;
  if (panel.kind === 'sign_in') {
    const { onSignIn, signInUrl } = c.opts;
    const url = webUrl(signInUrl);
    const line = el('p');
    if (onSignIn) {
      const button = el('button', `${prefix}button`, text.signIn);
      button.type = 'button';
      button.addEventListener('click', () => onSignIn({ form: c.form }));
      line.append(button);
    } else if (url) {
      // A new tab keeps this page and every value in it.
      const a = el('a', '', text.signInNewTab);
      a.href = url;
      a.target = '_blank';
      a.rel = 'noopener';
      line.append(a);
    }
    if (line.firstChild) body.append(line);
  } else if (panel.kind === 'countdown') {
    c.counter = el('p', `${prefix}error-summary__countdown`);
    c.counter.setAttribute('aria-hidden', 'true');
    c.live = el('p', `${prefix}visually-hidden`);
    c.live.setAttribute('aria-live', 'polite');
    Object.assign(c.live.style, VISUALLY_HIDDEN);
    summary.append(c.counter, c.live);
  } else if (panel.kind === 'support') {
    const area = el('textarea', `${prefix}textarea`, panel.report);
    area.id = `fieldnote-report-${++idCount}`;
    area.readOnly = true;
    area.rows = 8;
    const label = el('label', `${prefix}label`, text.reportLabel);
    label.htmlFor = area.id;
    const button = el('button', `${prefix}button ${prefix}button--secondary`, text.copy);
    button.type = 'button';
    const status = el('p', `${prefix}error-summary__status`);
    status.setAttribute('role', 'status');
    button.addEventListener('click', () => copy(panel.report, area, status, text));
    summary.append(label, area, button, status);
  }
}

/** An http(s) address (relative ones resolved), never `javascript:` and the like. */
function webUrl(text) {
  try {
    const url = text ? new URL(text, document.baseURI) : null;
    return url && /^https?:$/.test(url.protocol) ? url.href : null;
  } catch {
    return null;
  }
}

/** Copies the report: the async clipboard, else select and `execCommand('copy')`. */
async function copy(report, area, status, text) {
  let copied = false;
  try {
    await navigator.clipboard.writeText(report);
    copied = true;
  } catch {
    area.focus();
    area.select();
    try {
      copied = document.execCommand('copy');
    } catch {
      copied = false;
    }
  }
  status.textContent = copied ? text.copied : text.copyFailed;
}

function focusSummary(summary) {
  // Focusable for this once, as GOV.UK does: it need not be focused again.
  summary.setAttribute('tabindex', '-1');
  summary.addEventListener('blur', () => summary.removeAttribute('tabindex'), { once: true });
  summary.focus();
}

/** GOV.UK's `getAssociatedLegendOrLabel`: the fieldset's legend for radios and checkboxes, or when
 * the field sits within half a screen below it; else the field's label. */
function legendOrLabel(input) {
  const legend = input.closest('fieldset')?.querySelector('legend');
  if (legend) {
    if (input.type === 'checkbox' || input.type === 'radio') return legend;
    const inputRect = input.getBoundingClientRect();
    if (inputRect.height && inputRect.top + inputRect.height - legend.getBoundingClientRect().top < window.innerHeight / 2) return legend;
  }
  return input.labels?.[0] ?? input.closest('label');
}
