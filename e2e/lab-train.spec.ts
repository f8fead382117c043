// The lab trains routers in workers (progress, cancel), evaluates them side by side on the test split and
// draws the cost-quality curves against the single models and the oracle; the page stays responsive.
import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { startTraining, trainInLab } from './app-helpers.ts';

test('routers train and evaluate side by side; curve, AIQ and per-task table; training in a worker', async ({ page }) => {
  const workers: string[] = [];
  page.on('worker', (worker) => workers.push(worker.url()));
  await page.goto('./#lab');
  await page.evaluate(() => {
    const w = window as unknown as { longTasks: number[] };
    w.longTasks = [];
    new PerformanceObserver((list) => list.getEntries().forEach((e) => w.longTasks.push(e.duration))).observe({
      type: 'longtask',
      buffered: false,
    });
  });
  await trainInLab(page, ['knn', 'best-single', 'oracle', 'graph', 'ensemble']);
  const longTasks = await page.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks);
  // Training runs in its own worker; on the main thread it would block the page for many seconds (graph, ensemble).
  // The bound is loose on purpose: a 2-core machine under load stretches ordinary rendering tasks past 1 s.
  expect(workers.some((url) => /train\.worker/.test(url))).toBe(true);
  expect(
    longTasks.filter((d) => d > 3000),
    `main-thread tasks over 3 s: ${longTasks.join(', ')}`,
  ).toEqual([]);

  await expect(page.getByRole('img', { name: 'Cost-quality curve' }).locator('canvas')).toBeVisible();
  const table = page.getByRole('table', { name: 'Router comparison' });
  const knn = table.getByRole('row', { name: /^knn/ });
  const cell = (row: typeof knn, i: number) => row.getByRole('cell').nth(i).innerText();
  const best = table.getByRole('row', { name: /^best-single/ });
  expect(Number(await cell(knn, 1))).toBeGreaterThan(0); // AIQ, over the cost range the routers shown share
  // GraphRouter and the stacked ensemble train in the lab like any router.
  for (const name of ['graph', 'ensemble'])
    expect(Number(await cell(table.getByRole('row', { name: new RegExp(`^${name}`) }), 1))).toBeGreaterThan(0);
  // knn sees what each query needs: it reaches 95% of the best single model's quality far cheaper, as the oracle does.
  const costTo95 = async (row: typeof knn) => parseFloat(await cell(row, 3));
  expect(await costTo95(knn)).toBeLessThan(await costTo95(best));
  expect(await costTo95(knn)).toBe(await costTo95(table.getByRole('row', { name: /^oracle/ })));
  await expect(page.getByText(/Best single model: echo-large \(100%/)).toBeVisible();
  // A trained router can be saved as its versioned file (what `llmrouter route --router FILE` reads).
  const [file] = await Promise.all([page.waitForEvent('download'), knn.getByRole('button', { name: 'Download knn' }).click()]);
  expect(JSON.parse(readFileSync(await file.path(), 'utf8'))).toMatchObject({ format: 'llmrouter-web/router', router: 'knn' });

  const tasks = page.getByRole('table', { name: 'Per-task results' });
  await expect(tasks.getByRole('row')).toHaveCount(4);
  await expect(tasks.getByRole('row', { name: /^chat/ })).toBeVisible();
  await expect(tasks.getByRole('row', { name: /^math/ })).toBeVisible();
  // The predicted quality's calibration: the expected calibration error in the table, the diagram below.
  expect(Number(await cell(knn, 4))).toBeGreaterThanOrEqual(0);
  await expect(page.getByRole('img', { name: /^Reliability diagram for knn: expected calibration error 0\.\d{3}$/ })).toBeVisible();
});

test('a training run can be cancelled', async ({ page }) => {
  await page.goto('./#lab');
  await startTraining(page, ['routerdc']);
  await expect(page.getByRole('progressbar', { name: 'Training routerdc' })).toBeVisible();
  await page.getByRole('button', { name: 'Cancel routerdc' }).click();
  await expect(page.getByRole('listitem').filter({ hasText: 'routerdc' })).toContainText('cancelled');
  await expect(page.getByRole('table', { name: 'Router comparison' })).toHaveCount(0);
});
