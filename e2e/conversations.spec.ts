// First run without keys shows the onboarding; conversations can be created, renamed, searched and deleted,
// and survive a reload.
import { test, expect } from '@playwright/test';

test('first run without keys explains what to do', async ({ page }) => {
  await page.goto('./');
  const welcome = page.getByRole('region', { name: 'Welcome' });
  await expect(welcome).toBeVisible();
  await expect(welcome).toContainText('Bring your own API keys');
  await expect(page.getByLabel('Message', { exact: true })).toBeDisabled();
  await welcome.getByRole('button', { name: 'Add a provider' }).click();
  await expect(page.getByRole('tab', { name: 'Settings' })).toHaveAttribute('aria-selected', 'true');
});

test('conversations: create, rename, search, delete, reload', async ({ page }) => {
  await page.goto('./');
  const list = page.getByRole('navigation', { name: 'Conversations' });
  await list.getByRole('button', { name: '+ New chat' }).click();
  await list.getByRole('button', { name: 'Rename New chat' }).click();
  await list.getByLabel('Conversation title').fill('Trip to Lisbon');
  await list.getByLabel('Conversation title').press('Enter');
  await list.getByRole('button', { name: '+ New chat' }).click();
  await list.getByRole('button', { name: 'Rename New chat' }).click();
  await list.getByLabel('Conversation title').fill('Rust lifetimes');
  await list.getByLabel('Conversation title').press('Enter');
  await expect(list.getByRole('button', { name: 'Trip to Lisbon', exact: true })).toBeVisible();

  await list.getByLabel('Search conversations').fill('rust');
  await expect(list.getByRole('button', { name: 'Rust lifetimes', exact: true })).toBeVisible();
  await expect(list.getByRole('button', { name: 'Trip to Lisbon', exact: true })).toHaveCount(0);
  await list.getByLabel('Search conversations').fill('');

  page.once('dialog', (d) => void d.accept());
  await list.getByRole('button', { name: 'Delete Rust lifetimes' }).click();
  await expect(list.getByRole('button', { name: 'Rust lifetimes', exact: true })).toHaveCount(0);

  await page.reload();
  await expect(list.getByRole('button', { name: 'Trip to Lisbon', exact: true })).toBeVisible();
  await expect(list.getByRole('button', { name: 'Rust lifetimes', exact: true })).toHaveCount(0);
});
