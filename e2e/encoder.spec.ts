// The on-device encoder in real Chromium on the built app: WASM (threaded, cross-origin isolated) and the WebGPU
// adapter (SwiftShader with --enable-unsafe-webgpu) give the same embeddings, and nothing is fetched off-origin.
import { test, expect, type Page } from '@playwright/test';
import { cosine, embedInPage } from './page-encoder.ts';

const texts = [
  'Which model should answer this question?',
  'def add(a, b): return a + b',
  'Wo ist der nächste Bahnhof?',
  '∫_0^1 x^2 dx = 1/3',
];

async function embedOn(page: Page, prefer: 'wasm' | 'webgpu') {
  await page.goto(`./?${prefer}#encoder?prefer=${prefer}`); // a new document per backend: ORT initialises once per page
  await expect(page.getByLabel('encoder backend')).toHaveText(prefer, { timeout: 90_000 });
  return embedInPage(page, texts);
}

test('embeds in Chromium on WASM and on WebGPU with matching results, all from the app origin', async ({ page, baseURL }) => {
  test.setTimeout(180_000);
  const origin = new URL(baseURL!).origin;
  const offOrigin: string[] = [];
  page.on('request', (r) => {
    const url = r.url();
    if (!url.startsWith(origin) && !/^(data|blob):/.test(url)) offOrigin.push(url);
  });

  const wasm = await embedOn(page, 'wasm');
  expect(wasm.isolated).toBe(true);
  expect(wasm.vectors).toHaveLength(texts.length);
  for (const v of wasm.vectors) {
    expect(v).toHaveLength(512);
    expect(Math.hypot(...v)).toBeCloseTo(1, 4);
  }
  // different texts give clearly different vectors
  expect(cosine(wasm.vectors[0], wasm.vectors[1])).toBeLessThan(0.9);

  const webgpu = await embedOn(page, 'webgpu');
  expect(webgpu.backend).toBe('webgpu');
  webgpu.vectors.forEach((v, i) => expect(cosine(v, wasm.vectors[i]), texts[i]).toBeGreaterThanOrEqual(0.999));

  expect(offOrigin).toEqual([]);
});

test('the diagnostics page embeds typed text and reports backend and cold start', async ({ page }) => {
  await page.goto('./#encoder?prefer=wasm&threads=1');
  await expect(page.getByLabel('encoder backend')).toHaveText('wasm', { timeout: 90_000 });
  await expect(page.getByLabel('cold start ms')).toHaveText(/^\d+$/);
  await page.getByLabel('Text to embed').fill('Bonjour tout le monde');
  await page.getByRole('button', { name: 'Embed' }).click();
  await expect(page.getByLabel('embedding')).toHaveText(/^\[-?0\.\d{4}, /);
});

test('by default a software WebGPU adapter (SwiftShader here) is passed over for WASM', async ({ page }) => {
  await page.goto('./#encoder');
  const software = await page.evaluate(async () => {
    const adapter = await (
      navigator as Navigator & { gpu: { requestAdapter(): Promise<{ info: { isFallbackAdapter: boolean } } | null> } }
    ).gpu.requestAdapter();
    return adapter?.info.isFallbackAdapter;
  });
  expect(software).toBe(true);
  await expect(page.getByLabel('encoder backend')).toHaveText('wasm', { timeout: 90_000 });
});
