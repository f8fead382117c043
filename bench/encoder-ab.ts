// `npx tsx bench/encoder-ab.ts BEFORE_DIST AFTER_DIST [LABEL_BEFORE LABEL_AFTER]`: the same encoder timing on two
// builds of the app, interleaved in the same minutes so that a shared machine's load hits both alike: warm p50 and
// fastest of 40 new ~64-token queries (Chromium WASM, 1 thread, cross-origin isolated) and cold start, 3 rounds each.
// Writes bench/results/encoder-ab.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { chromium } from '@playwright/test';
import { chromiumArgs } from '../playwright.config.ts';
import { serveStatic } from '../e2e/static-host.ts';
import { percentile, round } from './encoder-common.ts';

const [beforeDir, afterDir, beforeLabel = 'before', afterLabel = 'after'] = process.argv.slice(2);
if (!beforeDir || !afterDir) throw new Error('usage: npx tsx bench/encoder-ab.ts BEFORE_DIST AFTER_DIST [LABEL_BEFORE LABEL_AFTER]');
const builds = [
  [beforeLabel, await serveStatic(beforeDir, '/')],
  [afterLabel, await serveStatic(afterDir, '/')],
] as const;
const words =
  'the router reads each query and picks a model that will answer it well for the least money while keeping quality high and then'.split(
    ' ',
  );
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: chromiumArgs });
const runs: { build: string; round: number; p50_ms: number; min_ms: number; cold_start_ms: number; load_average: number }[] = [];
for (let r = 1; r <= 3; r++) {
  for (const [build, host] of builds) {
    const page = await browser.newPage();
    await page.addInitScript('globalThis.__name = (f) => f'); // tsx keeps function names with a helper the page lacks
    await page.goto(`${host.url}?${r}#encoder?prefer=wasm&threads=1`);
    await page.getByLabel('cold start ms').filter({ hasText: /\d/ }).waitFor({ timeout: 120_000 });
    const times = await page.evaluate(async (words) => {
      const enc = window.__encoder!;
      const out: number[] = [];
      for (let i = 0; i < 40; i++) {
        const text = `q${i} ${Array.from({ length: 50 }, (_, k) => words[(k + i) % words.length]).join(' ')}`;
        const t0 = performance.now();
        await enc.embed([text]);
        out.push(performance.now() - t0);
      }
      return out;
    }, words);
    runs.push({
      build,
      round: r,
      p50_ms: round(percentile(times, 0.5)),
      min_ms: round(Math.min(...times)),
      cold_start_ms: Number(await page.getByLabel('cold start ms').textContent()),
      load_average: round(loadavg()[0]!),
    });
    await page.close();
  }
}
await browser.close();
for (const [, host] of builds) await host.close();
mkdirSync('bench/results', { recursive: true });
const result = {
  machine: `${cpus().length} cores, ${cpus()[0]?.model ?? 'unknown CPU'} (shared)`,
  date: new Date().toISOString(),
  builds: { [beforeLabel]: beforeDir, [afterLabel]: afterDir },
  runs,
};
writeFileSync('bench/results/encoder-ab.json', JSON.stringify(result, null, 1) + '\n');
console.log(JSON.stringify(result, null, 1));
process.exit(0);
