// Online learning in the app: picking an online router (LinUCB started from the router in use) routes chat, and
// each rated answer updates it as it comes (no retraining): the next decision's explanation counts the outcome.
// In the lab, an online router replays a dataset as traffic and its learning curve is charted.
import { test, expect } from '@playwright/test';
import { startTestServer, type TestServer } from '../test-server/server.ts';
import { addTestProvider, chat, importFixture } from './app-helpers.ts';

let server: TestServer;
test.beforeAll(async () => void (server = await startTestServer()));
test.afterAll(() => server.close());

test('an online router picked in Settings learns from each rated answer as it arrives', async ({ page }) => {
  await page.goto('./');
  await addTestProvider(page, server);
  await page.getByLabel('Online learning algorithm').selectOption({ label: 'LinUCB' });
  await page.getByRole('button', { name: 'Start from the router in use' }).click();
  await expect(page.getByLabel('Router in use').locator('option:checked')).toHaveText(/^linucb over irt \(linucb, from online\)/);

  const question = 'Write a haiku about the sea';
  const first = await chat(page, question);
  const badge = first.getByRole('button', { name: /^Routing: echo-(small|large) chosen by linucb$/ });
  await badge.click();
  await expect(first.getByLabel('Routing explanation')).toContainText(
    "LinUCB: irt's estimate corrected by a linear model of the query learned from 0 outcomes",
  );
  await first.getByRole('button', { name: 'Bad answer' }).click();
  await expect(first.getByRole('button', { name: 'Bad answer' })).toHaveAttribute('aria-pressed', 'true');

  const second = await chat(page, question);
  await second.getByRole('button', { name: /^Routing: / }).click();
  await expect(second.getByLabel('Routing explanation')).toContainText('learned from 1 outcome of the chosen models');

  // The learned state is kept: after a reload the router still knows that outcome.
  await page.reload();
  const third = await chat(page, question);
  await third.getByRole('button', { name: /^Routing: / }).click();
  await expect(third.getByLabel('Routing explanation')).toContainText('learned from 1 outcome of the chosen models');
});

test('the lab replays a dataset as traffic for an online router and charts its learning curve', async ({ page }) => {
  await page.goto('./');
  await importFixture(page);
  await page.getByLabel('Online router to simulate').selectOption('lin-ts');
  await page.getByRole('button', { name: 'Simulate online learning' }).click();
  await expect(page.getByRole('img', { name: 'Online learning curve' }).locator('canvas')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByLabel('Simulation figures')).toContainText(
    /^lin-ts over 90 queries: quality \d+\.\d% for \$[\d.]+, explored \d+\.\d% of calls; regret [\d.]+ against the oracle/,
  );
});
