// `npm run bench:routers:chromium`: serves bench/browser/routing-time.html with Vite (port 5301) and
// runs it in Debian's Chromium through Playwright; writes bench/routers-chromium.json.
import { writeFileSync } from 'node:fs';
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
} finally {
  await browser.close();
  await server.close();
}
