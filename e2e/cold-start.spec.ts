// The default router out of the box, as a new user meets it: two models added under names of the user's own
// choosing but with the API names of catalog models (so they inherit those models' published figures), and the
// Quality/Cost slider moving the pick for a hard question from the most able model to the cheapest.
import { test, expect } from '@playwright/test';
import { startTestServer, type TestServer } from '../test-server/server.ts';
import { addTestProvider, chat } from './app-helpers.ts';

let server: TestServer;
test.beforeAll(async () => void (server = await startTestServer()));
test.afterAll(() => server.close());

const HARD = 'Write a lock-free concurrent hash map in C++ with hazard pointers.';

test("the slider moves the default router's pick from the most able model to the cheapest", async ({ page }) => {
  await page.goto('./');
  await addTestProvider(page, server, [
    ['my-nano', '0.05', '0.4', 'gpt-5-nano'],
    ['my-flagship', '1.25', '10', 'gpt-5'],
  ]);
  await expect(page.getByLabel('Router in use')).toHaveValue('builtin:irt');
  const slider = page.getByLabel('Cost/quality trade-off');

  await slider.fill('0');
  await expect(page.getByLabel('Slider meaning')).toHaveText('quality first: cost ignored');
  const first = await chat(page, HARD);
  await expect(first).toContainText(`Echo from gpt-5: ${HARD}`);
  await first.getByRole('button', { name: /^Routing: my-flagship chosen by irt/ }).click();
  await expect(first.getByRole('region', { name: 'Routing explanation' })).toContainText('published benchmarks: my-nano, my-flagship');

  await slider.fill('40');
  await expect(page.getByLabel('Slider meaning')).toHaveText('1 point of quality is worth $0.010 per 1,000 messages');
  await expect(await chat(page, HARD)).toContainText(`Echo from gpt-5-nano: ${HARD}`);
});
