// The app's one IndexedDB database: opens it and owns its schema and upgrades. Every store is declared
// here so features add records, not schema versions, unless they must.
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';

export interface AppDB extends DBSchema {
  /** Small named settings (preferences, catalog edits, enabled models), one record per key. */
  settings: { key: string; value: unknown };
  /** Provider API keys, encrypted (AES-GCM); the record layout is owned by the key vault. */
  keys: { key: string; value: unknown };
  /** Chat conversations; messages are kept inside their conversation record. */
  conversations: { key: string; value: { id: string; updatedAt: number } & Record<string, unknown>; indexes: { updatedAt: number } };
  /** One record per routed provider call and user feedback on it (the local learning log). */
  outcomes: { key: string; value: { id: string; at: number } & Record<string, unknown>; indexes: { at: number } };
  /** Imported routing datasets, as native samples. */
  datasets: { key: string; value: { id: string } & Record<string, unknown> };
  /** Trained routers (RouterFile JSON), by the name the user saved them under. */
  routers: { key: string; value: { id: string } & Record<string, unknown> };
  /** Benchmark pipeline runs and their results, one record per run and per (query, model) result. */
  pipeline: { key: string; value: { key: string; run: string } & Record<string, unknown>; indexes: { run: string } };
}

export const DB_NAME = 'llmrouter-web';
const DB_VERSION = 2;

let opening: Promise<IDBPDatabase<AppDB>> | null = null;

export function appDB(): Promise<IDBPDatabase<AppDB>> {
  opening ??= openDB<AppDB>(DB_NAME, DB_VERSION, {
    upgrade(db, oldVersion) {
      if (oldVersion < 1) {
        db.createObjectStore('settings');
        db.createObjectStore('keys');
        db.createObjectStore('conversations', { keyPath: 'id' }).createIndex('updatedAt', 'updatedAt');
        db.createObjectStore('outcomes', { keyPath: 'id' }).createIndex('at', 'at');
        db.createObjectStore('datasets', { keyPath: 'id' });
        db.createObjectStore('routers', { keyPath: 'id' });
      }
      if (oldVersion < 2) db.createObjectStore('pipeline', { keyPath: 'key' }).createIndex('run', 'run');
    },
  });
  return opening;
}
