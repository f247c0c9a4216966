// The demo page: a sign-up form bound with `bindForm`, validated in the browser with the same
// JSON Schema the local API uses, sent with `send()`, and a side panel showing the raw response
// beside what fieldnote made of it. Every piece of dynamic text goes in with `textContent`.
import init, { send, tokenExpiresIn, compile } from '/pkg/index.js';
import { bindForm } from '/pkg/dom.js';

/** What the API can be asked to answer (`X-Demo-Scenario`): value, label, hint. */
const SCENARIOS = [
  ['201', '201 Created', 'The account is created'],
  ['400', '400 Bad Request', 'The API cannot read the request'],
  ['401', '401 Unauthorized', 'The token has expired: press “+55 minutes” twice first, and send() refreshes it'],
  ['403', '403 Forbidden', 'Accounts cannot be created here'],
  ['404', '404 Not Found', 'The sign-up link does not exist'],
  ['409', '409 Conflict', 'The email address is already registered'],
  ['422', '422 Unprocessable Content', 'The API’s own checks fail: delivery area and stock'],
  ['422-problem', '422 as problem+json', 'The same errors, written as RFC 9457 problem details'],
  ['422-laravel', '422 as Laravel', 'The same errors, written the way Laravel does'],
  ['429', '429 Too Many Requests', 'Wait 15 seconds, then send again: send() backs off and retries'],
  ['500', '500 Internal Server Error', 'A report to copy for support'],
  ['502', '502 Bad Gateway', 'The HTML page nginx sends; send() retries twice first'],
];
const MAX_ITEMS = 10;
const STEP_SECONDS = 55 * 60;

const $ = (id) => document.getElementById(id);
const form = $('signup');
const itemsBox = $('items');
const addButton = $('add-item');
const skip = $('skip-validation');
const submitButton = $('submit');

/** The demo's state: the access token, how far the demo clock is ahead, the pending request's key. */
const state = { token: null, clockAhead: 0, key: null, busy: false };

await init();
// The same schema file the API validates with.
const validator = compile(await getJson('/schema/signup.json'));

// --- The form ---------------------------------------------------------------------------------

/** The JSON the API gets: the date parts joined into an ISO date, one object per item row. */
function payload(value) {
  const out = { ...value };
  const dob = value.dateOfBirth;
  if (dob && typeof dob === 'object') {
    const part = (v, n) => String(v ?? '').trim().padStart(n, '0');
    const { day = '', month = '', year = '' } = dob;
    if (`${day}${month}${year}`.trim() === '') delete out.dateOfBirth;
    else out.dateOfBirth = `${String(year).trim()}-${part(month, 2)}-${part(day, 2)}`;
  }
  out.items = Array.from({ length: itemsBox.children.length }, (_, i) => value.items?.[i] ?? {});
  return out;
}

let validations = 0;
/** The validator `bindForm` uses: the schema's, on the payload, unless the switch skips it. */
const formValidator = {
  validate(value) {
    validations++;
    return skip.checked ? null : validator.validate(payload(value));
  },
  typeAt: (path) => validator.typeAt(path),
};

const controller = bindForm(form, {
  validator: formValidator,
  onSubmit: submit,
  onSignIn: signIn,
});

// Tell apart a submit that the browser's validation stopped from one that was sent.
let before = 0;
let sent = false;
document.addEventListener('submit', (event) => {
  if (event.target !== form) return;
  if (state.busy) {
    event.preventDefault();
    event.stopImmediatePropagation();
    return;
  }
  before = validations;
  sent = false;
}, true);
form.addEventListener('submit', () => {
  if (!sent && validations > before && !skip.checked) {
    const envelope = validator.validate(payload(controller.value()));
    if (envelope) showStopped(envelope);
  }
});

// --- Item rows ---------------------------------------------------------------------------------

function addItem() {
  itemsBox.append($('item-template').content.firstElementChild.cloneNode(true));
  renumber();
  return itemsBox.lastElementChild;
}

/** Names rows `items[i][…]` in order, so paths like `items.1.quantity` match the page. */
function renumber() {
  const rows = [...itemsBox.children];
  rows.forEach((row, i) => {
    row.querySelector('legend').textContent = `Item ${i + 1}`;
    for (const field of row.querySelectorAll('[data-field]')) {
      const name = field.dataset.field;
      field.id = `items-${i}-${name}`;
      field.name = `items[${i}][${name}]`;
      row.querySelector(`[data-for="${name}"]`).htmlFor = field.id;
    }
    const remove = row.querySelector('.item__remove');
    remove.lastElementChild.textContent = ` item ${i + 1}`;
    remove.hidden = rows.length === 1;
  });
  addButton.hidden = rows.length >= MAX_ITEMS;
}

