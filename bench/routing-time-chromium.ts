// `npm run bench:routers:chromium`: serves bench/browser/routing-time.html with Vite (port 5301) and
// runs it in Debian's Chromium through Playwright; writes bench/routers-chromium.json and its README table.
import { readFileSync, writeFileSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { createServer } from 'vite';
import { chromiumArgs } from '../playwright.config.ts';

const port = Number(process.env.BENCH_PORT ?? 5301);
const server = await createServer({ server: { port, strictPort: true }, logLevel: 'warn' });
await server.listen();
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: chromiumArgs });
try {
  const page = await browser.newPage();
  await page.goto(`http://127.0.0.1:${port}/bench/browser/routing-time.html`);
  await page.waitForFunction(() => (window as unknown as { __results?: unknown }).__results !== undefined, undefined, { timeout: 580_000 });
  const results = await page.evaluate(() => (window as unknown as { __results: unknown }).__results);
  if ((results as { error?: string }).error) throw new Error((results as { error: string }).error);
  writeFileSync('bench/routers-chromium.json', JSON.stringify({ date: new Date().toISOString(), ...(results as object) }, null, 1) + '\n');
  console.log(JSON.stringify(results, null, 1));
  const r = results as { userAgent: string; samples: number; results: { router: string; train_seconds: number; ms_per_query: number }[] };
  const chrome = /HeadlessChrome\/([\d.]+)/.exec(r.userAgent)?.[1] ?? r.userAgent;
  const table = [
    `Chromium ${chrome} (headless, same machine), ${r.samples.toLocaleString('en')} training samples of 512 dimensions, trained in the page; routing time over 1,000 queries after the embedding:`,
    '',
    '| router | train (s) | routing (ms/query) |',
    '| --- | --- | --- |',
    ...r.results.map((x) => `| ${x.router} | ${x.train_seconds.toFixed(2)} | ${x.ms_per_query.toFixed(3)} |`),
  ].join('\n');
  const readme = readFileSync('README.md', 'utf8');
  const start = '<!-- bench:routers-chromium -->',
    end = '<!-- /bench:routers-chromium -->';
  if (readme.includes(start))
    writeFileSync(
      'README.md',
      readme.slice(0, readme.indexOf(start) + start.length) + '\n' + table + '\n' + readme.slice(readme.indexOf(end)),
    );
} finally {
  await browser.close();
  await server.close();
}
