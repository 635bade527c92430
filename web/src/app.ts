/**
 * The playground page: load an example or a dropped CSV, edit the spec (checked as you type), fit
 * with chains in Web Workers (a progress bar each, cancel), then the summary table, warnings, plots
 * and downloads. `?example=<name>&fit=1` loads an example and fits it at once (the browser test's way in).
 */
import { compile, readCsv, type RawTable } from '@strata/core';
import { fit, type Fit } from '@strata/strata';
import { downloadLinks } from './downloads.js';
import { cliWording, evalBlocked } from './errors.js';
import { renderPlots } from './plots.js';
import { summaryTable } from './summary-table.js';

const EXAMPLES = ['sleepstudy', 'orange', 'eight_schools', 'orthodont', 'radon'];
const $ = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;

interface State {
  csv: string | null;
  table: RawTable | null;
  name: string;
  running: AbortController | null;
}
const state: State = { csv: null, table: null, name: 'model', running: null };

function setStatus(text: string): void {
  $('status').textContent = text;
}

/** The spec as typed, or an error worded as the CLI would word it. */
function checkSpec(): { spec: Record<string, unknown> } | { error: string } {
  try {
    const spec = JSON.parse($<HTMLTextAreaElement>('spec').value) as Record<string, unknown>;
    if (state.table) compile(spec, state.table);
    return { spec };
  } catch (error) {
    return { error: cliWording(error) };
  }
}

function refreshSpecError(): void {
  const checked = checkSpec();
  $('spec-error').textContent = 'error' in checked ? checked.error : '';
  $<HTMLButtonElement>('fit').disabled = state.running !== null || state.table === null || 'error' in checked || evalBlocked() !== null;
}

function setData(csv: string, name: string): void {
  try {
    state.table = readCsv(csv);
    state.csv = csv;
    state.name = name;
    $('data-info').textContent = `${name}: ${state.table.rows} rows; columns ${state.table.names.join(', ')}`;
  } catch (error) {
    state.table = null;
    $('data-info').textContent = cliWording(error);
  }
  refreshSpecError();
}

async function loadExample(name: string): Promise<void> {
  const [spec, csv] = await Promise.all([fetch(`examples/specs/${name}.json`).then((r) => r.text()), fetch(`examples/data/${name}.csv`).then((r) => r.text())]);
  $<HTMLTextAreaElement>('spec').value = spec.trim();
  $<HTMLSelectElement>('example').value = name;
  setData(csv, name);
}

/** Data rows as objects (numbers where the cell is numeric), for the trajectory plot. */
function rowsOf(table: RawTable): Record<string, string | number>[] {
  const value = (cell: unknown): string | number => {
    const text = String(cell ?? '');
    return text.trim() !== '' && Number.isFinite(Number(text)) ? Number(text) : text;
  };
  return Array.from({ length: table.rows }, (_, i) => Object.fromEntries(table.names.map((n) => [n, value(table.cells.get(n)![i])])));
}

function progressBars(chains: number, total: number): HTMLProgressElement[] {
  const holder = $('progress');
  holder.replaceChildren();
  return Array.from({ length: chains }, (_, c) => {
    const row = document.createElement('div');
    row.className = 'chain';
    const bar = document.createElement('progress');
    bar.max = total;
    bar.value = 0;
    bar.dataset.chain = String(c + 1);
    row.append(`chain ${c + 1}`, bar);
    holder.append(row);
    return bar;
  });
}

