// Settings and the profile bar read as a person expects: the test-call form waits under "Developer", every field
// has a visible label, and profile controls appear only once they can act.
import { expect, test } from '@playwright/test';

test('the test call is under a closed Developer disclosure and the passphrase fields have visible labels', async ({ page }) => {
  await page.goto('./#settings');
  const tryCall = page.getByRole('form', { name: 'Try a call' });
  await expect(page.getByRole('heading', { name: 'Providers' })).toBeVisible();
  await expect(tryCall).toBeHidden();
  await page.getByText('Developer', { exact: true }).click();
  await expect(tryCall).toBeVisible();

  const vault = page.getByRole('form', { name: 'Key vault' });
  await expect(vault.locator('label', { hasText: 'Passphrase' })).toBeVisible();
  await expect(vault.getByLabel('Passphrase', { exact: true })).toHaveAttribute('type', 'password');
  await expect(page.locator('label', { hasText: 'Passphrase for keys' })).toBeVisible();
  await expect(page.getByLabel('Passphrase for keys')).toHaveAttribute('placeholder', 'at least 8 characters');
});

test('with one profile only "New profile" shows; its name field says what to type; the switch comes with a second', async ({ page }) => {
  await page.goto('./');
  const nav = page.getByRole('navigation', { name: 'Conversations' });
  await expect(nav.getByRole('button', { name: 'New profile' })).toBeVisible();
  await expect(nav.getByRole('combobox', { name: 'Profile', exact: true })).toHaveCount(0);
  await expect(nav.getByRole('button', { name: 'Reset profile' })).toHaveCount(0);
  await expect(nav.getByRole('button', { name: 'Export profile' })).toHaveCount(0);

  await nav.getByRole('button', { name: 'New profile' }).click();
  await expect(nav.getByLabel('Profile name')).toHaveAttribute('placeholder', 'Name, e.g. Work');
  await nav.getByLabel('Profile name').fill('Work');
  await nav.getByRole('button', { name: 'Create' }).click();
  await expect(nav.getByRole('combobox', { name: 'Profile', exact: true })).toHaveCount(1);
  await expect(nav.getByRole('button', { name: 'Reset profile' })).toHaveCount(0);
});