addButton.addEventListener('click', () => {
  const row = addItem();
  $('items-status').textContent = `Item ${itemsBox.children.length} added`;
  row.querySelector('select').focus();
});

itemsBox.addEventListener('click', (event) => {
  const button = event.target.closest('.item__remove');
  if (!button) return;
  const row = button.closest('.item');
  const n = [...itemsBox.children].indexOf(row) + 1;
  const hadErrors = !!document.querySelector('.fieldnote-error-summary'); // above the h1, outside the form
  controller.clear();
  row.remove();
  renumber();
  // Messages name rows by index: work them out again for the renumbered rows.
  if (hadErrors && !skip.checked) {
    const envelope = formValidator.validate(controller.value());
    if (envelope) controller.showErrors(envelope);
  }
  $('items-status').textContent = `Item ${n} removed`;
  addButton.focus();
});

addItem();

// --- The scenario picker -------------------------------------------------------------------------

const scenarioBox = $('scenarios');
for (const [value, label, hint] of SCENARIOS) {
  const item = el('div', 'radios__item');
  const input = el('input', 'radios__input');
  Object.assign(input, { type: 'radio', name: 'scenario', value, id: `scenario-${value}`, checked: value === '201' });
  input.setAttribute('aria-describedby', `scenario-${value}-hint`);
  const labelEl = el('label', 'fieldnote-label radios__label', label);
  labelEl.htmlFor = input.id;
  const hintEl = el('div', 'fieldnote-hint radios__hint', hint);
  hintEl.id = `scenario-${value}-hint`;
  item.append(input, labelEl, hintEl);
  scenarioBox.append(item);
}
const scenario = () => document.querySelector('input[name=scenario]:checked')?.value ?? '201';

// --- Token and clock -----------------------------------------------------------------------------

/** Now by the demo clock (ms): the real time plus however far it was moved on. */
const demoNow = () => Date.now() + state.clockAhead * 1000;

function duration(seconds) {
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  if (h) return m ? `${h} h ${m} min` : `${h} h`;
  if (m) return `${m} min ${s % 60} s`;
  return `${s} s`;
}

function tokenText() {
  if (!state.token) return 'None: signed out';
  const left = tokenExpiresIn(state.token, demoNow());
  return left > 0 ? `Expires in ${duration(left)}` : `Expired ${duration(-left)} ago`;
}

function renderToken() {
  $('clock').textContent = state.clockAhead ? `Real time + ${duration(state.clockAhead)}` : 'Real time';
  $('token-state').textContent = tokenText();
}
setInterval(renderToken, 1000);

/** Gets a new token from the API (sign in and refresh alike). */
async function fetchToken() {
  const request = new Request('/api/token', { method: 'POST', headers: { 'X-Demo-Clock': String(state.clockAhead) } });
  let response;
  try {
    response = await loggedFetch(request);
  } catch {
    return null;
  }
  if (!response.ok) return null;
  state.token = (await response.json()).access_token ?? null;
  renderToken();
  return state.token;
}

$('advance').addEventListener('click', () => {
  state.clockAhead += STEP_SECONDS;
  renderToken();
  $('token-status').textContent = `The clock is ${duration(state.clockAhead)} ahead. Token: ${tokenText()}.`;
});
$('reset-clock').addEventListener('click', () => {
  state.clockAhead = 0;
  renderToken();
  $('token-status').textContent = `The clock is back to real time. Token: ${tokenText()}.`;
});
$('sign-out').addEventListener('click', () => {
  state.token = null;
  renderToken();
  $('token-status').textContent = 'Signed out. Sending the form now gets a 401 and a sign-in button.';
});

/** The sign-in panel's button: get a token, keep every value, and go back to the form. */
async function signIn() {
  if (!(await fetchToken())) return;
  controller.clear();
  $('token-status').textContent = 'Signed in. Your answers are still here: send the form again.';
  submitButton.focus();
}

// --- Sending -------------------------------------------------------------------------------------

