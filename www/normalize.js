// "Paste a response": any status, headers and body, normalized in the page.
// Only the server-error module is downloaded: this page validates nothing.
import { normalize, ready } from '/pkg/errors.js';

await ready;
const form = document.getElementById('paste');

function run() {
  const headers = form.headers.value.split('\n').map((l) => l.split(/:(.*)/s)).filter((p) => p.length > 1)
    .map(([n, v]) => [n.trim(), v.trim()]);
  let result;
  try {
    result = normalize({ status: Number(form.status.value), headers, body: form.body.value });
  } catch (e) {
    // A status that is not one (empty, 0): the error says what normalize() needs.
    document.getElementById('message').textContent = e.message;
    document.getElementById('result').textContent = '';
    return;
  }
  document.getElementById('message').textContent = result.message ?? 'OK: nothing to show.';
  document.getElementById('result').textContent = JSON.stringify(result, null, 2);
}

form.addEventListener('submit', (e) => {
  e.preventDefault();
  run();
});
run();
document.documentElement.dataset.ready = 'true';
