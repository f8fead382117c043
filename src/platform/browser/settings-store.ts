// Reads and writes named settings in IndexedDB; a setting read back is checked against its registered schema
// first, and one that fails is quarantined and read as unset (record-checks.ts).
import { appDB } from './db.ts';
import { checked } from './record-checks.ts';

export async function loadSetting<T>(key: string): Promise<T | undefined> {
  const value = await (await appDB()).get('settings', key);
  return value === undefined ? undefined : checked<T>('settings', key, value);
}

export async function saveSetting<T>(key: string, value: T): Promise<void> {
  await (await appDB()).put('settings', value, key);
}
