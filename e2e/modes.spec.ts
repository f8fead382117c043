// Routing modes and profiles in the app, against the provider test server with scripted replies: a
// decomposition (plan, routed sub-answers with model, cost and time, aggregation, total), malformed planner
// output answered by single routing in the same conversation, an agent's rounds against the premium model's
// cost, a cascade keeping the cheap answer, an LLM judge's pick; and a profile whose decisions follow its
// feedback while another profile's do not.
import { readFileSync } from 'node:fs';
import { test, expect, type Page } from '@playwright/test';
import { startTestServer, type TestServer } from '../test-server/server.ts';
import { addTestProvider, chat } from './app-helpers.ts';

let server: TestServer;
test.beforeAll(async () => void (server = await startTestServer()));
test.afterAll(() => server.close());
test.beforeEach(() => server.scripts.set([]));

const PLAN = '{"subqueries": [{"query": "What is 12 times 9?"}, {"query": "Name a colour"}]}';

async function newChat(page: Page, mode: string) {
  await page.getByRole('tab', { name: 'Chat' }).click();
  await page.getByRole('navigation', { name: 'Conversations' }).getByRole('button', { name: '+ New chat' }).click();
  await page.getByLabel('Routing mode').selectOption(mode);
}

test('every routing mode answers in the thread, showing its steps', async ({ page }, info) => {
  // README screenshots, as e2e/screenshots.spec.ts takes them: to docs/screenshots/ with SCREENSHOTS=1.
  const shot = (name: string) => (process.env.SCREENSHOTS ? `docs/screenshots/${name}.png` : info.outputPath(`${name}.png`));
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto('./');
  await addTestProvider(page, server);

  server.scripts.set([{ model: 'echo-small', match: "^Split the user's request", reply: `\`\`\`json\n${PLAN}\n\`\`\`` }]);
  await newChat(page, 'decompose');
  const decomposed = await chat(page, 'What is 12 times 9, and name a colour?');
  const trace = decomposed.getByRole('region', { name: 'Mode: decompose' });
  await expect(trace.getByRole('list', { name: 'Plan' }).getByRole('listitem')).toHaveText(['What is 12 times 9?', 'Name a colour']);
  await expect(trace.getByRole('group', { name: 'Sub-answer 1' })).toContainText(
    /routed\): What is 12 times 9\? echo-(small|large) · \$[\d.e-]+ · \d+ ms/,
  );
  await expect(trace.getByRole('group', { name: 'Sub-answer 2' })).toContainText('Name a colour');
  await expect(trace).toContainText(/Aggregated by echo-(small|large)/);
  await expect(trace.getByLabel('Total')).toHaveText(/^Total \$[\d.e-]+ over 4 steps$/);
  await expect(decomposed.locator(':scope > .markdown')).toContainText("Answer the user's request using the answers to its sub-questions");
  await trace.getByRole('group', { name: 'Sub-answer 1' }).locator('summary').click();
  await page.screenshot({ path: shot('mode-decompose') });
  await trace.getByRole('group', { name: 'Sub-answer 1' }).locator('summary').click();

  // Malformed planner output, twice: the same conversation gets a single-routed answer and goes on.
  server.scripts.set([
    { model: 'echo-small', match: "^(Split the user's request|That reply was not valid)", reply: '{"subqueries": [oops' },
  ]);
  const fallback = await chat(page, 'Name a fruit');
  await expect(fallback.getByRole('region', { name: 'Mode: decompose' })).toContainText('Plan attempt 2 was not valid: not JSON');
  await expect(fallback.getByRole('note')).toHaveText(/no valid plan twice: answered with single routing/);
  await expect(fallback.locator(':scope > .markdown')).toContainText('Echo from echo-');
  await expect(page.getByRole('article', { name: /^Answer/ })).toHaveCount(2);

  // The reasoner calls the other model through OpenAI-style function calling (the test provider's wire).
  server.scripts.set([
    {
      model: 'echo-small',
      match: '^Who wrote',
      toolCall: { name: 'call_model', arguments: { model: 'echo-large', question: 'Who wrote Hamlet?' } },
    },
    { model: 'echo-small', match: '^<information>', reply: 'Shakespeare.' },
  ]);
  await newChat(page, 'agent');
  const agent = await chat(page, 'Who wrote Hamlet?');
  const rounds = agent.getByRole('region', { name: 'Mode: agent' });
  await expect(rounds.getByLabel('Round 1')).toContainText('Calls echo-large: Who wrote Hamlet?');
  await expect(rounds.getByLabel('Round 1')).toContainText('→ Echo from echo-large: Who wrote Hamlet?');
  await expect(rounds.getByLabel('Total')).toHaveText(/over 2 steps · the premium model echo-(small|large) alone: about \$/);
  await expect(rounds.getByLabel('Round 2')).toContainText('Answers.');
  await expect(agent.locator(':scope > .markdown')).toHaveText('Shakespeare.');
  await page.screenshot({ path: shot('mode-agent') });

  server.scripts.set([{ model: 'echo-small', match: '^Context: ', reply: 'Yes' }]);
  await newChat(page, 'cascade');
  const cascade = await chat(page, 'Name a colour');
  const cheap = cascade.getByRole('group', { name: 'Cheap answer' });
  await expect(cheap).toContainText(/self-verification 1\.00 vs threshold 0\.50 \(prior: no labelled answers yet\) — kept/);
  await expect(cascade.locator(':scope > .markdown')).toHaveText('Echo from echo-small: Name a colour');
  await cheap.getByRole('button', { name: 'Right' }).click();
  await expect(page.getByLabel('Profile learning')).toContainText('1 cascade labels');

  server.scripts.set([{ model: 'echo-small', match: '^Models:', reply: 'echo-large' }]);
  await newChat(page, 'llm-router');
  const judged = await chat(page, 'Name a colour');
  await expect(judged.getByRole('region', { name: 'Mode: llm-router' })).toContainText('Judge chose echo-large');
  await expect(judged.locator(':scope > .markdown')).toHaveText('Echo from echo-large: Name a colour');
  // The mode is kept with its conversation.
  await page.reload();
  await expect(page.getByLabel('Routing mode')).toHaveValue('llm-router');

  // Context per conversation: a follow-up alone, then with the most similar earlier turns.
  await newChat(page, 'single');
  await page.getByLabel('Context').selectOption('current');
  await chat(page, 'Tell me a short story about 4 cats');
  const alone = await chat(page, 'Another one please');
  await alone.getByRole('button', { name: /^Routing:/ }).click();
  await expect(alone.getByRole('region', { name: 'Routing explanation' })).not.toContainText('Read as a follow-up');
  await page.getByLabel('Context').selectOption('similar');
  const similar = await chat(page, 'And one more about cats');
  await similar.getByRole('button', { name: /^Routing:/ }).click();
  await expect(similar.getByRole('region', { name: 'Routing explanation' })).toContainText('the router also saw the 2 previous messages');
});

