// The README's screenshots of chat, lab and settings, taken from the built app against the test server.
// They go to docs/screenshots/ with SCREENSHOTS=1 (to refresh the README), else to the test's output folder.
import { test, expect } from '@playwright/test';
import { startTestServer, type TestServer } from '../test-server/server.ts';
import { addTestProvider, chat, trainInLab } from './app-helpers.ts';

let server: TestServer;
test.beforeAll(async () => void (server = await startTestServer()));
test.afterAll(() => server.close());

test('screenshots of chat, lab and settings', async ({ page }, info) => {
  const shot = (name: string) => (process.env.SCREENSHOTS ? `docs/screenshots/${name}.png` : info.outputPath(`${name}.png`));
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto('./');
  await addTestProvider(page, server);
  await trainInLab(page, ['knn', 'best-single', 'cheapest', 'oracle']);
  await page.getByRole('button', { name: 'Use knn in chat' }).click();
  // The page scrolls inside <main>, so a tall viewport shows the whole lab.
  await page.setViewportSize({ width: 1280, height: 1750 });
  await page.screenshot({ path: shot('lab') });
  await page.setViewportSize({ width: 1280, height: 800 });

  const math = await chat(page, 'What is 12 times 9?');
  await math.getByRole('button', { name: /^Routing:/ }).click();
  const answer = await chat(
    page,
    'Write a Python function that returns 7 fibonacci numbers\n```python\ndef fib(n):\n    a, b = 0, 1\n    return [a := b for _ in range(n)]\n```',
  );
  await expect(math.getByRole('region', { name: 'Routing explanation' })).toBeVisible();
  await expect(answer.locator('pre code.hljs')).toBeVisible();
  await page.setViewportSize({ width: 1280, height: 1000 });
  await page.screenshot({ path: shot('chat') });
  await page.setViewportSize({ width: 1280, height: 800 });

  await page.getByRole('tab', { name: 'Settings' }).click();
  await page.setViewportSize({ width: 1280, height: 1500 });
  await page.screenshot({ path: shot('settings') });
});
