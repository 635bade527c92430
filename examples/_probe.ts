import { readFileSync } from 'node:fs';
import { fit } from '@strata/strata';
const spec = JSON.parse(readFileSync('examples/specs/sleepstudy.json', 'utf8'));
const data = readFileSync('../shared/data/sleepstudy.csv', 'utf8');
const t = Date.now();
const f = await fit(spec, data, { seed: 1, progressBar: false });
console.log((Date.now() - t) / 1000, 's');
console.log(f.summary({ variables: f.names.filter((n) => !n.startsWith('r_')) }).toString());
console.log(f.names.slice(0, 10), f.model.parameterNames.slice(0, 10));
