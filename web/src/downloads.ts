/** Download links: one CmdStan CSV per chain and the summary as JSON. */
import { fitToCmdStanInput, writeCmdStanCsv, type Fit } from '@strata/strata';

function link(name: string, text: string, type: string): HTMLAnchorElement {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(new Blob([text], { type }));
  a.download = name;
  a.textContent = name;
  return a;
}

export function downloadLinks(fit: Fit, modelName: string): HTMLElement[] {
  const input = fitToCmdStanInput(fit, { modelName });
  const csvs = Array.from({ length: fit.chains }, (_, c) => link(`${modelName}_${c + 1}.csv`, writeCmdStanCsv(input, c), 'text/csv'));
  const summary = fit.summary();
  const json = JSON.stringify({ ...summary, fit: fit.toJSON() }, null, 2);
  return [...csvs, link(`${modelName}_summary.json`, json, 'application/json')];
}