test('a profile learns from consistent feedback; an untouched profile routes as before', async ({ page }) => {
  await page.goto('./');
  await addTestProvider(page, server);
  // Keep the global router as it is (no retraining from the log) so only the profile can change a decision.
  await page.getByRole('tab', { name: 'Lab' }).click();
  await page.getByLabel('Retrain after this many new samples').fill('1000');
  await page.getByLabel('Retrain after this many new samples').blur();
  await page.getByRole('tab', { name: 'Chat' }).click();

  const nav = page.getByRole('navigation', { name: 'Conversations' });
  await nav.getByRole('button', { name: 'New profile' }).click();
  await nav.getByLabel('Profile name').fill('Work');
  await nav.getByRole('button', { name: 'Create' }).click();
  await expect(nav.getByRole('combobox', { name: 'Profile', exact: true })).toHaveValue(/.+/);
  const query = 'Tell me a short story about 4 cats';
  const pick = async (answer: Awaited<ReturnType<typeof chat>>) =>
    ((await answer.getAttribute('aria-label')) ?? '').replace('Answer from ', '');

  const first = await chat(page, query);
  const before = await pick(first);
  const other = before === 'echo-small' ? 'echo-large' : 'echo-small';
  // This answer was bad, the other model should have answered, and its answer was good: until the profile routes there.
  let now = before;
  for (let round = 0; round < 3 && now === before; round++) {
    const answer = page.getByRole('article', { name: /^Answer/ }).last();
    await answer.getByRole('button', { name: 'Bad answer' }).click();
    await answer.getByLabel('Regenerate with another model').selectOption(other);
    const again = page.getByRole('article', { name: `Answer from ${other}` }).last();
    await expect(again).toHaveAttribute('aria-busy', 'false');
    await again.getByRole('button', { name: 'Good answer' }).click();
    now = await pick(await chat(page, query));
  }
  await expect(nav.getByLabel('Profile learning')).toHaveText(/Learned from \d+ feedback/);

  await nav.getByRole('button', { name: '+ New chat' }).click();
  const learned = await chat(page, query);
  expect(await pick(learned)).toBe(other);
  await learned.getByRole('button', { name: /^Routing:/ }).click();
  await expect(learned.getByRole('region', { name: 'Routing explanation' })).toContainText('Personalised: profile “Work”');

  // The default profile has its own conversations and routes as the global router still does.
  await nav.getByRole('combobox', { name: 'Profile', exact: true }).selectOption({ label: 'Default' });
  await expect(nav.getByRole('listitem')).toHaveText(['No conversations yet.']);
  const untouched = await chat(page, query);
  expect(await pick(untouched)).toBe(before);
  await expect(nav.getByLabel('Profile learning')).toHaveText('Routes as the global router (no feedback yet)');

  // Export writes Work with what it learned and its own conversations; reset forgets what it learned.
  await nav.getByRole('combobox', { name: 'Profile', exact: true }).selectOption({ label: 'Work' });
  const [download] = await Promise.all([page.waitForEvent('download'), nav.getByRole('button', { name: 'Export profile' }).click()]);
  const exported = JSON.parse(readFileSync(await download.path(), 'utf8'));
  expect(exported).toMatchObject({ format: 'llmrouter-web/profile', profile: { name: 'Work' } });
  expect(exported.profile.vector.updates).toBeGreaterThan(0);
  expect(exported.conversations.length).toBeGreaterThanOrEqual(2);
  await nav.getByRole('button', { name: 'Reset profile' }).click();
  await nav.getByRole('button', { name: '+ New chat' }).click();
  expect(await pick(await chat(page, query))).toBe(before);
});
