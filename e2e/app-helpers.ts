// Steps the app's end-to-end tests share, done the way a person would: set up the provider test server as a
// provider with two models, import a dataset and train a router in the lab, chat.
import { expect, type Page } from '@playwright/test';
import type { TestServer } from '../test-server/server.ts';
import { routerbenchCsv } from './fixtures.ts';

export const TEST_KEY = 'sk-test-e2e-0123456789';

/** A model to add: id, input and output USD per million tokens, and the API model name (default: the id). */
type ModelRow = readonly [id: string, input: string, output: string, apiModel?: string];

/** Adds the test server as provider "test" (OpenAI wire) with the given models, enabled (default: echo-small, cheap, and echo-large, dear). */
export async function addTestProvider(
  page: Page,
  server: TestServer,
  models: readonly ModelRow[] = [
    ['echo-small', '0.1', '0.4'],
    ['echo-large', '5', '15'],
  ],
) {
  await page.getByRole('tab', { name: 'Settings' }).click();
  const form = page.getByRole('form', { name: 'Add provider' });
  await form.getByLabel('Provider').selectOption({ label: 'Custom server' });
  await form.getByLabel('Id', { exact: true }).fill('test');
  await form.getByLabel('Wire format').selectOption('openai');
  await form.getByLabel('Base URL').fill(`${server.url}/openai/v1`);
  await form.getByLabel('API key').fill(TEST_KEY);
  await form.getByRole('button', { name: 'Save provider' }).click();
  await expect(form.getByLabel('API key')).toHaveValue('');
  for (const [id, input, output, apiModel] of models) {
    const add = page.getByRole('form', { name: 'Add model' });
    await add.getByLabel('Model id').fill(id);
    if (apiModel) await add.getByLabel('API model name').fill(apiModel);
    await add.getByLabel('Input $/M').fill(input);
    await add.getByLabel('Output $/M').fill(output);
    await add.getByRole('button', { name: 'Add model' }).click();
    await expect(page.getByLabel(`Enable ${id}`, { exact: true })).toBeChecked();
  }
}

/** Picks a router by its name in Settings → Router in use (e.g. "bert (fine-tuned classifier, shipped)"). */
export async function chooseRouter(page: Page, label: string) {
  await page.getByRole('tab', { name: 'Settings' }).click();
  await page.getByLabel('Router in use').selectOption({ label });
}

/** Imports the fixture dataset (90 queries) in the lab. */
export async function importFixture(page: Page) {
  await page.getByRole('tab', { name: 'Lab' }).click();
  await page.getByLabel('Import dataset').setInputFiles({ name: 'bench.csv', mimeType: 'text/csv', buffer: Buffer.from(routerbenchCsv()) });
  // The import runs in a worker that starts with it: seconds on a loaded machine.
  await expect(page.getByLabel('Dataset statistics')).toContainText('90 queries', { timeout: 30_000 });
}

/** Imports the fixture dataset in the lab and starts training the given routers on it. */
export async function startTraining(page: Page, routers: string[]) {
  await importFixture(page);
  const picks = page.getByRole('group', { name: 'Routers' });
  for (const box of await picks.getByRole('checkbox').all()) await box.uncheck();
  for (const r of routers) await picks.getByRole('checkbox', { name: r, exact: true }).check();
  await page.getByRole('button', { name: 'Train and evaluate' }).click();
}

/** Imports the fixture dataset in the lab and trains the given routers on it, until their results show. */
export async function trainInLab(page: Page, routers: string[]) {
  await startTraining(page, routers);
  await expect(page.getByRole('table', { name: 'Router comparison' }).getByRole('row')).toHaveCount(routers.length + 1, {
    timeout: 60_000,
  });
}

/** Sends a message in the open conversation and waits (up to `timeout` ms) for its answer to finish; returns the answer. */
export async function chat(page: Page, text: string, timeout = 30_000) {
  await page.getByRole('tab', { name: 'Chat' }).click();
  // Routed with the embedding, as every message after the first seconds is (first-message.spec.ts covers the text tier).
  await expect(page.getByRole('status', { name: 'Encoder loading' })).toHaveCount(0, { timeout: 60_000 });
  const before = await page.getByRole('article', { name: /^Answer/ }).count();
  await page.getByLabel('Message', { exact: true }).fill(text);
  await page.getByRole('button', { name: 'Send' }).click();
  const answer = page.getByRole('article', { name: /^Answer/ }).nth(before);
  await expect(answer).toHaveAttribute('aria-busy', 'false', { timeout });
  return answer;
}

/** Lab → Local learning: retrain once the log holds `samples` rated answers, and after each `samples` new ones. */
export async function learnAfter(page: Page, samples: number) {
  await page.getByRole('tab', { name: 'Lab' }).click();
  for (const label of ['Minimum samples before retraining', 'Retrain after this many new samples']) {
    const input = page.getByLabel(label);
    await input.fill(String(samples));
    await input.blur();
  }
}
