// Validation of every record read back from IndexedDB or a backup, with schemas the app registers at start
// (one per keyed store, one per named setting), and quarantine of the records that fail: moved out of their
// store into the `quarantine` setting in one transaction, reported to listeners, kept for export, never
// handed to a view. Stores and settings without a registered schema are read as they are.
import type { ZodType } from 'zod';
import { appDB, type AppDB } from './db.ts';

export type StoreName = 'settings' | 'conversations' | 'outcomes' | 'datasets' | 'routers';

export interface RecordSchemas {
  /** Schemas of the keyed stores' records. */
  records: Partial<Record<Exclude<StoreName, 'settings'>, ZodType>>;
  /** Schemas of named settings, by key. */
  settings: Record<string, ZodType>;
}

export interface QuarantinedRecord {
  store: StoreName;
  key: string;
  value: unknown;
  /** What was wrong, field by field. */
  problem: string;
  at: number;
}

export const QUARANTINE_KEY = 'quarantine';

let schemas: RecordSchemas = { records: {}, settings: {} };
const listeners = new Set<(record: QuarantinedRecord) => void>();

export function registerRecordSchemas(next: RecordSchemas): void {
  schemas = next;
}

/** Calls `listener` with each record quarantined from now on; returns the unsubscribe. */
export function onQuarantine(listener: (record: QuarantinedRecord) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** What is wrong with a record of `store` (under `key` for settings), or undefined when it is valid. */
export function recordProblem(store: StoreName, key: string, value: unknown): string | undefined {
  const schema = store === 'settings' ? schemas.settings[key] : schemas.records[store];
  if (!schema) return undefined;
  const result = schema.safeParse(value);
  if (result.success) return undefined;
  const problems = result.error.issues.map((i) => `${i.path.length ? i.path.join('.') : '(record)'}: ${i.message}`);
  return problems.slice(0, 3).join('; ') + (problems.length > 3 ? ` (and ${problems.length - 3} more)` : '');
}

/** The value when it is valid; otherwise quarantines it and returns undefined. */
export async function checked<T>(store: StoreName, key: string, value: unknown): Promise<T | undefined> {
  const problem = recordProblem(store, key, value);
  if (problem === undefined) return value as T;
  await quarantine({ store, key, value, problem, at: Date.now() }, true);
  return undefined;
}

/** Sets records aside in the quarantine list, removing them from their store when `fromStore`. */
export async function quarantine(record: QuarantinedRecord, fromStore: boolean): Promise<void> {
  const db = await appDB();
  const stores = fromStore && record.store !== 'settings' ? (['settings', record.store] as const) : (['settings'] as const);
  const tx = db.transaction(stores, 'readwrite');
  const settings = tx.objectStore('settings');
  const list = ((await settings.get(QUARANTINE_KEY)) as QuarantinedRecord[] | undefined) ?? [];
  await settings.put([...(Array.isArray(list) ? list : []), record], QUARANTINE_KEY);
  if (fromStore) await tx.objectStore(record.store as 'settings').delete(record.key as AppDB['settings']['key']);
  await tx.done;
  for (const listener of listeners) listener(record);
}

export async function quarantined(): Promise<QuarantinedRecord[]> {
  const list = await (await appDB()).get('settings', QUARANTINE_KEY);
  return Array.isArray(list) ? (list as QuarantinedRecord[]) : [];
}

export async function discardQuarantined(): Promise<void> {
  await (await appDB()).delete('settings', QUARANTINE_KEY);
}
