// Hostile model output cannot take the app over: every payload of the XSS corpus is rendered as an answer in
// the built app, and nothing runs, nothing leaves its message box, no request leaves the origin, the app's own
// controls stay usable after a reload, and links open in a new context showing where they go. Answers built to hang
// or crash the renderer (markdown-torture.ts) each render or fall back to plain text, and the page stays usable.
import { test, expect } from '@playwright/test';
import { conversationOf, seedLocalProvider, seedRecords } from './idb-seed.ts';
import { OVERLAY, XSS_CORPUS } from './xss-corpus.ts';
import { MARKDOWN_TORTURE, WELL_FORMED } from './markdown-torture.ts';

test('the XSS corpus renders inert and contained', async ({ page, baseURL }) => {
  const origin = new URL(baseURL!).origin;
  const foreign: string[] = [];
  const dialogs: string[] = [];
  page.on('request', (r) => {
    if (!r.url().startsWith(origin) && !r.url().startsWith('data:') && !r.url().startsWith('blob:')) foreign.push(r.url());
  });
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await page.goto('./');
  await expect(page.getByRole('navigation', { name: 'Conversations' })).toBeVisible();
  await seedLocalProvider(page);
  await seedRecords(page, 'conversations', [conversationOf('hostile', XSS_CORPUS)]);
  await page.reload();

  const answers = page.locator('.message.assistant .markdown');
  await expect(answers).toHaveCount(XSS_CORPUS.length);
  await expect(page.locator('.message.assistant .markdown[data-render="pending"]')).toHaveCount(0, { timeout: 30_000 });
  // Hover, focus and click-free events on everything, so payloads waiting for an event get their chance.
  await page.evaluate(() => {
    for (const el of document.querySelectorAll<HTMLElement>('.message.assistant .markdown *')) {
      for (const type of ['mouseover', 'mouseenter', 'pointerover', 'animationstart', 'toggle'])
        el.dispatchEvent(new Event(type, { bubbles: true }));
      el.focus();
    }
  });
  await page.waitForLoadState('networkidle');
  const report = await page.evaluate(() => {
    const escaped: string[] = [];
    const forbidden: string[] = [];
    for (const box of document.querySelectorAll<HTMLElement>('.message.assistant .markdown')) {
      if (!/paint|content|strict/.test(getComputedStyle(box).contain)) escaped.push('message box without paint containment');
      for (const el of box.querySelectorAll<HTMLElement>('*')) {
        const position = getComputedStyle(el).position;
        if (position !== 'static' && position !== 'relative') escaped.push(`${el.tagName} is ${position}`);
        if (el.matches('script,style,form,input,button,textarea,select,iframe,frame,object,embed,svg,math,dialog,meta,link,base,template'))
          forbidden.push(el.outerHTML.slice(0, 80));
        for (const a of el.getAttributeNames())
          if (a.startsWith('on') || a === 'style' || a === 'id' || a === 'name') forbidden.push(`${el.tagName}[${a}]`);
        if (el instanceof HTMLAnchorElement && el.href) {
          if (el.target !== '_blank' || !/\bnoopener\b/.test(el.rel) || !/\bnoreferrer\b/.test(el.rel))
            forbidden.push(`link ${el.href} opens in the app's context`);
          if (!/^(https?|mailto):/.test(el.protocol)) forbidden.push(`link to ${el.href}`);
        }
      }
    }
    return { escaped, forbidden };
  });
  expect(report.escaped).toEqual([]);
  expect(report.forbidden).toEqual([]);
  expect(dialogs).toEqual([]);
  expect(foreign).toEqual([]);

  // The app's own controls are on top and work.
  const list = page.getByRole('navigation', { name: 'Conversations' });
  await list.getByRole('button', { name: '+ New chat' }).click();
  await expect(list.getByRole('button', { name: 'New chat', exact: true })).toBeVisible();
  await page.getByRole('tab', { name: 'Settings' }).click();
  await expect(page.getByRole('tab', { name: 'Settings' })).toHaveAttribute('aria-selected', 'true');
});

