// Broken data never takes the app down: records that fail their schema, from a backup or left in IndexedDB,
// are set aside and reported while the rest of the app works; safe mode opens without conversations; a backup
// claiming an absurd key-derivation cost is refused at once; a pandas-written dataset with repeated ids is
// refused naming them, or imported keeping the first of each.
import { test, expect, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { conversationOf, seedLocalProvider, seedRecords } from './idb-seed.ts';

const good = conversationOf('good one', ['**fine**']);
const bad = { ...conversationOf('bad one', []), messages: 'oops' };

function backup(extra: object = {}) {
  return {
    format: 'llmrouter-web/backup',
    version: 1,
    exportedAt: new Date().toISOString(),
    stores: {
      settings: [
        ['providers', [{ id: 'local', label: 'Local', wire: 'openai', baseUrl: 'http://127.0.0.1:9/v1' }]],
        ['preferences', { lambda: 'very high' }],
      ],
      conversations: [
        [good.id, good],
        [bad.id, bad],
      ],
    },
    ...extra,
  };
}

async function importBackup(page: Page, doc: object, name = 'backup.json') {
  await page.getByLabel('Import data').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(doc)) });
}

test('a backup with broken records imports the good ones and sets the rest aside, reported', async ({ page }) => {
  await page.goto('./#settings');
  await importBackup(page, backup());
  // The backup adds a provider: where requests go changes only once the person confirms it.
  await page.getByRole('alertdialog', { name: 'Confirm where requests go' }).getByRole('button', { name: 'Apply these changes' }).click();
  const report = page.getByRole('alert').filter({ hasText: 'Imported' });
  await expect(report).toContainText('Imported 2 records from backup.json. 2 invalid records were set aside');
  await expect(report).toContainText('conversations “seed-bad one” (messages: Invalid input: expected array, received string)');
  await expect(report).toContainText('settings “preferences” (lambda: Invalid input: expected number, received string)');

  await page.waitForEvent('load');
  await page.getByRole('tab', { name: 'Chat' }).click();
  const list = page.getByRole('navigation', { name: 'Conversations' });
  await expect(list.getByRole('button', { name: 'good one', exact: true })).toBeVisible();
  await expect(list.getByRole('button', { name: 'bad one', exact: true })).toHaveCount(0);
  await expect(page.getByRole('article', { name: /^Answer/ })).toContainText('fine');
  const notice = page.getByRole('alert', { name: 'Quarantined records' });
  await expect(notice).toContainText('2 saved records were invalid and set aside');
  await notice.getByText('set aside').click();
  await notice.getByRole('button', { name: 'Discard them' }).click();
  await expect(notice).toHaveCount(0);
});

test('records broken in IndexedDB itself are quarantined on load; the app stays usable', async ({ page }) => {
  await page.goto('./');
  await expect(page.getByRole('navigation', { name: 'Conversations' })).toBeVisible();
  await seedLocalProvider(page);
  await seedRecords(page, 'conversations', [good, bad]);
  await seedRecords(
    page,
    'settings',
    [
      { models: 'x', enabled: 3 },
      { midStream: 'quantum', timeoutMs: 1000, concurrency: 2 },
    ],
    ['catalog', 'call-settings'],
  );
  await page.reload();

  await expect(page.getByRole('alert', { name: 'Quarantined records' })).toContainText('3 saved records were invalid');
  await expect(
    page.getByRole('navigation', { name: 'Conversations' }).getByRole('button', { name: 'good one', exact: true }),
  ).toBeVisible();
  await page.getByRole('tab', { name: 'Settings' }).click();
  await expect(page.getByRole('button', { name: 'Export all data' })).toBeVisible();
  // The quarantined records still leave in the export, so nothing is lost.
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export all data' }).click()]);
  const exported = readFileSync(await file.path(), 'utf8');
  expect(exported).toContain('quantum');
  expect(exported).toContain('oops');
});

test('safe mode opens without loading conversations', async ({ page }) => {
  await page.goto('./');
  await expect(page.getByRole('navigation', { name: 'Conversations' })).toBeVisible();
  await seedLocalProvider(page);
  await seedRecords(page, 'conversations', [good]);
  await page.goto('./?safe-mode#settings');
  await expect(page.getByRole('status', { name: 'Safe mode' })).toContainText('conversations were not loaded');
  await expect(page.getByRole('button', { name: 'Delete everything' })).toBeVisible();
  await page.getByRole('tab', { name: 'Chat' }).click();
  await expect(page.getByRole('navigation', { name: 'Conversations' })).toContainText('No conversations yet.');
  await page.getByRole('link', { name: 'Leave safe mode' }).click();
  await expect(
    page.getByRole('navigation', { name: 'Conversations' }).getByRole('button', { name: 'good one', exact: true }),
  ).toBeVisible();
});

test('a backup claiming 2,000,000,000 PBKDF2 iterations is refused at once', async ({ page }) => {
  await page.goto('./#settings');
  await page.getByLabel('Passphrase for keys').fill('any passphrase');
  const keys = {
    format: 'llmrouter-web/sealed',
    kdf: 'PBKDF2-SHA-256',
    iterations: 2_000_000_000,
    salt: 'AAAAAAAAAAAAAAAAAAAAAA==',
    iv: 'AAAAAAAAAAAAAAAA',
    data: 'AAAA',
  };
  await importBackup(page, backup({ keys }), 'costly.json');
  await expect(page.getByRole('alert').filter({ hasText: 'costly.json' })).toHaveText(
    'costly.json: the sealed keys claim PBKDF2-SHA-256 with 2000000000 iterations; this app accepts PBKDF2-SHA-256 with 100,000 to 5,000,000 iterations',
    { timeout: 2_000 },
  );
});

test('the lab refuses repeated sample ids naming them, and keeps the first of each when asked', async ({ page }) => {
  const csv = readFileSync(resolve('test/fixtures/routerbench-pandas.csv'));
  await page.goto('./#lab');
  await page.getByLabel('Import dataset').setInputFiles({ name: 'pandas.csv', mimeType: 'text/csv', buffer: csv });
  await expect(page.getByRole('alert').filter({ hasText: 'pandas.csv' })).toContainText(
    '2 repeated sample ids: "gsm8k.0" (twice in pandas.csv), "mbpp.6" (twice in pandas.csv)',
  );
  await page.getByLabel('Keep the first of repeated sample ids').check();
  await page.getByLabel('Import dataset').setInputFiles({ name: 'pandas.csv', mimeType: 'text/csv', buffer: csv });
  await expect(page.getByRole('status').filter({ hasText: 'dropped' })).toHaveText(
    'pandas.csv: kept the first sample of each repeated id, dropped 2',
  );
  await expect(page.getByLabel('Dataset statistics')).toContainText('42 queries');
});
