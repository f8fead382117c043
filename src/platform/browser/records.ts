// Generic reads and writes of the app's keyed IndexedDB stores (conversations, outcomes, datasets, routers).
// Callers own their record types; this file only moves them in and out.
import { appDB, type AppDB } from './db.ts';

export type RecordStore = 'conversations' | 'outcomes' | 'datasets' | 'routers';

export async function allRecords<T extends { id: string }>(store: RecordStore): Promise<T[]> {
  return (await (await appDB()).getAll(store)) as unknown as T[];
}

export async function getRecord<T extends { id: string }>(store: RecordStore, id: string): Promise<T | undefined> {
  return (await (await appDB()).get(store, id)) as unknown as T | undefined;
}

export async function putRecord<T extends { id: string }>(store: RecordStore, value: T): Promise<void> {
  await (await appDB()).put(store, value as unknown as AppDB[RecordStore]['value']);
}

export async function deleteRecord(store: RecordStore, id: string): Promise<void> {
  await (await appDB()).delete(store, id);
}