test('an overlay answer stays in its box and its link opens elsewhere, showing its target', async ({ page, context }) => {
  await context.route('https://evil.example.com/**', (route) => route.abort());
  await page.goto('./');
  await expect(page.getByRole('navigation', { name: 'Conversations' })).toBeVisible();
  await seedLocalProvider(page);
  await seedRecords(page, 'conversations', [conversationOf('overlay', [OVERLAY])]);
  await page.reload();
  const answer = page.getByRole('article', { name: /^Answer/ });
  const link = answer.getByRole('link', { name: 'Re-enter it' });
  await expect(link).toHaveAttribute('title', 'https://evil.example.com');
  expect(await link.evaluate((a) => getComputedStyle(a, '::after').content)).toContain('evil.example.com');

  // The controls the overlay tried to cover are the topmost elements where they are.
  const list = page.getByRole('navigation', { name: 'Conversations' });
  const remove = list.getByRole('button', { name: 'Delete overlay' });
  for (const control of [list.getByRole('button', { name: '+ New chat' }), page.getByRole('tab', { name: 'Settings' }), remove]) {
    expect(
      await control.evaluate((el) => {
        const r = el.getBoundingClientRect();
        return el.contains(document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2));
      }),
    ).toBe(true);
  }

  const appUrl = page.url();
  const [popup] = await Promise.all([context.waitForEvent('page'), link.click()]);
  expect(page.url()).toBe(appUrl);
  expect(await popup.evaluate(() => window.opener).catch(() => null)).toBeNull();
  await popup.close();

  page.once('dialog', (d) => void d.accept());
  await remove.click();
  await expect(answer).toHaveCount(0);
});

test('the markdown torture corpus never hangs or breaks the page: each answer renders or falls back to text', async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto('./');
  const list = page.getByRole('navigation', { name: 'Conversations' });
  await expect(list).toBeVisible();
  await seedLocalProvider(page);
  await seedRecords(page, 'conversations', [conversationOf('torture', [WELL_FORMED, ...MARKDOWN_TORTURE.map((c) => c.text)])]);
  await page.reload();

  // Usable while the worker is still at it (generous bounds: this machine is shared).
  await expect(list.getByRole('button', { name: 'torture', exact: true })).toBeVisible({ timeout: 30_000 });
  await page.getByRole('tab', { name: 'Settings' }).click({ timeout: 10_000 });
  await page.getByRole('tab', { name: 'Chat' }).click({ timeout: 10_000 });

  const answers = page.locator('.message.assistant .markdown');
  await expect(answers).toHaveCount(MARKDOWN_TORTURE.length + 1);
  await expect(page.locator('.message.assistant .markdown[data-render="pending"]')).toHaveCount(0, { timeout: 120_000 });
  await expect(answers.first()).toHaveAttribute('data-render', 'markdown');
  await expect(answers.first().locator('strong')).toHaveText('Measure');
  const textual = [
    'a_a_ 200 KB',
    'a_a_ 60 KB',
    '> x 10,000',
    '10 MB answer',
    'unclosed emphasis 50 KB',
    'list nested 250 deep',
    'html div nesting 10,000',
  ];
  for (const name of textual) {
    const answer = answers.nth(MARKDOWN_TORTURE.findIndex((c) => c.name === name) + 1);
    await expect(answer, name).toHaveAttribute('data-render', 'text');
    await expect(answer.getByLabel('Shown as plain text'), name).toBeVisible();
  }
  await expect(page.getByRole('region', { name: 'Recovery' })).toHaveCount(0);

  await list.getByRole('button', { name: '+ New chat' }).click();
  await expect(list.getByRole('button', { name: 'New chat', exact: true })).toBeVisible();
  // The main thread answers promptly (a generous bound: the figure itself is in bench/results/markdown-torture.json).
  const start = Date.now();
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(resolve)));
  expect(Date.now() - start).toBeLessThan(2_000);
});
