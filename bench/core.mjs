// The measuring loop, the same in Node and in the browser: contestants run round by round,
// interleaved (the order rotates each round), and each figure is the median of the rounds.
// Benchmarks, never timed tests: nothing here asserts a speed.

/** The median of a list of numbers. */
export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Keeps results observable so the engine cannot drop the calls. */
export let sink = 0;

async function timeBatch(c, n) {
  const t0 = performance.now();
  if (c.async) {
    for (let i = 0; i < n; i++) sink += (await c.fn()) | 0;
  } else {
    const fn = c.fn;
    for (let i = 0; i < n; i++) sink += fn() | 0;
  }
  return performance.now() - t0;
}

/**
 * Runs each contestant (`{ label, fn, async? }`, `fn` returning a number) in batches of about
 * `batchMs`, `rounds` times, interleaved. Resolves to `{ label: ops per second (median) }`.
 */
export async function race(contestants, { rounds = 7, batchMs = 150 } = {}) {
  const runs = contestants.map((c) => ({ ...c, n: 1, samples: [] }));
  // Calibrate (this also warms the JIT): double the batch until it takes a quarter of batchMs.
  for (const c of runs) {
    let n = 1;
    let t = await timeBatch(c, n);
    while (t < batchMs / 4 && n < 1 << 24) {
      n *= 2;
      t = await timeBatch(c, n);
    }
    c.n = Math.max(1, Math.round((n * batchMs) / Math.max(t, 0.001)));
  }
  for (let r = 0; r < rounds; r++) {
    for (let k = 0; k < runs.length; k++) {
      const c = runs[(k + r) % runs.length];
      const t = await timeBatch(c, c.n);
      c.samples.push((c.n * 1000) / Math.max(t, 0.001));
    }
  }
  return Object.fromEntries(runs.map((c) => [c.label, median(c.samples)]));
}

/**
 * The throughput workloads for a set of loaded adapters (`{ label, compile, ... }` modules) and
 * the data module. Returns `{ workloads: { name: { label: opsPerSecond } }, errors: { label:
 * { valid, invalid, rows } } }` — error counts show that every validator did the same work.
 */
export async function throughput(adapters, data, { rounds, batchMs, rows = data.ROWS, log = () => {} }) {
  const { checkoutSchema, checkoutValid, checkoutInvalid, rowsSchema, makeRows } = data;
  const validText = JSON.stringify(checkoutValid);
  const invalidText = JSON.stringify(checkoutInvalid);
  const rowData = makeRows(rows);
  const compiled = [];
  const errors = {};
  for (const a of adapters) {
    await a.ready?.();
    const check = await a.compile(checkoutSchema);
    const checkRows = await a.compile(rowsSchema);
    compiled.push({ a, check, checkRows });
    errors[a.label] = { valid: check(checkoutValid), invalid: check(checkoutInvalid), rows: checkRows(rowData) };
  }
  const workloads = {};
  const run = async (name, make) => {
    log(`  ${name}`);
    const contestants = compiled.map((c) => ({ label: c.a.label, ...make(c) }));
    workloads[name] = await race(contestants, { rounds, batchMs });
  };
  await run('a-valid', ({ check }) => ({ fn: () => check(checkoutValid) }));
  await run('a-invalid', ({ check }) => ({ fn: () => check(checkoutInvalid) }));
  // (b) JSON text: fieldnote validates the text itself; every peer needs JSON.parse first.
  await run('b-valid-text', ({ check }) => ({ fn: check.text ? () => check.text(validText) : () => check(JSON.parse(validText)) }));
  await run('b-invalid-text', ({ check }) => ({ fn: check.text ? () => check.text(invalidText) : () => check(JSON.parse(invalidText)) }));
  await run('c-rows', ({ checkRows }) => ({ fn: () => checkRows(rowData) }));
  // (d) compile: a fresh validator each time (Ajv: a fresh instance + formats, as on a page).
  const compilers = compiled.filter((c) => !c.a.precompiledOnly);
  log('  d-compile');
  workloads['d-compile'] = await race(
    compilers.map(({ a }) => ({
      label: a.label,
      async: !!a.asyncCompile,
      fn: a.asyncCompile
        ? async () => { await a.compile(checkoutSchema); return 0; }
        : () => { const c = a.compile(checkoutSchema); c.free?.(); return 0; },
    })),
    { rounds, batchMs },
  );
  for (const c of compiled) {
    c.check.free?.();
    c.checkRows.free?.();
  }
  return { workloads, errors };
}

/** (f) normalize: fieldnote only (no peer reads server error responses). ops/s. */
export async function normalizeWorkloads(fieldnote, data, { rounds, batchMs }) {
  const { normalize } = fieldnote;
  await fieldnote.normalizeReady;
  const out = {};
  const c = (label, input) => ({ label, fn: () => (normalize(input).fields ? 1 : 0) });
  const r = await race([c('f-normalize-422', data.envelope422), c('f-normalize-problem', data.problem422)], { rounds, batchMs });
  for (const [k, v] of Object.entries(r)) out[k] = { fieldnote: v };
  return out;
}

/** Cold start inside a fresh process or page: import + compile + first validation, in ms. */
export async function coldStart(load, data) {
  const t0 = performance.now();
  const a = await load();
  await a.ready?.();
  const check = await a.compile(data.checkoutSchema);
  const errors = check(data.checkoutInvalid);
  return { ms: performance.now() - t0, errors };
}
