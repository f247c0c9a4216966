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
import { canonicalPath, renderPlan, messageText } from './index.js';

const SKIP_TYPES = new Set(['submit', 'image', 'button', 'reset', 'file']);
const NUMBER = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/;
const INDEX = /^(0|[1-9]\d{0,8})$/;
// GOV.UK's visually-hidden class, set through the CSSOM so it needs no page CSS and passes a
// strict Content-Security-Policy.
const VISUALLY_HIDDEN = {
  position: 'absolute', width: '1px', height: '1px', margin: '0', padding: '0', overflow: 'hidden',
  clip: 'rect(0 0 0 0)', clipPath: 'inset(50%)', border: '0', whiteSpace: 'nowrap',
};

const controllers = new WeakMap();
let idCount = 0;

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
 * @param {number} [options.debounceMs=300] Delay before re-validating while someone types.
 * @returns {{ showErrors(result: object): object, clear(): void, value(): object, destroy(): void }}
 */
export function bindForm(form, options = {}) {
  if (!(form instanceof HTMLFormElement)) throw new TypeError('fieldnote: bindForm(form) needs a <form> element');
  controllers.get(form)?.destroy();
  const controller = new FormErrors(form, options);
  controllers.set(form, controller);
  return controller;
}

class FormErrors {
  constructor(form, options) {
    this.form = form;
    this.opts = { classPrefix: 'fieldnote-', debounceMs: 300, ...options };
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
    this.pending = new Map(); // control → debounce timer
    this.onSubmitEvent = this.onSubmitEvent.bind(this);
    this.onEdit = this.onEdit.bind(this);
    this.onSummaryClick = this.onSummaryClick.bind(this);
    form.setAttribute('novalidate', '');
    form.addEventListener('submit', this.onSubmitEvent);
    form.addEventListener('input', this.onEdit);
    form.addEventListener('change', this.onEdit);
    form.showErrors = (result) => this.showErrors(result);
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
    this.clear();
    this.pending.forEach(clearTimeout);
    this.form.removeEventListener('submit', this.onSubmitEvent);
    this.form.removeEventListener('input', this.onEdit);
    this.form.removeEventListener('change', this.onEdit);
    if (!this.hadNoValidate) this.form.removeAttribute('novalidate');
    for (const el of this.ids) el.removeAttribute('id');
    delete this.form.showErrors;
    controllers.delete(this.form);
  }

  onSubmitEvent(event) {
    if (this.timer) return event.preventDefault(); // the countdown runs: wait
    const value = readForm(this);
    const envelope = this.validate(value);
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
    Promise.resolve(onSubmit(value, { form: this.form, event })).then((result) => {
      if (result && typeof result === 'object' && result.ok === false) this.show(result, true);
    });
  }

  validate(value) {
    const { validator, locale, labels } = this.opts;
    return validator ? validator.validate(value, { locale, labels }) : null;
  }

  /** Asks the core what to show for `result`, given the form's fields in page order. */
  planFor(result) {
    const fieldOrder = findTargets(this).map((t) => ({ path: t.path, id: t.id, group: t.group }));
    const { locale, labels } = this.opts;
    return renderPlan(result, { fieldOrder, locale, labels, title: this.title });
  }

  show(result, server) {
    const plan = this.planFor(result);
    this.clear();
    this.active = true;
    if (!plan.title) return plan;
    this.plan = plan;
    this.items = plan.summary;
    for (const [path, message] of Object.entries(plan.fields)) this.shown.set(path, { message, server });
    this.render();
    if (plan.panel?.kind === 'countdown') this.startCountdown(plan.panel);
    if (plan.focus === 'summary') focusSummary(this.summary);
    return plan;
  }

  /** After the first submit: re-validates the edited field; a server message goes on edit. */
  onEdit(event) {
    const control = event.target;
    if (!this.active || !control.name) return;
    clearTimeout(this.pending.get(control));
    this.pending.delete(control);
    if (event.type === 'change') return this.revalidate(control, true);
    this.pending.set(control, setTimeout(() => {
      this.pending.delete(control);
      this.revalidate(control, false);
    }, this.opts.debounceMs));
  }

