// Insights as a user meets it: an empty page before any message, a one-message page without a chart, then after
// ten routed messages of mixed difficulty (the slider moved halfway) and one cascade, spend, premium-only cost and savings equal to the sum
// of the figures under each answer (and the cascade's steps), a chart, a CSV of every message, and the top
// bar's spend equal to Insights' today after every call, reload included.
import { readFileSync } from 'node:fs';
import { test, expect, type Locator, type Page } from '@playwright/test';
import { startTestServer, type TestServer } from '../test-server/server.ts';
import { addTestProvider, chat } from './app-helpers.ts';

let server: TestServer;
test.beforeAll(async () => void (server = await startTestServer()));
test.afterAll(() => server.close());

const MESSAGES = [
  'Hi there!',
  'Prove that there are infinitely many primes, rigorously.',
  'Thanks, that helps.',
  'Write a lock-free concurrent hash map in C++ with hazard pointers.',
  'What is the capital of France?',
  'Derive the closed form of the Fibonacci sequence using generating functions.',
  'Good morning',
  'Implement a red-black tree in Rust with deletion and explain each rotation.',
  'Suggest a name for a cat',
  'Prove the Cauchy-Schwarz inequality for inner product spaces.',
];

/** The dollar amounts in a text, in order ("$0", "$0.00012", "$1.2e-7", "$1.234"). */
function dollars(text: string): number[] {
  return [...text.matchAll(/\$(-?[\d.]+(?:e-?\d+)?)/g)].map((m) => Number(m[1]));
}

/** Spent and premium-only cost shown under one answer. */
async function spendUnder(answer: Locator): Promise<{ spent: number; premium: number }> {
  const line = answer.getByLabel('Spend');
  await expect(line).toHaveText(/^Spent \$[\d.e-]+ · gpt-5 alone (≈ )?\$[\d.e-]+ · /);
  const [spent, premium] = dollars((await line.textContent())!);
  return { spent: spent!, premium: premium! };
}

async function figure(page: Page, label: string): Promise<number> {
  return dollars((await page.getByLabel(label, { exact: true }).textContent())!)[0]!;
}

async function topBarToday(page: Page): Promise<number> {
  return dollars((await page.getByRole('status', { name: 'Budget' }).textContent())!)[0]!;
}

/** Equal to the cent, and (the amounts being fractions of a cent) within the display's two significant digits. */
function expectSame(shown: number, sum: number) {
  expect(Math.round(shown * 100)).toBe(Math.round(sum * 100));
  expect(Math.abs(shown - sum)).toBeLessThanOrEqual(0.06 * Math.max(shown, sum) + 1e-9);
}

test('Insights adds up what every answer spent and what the premium model would have cost', async ({ page }, info) => {
  test.setTimeout(300_000);
  // The README's screenshot, as e2e/screenshots.spec.ts takes them: to docs/screenshots/ with SCREENSHOTS=1.
  const shot = (name: string) => (process.env.SCREENSHOTS ? `docs/screenshots/${name}.png` : info.outputPath(`${name}.png`));
  await page.goto('./');
  await page.getByRole('tab', { name: 'Insights' }).click();
  await expect(page.getByRole('region', { name: 'No messages yet' })).toContainText('Nothing routed yet');
  await addTestProvider(page, server, [
    ['gpt-5-nano', '0.05', '0.4'],
    ['gpt-5', '1.25', '10'],
  ]);

  // Each answer's figures, read as it finishes (another conversation's thread replaces them later).
  const under: { model: string; spent: number; premium: number }[] = [];
  const send = async (text: string, timeout?: number) => {
    const answer = await chat(page, text, timeout);
    under.push({ model: (await answer.getAttribute('aria-label'))!.replace('Answer from ', ''), ...(await spendUnder(answer)) });
    return answer;
  };
  // The first message loads the router's encoder on the device: slow on a busy machine.
  await send(MESSAGES[0]!, 120_000);
  await page.getByRole('tab', { name: 'Insights' }).click();
  await expect(page.getByRole('region', { name: 'Savings' })).toContainText('One message, one provider call');
  await expect(page.getByRole('region', { name: 'Savings' })).toContainText(
    'The chart of spend against gpt-5 alone appears from the second message.',
  );
  const first = await figure(page, 'Today spent');
  await expect.poll(() => topBarToday(page)).toBe(first);
  for (const text of MESSAGES.slice(1, 6)) await send(text);
  // Cost weighs more for the rest (the slider over time shows the change).
  await page.getByLabel('Cost/quality trade-off').fill('32');
  for (const text of MESSAGES.slice(6)) await send(text);
  expect(new Set(under.map((u) => u.model))).toEqual(new Set(['gpt-5-nano', 'gpt-5']));

  // One cascade: the cheap model's answer verified and kept; its steps' total is what the answer spent.
  server.scripts.set([{ model: 'gpt-5-nano', match: '^Context: ', reply: 'Yes' }]);
  await page.getByRole('navigation', { name: 'Conversations' }).getByRole('button', { name: '+ New chat' }).click();
  await page.getByLabel('Routing mode').selectOption('cascade');
  const cascade = await send('Name a colour');
  const trace = cascade.getByRole('region', { name: 'Mode: cascade' });
  await expect(trace.getByRole('group', { name: 'Cheap answer' })).toContainText('kept');
  expect(under.at(-1)!.spent).toBe(dollars((await trace.getByLabel('Total').textContent())!)[0]);
  const spent = under.reduce((s, u) => s + u.spent, 0);
  const premium = under.reduce((s, u) => s + u.premium, 0);

  await page.getByRole('tab', { name: 'Insights' }).click();
  const savings = page.getByRole('region', { name: 'Savings' });
  await expect(savings).toContainText('11 messages');
  expectSame(await figure(page, 'All time spent'), spent);
  expectSame(await figure(page, 'All time premium only'), premium);
  expectSame(await figure(page, 'All time saved'), premium - spent);
  const today = await figure(page, 'Today spent');
  await expect.poll(() => topBarToday(page)).toBe(today);
  expectSame(today, spent);
  await expect(savings.getByRole('img', { name: 'Spend and premium-only cost over time' }).locator('canvas')).toBeVisible();
  await expect(page.getByRole('table', { name: 'Models' })).toContainText('gpt-5-nano');
  await expect(page.getByRole('img', { name: 'The cost/quality slider over time' }).locator('canvas')).toBeVisible();
  await page.setViewportSize({ width: 1280, height: 1500 });
  await page.screenshot({ path: shot('insights') });
  await page.setViewportSize({ width: 1280, height: 800 });

  const download = page.waitForEvent('download');
  await savings.getByRole('button', { name: 'Export CSV' }).click();
  const csv = readFileSync((await (await download).path())!, 'utf8')
    .trim()
    .split(/\r?\n/);
  expect(csv[0]).toMatch(/^time,router,mode,lambda,answered_by,calls,spent_usd,premium_model,premium_only_usd/);
  expect(csv).toHaveLength(12);
  expect(csv.filter((row) => row.includes(',cascade,'))).toHaveLength(1);

  // Kept on the device: the same figures after a reload, and the top bar agrees.
  const before = await savings.textContent();
  await page.reload();
  await expect(page.getByRole('region', { name: 'Savings' })).toHaveText(before!);
  await expect.poll(() => topBarToday(page)).toBe(today);
});
