/**
 * Where a bench model's spec, data, reference parameters and Stan anchor live (issue 16). The five
 * shared models: examples/specs/<m>.json, ../shared/data/<m>.csv, ../shared/reference/<m>.json (which
 * carries both `parameters` and `anchor`). Bench models: bench/models/<m>/{spec.json,data.csv} or the
 * repo's reference/<m>/{spec.json,data.csv} with reference/<m>.json for `parameters`, and the anchor
 * timed on this machine by bench/anchors/time.R in bench/anchors/<m>.json.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));
const shared = fileURLToPath(new URL('../../shared/', import.meta.url));
const json = (p: string): Record<string, unknown> => JSON.parse(readFileSync(p, 'utf8'));

export interface ModelSource { spec: unknown; data: string; parameters: Record<string, unknown>; anchor: unknown }

export function modelSource(model: string): ModelSource {
  if (existsSync(`${shared}reference/${model}.json`) && existsSync(`${root}examples/specs/${model}.json`)) {
    const ref = json(`${shared}reference/${model}.json`);
    return { spec: json(`${root}examples/specs/${model}.json`), data: readFileSync(`${shared}data/${model}.csv`, 'utf8'), parameters: ref.parameters as Record<string, unknown>, anchor: ref.anchor };
  }
  const dir = existsSync(`${root}bench/models/${model}`) ? `${root}bench/models/${model}/` : `${root}reference/${model}/`;
  const anchorFile = `${root}bench/anchors/${model}.json`;
  if (!existsSync(`${dir}spec.json`)) throw new Error(`bench: no model '${model}' (looked in examples/specs, bench/models, reference)`);
  if (!existsSync(anchorFile)) throw new Error(`bench: no Stan anchor for '${model}': run Rscript bench/anchors/time.R ${dir} ${model}`);
  const refFile = `${root}reference/${model}.json`;
  const parameters = existsSync(`${dir}parameters.json`) ? json(`${dir}parameters.json`) : (json(refFile).parameters as Record<string, unknown>);
  return { spec: json(`${dir}spec.json`), data: readFileSync(`${dir}data.csv`, 'utf8'), parameters, anchor: json(anchorFile).anchor };
}
