// Once loaded, the service worker serves the app: it starts with the network cut. The manifest makes it
// installable. The build works from any path of a plain static host.
import { test, expect, type Page } from '@playwright/test';
import { serveStatic } from './static-host.ts';
import { startTestServer, type TestServer } from '../test-server/server.ts';
import { addTestProvider } from './app-helpers.ts';

let server: TestServer;
test.beforeAll(async () => void (server = await startTestServer()));
test.afterAll(() => server.close());

async function waitForServiceWorker(page: Page) {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller)
      await new Promise((r) => navigator.serviceWorker.addEventListener('controllerchange', r, { once: true }));
  });
}

test('starts and routes offline once loaded, and is installable', async ({ page, context }) => {
  await page.goto('./');
  await expect(page.getByRole('heading', { name: 'llmrouter-web', exact: true })).toBeVisible();
  await waitForServiceWorker(page);
  const manifest = await page.evaluate(async () => {
    const href = document.querySelector('link[rel="manifest"]')!.getAttribute('href')!;
    return (await fetch(href)).json();
  });
  expect(manifest).toMatchObject({ name: 'llmrouter-web', display: 'standalone', start_url: './' });
  expect(manifest.icons.map((i: { sizes: string }) => i.sizes)).toContain('512x512');

  await addTestProvider(page, server);

  await context.setOffline(true);
  await page.reload();
  await expect(page.getByRole('heading', { name: 'llmrouter-web', exact: true })).toBeVisible();
  // Offline, the message is still routed on this device (encoder, ORT and the default router come from the
  // cache); only the provider call fails, and says so in the thread.
  await page.getByRole('tab', { name: 'Chat' }).click();
  await page.getByLabel('Message', { exact: true }).fill('What is 3 times 4?');
  await page.getByRole('button', { name: 'Send' }).click();
  const answer = page.getByRole('article', { name: /^Answer from echo-/ });
  await expect(answer.getByRole('button', { name: /chosen by irt/ })).toBeVisible({ timeout: 30_000 });
  await expect(answer.getByRole('alert')).toContainText('No answer');
});

test('runs from a sub-path of a static host: encoder, default router and offline start included', async ({ page, context }) => {
  const host = await serveStatic('dist', '/some/deep/path/');
  try {
    await page.goto(`${host.url}#settings`);
    await expect(page.getByRole('heading', { name: 'llmrouter-web', exact: true })).toBeVisible();
    await page.getByRole('button', { name: 'Load encoder now' }).click();
    await expect(page.getByLabel('Encoder backend', { exact: true })).toContainText('Running on', { timeout: 60_000 });
    const defaultRouter = await page.evaluate(async () => (await fetch(new URL('routers/irt.json', document.baseURI))).json());
    expect(defaultRouter).toMatchObject({ format: 'llmrouter-web/router', router: 'irt' });
    await waitForServiceWorker(page);
    expect(await page.evaluate(async () => (await navigator.serviceWorker.ready).scope)).toBe(host.url);

    await context.setOffline(true);
    await page.reload();
    await expect(page.getByRole('tab', { name: 'Settings' })).toHaveAttribute('aria-selected', 'true');
  } finally {
    await host.close();
  }
});