/** Hex SHA-256 of every chain's unconstrained draws (the bytes), to compare a browser fit with Node's. */
async function drawsDigest(result: Fit): Promise<string> {
  const parts = result.run.chains.map((c) => new Uint8Array(c.draws.buffer, c.draws.byteOffset, c.draws.byteLength));
  const all = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  parts.reduce((offset, p) => (all.set(p, offset), offset + p.length), 0);
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', all));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

async function runFit(): Promise<void> {
  const checked = checkSpec();
  if ('error' in checked || !state.csv) return;
  const number = (id: string) => Number($<HTMLInputElement>(id).value);
  const chains = number('chains');
  const bars = progressBars(chains, number('warmup') + number('draws'));
  const controller = new AbortController();
  state.running = controller;
  $<HTMLButtonElement>('cancel').disabled = false;
  refreshSpecError();
  setStatus('fitting…');
  const started = performance.now();
  try {
    const result = await fit(checked.spec, state.csv, {
      chains,
      warmup: number('warmup'),
      draws: number('draws'),
      seed: number('seed'),
      parallel: Number(new URLSearchParams(location.search).get('parallel')) || Math.min(chains, Math.max(1, navigator.hardwareConcurrency || 1)),
      signal: controller.signal,
      onProgress: (chain, iteration) => {
        bars[chain].value = iteration;
      },
    });
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    if (result.totalDraws === 0) {
      setStatus(`cancelled after ${seconds} s, during warmup: no draws kept`);
      return;
    }
    await showResult(result, checked.spec);
    setStatus(result.run.incomplete ? `cancelled after ${seconds} s: the draws so far are shown (incomplete)` : `done in ${seconds} s`);
  } catch (error) {
    setStatus('failed');
    $('spec-error').textContent = cliWording(error);
  } finally {
    state.running = null;
    $<HTMLButtonElement>('cancel').disabled = true;
    refreshSpecError();
    document.body.dataset.state = 'idle';
  }
}

async function showResult(result: Fit, spec: Record<string, unknown>): Promise<void> {
  // for tests and the console: the last fit
  (globalThis as { strataFit?: Fit }).strataFit = result;
  const summary = result.summary();
  const warnings = $('warnings');
  warnings.replaceChildren(...summary.warnings.map((w) => Object.assign(document.createElement('p'), { className: 'warning', textContent: `warning: ${(w as { message?: string }).message ?? String(w)}` })));
  const table = summaryTable(summary);
  table.dataset.digest = await drawsDigest(result);
  $('summary').replaceChildren(table);
  $('downloads').replaceChildren(...downloadLinks(result, state.name).flatMap((a) => [a, ' ']));
  if (result.totalDraws > 1) {
    await renderPlots(result, spec, rowsOf(state.table!), { trace: $('plot-trace'), rank: $('plot-rank'), trajectory: $('plot-trajectory') });
  }
}

function wireDrop(): void {
  const drop = $('drop');
  const readFile = (file: File) => file.text().then((text) => setData(text, file.name.replace(/\.csv$/i, '')));
  drop.addEventListener('dragover', (event) => {
    event.preventDefault();
    drop.classList.add('over');
  });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', (event) => {
    event.preventDefault();
    drop.classList.remove('over');
    const file = event.dataTransfer?.files[0];
    if (file) void readFile(file);
  });
  $<HTMLInputElement>('csv-file').addEventListener('change', (event) => {
    const file = (event.target as HTMLInputElement).files?.[0];
    if (file) void readFile(file);
  });
}

async function start(): Promise<void> {
  const blocked = evalBlocked();
  if (blocked) {
    $('csp-error').hidden = false;
    $('csp-error').textContent = blocked;
  }
  const select = $<HTMLSelectElement>('example');
  for (const name of EXAMPLES) select.append(new Option(name, name));
  select.addEventListener('change', () => void (select.value && loadExample(select.value)));
  let timer: ReturnType<typeof setTimeout> | undefined;
  $('spec').addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(refreshSpecError, 250);
  });
  $('fit').addEventListener('click', () => void runFit());
  $('cancel').addEventListener('click', () => state.running?.abort());
  wireDrop();

  const params = new URLSearchParams(location.search);
  for (const id of ['chains', 'warmup', 'draws', 'seed']) {
    const value = params.get(id);
    if (value !== null) $<HTMLInputElement>(id).value = value;
  }
  const example = params.get('example');
  if (example) await loadExample(example);
  document.body.dataset.state = 'idle';
  if (example && params.get('fit') === '1') await runFit();
}

void start();
