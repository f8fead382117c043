// The app renders, and a setting survives closing and reopening the browser profile (real IndexedDB).
import { test, expect, chromium } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import config, { chromiumArgs } from '../playwright.config.ts';

const baseURL = config.use!.baseURL!;

test('a setting persists in IndexedDB across a browser restart', async () => {
  const profile = mkdtempSync(join(tmpdir(), 'llmrouter-profile-'));
  const launch = () =>
    chromium.launchPersistentContext(profile, { executablePath: config.use!.launchOptions!.executablePath, args: chromiumArgs });
  try {
    let context = await launch();
    let page = await context.newPage();
    await page.goto(baseURL);
    await expect(page.getByRole('heading', { name: 'llmrouter-web' })).toBeVisible();
    await page.getByLabel('Cost/quality trade-off').fill('30');
    await expect(page.getByLabel('lambda')).toHaveText('λ 10.00');
    await context.close();

    context = await launch();
    page = await context.newPage();
    await page.goto(baseURL);
    await expect(page.getByLabel('lambda')).toHaveText('λ 10.00');
    await context.close();
  } finally {
    rmSync(profile, { recursive: true, force: true, maxRetries: 5 });
  }
});
