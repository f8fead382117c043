// Chatting against the provider test server: each message is routed on-device by a router trained in the
// lab, the answer streams in with its routing badge and explanation; a failing model falls back, in plain view.
import { test, expect } from '@playwright/test';
import { startTestServer, type TestServer } from '../test-server/server.ts';
import { addTestProvider, chat, chooseRouter, trainInLab } from './app-helpers.ts';

let server: TestServer;
test.beforeAll(async () => void (server = await startTestServer()));
test.afterAll(() => server.close());
test.beforeEach(() => server.faults.set([]));

test('a router that holds a score against a threshold shows the threshold as one, not as a predicted quality', async ({ page }) => {
  await page.goto('./');
  await addTestProvider(page, server);
  await trainInLab(page, ['hybrid-llm']);
  await page.getByRole('button', { name: 'Use hybrid-llm in chat' }).click();
  const math = await chat(page, 'What is 12 times 9?');
  // hybrid-llm predicts the small model's chance of being good enough; the large model's entry is the threshold.
  const badge = math.getByRole('button', { name: /^Routing: echo-(small|large) chosen by hybrid-llm/ });
  await expect(badge).not.toContainText(/echo-large q \d+%/);
  await badge.click();
  const why = math.getByRole('region', { name: 'Routing explanation' });
  await expect(why.getByRole('row', { name: /echo-large/ })).toContainText(/— \(threshold \d+%\)/);
  await expect(why.getByRole('row', { name: /echo-small/ })).toContainText(/^echo-small\s*\d+%/);
});

test('messages are routed on-device and streamed; the badge explains the pick', async ({ page }) => {
  await page.goto('./');
  await addTestProvider(page, server);
  await trainInLab(page, ['knn']);
  await page.getByRole('button', { name: 'Use knn in chat' }).click();

  const math = await chat(page, 'What is 12 times 9?');
  await expect(math).toContainText('Echo from echo-large: What is 12 times 9?');
  const badge = math.getByRole('button', { name: /^Routing: echo-large chosen by knn/ });
  await expect(badge).toContainText(/\d+ ms/);
  await badge.click();
  const why = math.getByRole('region', { name: 'Routing explanation' });
  await expect(why.getByRole('row', { name: /echo-small/ })).toBeVisible();
  await expect(why).toContainText('Nearest known queries');

  await page.getByRole('navigation', { name: 'Conversations' }).getByRole('button', { name: '+ New chat' }).click();
  const story = await chat(page, 'Tell me a short story about 4 cats');
  await expect(story).toContainText('Echo from echo-small');
  // A follow-up is routed with the conversation: alone, "Another one please" looks like nothing the router
  // knows and goes to the dearer model; after a story request it is another cheap story.
  const followUp = await chat(page, 'Another one please');
  await expect(followUp).toContainText('Echo from echo-small');
  await followUp.getByRole('button', { name: /^Routing:/ }).click();
  await expect(followUp.getByRole('region', { name: 'Routing explanation' })).toContainText('the router also saw the previous message');
  await page.getByRole('navigation', { name: 'Conversations' }).getByRole('button', { name: '+ New chat' }).click();
  await expect(await chat(page, 'Another one please')).toContainText('Echo from echo-large');

  // "send to" overrides the router for one message
  await page.getByLabel('Send to').selectOption('echo-large');
  const forced = await chat(page, 'Suggest 3 names for a dog');
  await expect(forced).toContainText('Echo from echo-large');
  await expect(forced.getByRole('button', { name: /^Routing: echo-large/ })).toContainText('chosen by you');
  // Three calls were paid for: the budget indicator counts them.
  await expect(page.getByRole('status', { name: 'Budget' })).toHaveText(/^Today \$0\.0\d*[1-9]/);
});

test('out of the box, the shipped model-agnostic router routes among the models the user enabled', async ({ page }) => {
  await page.goto('./');
  await addTestProvider(page, server);
  await expect(page.getByLabel('Router in use')).toHaveValue('builtin:irt');
  const answer = await chat(page, 'Hello there, how are you today?');
  await expect(answer).toContainText(/Echo from echo-(small|large): Hello there/);
  const badge = answer.getByRole('button', { name: /^Routing: echo-(small|large) chosen by irt/ });
  await badge.click();
  const why = answer.getByRole('region', { name: 'Routing explanation' });
  await expect(why.getByRole('row', { name: /echo-small/ })).toBeVisible();
  await expect(why.getByRole('row', { name: /echo-large/ })).toBeVisible();
  await expect(why).toContainText('Features used');
});

test('the shipped bert router, picked in Settings, routes chat through its model-agnostic path for models it was not trained on', async ({
  page,
}) => {
  await page.goto('./');
  await addTestProvider(page, server);
  await chooseRouter(page, 'bert (fine-tuned classifier, shipped)');
  await expect(page.getByLabel('Router in use')).toHaveValue('builtin:bert');
  const answer = await chat(page, 'Solve for x: 3x + 7 = 22.');
  await expect(answer).toContainText(/Echo from echo-(small|large): Solve for x/);
  await answer.getByRole('button', { name: /^Routing: echo-(small|large) chosen by bert/ }).click();
  const why = answer.getByRole('region', { name: 'Routing explanation' });
  await expect(why).toContainText(
    /was not trained on \(echo-(small|large), echo-(small|large)\): it predicted the query's task and difficulty/,
  );
  await expect(why).toContainText('model-agnostic');
  await expect(why.getByRole('row', { name: /echo-large/ })).toBeVisible();
  // the choice is kept across a reload
  await page.reload();
  await page.getByRole('tab', { name: 'Settings' }).click();
  await expect(page.getByLabel('Router in use')).toHaveValue('builtin:bert');
});

test('a failing model falls back to the next one, shown in the thread', async ({ page }) => {
  await page.goto('./');
  await addTestProvider(page, server);
  await trainInLab(page, ['knn']);
  await page.getByRole('button', { name: 'Use knn in chat' }).click();
  server.faults.set([{ model: 'echo-large', fault: '500' }]);
  const answer = await chat(page, 'Solve for x: 3x + 5 = 0');
  await expect(answer.getByRole('list', { name: 'Fallbacks' })).toContainText('echo-large failed');
  await expect(answer.getByRole('list', { name: 'Fallbacks' })).toContainText('fell back to echo-small');
  await expect(answer).toContainText('Echo from echo-small');
});
