// Local learning: feedback on answers becomes training samples, the router retrains in the background from
// them, and a later message on the same subject is routed differently; the log exports as a native dataset
// that the CLI imports.
import { test, expect } from '@playwright/test';
import { startTestServer, type TestServer } from '../test-server/server.ts';
import { addTestProvider, chat, learnAfter, trainInLab } from './app-helpers.ts';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { readNative } from '../src/core/data/native.ts';

let server: TestServer;
test.beforeAll(async () => void (server = await startTestServer()));
test.afterAll(() => server.close());

test('feedback retrains the router and changes a later decision', async ({ page }) => {
  await page.goto('./');
  await addTestProvider(page, server);
  await trainInLab(page, ['knn']);
  await page.getByRole('button', { name: 'Use knn in chat' }).click();
  await learnAfter(page, 2);
  // A user who cares about quality: a little extra cost is worth a better answer.
  await page.getByLabel('Cost/quality trade-off').fill('0.2');

  const question = 'Tell me a short story about 4 cats';
  const first = await chat(page, question);
  await expect(first).toContainText('Echo from echo-small');
  // Not good enough: ask the dearer model instead (an implicit thumbs-down for echo-small), and like its answer.
  await first.getByLabel('Regenerate with another model').selectOption('echo-large');
  const second = page.getByRole('article', { name: /^Answer/ }).last();
  await expect(second).toHaveAttribute('aria-busy', 'false');
  await expect(second).toContainText('Echo from echo-large');
  await second.getByRole('button', { name: 'Good answer' }).click();
  await expect(second.getByRole('button', { name: 'Good answer' })).toHaveAttribute('aria-pressed', 'true');
  await second.getByLabel('Rate this answer').selectOption('5');
  await expect(second.getByLabel('Rate this answer')).toHaveValue('5');
  // A second rated answer, on another subject: retraining waits for two samples so it can hold one out.
  const other = await chat(page, 'What is 2+2?');
  await other.getByRole('button', { name: 'Good answer' }).click();

  await page.getByRole('tab', { name: 'Lab' }).click();
  const changes = page.getByRole('table', { name: 'Decisions before and after retraining' });
  await expect(changes.getByRole('row', { name: `${question} echo-small echo-large` })).toBeVisible({ timeout: 30_000 });
  await page.getByRole('tab', { name: 'Settings' }).click();
  await expect(page.getByLabel('Router in use')).toHaveValue(/^saved:/);
  await expect(page.getByLabel('Router in use').locator('option:checked')).toHaveText(
    /^knn · bench\.csv \+ 2 from feedback \(feedback, from learning\)/,
  );

  await page.getByRole('tab', { name: 'Chat' }).click();
  await page.getByRole('navigation', { name: 'Conversations' }).getByRole('button', { name: '+ New chat' }).click();
  const later = await chat(page, question);
  await expect(later).toContainText('Echo from echo-large');
  await expect(later.getByRole('button', { name: /^Routing: echo-large chosen by knn \+ feedback/ })).toBeVisible();

  // The log leaves as a native dataset that the CLI reads.
  await page.getByRole('tab', { name: 'Settings' }).click();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export log as dataset' }).click(),
  ]);
  const file = await download.path();
  const [sample, arithmetic] = readNative(readFileSync(file, 'utf8'), 'log.jsonl');
  expect(sample!.query).toBe(question);
  expect(sample!.outcomes['echo-small']!.score).toBe(0);
  expect(sample!.outcomes['echo-large']!.score).toBe(1);
  const out = execFileSync('npx', ['llmrouter', 'import', '--from', 'native', file, '--out', `${file}.native.jsonl`, '--stats'], {
    encoding: 'utf8',
  });
  expect(arithmetic!.query).toBe('What is 2+2?');
  expect(out).toContain('wrote 2 queries');
});
