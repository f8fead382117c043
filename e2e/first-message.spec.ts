// The first message is routed at once: while the on-device encoder is still loading (it is warmed when the app
// opens), the default irt router routes by the message's words alone and the badge says so; once the encoder is
// ready, messages are routed with their embedding again. `npm run bench:first-message` runs this spec with several
// reloads and writes the time from an interactive page to the routed message to bench/results/first-message.json.
import { writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { expect, test } from '@playwright/test';
import { startTestServer, type TestServer } from '../test-server/server.ts';
import { addTestProvider, chat } from './app-helpers.ts';

let server: TestServer;
test.beforeAll(async () => void (server = await startTestServer()));
test.afterAll(() => server.close());

const reps = Number(process.env.FIRST_MESSAGE_REPS ?? 1);

test('the first message after opening the app is routed by the text-only tier, the next ones by the encoder', async ({ page }) => {
  test.setTimeout(60_000 + reps * 60_000);
  await page.goto('./');
  await addTestProvider(page, server, [
    ['my-nano', '0.05', '0.4', 'gpt-5-nano'],
    ['my-flagship', '1.25', '10', 'gpt-5'],
  ]);
  await page.getByRole('tab', { name: 'Chat' }).click();
  const ms: number[] = [];
  for (let i = 0; i < reps; i++) {
    await page.reload();
    const box = page.getByLabel('Message', { exact: true });
    await expect(box).toBeEnabled();
    const interactive = Date.now();
    await expect(page.getByRole('status', { name: 'Encoder loading' })).toBeVisible();
    await box.fill('hi there!');
    await page.getByRole('button', { name: 'Send' }).click();
    const badge = page.getByRole('button', { name: /^Routing: / }).last();
    await expect(badge).toHaveAccessibleName(/^Routing: my-nano chosen by irt \(text only: encoder loading\)/, { timeout: 30_000 });
    ms.push(Date.now() - interactive);
    await expect(page.getByRole('article', { name: /^Answer/ }).last()).toHaveAttribute('aria-busy', 'false', { timeout: 30_000 });
  }
  const next = await chat(page, 'Prove that there are infinitely many primes.');
  await expect(next.getByRole('button', { name: /^Routing: / })).toHaveAccessibleName(/chosen by irt$/);
  if (process.env.FIRST_MESSAGE_RESULTS) {
    const sorted = [...ms].sort((a, b) => a - b);
    const machine = { cpus: cpus().length, cpu: cpus()[0]?.model, load: loadavg().map((l) => Number(l.toFixed(2))) };
    const figures = {
      what: 'ms from the Message box enabled after a reload to the routed badge of the first message',
      reps,
      min: sorted[0],
      median: sorted[Math.floor(sorted.length / 2)],
      max: sorted.at(-1),
      all: ms,
      machine,
      at: new Date().toISOString(),
    };
    writeFileSync(process.env.FIRST_MESSAGE_RESULTS, `${JSON.stringify(figures, null, 2)}\n`);
  }
});
