// "Paste a response": any status, headers and body, normalized in the page.
import init, { normalize } from '/pkg/index.js';

await init();
const form = document.getElementById('paste');

function run() {
  const headers = form.headers.value.split('\n').map((l) => l.split(/:(.*)/s)).filter((p) => p.length > 1)
    .map(([n, v]) => [n.trim(), v.trim()]);
  const result = normalize({ status: Number(form.status.value) || 0, headers, body: form.body.value });
  document.getElementById('message').textContent = result.message ?? 'OK: nothing to show.';
  document.getElementById('result').textContent = JSON.stringify(result, null, 2);
}

form.addEventListener('submit', (e) => {
  e.preventDefault();
  run();
});
run();
document.documentElement.dataset.ready = 'true';
