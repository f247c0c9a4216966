// One cold start in this fresh Node process: `node bench/cold.mjs <peer>` prints
// `{ ms, errors }` as JSON — import + compile + first validation (the data is loaded first).
import * as data from './data.mjs';
import { coldStart } from './core.mjs';

const peer = process.argv[2];
const r = await coldStart(() => import(`./peers/${peer}.mjs`), data);
process.stdout.write(`${JSON.stringify(r)}\n`);
