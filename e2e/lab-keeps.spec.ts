// The lab keeps its finished runs across a reload (results, not router files), and says why a router shows below
// the best single model: by how much, and whether the test split is large enough to tell.
import { expect, test } from '@playwright/test';
import { trainInLab } from './app-helpers.ts';

test('lab results survive a reload, and a router below the best single model is explained', async ({ page }) => {
  test.setTimeout(150_000);
  await page.goto('./');
  await trainInLab(page, ['knn', 'cheapest']);
  const notes = page.getByRole('list', { name: 'Below the best single model' });
  await expect(notes).toContainText(
    /cheapest is \d+(\.\d)?% below echo-large at its cost\. With 27 test queries, echo-large's quality is known to ±/,
  );

  await page.reload();
  await page.getByRole('tab', { name: 'Lab' }).click();
  const table = page.getByRole('table', { name: 'Router comparison' });
  await expect(table.getByRole('row')).toHaveCount(3);
  await expect(table.getByRole('row', { name: /knn/ })).toContainText('from an earlier session: train again to use it');
  await expect(page.getByRole('list', { name: 'Below the best single model' })).toContainText('cheapest is');
});
