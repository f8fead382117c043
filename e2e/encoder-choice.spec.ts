// Any encoder by name, in real Chromium on the built app: a small BERT (test/fixtures/tiny-bert, CLS pooling, fp32
// and fp16 files) served as if from the Hugging Face hub (no hub is reachable here: the browser context answers
// huggingface.co from the fixture folder). It matches the Python reference in the page on WASM and WebGPU; chosen
// in Settings it replaces USE-lite, the shipped router (trained on USE-lite) refuses it naming both encoders, a
// router trained in the lab with it routes chat, and once cached it keeps working with the hub unreachable.
import { test, expect, type BrowserContext, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { startTestServer, type TestServer } from '../test-server/server.ts';
import { addTestProvider, chat, trainInLab } from './app-helpers.ts';
import { cosine, embedInPage } from './page-encoder.ts';

const fixture = resolve(import.meta.dirname, '../test/fixtures/tiny-bert');
const expected = JSON.parse(readFileSync(`${fixture}/expected.json`, 'utf8')) as {
  texts: string[];
  cls: number[][];
  cls_fp16: number[][];
  long_texts: string[];
  long_cls: number[][];
};
const HUB_ID = 'test-org/tiny-bert';

let server: TestServer;
test.beforeAll(async () => void (server = await startTestServer()));
test.afterAll(() => server.close());

/** Answers the hub's download URLs from the fixture folder; counts what was fetched. */
async function fakeHub(context: BrowserContext): Promise<string[]> {
  const fetched: string[] = [];
  await context.route('https://huggingface.co/**', async (route) => {
    const path = new URL(route.request().url()).pathname;
    const file = path.match(new RegExp(`^/${HUB_ID}/resolve/main/(.+)$`))?.[1];
    fetched.push(path);
    try {
      return await route.fulfill({
        status: 200,
        body: readFileSync(`${fixture}/${file}`),
        headers: { 'access-control-allow-origin': '*', 'cross-origin-resource-policy': 'cross-origin' },
      });
    } catch {
      return route.fulfill({
        status: 404,
        body: 'not found',
        headers: { 'access-control-allow-origin': '*', 'cross-origin-resource-policy': 'cross-origin' },
      });
    }
  });
  return fetched;
}

async function embedOnPage(page: Page, hash: string, texts: string[]) {
  await page.goto(`./?${hash}#encoder?model=${HUB_ID}&allowHub=1&${hash}`);
  await expect(page.getByLabel('encoder backend')).toBeVisible({ timeout: 90_000 });
  return embedInPage(page, texts);
}

test('a small BERT from the hub (only once downloads are allowed) matches the Python reference in Chromium: fp32 and fp16 on WASM, WebGPU, long texts whole', async ({
  page,
  context,
}) => {
  test.setTimeout(180_000);
  const fetched = await fakeHub(context);
  await page.goto(`./#encoder?model=${HUB_ID}&prefer=wasm&dtype=fp32`); // hub downloads not allowed
  await expect(page.getByRole('alert')).toContainText(`${HUB_ID} is not on this device and downloads from the hub are off`, {
    timeout: 60_000,
  });
  expect(fetched).toEqual([]);
  const short = expected.texts.slice(0, 5);
  const fp32 = await embedOnPage(page, 'prefer=wasm&dtype=fp32', [...short, ...expected.long_texts]);
  expect(fp32.backend).toBe('wasm');
  fp32.vectors.slice(0, 5).forEach((v, i) => expect(cosine(v, expected.cls[i]!), short[i]).toBeGreaterThan(0.9999));
  fp32.vectors.slice(5).forEach((v, i) => expect(cosine(v, expected.long_cls[i]!), 'long text').toBeGreaterThan(0.9999));
  const fp16 = await embedOnPage(page, 'prefer=wasm&dtype=fp16', short);
  fp16.vectors.forEach((v, i) => expect(cosine(v, expected.cls_fp16[i]!), short[i]).toBeGreaterThan(0.999));
  const gpu = await embedOnPage(page, 'prefer=webgpu&dtype=fp32', short);
  expect(gpu.backend).toBe('webgpu');
  gpu.vectors.forEach((v, i) => expect(cosine(v, expected.cls[i]!), short[i]).toBeGreaterThan(0.999));
});

test('the app routes with an encoder the user chose by hub id, and keeps it offline once downloaded', async ({ page, context }) => {
  test.setTimeout(240_000);
  const fetched = await fakeHub(context);
  await page.goto('./');
  await addTestProvider(page, server);
  // The e2e deploy admits the hub in its final policy (llmrouter.config.json's modelHub, stamped at build); the app
  // itself downloads nothing from it until the user allows it.
  const pagePolicy = () =>
    page.evaluate(() => document.querySelector('meta[http-equiv="Content-Security-Policy"]')!.getAttribute('content')!);
  expect(await pagePolicy()).toContain('https://huggingface.co');
  expect(fetched).toEqual([]);

  const form = page.getByRole('form', { name: 'Choose encoder' });
  await form.getByLabel('Encoder', { exact: true }).selectOption('other');
  await form.getByLabel('Encoder model').fill(HUB_ID);
  await form.getByLabel('Encoder weights').selectOption('fp32');
  await form.getByRole('checkbox', { name: /Allow downloads from the Hugging Face hub/ }).check();
  await form.getByRole('button', { name: 'Use this encoder' }).click();
  await page.getByRole('tab', { name: 'Settings' }).click();
  await page.getByRole('button', { name: 'Load encoder now' }).click();
  await expect(page.getByLabel('Encoder backend', { exact: true })).toContainText(`${HUB_ID}@main (onnx`, { timeout: 90_000 });
  await expect(page.getByLabel('Encoder backend', { exact: true })).toContainText('32-d, pooling cls');
  expect(fetched).toContain(`/${HUB_ID}/resolve/main/onnx/model.onnx`);

  // The shipped default router was trained on USE-lite's vectors: it refuses these, naming both encoders.
  const refused = await chat(page, 'What is 12 times 9?');
  await expect(refused).toContainText(
    /trained with the encoder use-lite \(onnx 53ab0e345cdd53f3, 512-d, pooling none\) and cannot route with test-org\/tiny-bert/,
  );

  await trainInLab(page, ['knn']);
  await page.getByRole('button', { name: 'Use knn in chat' }).click();
  const routed = await chat(page, 'Write a Python function that returns 5 fibonacci numbers');
  await expect(routed).toContainText('Echo from echo-');
  await expect(routed.getByRole('button', { name: /^Routing: echo-(small|large) chosen by knn/ })).toBeVisible();

  // The hub unreachable: the encoder comes from the browser's cache and chat still routes.
  await context.unroute('https://huggingface.co/**');
  await context.route('https://huggingface.co/**', (route) => route.abort());
  await page.reload();
  const offline = await chat(page, 'Tell me a short story about 3 cats');
  await expect(offline.getByRole('button', { name: /^Routing: echo-(small|large) chosen by knn/ })).toBeVisible();
});
