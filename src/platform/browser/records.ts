// Generic reads and writes of the app's keyed IndexedDB stores (conversations, outcomes, datasets, routers).
// Callers own their record types; every record read is checked against its store's registered schema first,
// and one that fails is quarantined instead of returned (record-checks.ts).
import { appDB, type AppDB } from './db.ts';
import { checked } from './record-checks.ts';

export type RecordStore = 'conversations' | 'outcomes' | 'datasets' | 'routers';

export async function allRecords<T extends { id: string }>(store: RecordStore): Promise<T[]> {
  const tx = (await appDB()).transaction(store);
  const [keys, values] = await Promise.all([tx.store.getAllKeys(), tx.store.getAll()]);
  const valid = await Promise.all(values.map((value, i) => checked<T>(store, String(keys[i]), value)));
  return valid.filter((v): v is Awaited<T> => v !== undefined) as T[];
}

export async function getRecord<T extends { id: string }>(store: RecordStore, id: string): Promise<T | undefined> {
  const value = await (await appDB()).get(store, id);
  return value === undefined ? undefined : checked<T>(store, id, value);
}

export async function putRecord<T extends { id: string }>(store: RecordStore, value: T): Promise<void> {
  await (await appDB()).put(store, value as unknown as AppDB[RecordStore]['value']);
}

export async function deleteRecord(store: RecordStore, id: string): Promise<void> {
  await (await appDB()).delete(store, id);
}
