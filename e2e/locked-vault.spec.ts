// A key vault under a passphrase not yet entered this session blocks chat: the app says to unlock the keys,
// offers the button that leads there, and sends nothing to any provider until the passphrase is given.
import { test, expect } from '@playwright/test';
import { startTestServer, type TestServer } from '../test-server/server.ts';
import { addTestProvider, chat } from './app-helpers.ts';

let server: TestServer;
test.beforeAll(async () => void (server = await startTestServer()));
test.afterAll(() => server.close());

test('a locked vault refuses to call and leads to unlocking', async ({ page }) => {
  await page.goto('./');
  await addTestProvider(page, server);
  const vault = page.getByRole('form', { name: 'Key vault' });
  await vault.getByLabel('Passphrase').fill('correct horse battery');
  await vault.getByRole('button', { name: 'Set passphrase' }).click();
  await expect(vault).toContainText('protected by a passphrase');

  await page.goto('./#chat');
  await page.reload();
  const notice = page.getByRole('alert').filter({ hasText: 'unlock your keys' });
  await expect(notice).toBeVisible();
  await expect(page.getByLabel('Message', { exact: true })).toBeDisabled();
  server.requests.splice(0);
  await notice.getByRole('button', { name: 'Unlock your keys' }).click();
  expect(server.requests.filter((r) => r.path.includes('/chat/completions'))).toEqual([]);

  await expect(page.getByRole('tab', { name: 'Settings' })).toHaveAttribute('aria-selected', 'true');
  await vault.getByLabel('Passphrase').fill('correct horse battery');
  await vault.getByRole('button', { name: 'Unlock' }).click();
  await expect(vault.getByRole('status')).toHaveText('Unlocked');
  await expect(await chat(page, 'Tell me a short story about 4 cats')).toContainText('Echo from');
});
