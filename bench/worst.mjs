// `make bench` workload h-worst: issue 17's worst cases, through the package in Node, each at its
// full size (10×) and a tenth of it (1×). A case reports its time in ms at full size, what came
// out (valid / invalid / too complex / a report) and ms(10×) / ms(1×): about 10 means linear,
// about 100 quadratic. Validation is timed alone (schemas are compiled before); the report case
// times normalize() of a 500 whose request carried the form body.
//
//   node bench/worst.mjs [--smoke]
//
// --smoke: sizes divided by 100 (a few ms each), for smoke.test.mjs.
import { compile, normalize } from 'fieldnote';

/** Each case: `make(n)` builds what `run` takes for size n (not timed); `n` is the full size. */
const CASES = {
  // uniqueItems hashed integers into one slot: 125k distinct ints took 4 s natively.
  'unique-125k-ints': {
    n: 125_000,
    make: (n) => ({
      schema: { type: 'array', uniqueItems: true },
      text: JSON.stringify(Array.from({ length: n }, (_, i) => i)),
    }),
  },
  // required scanned the object per name: 40k × 40k took 33 s.
  'required-40k': {
    n: 40_000,
    make: (n) => {
      const names = Array.from({ length: n }, (_, i) => `field_${i}`);
      return {
        schema: { type: 'object', required: names },
        text: JSON.stringify(Object.fromEntries(names.map((k) => [k, 1]))),
      };
    },
  },
  // enum compared whole objects: 100k members against a 1,000-key instance took 10 s.
  'enum-100k-objects': {
    n: 100_000,
    make: (n) => ({
      schema: { enum: Array.from({ length: n }, (_, i) => ({ id: i, kind: 'x' })) },
      text: JSON.stringify(Object.fromEntries(Array.from({ length: 1000 }, (_, i) => [`k${i}`, i]))),
    }),
  },
  // Unanchored patterns scan each name: 1,000 patterns × 5k long names took over a minute.
  'pattern-props-1k-x-5k': {
    n: 5_000,
    make: (n) => ({
      schema: {
        patternProperties: Object.fromEntries(Array.from({ length: 1000 }, (_, i) => [`q${i}z`, { type: 'string' }])),
      },
      text: JSON.stringify(Object.fromEntries(Array.from({ length: n }, (_, i) => [`${'a'.repeat(200)}${i}`, i]))),
    }),
  },
  // The envelope's summary was quadratic in failures: 100k took 8.8 s natively.
  'envelope-100k-failures': {
    n: 100_000,
    make: (n) => ({
      schema: { type: 'array', items: { type: 'string' } },
      text: `[${new Array(n).fill('1').join(',')}]`,
    }),
  },
  // Redacting form bodies had no cap: 10 MB through send() blocked the main thread 5.4 s.
  'report-10mb-form': {
    n: 10 * 1024 * 1024,
    make: (n) => {
      const pair = 'comment=hello+world&password=hunter22&';
      return {
        response: {
          status: 500,
          headers: { 'content-type': 'text/plain' },
          body: 'Internal Server Error',
          request: {
            method: 'POST',
            url: 'https://api.test/orders',
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
            body: pair.repeat(Math.ceil(n / pair.length)).slice(0, n),
          },
        },
      };
    },
  },
};

/** What validation gave, in a word or two. */
function validateOutcome(v, text) {
  try {
    const env = v.validateJson(text);
    if (env === null) return 'valid';
    return `invalid (${env.error?.details?.length ?? 0} details)`;
  } catch (e) {
    return /too complex/i.test(String(e?.message)) ? 'too complex' : `error: ${String(e?.message).slice(0, 80)}`;
  }
}

function reportOutcome(response) {
  const r = normalize(response);
  const text = r.report?.text ?? '';
  if (text.includes('hunter22')) return 'report LEAKS the password';
  return r.report ? `report (${text.length} chars)` : 'no report';
}

/** Best of three (a shared machine's noise only adds time); schemas are compiled untimed. */
function timeOne(input) {
  const v = input.schema === undefined ? null : compile(input.schema);
  const run = v ? () => validateOutcome(v, input.text) : () => reportOutcome(input.response);
  try {
    let best = Infinity;
    let outcome;
    for (let k = 0; k < 3; k++) {
      const t = performance.now();
      outcome = run();
      best = Math.min(best, performance.now() - t);
    }
    return { ms: best, outcome };
  } finally {
    v?.free();
  }
}

/**
 * Every case at its full size (or a hundredth of it with `smoke`) and at a tenth of that.
 * Returns `{ [name]: { ms, outcome, n, ms1x, ratio } }`: `ms` and `outcome` at full size,
 * `ms1x` at a tenth, `ratio` = ms / ms1x.
 */
export async function worstCases({ smoke = false, log = () => {} } = {}) {
  const out = {};
  // Start the modules before timing anything.
  timeOne({ schema: {}, text: '1' });
  for (const [name, c] of Object.entries(CASES)) {
    const n = smoke ? Math.ceil(c.n / 100) : c.n;
    log(`  h-worst ${name} n=${n}`);
    const small = timeOne(c.make(Math.ceil(n / 10)));
    const full = timeOne(c.make(n));
    out[name] = {
      ms: Math.round(full.ms * 10) / 10,
      outcome: full.outcome,
      n,
      ms1x: Math.round(small.ms * 10) / 10,
      ratio: Math.round((full.ms / Math.max(small.ms, 0.01)) * 10) / 10,
    };
  }
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const smoke = process.argv.includes('--smoke');
  const res = await worstCases({ smoke, log: (s) => console.error(s) });
  console.log('| Case | n (10×) | ms at 10× | ms at 1× | 10×/1× | Outcome |');
  console.log('| --- | ---: | ---: | ---: | ---: | --- |');
  for (const [name, r] of Object.entries(res)) {
    console.log(`| ${name} | ${r.n} | ${r.ms} | ${r.ms1x} | ${r.ratio} | ${r.outcome} |`);
  }
  for (const [name, r] of Object.entries(res)) {
    console.log(`bench h-worst node fieldnote=${r.ms} case=${name} ratio=${r.ratio} outcome="${r.outcome}"`);
  }
}
