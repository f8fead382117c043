// Providers in the built app against the local provider test server (real HTTP, real CORS, real IndexedDB):
// keys sealed at rest (raw store read back), masked on screen, absent from logs and exports (the one backup
// export/import, keys only sealed; refused while the vault is locked); test connection
// for each wire format; the passphrase lock across a reload; the Content-Security-Policy header and meta.
import { test, expect, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { startTestServer, type TestServer } from '../test-server/server.ts';
import { MODEL_HUB_ORIGINS } from '../src/platform/browser/csp.ts';
import { testServerPort } from '../playwright.config.ts';

const SECRET = 'sk-ant-e2e-SECRET-7f3a9c1d2b4e';
let server: TestServer;
test.beforeAll(async () => void (server = await startTestServer()));
test.afterAll(() => server.close());

/** Every string and byte in every IndexedDB store, flattened, with CryptoKeys described. */
function rawIndexedDB(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const r = indexedDB.open('llmrouter-web');
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    const out: string[] = [];
    const walk = (v: unknown): void => {
      if (v instanceof ArrayBuffer || ArrayBuffer.isView(v)) out.push(new TextDecoder('latin1').decode(v as ArrayBuffer));
      else if (v instanceof CryptoKey) out.push(`CryptoKey(extractable=${v.extractable})`);
      else if (typeof v === 'string') out.push(v);
      else if (v && typeof v === 'object') Object.values(v).forEach(walk);
    };
    for (const name of Array.from(db.objectStoreNames)) {
      const rows = await new Promise<unknown[]>((resolve) => {
        const r = db.transaction(name).objectStore(name).getAll();
        r.onsuccess = () => resolve(r.result);
      });
      rows.forEach(walk);
    }
    return out.join('\n');
  });
}

async function addProvider(page: Page, kind: string, baseUrl: string, key: string, custom?: { id: string; wire: string }) {
  const form = page.getByRole('form', { name: 'Add provider' });
  await form.getByLabel('Provider').selectOption({ label: kind });
  if (custom) {
    await form.getByLabel('Id', { exact: true }).fill(custom.id);
    await form.getByLabel('Wire format').selectOption(custom.wire);
  }
  await form.getByLabel('Base URL').fill(baseUrl);
  await form.getByLabel('API key').fill(key);
  await form.getByRole('button', { name: 'Save provider' }).click();
  await expect(form.getByLabel('API key')).toHaveValue('');
}

async function exported(page: Page): Promise<string> {
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export all data' }).click();
  return readFileSync(await (await download).path(), 'utf8');
}

/** The settings store of an exported backup, as an object. */
const settingsOf = (backup: string) => Object.fromEntries(JSON.parse(backup).stores.settings);

