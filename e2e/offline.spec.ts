// Once loaded, the service worker serves the app: it starts with the network cut. The manifest makes it installable.
import { test, expect } from '@playwright/test';

test('starts offline once loaded, and is installable', async ({ page, context }) => {
  await page.goto('./');
  await expect(page.getByRole('heading', { name: 'llmrouter-web' })).toBeVisible();
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) await new Promise((r) => navigator.serviceWorker.addEventListener('controllerchange', r, { once: true }));
  });
  const manifest = await page.evaluate(async () => {
    const href = document.querySelector('link[rel="manifest"]')!.getAttribute('href')!;
    return (await fetch(href)).json();
  });
  expect(manifest).toMatchObject({ name: 'llmrouter-web', display: 'standalone', start_url: './' });
  expect(manifest.icons.map((i: { sizes: string }) => i.sizes)).toContain('512x512');

  await context.setOffline(true);
  await page.reload();
  await expect(page.getByRole('heading', { name: 'llmrouter-web' })).toBeVisible();
  await expect(page.getByRole('tab', { name: 'Chat' })).toBeVisible();
});
