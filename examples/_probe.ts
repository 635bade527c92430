import { readFileSync } from 'node:fs';
import { fit } from '@strata/strata';
for (const m of ['orange', 'eight_schools', 'orthodont', 'radon']) {
  const spec = JSON.parse(readFileSync(`examples/specs/${m}.json`, 'utf8'));
  const data = readFileSync(`../shared/data/${m}.csv`, 'utf8');
  const t = Date.now();
  const f = await fit(spec, data, { seed: 1, progressBar: false });
  const s = f.summary({ variables: f.names.filter((n) => !n.startsWith('r_')) });
  console.log(m, (Date.now() - t) / 1000, 's', 'div', s.sampler.divergent);
}