/** Sends the sign-up with `send()`; returns the `normalize` result for `bindForm` to show. */
async function submit(value) {
  sent = true;
  state.busy = true;
  submitButton.setAttribute('aria-disabled', 'true');
  $('done').hidden = true;
  $('sending').textContent = 'Sending…';
  clearLog();
  state.key ??= crypto.randomUUID();
  const body = JSON.stringify(payload(value));
  let out;
  try {
    out = await send('/api/signup', {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'Idempotency-Key': state.key,
        'X-Demo-Scenario': scenario(),
        'X-Demo-Clock': String(state.clockAhead),
      },
      body,
    }, {
      getToken: () => state.token,
      refreshToken: fetchToken,
      fetch: loggedFetch,
      baseMs: 400,
      onRetry: ({ attempt, delayMs, result }) => {
        const note = result.status === 401
          ? 'The API rejected the token: send() got a new one and sends the same request again.'
          : `send() waits ${(delayMs / 1000).toFixed(1)} s (backoff with jitter), then sends it again.`;
        noteLast(note);
        $('sending').textContent = `Trying again (retry ${attempt})…`;
      },
    });
  } finally {
    state.busy = false;
    submitButton.removeAttribute('aria-disabled');
    $('sending').textContent = '';
  }
  const { response, result } = out;
  const text = response ? await response.text() : '';
  showExchange(response, text, result);
  renderToken();
  if (result.ok || !result.retry.retryable) state.key = null;
  if (result.ok) {
    let id = '';
    try {
      id = JSON.parse(text).id ?? '';
    } catch {
      id = '';
    }
    $('done-id').textContent = id;
    $('done').hidden = false;
    $('done').focus();
  }
  return result;
}

// --- The exchange panel --------------------------------------------------------------------------

function clearLog() {
  $('log').replaceChildren();
}

/** `fetch` that lists each request and its status in the log (send() calls it per attempt). */
async function loggedFetch(request) {
  const li = el('li', '', `${request.method} ${new URL(request.url).pathname}`);
  const demo = request.headers.get('x-demo-scenario');
  if (demo) li.append(` (scenario ${demo})`);
  $('log').append(li);
  try {
    const response = await fetch(request);
    li.append(` → ${response.status} ${response.statusText}`);
    for (const name of ['retry-after', 'www-authenticate', 'content-type']) {
      const v = response.headers.get(name);
      if (v && (name !== 'content-type' || !response.ok)) li.append(el('span', 'log__note', `${name}: ${v}`));
    }
    return response;
  } catch (e) {
    li.append(' → no response');
    throw e;
  }
}

function noteLast(text) {
  $('log').lastElementChild?.append(el('span', 'log__note', text));
}

function showExchange(response, text, result) {
  $('raw-status').textContent = response ? `${response.status} ${response.statusText}` : 'No response';
  $('raw-headers').textContent = response ? [...response.headers].map(([n, v]) => `${n}: ${v}`).join('\n') : '';
  $('raw-body').textContent = text;
  const retry = result.retry.retryable
    ? (result.retry.afterSeconds != null ? `Yes, after ${result.retry.afterSeconds} s` : 'Yes, with backoff')
    : 'No';
  renderMade([
    ['ok', String(result.ok)],
    ['category', result.category ?? '–'],
    ['action', result.action],
    ['message', result.message ?? '–'],
    ['fields', Object.entries(result.fields).map(([path, msgs]) => `${path}: ${msgs.join(' / ')}`)],
    ['formErrors', result.formErrors],
    ['retry', retry],
    ['dialect', result.dialect ?? '–'],
    ['report', result.report ? 'Yes: in the form, with a copy button' : 'No'],
  ], result);
}

/** A submit the browser's validation stopped: nothing was sent. */
function showStopped(envelope) {
  clearLog();
  $('log').append(el('li', '', 'No request: the browser’s validation stopped the form'));
  $('raw-status').textContent = 'Not sent';
  $('raw-headers').textContent = '';
  $('raw-body').textContent = '';
  const { details } = envelope.error;
  renderMade([
    ['checked by', 'The schema, in the browser (the API would say the same)'],
    ['code', envelope.error.code],
    ['fields', details.filter((d) => d.field).map((d) => `${d.field}: ${d.message}`)],
    ['formErrors', details.filter((d) => !d.field).map((d) => d.message)],
  ], envelope);
}

function renderMade(rows, json) {
  $('made').replaceChildren(...rows.map(([name, value]) => {
    const row = el('div', 'summary-list__row');
    const dd = el('dd');
    if (Array.isArray(value)) {
      if (value.length) dd.append(el('ul', 'made-list'));
      for (const v of value) dd.firstChild.append(el('li', '', v));
      if (!value.length) dd.textContent = 'None';
    } else {
      dd.textContent = value;
    }
    row.append(el('dt', '', name), dd);
    return row;
  }));
  $('made-json').textContent = JSON.stringify(json, null, 2);
}

// --- Start ---------------------------------------------------------------------------------------

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

async function getJson(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  return response.json();
}

await fetchToken();
renderToken();
// For the end-to-end tests: the page is ready, and the pieces they compare.
window.demo = { validator, payload, controller, state };
document.documentElement.dataset.ready = 'true';