test('a key is sealed in IndexedDB, masked on screen, and absent from logs and exports', async ({ page }) => {
  const logs: string[] = [];
  page.on('console', (m) => logs.push(m.text()));
  page.on('pageerror', (e) => logs.push(e.message));
  await page.goto('./#settings');
  await addProvider(page, 'Anthropic', `${server.url}/anthropic/v1`, SECRET);

  const row = page.getByRole('listitem', { name: 'provider anthropic' });
  await expect(row.getByRole('list', { name: 'keys' })).toContainText(`••••${SECRET.slice(-4)}`);
  await row.getByRole('button', { name: 'Test connection' }).click();
  await expect(page.getByLabel('connection anthropic')).toHaveText(/^Connected: 2 models/);
  expect(server.requests.at(-1)).toMatchObject({ wire: 'anthropic', path: '/anthropic/v1/models', keyed: true });

  const dom = await page.evaluate(
    () => document.documentElement.outerHTML + [...document.querySelectorAll('input')].map((i) => i.value).join('\n'),
  );
  expect(dom).not.toContain(SECRET);

  const raw = await rawIndexedDB(page);
  expect(raw).toContain('anthropic'); // the records are there...
  expect(raw).toContain('CryptoKey(extractable=false)');
  expect(raw).not.toContain(SECRET); // ...but the key is not, in any string or byte
  expect(raw).not.toContain(SECRET.slice(8, 24));

  const plain = await exported(page);
  expect(settingsOf(plain).providers[0]).toMatchObject({ id: 'anthropic', baseUrl: `${server.url}/anthropic/v1` });
  expect(plain).not.toContain(SECRET);
  expect(JSON.parse(plain).keys).toBeUndefined();

  await page.getByLabel('Include keys (sealed with a passphrase)').check();
  await page.getByLabel('Passphrase for keys').fill('export passphrase 1');
  const sealed = await exported(page);
  expect(sealed).not.toContain(SECRET);
  expect(JSON.parse(sealed).keys).toMatchObject({ format: 'llmrouter-web/sealed', kdf: 'PBKDF2-SHA-256', iterations: 600000 });

  // The sealed export restores provider and key in a fresh profile, given its passphrase.
  const fresh = await (await page.context().browser()!.newContext({ baseURL: page.url() })).newPage();
  await fresh.goto('./#settings');
  const file = { name: 'llmrouter-backup.json', mimeType: 'application/json', buffer: Buffer.from(sealed) };
  await fresh.getByLabel('Import data').setInputFiles(file);
  await expect(fresh.getByRole('alert')).toHaveText(/^llmrouter-backup.json: this file holds sealed keys/);
  await fresh.getByLabel('Passphrase for keys').fill('export passphrase 1');
  await fresh.getByLabel('Import data').setInputFiles(file);
  // anthropic at another base URL than its own is a destination this profile does not have: shown, then applied.
  const confirm = fresh.getByRole('alertdialog', { name: 'Confirm where requests go' });
  await expect(confirm.getByRole('listitem')).toHaveText([`provider "anthropic" base URL: (none) → ${server.url}/anthropic/v1`]);
  await confirm.getByRole('button', { name: 'Apply these changes' }).click();
  const imported = fresh.getByRole('status').filter({ hasText: 'from llmrouter-backup.json' });
  await expect(imported).toBeVisible();
  await expect(imported).toBeHidden(); // the app reloads with the restored data
  await fresh.getByRole('listitem', { name: 'provider anthropic' }).getByRole('button', { name: 'Test connection' }).click();
  await expect(fresh.getByLabel('connection anthropic')).toHaveText(/^Connected: 2 models/);
  expect(await rawIndexedDB(fresh)).not.toContain(SECRET);
  await fresh.context().close();

  expect(logs.join('\n')).not.toContain(SECRET);
});

test('test connection works for each wire format and reports a bad key without showing it', async ({ page }) => {
  await page.goto('./#settings');
  await addProvider(page, 'Google Gemini', `${server.url}/gemini/v1beta`, 'gemini-good-key-1234');
  await addProvider(page, 'Custom server', `${server.url}/local/v1`, '', { id: 'local-echo', wire: 'openai' });
  await addProvider(page, 'OpenAI', `${server.url}/openai/v1`, 'bad-openai-key-99887766');
  for (const [id, expected] of [
    ['google', /^Connected: 2 models/],
    ['local-echo', /^Connected: 2 models/],
    ['openai', /^Failed \(auth\)/],
  ] as const) {
    await page
      .getByRole('listitem', { name: `provider ${id}` })
      .getByRole('button', { name: 'Test connection' })
      .click();
    await expect(page.getByLabel(`connection ${id}`)).toHaveText(expected);
  }
  // The test server echoes a bad OpenAI key in full, as OpenAI echoes part of it: the app shows none of it.
  await expect(page.getByLabel('connection openai')).toContainText('[key redacted]');
  expect(await page.content()).not.toContain('bad-openai-key-99887766');
});

