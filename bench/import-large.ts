// `npm run bench:import` (after `npm run build`): imports a generated 50 MB RouterBench CSV in the built app's
// lab (Debian's Chromium, a plain static host) and measures how long the import takes and the main thread's
// long tasks meanwhile (PerformanceObserver 'longtask', over 50 ms each). Writes bench/results/import-large.json.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { chromiumArgs } from '../playwright.config.ts';
import { serveStatic } from '../e2e/static-host.ts';

const TARGET_BYTES = 50 * 1024 * 1024;
const MODELS = ['gpt-4o', 'mistral-small', 'meta/llama-2-70b-chat'];
const WORDS = ['alpha', 'beta', 'gamma', 'delta', 'epsilon', 'zeta'];

/** A RouterBench CSV of about TARGET_BYTES, the same every run (no randomness). */
function largeCsv(): { text: string; rows: number } {
  const lines = [['sample_id', 'prompt', 'eval_name', ...MODELS, ...MODELS.map((m) => `${m}|total_cost`)].join(',')];
  let size = lines[0]!.length;
  let i = 0;
  while (size < TARGET_BYTES) {
    const words = Array.from({ length: 60 }, (_, k) => WORDS[(i * 7 + k * 13) % WORDS.length]).join(' ');
    const line = [
      `bench.${i}`,
      `"Question ${i} about topic ${i % 97}: ${words}"`,
      `task${i % 7}`,
      ...MODELS.map((_, m) => String((i + m) % 2)),
      ...MODELS.map(() => '0.0001'),
    ].join(',');
    lines.push(line);
    size += line.length + 1;
    i++;
  }
  return { text: lines.join('\n') + '\n', rows: i };
}

const { text, rows } = largeCsv();
const dir = mkdtempSync(join(tmpdir(), 'llmrouter-bench-import-'));
const file = join(dir, 'large.csv');
writeFileSync(file, text);
const host = await serveStatic('dist', '/');
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: chromiumArgs });
try {
  const page = await browser.newPage();
  await page.goto(`${host.url}#lab`);
  await page.getByLabel('Import dataset').waitFor({ state: 'attached' });
  await page.evaluate(() => {
    const w = window as unknown as { longTasks: number[] };
    w.longTasks = [];
    new PerformanceObserver((list) => list.getEntries().forEach((e) => w.longTasks.push(Math.round(e.duration)))).observe({
      type: 'longtask',
    });
  });
  const started = Date.now();
  await page.getByLabel('Import dataset').setInputFiles(file);
  await page
    .getByLabel('Dataset statistics')
    .filter({ hasText: `${rows} queries` })
    .waitFor({ timeout: 580_000 });
  const seconds = (Date.now() - started) / 1000;
  const longTasks = await page.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks);
  const result = {
    date: new Date().toISOString(),
    machine: `${cpus()[0]?.model.trim()}, ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB`,
    file_bytes: text.length,
    rows,
    import_seconds: seconds,
    long_tasks_ms: longTasks,
    longest_task_ms: Math.max(0, ...longTasks),
  };
  mkdirSync('bench/results', { recursive: true });
  writeFileSync('bench/results/import-large.json', `${JSON.stringify(result, null, 1)}\n`);
  console.log(JSON.stringify(result, null, 1));
} finally {
  await browser.close();
  await host.close();
}
