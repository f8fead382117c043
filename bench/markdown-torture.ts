// `npm run bench:markdown` (after `npm run build`): the built app in Debian's Chromium opens one conversation per
// case of the markdown torture corpus (e2e/markdown-torture.ts) and measures the main thread's busy time from the
// click that opens it until its answer is rendered or has fallen back to plain text (CDP Performance.TaskDuration:
// reading the conversation from IndexedDB, React, sanitising, layout). Writes bench/results/markdown-torture.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { resolve } from 'node:path';
import { chromium, type CDPSession, type Page } from '@playwright/test';
import { chromiumArgs } from '../playwright.config.ts';
import { serveStatic } from '../e2e/static-host.ts';
import { conversationOf, seedLocalProvider, seedRecords } from '../e2e/idb-seed.ts';
import { MARKDOWN_TORTURE, WELL_FORMED } from '../e2e/markdown-torture.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
/** The target: each message renders within this much main-thread time, or falls back to text. */
const TARGET_MS = 200;
const cases = [{ name: 'well-formed answer', text: WELL_FORMED }, ...MARKDOWN_TORTURE];

async function taskMs(cdp: CDPSession): Promise<number> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return metrics.find((m) => m.name === 'TaskDuration')!.value * 1000;
}

/** Opens the case's conversation from the neutral one; main-thread ms until its answer settles, and how it rendered. */
async function measure(page: Page, cdp: CDPSession, name: string) {
  await page.reload();
  const list = page.getByRole('navigation', { name: 'Conversations' });
  await list.getByRole('button', { name: 'start', exact: true }).click({ timeout: 60_000 });
  await page.locator('.markdown[data-render="markdown"]').waitFor({ timeout: 60_000 });
  await page.evaluate(() => new Promise((r) => setTimeout(r, 200)));
  const before = await taskMs(cdp);
  const started = Date.now();
  await list.getByRole('button', { name, exact: true }).click();
  const settled = page.locator('.message.assistant .markdown:is([data-render="markdown"], [data-render="text"])');
  await page.waitForFunction(
    () => {
      const boxes = document.querySelectorAll('.message.assistant .markdown');
      return boxes.length === 1 && boxes[0]!.getAttribute('data-render') !== 'pending';
    },
    undefined,
    { timeout: 120_000 },
  );
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))));
  return { ms: (await taskMs(cdp)) - before, wallMs: Date.now() - started, rendering: await settled.getAttribute('data-render') };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const loadAtStart = loadavg()[0]!;
const host = await serveStatic(resolve('dist'), '/');
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: chromiumArgs });
try {
  const page = await browser.newPage();
  await page.goto(host.url);
  await page.getByRole('navigation', { name: 'Conversations' }).waitFor();
  await seedLocalProvider(page);
  const at = Date.now();
  await seedRecords(page, 'conversations', [
    ...cases.map((c, i) => conversationOf(c.name, [c.text], at - 1000 - i)),
    conversationOf('start', ['**ready**'], at),
  ]);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const results = [];
  for (const c of cases) {
    const runs = [];
    for (let r = 0; r < RUNS; r++) runs.push(await measure(page, cdp, c.name));
    const ms = runs.map((x) => x.ms);
    const row = {
      name: c.name,
      chars: c.text.length,
      rendering: runs[0]!.rendering,
      main_thread_ms_median: Math.round(median(ms)),
      main_thread_ms_max: Math.round(Math.max(...ms)),
      settle_ms_median: median(runs.map((x) => x.wallMs)),
    };
    console.log(JSON.stringify(row));
    results.push(row);
  }
  const out = {
    date: new Date().toISOString(),
    machine: `${cpus()[0]?.model.trim()}, ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, load average ${loadAtStart.toFixed(1)} at the start (shared machine)`,
    chromium: browser.version(),
    runs: RUNS,
    target_ms: TARGET_MS,
    within_target: results.filter((r) => r.main_thread_ms_median <= TARGET_MS).length,
    cases: results,
  };
  mkdirSync('bench/results', { recursive: true });
  writeFileSync('bench/results/markdown-torture.json', `${JSON.stringify(out, null, 1)}\n`);
} finally {
  await browser.close();
  await host.close();
}