test('under a passphrase, keys stay locked after a reload until it is entered', async ({ page }) => {
  await page.goto('./#settings');
  await addProvider(page, 'Anthropic', `${server.url}/anthropic/v1`, SECRET);
  const vault = page.getByRole('form', { name: 'Key vault' });
  await page.getByLabel('Include keys (sealed with a passphrase)').check();
  await page.getByLabel('Passphrase for keys').fill('export passphrase 2');
  const backup = JSON.parse(await exported(page));
  await vault.getByLabel('Passphrase').fill('correct horse battery');
  await vault.getByRole('button', { name: 'Set passphrase' }).click();
  await expect(vault).toContainText('protected by a passphrase');
  expect(await rawIndexedDB(page)).not.toContain('CryptoKey'); // only the wrapped data key is stored

  await page.reload();
  await expect(vault).toContainText('Keys are locked');
  // While locked, an import holding keys is refused before it writes anything (its settings included).
  const changed = `${server.url}/changed-by-import/v1`;
  backup.stores.settings = backup.stores.settings.map(([k, v]: [string, unknown]) => [
    k,
    k === 'providers' ? [{ ...(v as object[])[0], baseUrl: changed }] : v,
  ]);
  await page.getByLabel('Passphrase for keys').fill('export passphrase 2');
  await page
    .getByLabel('Import data')
    .setInputFiles({ name: 'locked.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(backup)) });
  await expect(page.getByRole('alert')).toHaveText('locked.json: the key vault is locked: unlock it before importing keys');
  expect(await rawIndexedDB(page)).not.toContain(changed);
  await page.getByRole('listitem', { name: 'provider anthropic' }).getByRole('button', { name: 'Test connection' }).click();
  await expect(page.getByLabel('connection anthropic')).toHaveText(/^Failed/);
  await vault.getByLabel('Passphrase').fill('wrong passphrase');
  await vault.getByRole('button', { name: 'Unlock' }).click();
  await expect(vault).toContainText('wrong passphrase');
  await vault.getByLabel('Passphrase').fill('correct horse battery');
  await vault.getByRole('button', { name: 'Unlock' }).click();
  await expect(vault.getByRole('status')).toHaveText('Unlocked');
  await expect(page.getByRole('listitem', { name: 'provider anthropic' })).toContainText(`••••${SECRET.slice(-4)}`);
  await page.getByRole('listitem', { name: 'provider anthropic' }).getByRole('button', { name: 'Test connection' }).click();
  await expect(page.getByLabel('connection anthropic')).toHaveText(/^Connected/);
});

test('the built app carries its final Content-Security-Policy from the first byte, in the page and in the header', async ({
  page,
  context,
}) => {
  const response = await page.goto('./#settings');
  const header = response!.headers()['content-security-policy'];
  const testServer = `http://127.0.0.1:${testServerPort}`;
  expect(header).toContain(`connect-src 'self' https://api.openai.com https://api.anthropic.com https://generativelanguage.googleapis.com`);
  expect(header).toContain(` ${testServer} `); // the e2e deploy's one local provider, at its one port
  for (const loose of [' https: ', ' http: ', '127.0.0.1:*', 'localhost:*']) expect(header).not.toContain(loose);
  expect(header).toContain("script-src 'self' 'wasm-unsafe-eval'");
  expect(header).toContain("frame-ancestors 'none'");
  // The page's first <meta> is that same policy (less framing, which a <meta> cannot say) before any script runs; with
  // hub downloads off the app adds a connect-src without the hub (policies intersect).
  const raw = await (await page.request.get('./')).text();
  expect(raw).toContain(`<meta http-equiv="Content-Security-Policy" content="${header.replace("; frame-ancestors 'none'", '')}">`);
  await expect(page.getByLabel('Router in use')).toBeVisible();
  const metas = await page
    .locator('meta[http-equiv="Content-Security-Policy"]')
    .evaluateAll((ms) => ms.map((m) => m.getAttribute('content')));
  expect(metas).toHaveLength(2);
  const headerConnect = header.split('; ').find((d: string) => d.startsWith('connect-src '))!;
  expect(metas[1]).toBe(
    headerConnect
      .split(' ')
      .filter((s: string) => !MODEL_HUB_ORIGINS.includes(s))
      .join(' '),
  );

  // Another port on this machine (any port was allowed before) is refused to the page and to a worker alike.
  const otherPort = `http://127.0.0.1:${testServerPort + 1}`;
  await context.route(`${otherPort}/**`, (route) => route.fulfill({ body: 'stolen', headers: { 'access-control-allow-origin': '*' } }));
  const fromPage = await page.evaluate(
    (url) =>
      fetch(url).then(
        () => 'allowed',
        () => 'blocked',
      ),
    `${otherPort}/collect`,
  );
  const fromWorker = await page.evaluate((url) => {
    const code = `fetch(${JSON.stringify(url)}).then(() => postMessage('allowed'), () => postMessage('blocked'))`;
    const worker = new Worker(URL.createObjectURL(new Blob([code], { type: 'text/javascript' })));
    return new Promise<string>((resolve) => (worker.onmessage = (e) => resolve(e.data as string)));
  }, `${otherPort}/collect`);
  expect([fromPage, fromWorker]).toEqual(['blocked', 'blocked']);
  expect(
    await page.evaluate(() =>
      fetch('https://example.com/').then(
        () => 'allowed',
        () => 'blocked',
      ),
    ),
  ).toBe('blocked');
});

async function send(page: Page, models: string, message: string) {
  const form = page.getByRole('form', { name: 'Try a call' });
  if (!(await form.isVisible())) await page.getByText('Developer', { exact: true }).click();
  await form.getByLabel('Models, best first').fill(models);
  await form.getByLabel('Message').fill(message);
  await form.getByRole('button', { name: 'Send' }).click();
  return form;
}

test.describe('calls from the browser', () => {
  test.beforeEach(async ({ page }) => {
    server.faults.set([]);
    await page.goto('./#settings');
    await addProvider(page, 'OpenAI', `${server.url}/openai/v1`, 'sk-openai-browser-1111');
    await addProvider(page, 'Anthropic', `${server.url}/anthropic/v1`, SECRET);
    await addProvider(page, 'Google Gemini', `${server.url}/gemini/v1beta`, 'gemini-browser-key-2222');
  });

  test('stream an answer from each wire format', async ({ page }) => {
    server.faults.set([{ fault: 'stall=120' }]);
    for (const model of ['gpt-4o-mini', 'claude-haiku-4-5', 'gemini-2.0-flash']) {
      const form = await send(page, model, 'stream me');
      const answer = form.getByLabel('answer');
      await expect(answer).toContainText('Echo from'); // pieces show while the stream is still going
      await expect(form.getByLabel('call result')).toHaveCount(0);
      await expect(form.getByLabel('call result')).toHaveText(new RegExp(`^Complete · ${model} · \\$0\\.0000`));
      await expect(answer).toHaveText(`Echo from ${model}: stream me`);
    }
  });

  test('fall back on a 500, resume or stop mid-stream by the setting, refuse over budget, and log outcomes without keys', async ({
    page,
  }) => {
    server.faults.set([{ wire: 'openai', fault: '500' }]);
    let form = await send(page, 'gpt-4o-mini, claude-haiku-4-5', 'hello browser');
    await expect(form.getByLabel('call result')).toHaveText(/^Complete · claude-haiku-4-5 ·/);
    await expect(form.getByLabel('answer')).toHaveText('Echo from claude-haiku-4-5: hello browser');
    await expect(form.getByLabel('call events')).toContainText('fell back from gpt-4o-mini to claude-haiku-4-5');

    server.faults.set([{ wire: 'openai', fault: 'reset=3' }]);
    form = await send(page, 'gpt-4o-mini, claude-haiku-4-5', 'resume me');
    await expect(form.getByLabel('call result')).toHaveText(/^Complete · gpt-4o-mini \+ claude-haiku-4-5 ·/);
    await expect(form.locator('[data-model="gpt-4o-mini"]')).toHaveText('Echo from gpt-4o-mini: ');
    await expect(form.locator('[data-model="claude-haiku-4-5"]')).toHaveClass('resumed');
    await expect(form.getByLabel('call events')).toContainText('(continuing the answer)');

    // Three failures of OpenAI in a row (the 500, its retry, the reset) opened its circuit: it is skipped now.
    server.faults.set([]);
    form = await send(page, 'gpt-4o-mini, claude-haiku-4-5', 'skip it');
    await expect(form.getByLabel('call result')).toHaveText(/^Complete · claude-haiku-4-5 ·/);
    await expect(form.getByLabel('call events')).toContainText('skipped gpt-4o-mini (circuit_open)');

    await page.reload(); // a new session: circuits closed again
    await page.getByLabel('When an answer breaks off').selectOption('stop');
    server.faults.set([{ wire: 'openai', fault: 'cut=3' }]);
    form = await send(page, 'gpt-4o-mini, claude-haiku-4-5', 'stop me');
    await expect(form.getByLabel('call result')).toHaveText(/^Stopped \(stream_cut\)/);
    await expect(form.getByLabel('call events')).toContainText('gpt-4o-mini failed (stream_cut); stop');
    await expect(form.getByLabel('answer')).toHaveText('Echo from gpt-4o-mini: ');

    await page.getByLabel('Daily budget (USD)').fill('0.0000001');
    const before = server.requests.length;
    form = await send(page, 'gpt-4o-mini, claude-haiku-4-5', 'too dear');
    await expect(form.getByLabel('call result')).toHaveText(/^Stopped \(budget\): refused: .* daily budget/);
    expect(server.requests.length).toBe(before);

    const raw = await rawIndexedDB(page);
    for (const kind of ['server', 'stream_cut', 'ok']) expect(raw).toContain(kind);
    for (const key of [SECRET, 'sk-openai-browser-1111', 'gemini-browser-key-2222']) expect(raw).not.toContain(key);
  });
});
