// Generating routing data in the lab, as a person does it: the provider test server (fixture mode) set up as a
// provider with three models, LLMRouter's test queries picked in the lab, 5 per task, the run started after its
// cost estimate, the page reloaded halfway, the run resumed to the end. Every (query, model) pair is in IndexedDB
// exactly once with the fixture's score, and the result is a lab dataset.
import { test, expect, type Page } from '@playwright/test';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { startTestServer, type TestServer } from '../test-server/server.ts';
import { BenchmarkFixture, type BenchmarkFixtureFile } from '../test-server/benchmark-fixture.ts';
import { BENCH_MODELS, benchFixture, benchItems } from '../test/helpers/benchmark-run.ts';
import type { BenchmarkItem } from '../src/core/pipeline/benchmark-item.ts';
import { addTestProvider } from './app-helpers.ts';

const shared = [process.env.LLMROUTER_SHARED, resolve('../shared'), '/work/shared'].find((d) => d && existsSync(`${d}/data`));
const queries = `${shared}/data/llmrouter/default_query_test.jsonl`;
let server: TestServer;
let items: BenchmarkItem[];
let fixture: BenchmarkFixtureFile;

test.beforeAll(async () => {
  if (!shared) return;
  items = benchItems(queries);
  fixture = benchFixture(items);
  server = await startTestServer({ fixture: new BenchmarkFixture(fixture) });
});
test.afterAll(() => server?.close());

/** Every result record in IndexedDB: (query id, model, status, score). */
function storedResults(page: Page) {
  return page.evaluate(
    () =>
      new Promise<{ id: string; model: string; status: string; score?: number; cost: number }[]>((done, fail) => {
        const open = indexedDB.open('llmrouter-web');
        open.onerror = () => fail(open.error);
        open.onsuccess = () => {
          const get = open.result.transaction('pipeline').objectStore('pipeline').getAll(IDBKeyRange.bound('result/', 'result/\uffff'));
          get.onsuccess = () =>
            done(get.result.map((r: { value: { id: string; model: string; status: string; score?: number; cost: number } }) => r.value));
        };
      }),
  );
}

test('lab generates routing data with a progress bar and resumes after a reload', async ({ page }) => {
  test.skip(!shared, 'no shared/data on this machine (set LLMROUTER_SHARED)');
  test.setTimeout(300_000);
  await page.goto('./');
  await addTestProvider(
    page,
    server,
    BENCH_MODELS.map((m) => [m.id, String(m.input_price), String(m.output_price)] as const),
  );
  await page.getByRole('tab', { name: 'Lab' }).click();
  await page.getByLabel('Queries per task').fill('5');
  await page
    .getByLabel('Benchmark queries')
    .setInputFiles({ name: 'default_query_test.jsonl', mimeType: 'application/jsonl', buffer: readFileSync(queries) });
  await expect(page.getByLabel('Sampled queries')).toContainText('70 queries over 14 tasks');
  const picks = page.getByRole('group', { name: 'Models to run' });
  for (const m of BENCH_MODELS) await picks.getByRole('checkbox', { name: m.id }).check();
  await expect(page.getByLabel('Cost estimate')).toContainText('210 calls, expected $');
  await page.getByLabel('Calls at once per provider').fill('1');
  await page.getByRole('button', { name: 'Start run' }).click();

  const progress = page.getByLabel('Generation progress');
  await expect.poll(async () => Number(await progress.getAttribute('value')), { timeout: 120_000 }).toBeGreaterThanOrEqual(60);
  await page.reload();
  await page.getByRole('tab', { name: 'Lab' }).click();
  const status = page.getByLabel('Generation status');
  await expect(status).toContainText('stopped');
  const before = Number(await progress.getAttribute('value'));
  expect(before).toBeGreaterThanOrEqual(60);
  expect(before).toBeLessThan(210);

  await page.getByRole('button', { name: 'Resume' }).click();
  await expect(status).toContainText('complete', { timeout: 240_000 });
  await expect(status).toContainText('210/210 done, 0 failed');
  const summary = page.getByRole('table', { name: 'Generation summary' });
  await expect(summary.getByRole('row')).toHaveCount(1 + 14 + 1);
  await expect(page.getByLabel('Dataset', { exact: true })).toContainText('generated from default_query_test.jsonl (70)');

  const results = await storedResults(page);
  expect(results.length).toBe(210);
  // The spend shown is the whole run's, before and after the reload.
  await expect(status).toContainText(`$${results.reduce((sum, r) => sum + r.cost, 0).toFixed(4)} spent`);
  expect(new Set(results.map((r) => `${r.id}|${r.model}`)).size).toBe(210);
  for (const r of results) {
    const item = items.find((i) => i.id === r.id)!;
    const expected = fixture.entries.find((e) => e.model === r.model && e.match === item.query.trim())!.score!;
    expect(r.status).toBe('ok');
    expect(r.score, `${r.id} ${r.model}`).toBeCloseTo(expected, 10);
  }
});
