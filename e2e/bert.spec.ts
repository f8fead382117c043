// The shipped bert router in the built app (#bert): its int8 classifier runs in the embedding worker on WASM and on
// the WebGPU adapter (SwiftShader with --enable-unsafe-webgpu), and both route the same messages to the same models.
import { test, expect, type Page } from '@playwright/test';

const messages = [
  'Natalia sold clips to 48 of her friends in April, and then she sold half as many clips in May. How many clips did Natalia sell altogether?',
  'Write a Python function that checks whether a string is a palindrome.',
  'Which is the largest planet of the solar system?',
];

async function routeOn(page: Page, prefer: 'wasm' | 'webgpu') {
  await page.goto(`./?${prefer}#bert?prefer=${prefer}`); // a new document per backend: ORT initialises once per page
  await expect(page.getByLabel('bert backend')).toHaveText(prefer, { timeout: 90_000 });
  return page.evaluate(async (texts) => {
    const out = [];
    for (const t of texts) {
      const r = await window.__bertRoute!(t);
      out.push({
        model: r.decision.model,
        quality: r.prediction.estimates.map((e) => e.quality),
        path: r.prediction.explanation.features?.path,
      });
    }
    return out;
  }, messages);
}

test('routes messages with the bert router on WASM and on WebGPU with the same decisions', async ({ page }) => {
  test.setTimeout(180_000);
  const wasm = await routeOn(page, 'wasm');
  const webgpu = await routeOn(page, 'webgpu');
  expect(wasm.map((r) => r.path)).toEqual(messages.map(() => 'per-model'));
  expect(webgpu.map((r) => r.model)).toEqual(wasm.map((r) => r.model));
  wasm.forEach((r, i) => r.quality.forEach((q, j) => expect(Math.abs(q - webgpu[i]!.quality[j]!), messages[i]).toBeLessThan(0.02)));
  // the page itself routes typed text and shows the decision
  await page.getByLabel('Message to route').fill(messages[1]!);
  await page.getByRole('button', { name: 'Route' }).click();
  await expect(page.getByLabel('bert decision')).toHaveText(wasm[1]!.model);
});
