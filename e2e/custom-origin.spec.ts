// A custom provider outside the Content-Security-Policy: the app says the policy blocks it, that the policy is fixed
// when the app is built, and what whoever deploys it changes; editing llmrouter.config.json alone on the host widens
// nothing (the built page's policy is final), re-stamping the site from it admits that origin and still nothing else.
// Also: the preview server forbids framing.
import { test, expect, type Page } from '@playwright/test';
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { serveStatic } from './static-host.ts';
import { siteConfig, stampSite } from '../src/platform/node/deploy-stamp.ts';

const CUSTOM = 'https://llm.example.com';

async function addCustomProvider(page: Page) {
  await page.getByRole('tab', { name: 'Settings' }).click();
  const form = page.getByRole('form', { name: 'Add provider' });
  await form.getByLabel('Provider').selectOption({ label: 'Custom server' });
  await form.getByLabel('Id', { exact: true }).fill('mine');
  await form.getByLabel('Wire format').selectOption('openai');
  await form.getByLabel('Base URL').fill(`${CUSTOM}/v1`);
  await form.getByRole('button', { name: 'Save provider' }).click();
  return page.getByRole('listitem', { name: 'provider mine' });
}

/** The directive a fetch from the page violated, or 'none' when the policy let it out. */
function violation(page: Page, url: string): Promise<string> {
  return page.evaluate(async (target) => {
    let directive = 'none';
    const listener = (e: SecurityPolicyViolationEvent) => void (directive = e.effectiveDirective);
    document.addEventListener('securitypolicyviolation', listener);
    await fetch(target).catch(() => undefined);
    await new Promise((r) => setTimeout(r, 50));
    document.removeEventListener('securitypolicyviolation', listener);
    return directive;
  }, url);
}

test('a blocked custom origin is explained with the exact way to allow it', async ({ page }) => {
  const response = await page.goto('./');
  expect(response!.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
  const row = await addCustomProvider(page);
  const hint =
    `blocked by this app's Content-Security-Policy: ${CUSTOM} is not an allowed connection. The policy is fixed when the app is built, ` +
    `so no setting here can change it. Whoever deploys the app adds "${CUSTOM}" to "connectOrigins" in llmrouter.config.json and rebuilds ` +
    '(npm run build), or re-stamps the built site (npm run csp:stamp -- <site folder>); the command-line llmrouter can reach it meanwhile';
  await expect(row.getByRole('alert', { name: 'policy mine' })).toHaveText(hint);
  await row.getByRole('button', { name: 'Test connection' }).click();
  await expect(page.getByLabel('connection mine')).toHaveText(`Failed (network): ${hint}`);
  expect(await violation(page, `${CUSTOM}/v1/models`)).toBe('connect-src');
});

test('editing llmrouter.config.json on the host widens nothing; re-stamping the site admits that origin, and only it', async ({
  page,
  context,
  browser,
}) => {
  const site = mkdtempSync(join(tmpdir(), 'llmrouter-site-'));
  cpSync(resolve('dist'), site, { recursive: true });
  writeFileSync(join(site, 'llmrouter.config.json'), JSON.stringify({ connectOrigins: [`${CUSTOM}/v1`] }));
  const host = await serveStatic(site, '/app/');
  await context.route(`${CUSTOM}/**`, (route) =>
    route.fulfill({
      json: { object: 'list', data: [{ id: 'my-model', object: 'model' }] },
      headers: { 'access-control-allow-origin': '*' },
    }),
  );
  try {
    await page.goto(host.url);
    const row = await addCustomProvider(page);
    await expect(row.getByRole('alert', { name: 'policy mine' })).toBeVisible();
    expect(await violation(page, `${CUSTOM}/v1/models`)).toBe('connect-src');

    stampSite(site, siteConfig(site));
    // A new visitor (no service worker holding the previous page yet) gets the re-stamped policy.
    const visitor = await (await browser.newContext()).newPage();
    await visitor.context().route(`${CUSTOM}/**`, (route) =>
      route.fulfill({
        json: { object: 'list', data: [{ id: 'my-model', object: 'model' }] },
        headers: { 'access-control-allow-origin': '*' },
      }),
    );
    await visitor.goto(host.url);
    const stamped = await addCustomProvider(visitor);
    await stamped.getByRole('button', { name: 'Test connection' }).click();
    await expect(visitor.getByLabel('connection mine')).toHaveText(/^Connected: 1 models/);
    await expect(stamped.getByRole('alert')).toHaveCount(0);
    expect(await violation(visitor, 'https://other.example.com/v1/models')).toBe('connect-src');
    await visitor.context().close();
  } finally {
    await host.close();
  }
});
