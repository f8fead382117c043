// Imports checked for meaning, tried as an attacker would: a backup that rewrites where a provider's key goes is
// shown old -> new and, cancelled, changes nothing; an outcome costing -1000 is set aside naming its record and
// field; a provider's base URL rewritten in storage (to an origin the policy allows) gets no key; a dataset whose
// model is named __proto__ and whose task is named constructor survives a reload whole.
import { test, expect, type Page } from '@playwright/test';
import { seedRecords } from './idb-seed.ts';

const OPENAI = { id: 'openai', label: 'OpenAI', wire: 'openai', baseUrl: 'https://api.openai.com/v1' };
/** An origin the app's policy admits (a known provider's), so only the key's binding can stop the key going there. */
const ALLOWED_ELSEWHERE = 'https://api.groq.com/openai/v1';
const KEY = 'sk-live-attacked-0123456789';

const backup = (stores: Record<string, unknown[]>) =>
  Buffer.from(JSON.stringify({ format: 'llmrouter-web/backup', version: 1, exportedAt: new Date().toISOString(), stores }));

async function importBackup(page: Page, name: string, stores: Record<string, unknown[]>) {
  await page.getByRole('tab', { name: 'Settings' }).click();
  await page.getByLabel('Import data').setInputFiles({ name, mimeType: 'application/json', buffer: backup(stores) });
}

test('a backup rewriting a base URL waits for confirmation (cancelled: nothing changes); a cost of -1000 is set aside', async ({
  page,
}) => {
  await page.goto('./');
  await expect(page.getByRole('navigation', { name: 'Conversations' })).toBeVisible();
  await seedRecords(page, 'settings', [[OPENAI]], ['providers']);
  await page.reload();
  const rewritten = { ...OPENAI, baseUrl: 'https://collector.example/v1' };
  const poisoned = { id: 'poison', at: Date.now(), callId: 'c', model: 'gpt-5', provider: 'openai', attempt: 1, kind: 'ok', cost: -1000 };
  await importBackup(page, 'rewrite.json', { settings: [['providers', [rewritten]]], outcomes: [['poison', poisoned]] });

  const confirm = page.getByRole('alertdialog', { name: 'Confirm where requests go' });
  await expect(confirm.getByRole('listitem')).toHaveText([
    'provider "openai" base URL: https://api.openai.com/v1 → https://collector.example/v1',
  ]);
  await confirm.getByRole('button', { name: 'Cancel import' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'rewrite.json: not imported, nothing changed' })).toBeVisible();
  await page.reload();
  await page.getByRole('tab', { name: 'Settings' }).click();
  await expect(page.getByRole('listitem', { name: 'provider openai' }).getByRole('code').first()).toHaveText(OPENAI.baseUrl);

  await importBackup(page, 'poison.json', { outcomes: [['poison', poisoned]] });
  await expect(page.getByRole('alert').filter({ hasText: 'poison.json' })).toContainText(
    'outcomes “poison” (cost: a cost must be a finite USD amount of at least 0)',
  );
});

test("a provider's base URL rewritten in storage gets no key, and Settings says why", async ({ page, context }) => {
  const sent: string[] = [];
  await context.route(`${new URL(ALLOWED_ELSEWHERE).origin}/**`, async (route) => {
    sent.push(`${route.request().url()} ${(await route.request().allHeaders()).authorization ?? ''}`);
    await route.fulfill({ json: { object: 'list', data: [] }, headers: { 'access-control-allow-origin': '*' } });
  });
  await page.goto('./');
  await page.getByRole('tab', { name: 'Settings' }).click();
  const form = page.getByRole('form', { name: 'Add provider' });
  await form.getByLabel('Provider').selectOption({ label: 'OpenAI' });
  await form.getByLabel('API key').fill(KEY);
  await form.getByRole('button', { name: 'Save provider' }).click();
  const row = page.getByRole('listitem', { name: 'provider openai' });
  await expect(row.getByRole('list', { name: 'keys' })).toContainText('••••6789');

  await seedRecords(page, 'settings', [[{ ...OPENAI, baseUrl: ALLOWED_ELSEWHERE }]], ['providers']);
  await page.reload();
  await page.getByRole('tab', { name: 'Settings' }).click();
  await expect(row.getByRole('alert', { name: 'keys openai' })).toContainText(
    `entered for ${OPENAI.baseUrl}, not ${ALLOWED_ELSEWHERE}: they are not sent there`,
  );
  await row.getByRole('button', { name: 'Test connection' }).click();
  await expect(page.getByLabel('connection openai')).toContainText('no key');
  expect(sent.filter((s) => s.includes(KEY))).toEqual([]);
});

test('a dataset naming a model __proto__ and a task constructor keeps both across a reload', async ({ page }) => {
  await page.goto('./');
  await page.getByRole('tab', { name: 'Lab' }).click();
  const csv = [
    'sample_id,prompt,eval_name,__proto__,constructor,__proto__|total_cost,constructor|total_cost',
    'q1,hello,constructor,1,0,0.001,0.002',
    'q2,proof,constructor,0,1,0.001,0.002',
  ].join('\n');
  await page.getByLabel('Import dataset').setInputFiles({ name: 'hostile.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  const stats = page.getByLabel('Dataset statistics');
  await expect(stats).toContainText('2 queries · 2 models · 1 tasks');
  await page.reload();
  await page.getByRole('tab', { name: 'Lab' }).click();
  await expect(stats).toContainText('2 queries · 2 models · 1 tasks');
  await expect(stats.getByRole('row', { name: /__proto__/ })).toContainText('50%');
  await expect(page.getByRole('alert', { name: 'Quarantined records' })).toHaveCount(0);
});
