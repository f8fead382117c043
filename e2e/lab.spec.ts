// The router lab: importing a dataset (file picker and drag and drop) shows its statistics; bad files are refused clearly.
import { test, expect } from '@playwright/test';
import { routerbenchCsv } from './fixtures.ts';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** The project's shared routing data (never copied into the repository), when this machine has it. */
const shared = [process.env.LLMROUTER_SHARED, resolve('../shared'), '/work/shared'].find((d) => d && existsSync(`${d}/data`));

test('lab imports a RouterBench CSV and shows its statistics', async ({ page }) => {
  await page.goto('./');
  await page.getByRole('tab', { name: 'Lab' }).click();
  await page.getByLabel('Import dataset').setInputFiles({ name: 'bench.csv', mimeType: 'text/csv', buffer: Buffer.from(routerbenchCsv()) });
  const stats = page.getByLabel('Dataset statistics');
  await expect(stats).toContainText('90 queries');
  await expect(stats).toContainText('2 models');
  await expect(stats.getByRole('row', { name: /echo-large/ })).toContainText('100%');
  await expect(stats.getByRole('row', { name: /echo-small/ })).toContainText('33%');

  await page.reload();
  await page.getByRole('tab', { name: 'Lab' }).click();
  await expect(page.getByLabel('Dataset statistics')).toContainText('90 queries');
});

test('lab takes a dropped file and names the line of a malformed one', async ({ page }) => {
  await page.goto('./');
  await page.getByRole('tab', { name: 'Lab' }).click();
  const drop = await page.evaluateHandle(() => {
    const dt = new DataTransfer();
    dt.items.add(new File(['{"question":"hi","scores":{"a":0.5}}\n'], 'bad.jsonl'));
    return dt;
  });
  await page.getByLabel('Drop a dataset here').dispatchEvent('drop', { dataTransfer: drop });
  await expect(page.getByRole('alert')).toContainText('bad.jsonl');
  await expect(page.getByRole('alert')).toContainText('line 1');
});

test('lab imports a real LLMRouter dcrouter file, pricing its calls from the catalog', async ({ page }) => {
  test.skip(!shared, 'no shared/data on this machine (set LLMROUTER_SHARED)');
  await page.goto('./#lab');
  const text = readFileSync(`${shared}/data/llmrouter/dcrouter_test.json`);
  await page.getByLabel('Import dataset').setInputFiles({ name: 'dcrouter_test.json', mimeType: 'application/json', buffer: text });
  const stats = page.getByLabel('Dataset statistics');
  await expect(stats).toContainText('500 queries', { timeout: 30_000 }); // a worker parsing 500 queries: seconds under load
  await expect(stats).toContainText('9 models');
  await expect(stats).toContainText('format dcrouter');
  await expect(stats.getByRole('row', { name: /llama-3\.1-8b-instruct/ })).toContainText('(est.)');
  await expect(stats).toContainText('0 tasks');

  // dcrouter files name no task: LLMRouter's query file gives them by query text, for the per-task results.
  const queries = readFileSync(`${shared}/data/llmrouter/default_query_test.jsonl`);
  await stats
    .getByLabel('Join tasks from query files')
    .setInputFiles({ name: 'default_query_test.jsonl', mimeType: 'application/jsonl', buffer: queries });
  await expect(page.getByText('default_query_test.jsonl: 500 of 500 queries now have a task')).toBeVisible();
  await expect(stats).toContainText(/500 queries · 9 models · \d{2} tasks/);
  await expect(stats.getByLabel('Join tasks from query files')).toHaveCount(0);
});
