// Reads and writes named settings in IndexedDB.
import { appDB } from './db.ts';

export async function loadSetting<T>(key: string): Promise<T | undefined> {
  return (await (await appDB()).get('settings', key)) as T | undefined;
}

export async function saveSetting<T>(key: string, value: T): Promise<void> {
  await (await appDB()).put('settings', value, key);
}
