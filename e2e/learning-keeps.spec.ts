// Retraining from feedback keeps what the shipped router knew and the router family the user chose: with `bert`
// in use, rated answers on one subject retrain it (checked on held-out logged answers) into "bert + feedback",
// which routes that subject as the user taught it, routes an unrelated question exactly as before, and can be undone.
import { test, expect, type Locator } from '@playwright/test';
import { startTestServer, type TestServer } from '../test-server/server.ts';
import { addTestProvider, chat, chooseRouter, learnAfter } from './app-helpers.ts';

let server: TestServer;
test.beforeAll(async () => void (server = await startTestServer()));
test.afterAll(() => server.close());

const BERT = 'bert (fine-tuned classifier, shipped)';

/** The model the badge says was chosen, and by which router. */
async function routing(answer: Locator): Promise<{ model: string; router: string }> {
  const label = (await answer.getByRole('button', { name: /^Routing: / }).getAttribute('aria-label'))!;
  const [, model, router] = /^Routing: (\S+) chosen by (.+)$/.exec(label)!;
  return { model: model!, router: router! };
}

test('retraining bert from feedback keeps bert and its decisions on unrelated queries, and can be undone', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('./');
  await addTestProvider(page, server);
  await chooseRouter(page, BERT);
  await learnAfter(page, 3);

  const unrelated = 'What is the capital of France?';
  const before = await routing(await chat(page, unrelated));
  expect(before.router).toBe('bert');

  // On stories about cats this user wants the model bert does not choose: they regenerate an answer from the other
  // one with it and like the result. The profile learns that too (issue 13), so a later story may already come from
  // the wanted model: then they just like it (regenerating away from it would teach the opposite).
  let taught = '';
  for (const n of [4, 5, 6]) {
    const first = await chat(page, `Tell me a short story about ${n} cats`);
    const chosen = (await routing(first)).model;
    taught ||= chosen === 'echo-small' ? 'echo-large' : 'echo-small';
    if (chosen !== taught) await first.getByLabel('Regenerate with another model').selectOption(taught);
    const wanted = page.getByRole('article', { name: /^Answer/ }).last();
    await expect(wanted).toContainText(`Echo from ${taught}`);
    await wanted.getByRole('button', { name: 'Good answer' }).click();
    await expect(wanted.getByRole('button', { name: 'Good answer' })).toHaveAttribute('aria-pressed', 'true');
  }

  await page.getByRole('tab', { name: 'Lab' }).click();
  await expect(page.getByLabel('Retraining check')).toContainText(/^Retrained: mean error on \d+ held-out logged answers/, {
    timeout: 60_000,
  });
  await page.getByRole('tab', { name: 'Settings' }).click();
  await expect(page.getByLabel('Router in use').locator('option:checked')).toHaveText(
    /^bert \+ 3 from feedback \(feedback, from learning\)/,
  );

  await page.getByRole('tab', { name: 'Chat' }).click();
  // The profile learned the same feedback (issue 13) and shifts every query a little at the default setting; what is
  // checked here is the retrained router's own decisions.
  await page.getByRole('navigation', { name: 'Conversations' }).getByRole('button', { name: 'Reset profile' }).click();
  await page.getByRole('navigation', { name: 'Conversations' }).getByRole('button', { name: '+ New chat' }).click();
  const after = await routing(await chat(page, unrelated));
  expect(after).toEqual({ model: before.model, router: 'bert + feedback' });
  await page.getByRole('navigation', { name: 'Conversations' }).getByRole('button', { name: '+ New chat' }).click();
  expect((await routing(await chat(page, 'Tell me a short story about 7 cats'))).model).toBe(taught);

  await page.getByRole('tab', { name: 'Lab' }).click();
  await page.getByRole('button', { name: 'Undo the last retraining' }).click();
  await page.getByRole('tab', { name: 'Settings' }).click();
  await expect(page.getByLabel('Router in use')).toHaveValue('builtin:bert');
});
