// Writes records straight into the app's IndexedDB, as a broken backup, an old version or an attacker with the
// profile could leave them, so tests can show how the app copes on the next load.
import type { Page } from '@playwright/test';

/** Puts records into one store of the app's database (opened by the app once already); keyless stores take [key, value] pairs. */
export async function seedRecords(page: Page, store: string, records: readonly unknown[], keys?: readonly string[]): Promise<void> {
  await page.evaluate(
    ({ store, records, keys }) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('llmrouter-web');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction(store, 'readwrite');
          records.forEach((r, i) => (keys ? tx.objectStore(store).put(r, keys[i]) : tx.objectStore(store).put(r)));
          tx.oncomplete = () => {
            open.result.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    { store, records, keys },
  );
}

/** A conversation record with one assistant answer per text. */
export function conversationOf(title: string, answers: readonly string[], at = Date.now()) {
  return {
    id: `seed-${title}`,
    title,
    createdAt: at,
    updatedAt: at,
    messages: answers.flatMap((content, i) => [
      { id: `q${i}`, role: 'user', content: `question ${i}`, at },
      { id: `a${i}`, role: 'assistant', content, at, status: 'done' },
    ]),
  };
}

/** A keyless local provider in settings, so the chat shows threads instead of the first-run welcome. */
export function seedLocalProvider(page: Page): Promise<void> {
  return seedRecords(
    page,
    'settings',
    [[{ id: 'local', label: 'Local', wire: 'openai', baseUrl: 'http://127.0.0.1:9/v1' }]],
    ['providers'],
  );
}
