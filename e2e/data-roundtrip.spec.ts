// Export of all data (keys only sealed under a passphrase), delete everything, import: every record comes back
// unchanged, and the restored key works.
import { test, expect, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { startTestServer, type TestServer } from '../test-server/server.ts';
import { TEST_KEY, addTestProvider, chat, trainInLab } from './app-helpers.ts';

let server: TestServer;
test.beforeAll(async () => void (server = await startTestServer()));
test.afterAll(() => server.close());

async function exportAll(page: Page, keysPassphrase?: string) {
  await page.getByRole('tab', { name: 'Settings' }).click();
  if (keysPassphrase) {
    await page.getByLabel('Include keys (sealed with a passphrase)').check();
    await page.getByLabel('Passphrase for keys').fill(keysPassphrase);
  }
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export all data' }).click()]);
  const path = await download.path();
  const doc = JSON.parse(readFileSync(path, 'utf8'));
  return { path, stores: doc.stores, keys: doc.keys, text: readFileSync(path, 'utf8') };
}

test('export (keys sealed), delete everything, import: nothing lost, and the restored key still works', async ({ page }) => {
  await page.goto('./');
  await page.getByLabel('Cost/quality trade-off').fill('15');
  await addTestProvider(page, server);
  await trainInLab(page, ['knn']);
  await page.getByRole('button', { name: 'Use knn in chat' }).click();
  const answer = await chat(page, 'What is 6 times 7?');
  await answer.getByRole('button', { name: 'Good answer' }).click();
  const list = page.getByRole('navigation', { name: 'Conversations' });
  await list.getByRole('button', { name: 'Rename What is 6 times 7?' }).click();
  await list.getByLabel('Conversation title').fill('Kept across export');
  await list.getByLabel('Conversation title').press('Enter');

  const before = await exportAll(page, 'correct horse battery');
  expect(before.text).not.toContain(TEST_KEY);
  expect(before.keys).toBeDefined();
  for (const store of ['settings', 'conversations', 'outcomes', 'datasets', 'routers'])
    expect(before.stores[store]?.length, store).toBeGreaterThan(0);

  page.once('dialog', (d) => void d.accept());
  await page.getByRole('button', { name: 'Delete everything' }).click();
  await page.waitForLoadState('load');
  await expect(page.getByLabel('lambda')).toHaveText('λ 0.16');
  await page.getByRole('tab', { name: 'Chat' }).click();
  await expect(page.getByRole('region', { name: 'Welcome' })).toBeVisible();

  await page.getByRole('tab', { name: 'Settings' }).click();
  await page.getByLabel('Passphrase for keys').fill('wrong');
  await page.getByLabel('Import data').setInputFiles(before.path);
  await expect(page.getByRole('alert').filter({ hasText: 'wrong passphrase' })).toBeVisible();
  await page.getByLabel('Passphrase for keys').fill('correct horse battery');
  await page.getByLabel('Import data').setInputFiles(before.path);
  // This device has no provider "test" now: the backup's destination is shown and applied only when confirmed.
  const confirm = page.getByRole('alertdialog', { name: 'Confirm where requests go' });
  await expect(confirm.getByRole('listitem')).toHaveText([`provider "test" base URL: (none) → ${server.url}/openai/v1`]);
  await confirm.getByRole('button', { name: 'Apply these changes' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Imported' })).toBeVisible();
  await page.waitForLoadState('load');
  await expect(page.getByLabel('lambda')).toHaveText('λ 0.32');
  await page.getByRole('tab', { name: 'Chat' }).click();
  await page.getByRole('navigation', { name: 'Conversations' }).getByRole('button', { name: 'Kept across export', exact: true }).click();
  await expect(page.getByRole('article', { name: /^Answer/ })).toContainText('Echo from echo-large: What is 6 times 7?');

  const after = await exportAll(page);
  expect(after.stores).toEqual(before.stores);
  // The key came back through the passphrase: the provider answers again.
  await expect(await chat(page, 'What is 8 times 9?')).toContainText('Echo from echo-large');
});

test('a file that is not a backup is refused with a clear error and changes nothing', async ({ page }) => {
  await page.goto('./');
  await page.getByRole('tab', { name: 'Settings' }).click();
  await page
    .getByLabel('Import data')
    .setInputFiles({ name: 'notes.json', mimeType: 'application/json', buffer: Buffer.from('{"hello":1}') });
  await expect(page.getByRole('alert')).toHaveText('notes.json: field "format" must be "llmrouter-web/backup" version 1');
});