  revalidate(control, allowNew) {
    const target = findTargets(this).find((t) => t.inputs.includes(control));
    if (!target) return;
    const current = this.shown.get(target.path);
    let next = current?.server ? undefined : current;
    if (this.opts.validator && (current || allowNew)) {
      const envelope = this.validate(readForm(this));
      const plan = envelope && this.planFor(envelope);
      const message = plan && Object.hasOwn(plan.fields, target.path) ? plan.fields[target.path] : undefined;
      next = message === undefined ? undefined : { message, server: false };
      if (plan && !this.plan) this.plan = plan;
    }
    if (next?.message === current?.message && next?.server === current?.server) return;
    if (next) this.shown.set(target.path, next);
    else this.shown.delete(target.path);
    this.placeItem(target, next?.message);
    this.render();
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

  /** Brings the page in line with `shown`, `items` and the panel. */
  render() {
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
    if (!this.summary) this.summary = buildSummary(this, this.plan);
    this.list.replaceChildren(...this.items.map((item) => summaryLine(item)));
    this.list.hidden = !this.items.length;
    document.title = this.plan.title;
  }

  mark(target, message) {
    const old = this.marks.get(target.path);
    if (old?.message === message) return;
    if (old) {
      old.p.lastChild.data = ` ${message}`;
      old.message = message;
      if (this.opts.nativeValidation) target.inputs.forEach((input) => input.setCustomValidity(message));
      return;
    }
    const prefix = this.opts.classPrefix;
    const p = el('p', `${prefix}error-message`);
    p.id = `${target.box?.id || target.id}-error`;
    const hidden = el('span', `${prefix}visually-hidden`, this.plan?.errorPrefix ?? 'Error:');
    Object.assign(hidden.style, VISUALLY_HIDDEN);
    p.append(hidden, document.createTextNode(` ${message}`));
    placeMessage(target, p);
    const hosts = target.box ? [target.box] : target.inputs;
    const mark = { p, message, inputs: target.inputs, classes: [] };
    mark.saved = [...new Set([...hosts, ...target.inputs])].map((node) => [
      node, node.getAttribute('aria-describedby'), node.getAttribute('aria-invalid'),
    ]);
    // Alongside any hint, after it (GOV.UK's order); the original comes back on unmark.
    for (const host of hosts) host.setAttribute('aria-describedby', [host.getAttribute('aria-describedby'), p.id].filter(Boolean).join(' '));
    const addClass = (node, name) => {
      if (node && !node.classList.contains(name)) mark.classes.push([node, name, node.hasAttribute('class')]);
      node?.classList.add(name);
    };
    for (const input of target.inputs) {
      input.setAttribute('aria-invalid', 'true');
      if (!/^(radio|checkbox)$/.test(input.type)) addClass(input, `${prefix}${input.localName === 'input' ? 'input' : input.localName}--error`);
      if (this.opts.nativeValidation) input.setCustomValidity(message);
    }
    addClass(target.inputs[0].closest(`.${CSS.escape(prefix)}form-group`), `${prefix}form-group--error`);
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

  /** Disables the submit buttons and counts down: the visible counter ticks each second, the
   * live region speaks at the start, every `announceEvery` seconds and at the end. */
  startCountdown({ seconds, announceEvery = 10, text }) {
    for (const b of this.form.elements) {
      if (b.type === 'submit' || b.type === 'image') this.buttons.push([b, b.disabled]);
    }
    for (const [b] of this.buttons) b.disabled = true;
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
    for (const [b, was] of this.buttons) b.disabled = was;
    this.buttons = [];
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
  for (const el of all) {
    if (el.matches(':disabled')) continue;
    const path = c.path(el.name);
    if (!path) continue;
    if (el.type === 'checkbox' && (several.has(el.name) || el.name.endsWith('[]'))) {
      if (!el.checked) continue;
      const list = ensure(out, path, true);
      list.push(coerce(`${path}.${list.length}`, el.value));
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

/** The container at `path` (dotted), created on the way; own properties only, so a name like
 * `__proto__[x]` cannot reach a prototype. */
function ensure(root, path, array) {
  const segs = path.split('.');
  let cur = root;
  segs.forEach((seg, i) => {
    const last = i === segs.length - 1;
    const key = Array.isArray(cur) && INDEX.test(seg) ? Number(seg) : seg;
    if (!Object.hasOwn(cur, key) || typeof cur[key] !== 'object' || cur[key] === null) {
      const fresh = (last ? array : INDEX.test(segs[i + 1])) ? [] : {};
      Object.defineProperty(cur, key, { value: fresh, writable: true, enumerable: true, configurable: true });
    }
    cur = cur[key];
  });
  return cur;
}

function put(root, path, value) {
  const cut = path.lastIndexOf('.');
  const parent = cut < 0 ? root : ensure(root, path.slice(0, cut), INDEX.test(path.slice(cut + 1)));
  const seg = path.slice(cut + 1);
  const key = Array.isArray(parent) && INDEX.test(seg) ? Number(seg) : seg;
  Object.defineProperty(parent, key, { value, writable: true, enumerable: true, configurable: true });
}

/** The form's fields in page order. Radios, several checkboxes of one name, and the parts inside
 * a `<fieldset name="…">` (a date) are groups: one message on the fieldset, linked to the first
 * input. Hidden inputs cannot show a message: their errors stay in the summary. */
function findTargets(c) {
  const all = controls(c.form).filter((el) => el.type !== 'hidden');
  const several = severalBoxes(all);
  const byPath = new Map();
  for (const el of all) {
    const path = c.path(el.name);
    const named = el.closest('fieldset[name]');
    const namedPath = named && c.form.contains(named) ? c.path(named.name) : null;
    let target;
    if (namedPath && (path === namedPath || path.startsWith(`${namedPath}.`))) {
      target = { path: namedPath, group: true, box: named };
    } else if (el.type === 'radio' || (el.type === 'checkbox' && several.has(el.name))) {
      const box = el.closest('fieldset');
      target = { path, group: true, box: box && c.form.contains(box) ? box : null };
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

/** After the legend (and any hint right after it) of a group, else just before the field. */
function placeMessage(target, p) {
  const legend = target.box?.querySelector(':scope > legend');
  if (legend) {
    const hints = (target.box.getAttribute('aria-describedby') ?? '').split(/\s+/);
    let after = legend;
    while (after.nextElementSibling && hints.includes(after.nextElementSibling.id)) after = after.nextElementSibling;
    after.after(p);
    return;
  }
  const input = target.inputs[0];
  (input.closest('label') ?? input).before(p);
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
  c.form.prepend(summary);
  return summary;
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
