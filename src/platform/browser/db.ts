// The app's one IndexedDB database: opens it and owns its schema and upgrades.
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';

export interface AppDB extends DBSchema {
  /** Small named settings, one record per key. */
  settings: { key: string; value: unknown };
}

export const DB_NAME = 'llmrouter-web';
const DB_VERSION = 1;

let opening: Promise<IDBPDatabase<AppDB>> | null = null;

export function appDB(): Promise<IDBPDatabase<AppDB>> {
  opening ??= openDB<AppDB>(DB_NAME, DB_VERSION, {
    upgrade(db, oldVersion) {
      if (oldVersion < 1) db.createObjectStore('settings');
    },
  });
  return opening;
}
