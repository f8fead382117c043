// The answer's actions and the thread's rendering: markdown with highlighted code, copy, stop mid-stream,
// regenerate, search by content; and after a reload everything is still there.
import { test, expect } from '@playwright/test';
import { startTestServer, type TestServer } from '../test-server/server.ts';
import { addTestProvider, chat, trainInLab } from './app-helpers.ts';

let server: TestServer;
test.beforeAll(async () => void (server = await startTestServer()));
test.afterAll(() => server.close());

test('markdown, copy, stop, regenerate, search, and everything still there after a reload', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('./');
  await addTestProvider(page, server);
  await trainInLab(page, ['knn']);
  await page.getByRole('button', { name: 'Use knn in chat' }).click();

  const code = await chat(page, 'Implement quicksort in Rust for 9 items\n```python\ndef pivot(xs):\n    return xs[0]\n```');
  await expect(code.locator('pre code.hljs.language-python .hljs-keyword').first()).toHaveText('def');
  await code.getByRole('button', { name: 'Copy' }).click();
  await expect(code.getByRole('button', { name: 'Copied' })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toContain('Echo from echo-large: Implement quicksort');

  // A slow stream, stopped halfway: the part that came stays, marked as stopped.
  server.faults.set([{ fault: 'stall=400' }]);
  await page.getByLabel('Message', { exact: true }).fill('Tell me a short story about 6 cats and a very long afternoon in the sun');
  await page.getByRole('button', { name: 'Send' }).click();
  const slow = page.getByRole('article', { name: /^Answer/ }).last();
  await expect(slow).toContainText('Echo from');
  await page.getByRole('button', { name: 'Stop' }).first().click();
  await expect(slow).toContainText('Stopped.');
  await expect(slow).not.toContainText('afternoon in the sun');
  server.faults.set([]);

  await slow.getByRole('button', { name: 'Regenerate' }).click();
  const again = page.getByRole('article', { name: /^Answer/ }).last();
  await expect(again).toHaveAttribute('aria-busy', 'false');
  await expect(again).toContainText('afternoon in the sun');
  await expect(page.getByRole('article', { name: /^Answer/ })).toHaveCount(2);

  const list = page.getByRole('navigation', { name: 'Conversations' });
  await list.getByRole('button', { name: '+ New chat' }).click();
  await list.getByLabel('Search conversations').fill('quicksort in rust');
  await expect(list.getByRole('button', { name: /^Implement quicksort/ })).toBeVisible();
  await expect(list.getByRole('button', { name: 'New chat', exact: true })).toHaveCount(0);
  await list.getByLabel('Search conversations').fill('');

  await page.reload();
  await list.getByRole('button', { name: /^Implement quicksort/ }).click();
  await expect(page.getByRole('article', { name: /^Answer/ })).toHaveCount(2);
  await expect(page.getByRole('article', { name: /^Answer/ }).last()).toContainText('afternoon in the sun');
  await expect(page.getByRole('button', { name: /^Routing: echo-large chosen by knn/ })).toBeVisible();
  await page.getByRole('tab', { name: 'Settings' }).click();
  await expect(page.getByLabel('Enable echo-large')).toBeChecked();
  await expect(page.getByLabel('Router in use').locator('option:checked')).toHaveText(/knn · bench\.csv/);
  await expect(page.getByText('••••6789')).toBeVisible();
  await page.getByRole('tab', { name: 'Lab' }).click();
  await expect(page.getByLabel('Dataset statistics')).toContainText('90 queries');
  await expect(page.getByRole('region', { name: 'Local learning' })).toContainText('3 routed calls logged');
});
