// Export of all data, delete everything, import: every record comes back unchanged.
import { test, expect, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';

async function exportAll(page: Page, includeKeys = false) {
  await page.getByRole('tab', { name: 'Settings' }).click();
  if (includeKeys) await page.getByLabel('Include API keys').check();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export all data' }).click()]);
  const path = await download.path();
  const doc = JSON.parse(readFileSync(path, 'utf8'));
  return { path, stores: doc.stores };
}

test('export, delete everything, import: nothing lost', async ({ page }) => {
  await page.goto('./');
  await page.getByLabel('Cost/quality trade-off').fill('0.75');
  const list = page.getByRole('navigation', { name: 'Conversations' });
  await list.getByRole('button', { name: '+ New chat' }).click();
  await list.getByRole('button', { name: 'Rename New chat' }).click();
  await list.getByLabel('Conversation title').fill('Kept across export');
  await list.getByLabel('Conversation title').press('Enter');

  const before = await exportAll(page);
  expect(before.stores.keys).toBeUndefined();
  expect(before.stores.conversations).toHaveLength(1);

  page.once('dialog', (d) => void d.accept());
  await page.getByRole('button', { name: 'Delete everything' }).click();
  await page.waitForLoadState('load');
  await expect(page.getByLabel('lambda')).toHaveText('0.50');
  await page.getByRole('tab', { name: 'Chat' }).click();
  await expect(page.getByRole('button', { name: 'Kept across export', exact: true })).toHaveCount(0);

  await page.getByRole('tab', { name: 'Settings' }).click();
  await page.getByLabel('Import data').setInputFiles(before.path);
  await expect(page.getByRole('status').filter({ hasText: 'Imported' })).toBeVisible();
  await page.waitForLoadState('load');
  await expect(page.getByLabel('lambda')).toHaveText('0.75');
  await page.getByRole('tab', { name: 'Chat' }).click();
  await expect(page.getByRole('button', { name: 'Kept across export', exact: true })).toBeVisible();

  const after = await exportAll(page);
  expect(after.stores).toEqual(before.stores);
});

test('a file that is not a backup is refused with a clear error and changes nothing', async ({ page }) => {
  await page.goto('./');
  await page.getByRole('tab', { name: 'Settings' }).click();
  await page.getByLabel('Import data').setInputFiles({ name: 'notes.json', mimeType: 'application/json', buffer: Buffer.from('{"hello":1}') });
  await expect(page.getByRole('alert')).toHaveText('notes.json: field "format" must be "llmrouter-web/backup" version 1');
});
