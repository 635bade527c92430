import { readFileSync } from 'node:fs';
import { fit } from '@strata/strata';
for (const name of ['sigma_formula', 'car1_sigma']) {
  const spec = JSON.parse(readFileSync(`reference/${name}/spec.json`, 'utf8'));
  const t0 = Date.now();
  const r = await fit(spec, readFileSync(`reference/${name}/data.csv`, 'utf8'), { chains: 4, warmup: 1000, draws: 1000, seed: 1, parallel: 1, progressBar: false });
  console.log(name, ((Date.now() - t0) / 1000).toFixed(1), 's', r.summary().toString().split('\n').filter((l) => /sigma|car1/.test(l)).slice(0, 3).join(' | ').slice(0, 200));
}
