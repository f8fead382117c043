// Exports the settings as one JSON file. Provider keys stay out unless the user asks, and then they go in
// sealed under a passphrase (PBKDF2 + AES-GCM), never in plain text. Import reverses it.
import { appDB } from './db.ts';
import { appKeyVault } from './key-vault-idb.ts';
import { openWithPassphrase, sealWithPassphrase, type PassphraseSealed } from './sealed-box.ts';

interface SettingsFile {
  format: 'llmrouter-web/settings';
  version: 1;
  exportedAt: string;
  settings: Record<string, unknown>;
  keys?: PassphraseSealed;
}

export async function exportSettings(options: { keysPassphrase?: string } = {}): Promise<string> {
  const db = await appDB();
  const names = await db.getAllKeys('settings');
  const settings = Object.fromEntries(await Promise.all(names.map(async (n) => [String(n), await db.get('settings', n)] as const)));
  const file: SettingsFile = { format: 'llmrouter-web/settings', version: 1, exportedAt: new Date().toISOString(), settings };
  if (options.keysPassphrase) {
    const vault = await appKeyVault();
    const keys = Object.fromEntries(await Promise.all((await vault.providers()).map(async (p) => [p, await vault.getKeys(p)] as const)));
    file.keys = await sealWithPassphrase(JSON.stringify(keys), options.keysPassphrase);
  }
  return JSON.stringify(file, null, 2);
}

/** Restores an export; keys need the passphrase they were sealed with. Nothing is written if any part fails. */
export async function importSettings(text: string, keysPassphrase?: string): Promise<void> {
  let file: SettingsFile;
  try {
    file = JSON.parse(text) as SettingsFile;
  } catch (e) {
    throw new Error(`the settings file is not JSON: ${(e as Error).message}`);
  }
  if (file.format !== 'llmrouter-web/settings' || file.version !== 1) throw new Error('not an llmrouter-web settings file (field "format" or "version")');
  if (typeof file.settings !== 'object' || file.settings === null) throw new Error('the settings file has no "settings" object');
  let keys: Record<string, string[]> = {};
  if (file.keys) {
    if (!keysPassphrase) throw new Error('this file holds sealed keys: give the passphrase they were exported with');
    keys = JSON.parse(await openWithPassphrase(file.keys, keysPassphrase)) as Record<string, string[]>;
  }
  const vault = await appKeyVault();
  if (Object.keys(keys).length > 0 && vault.locked) throw new Error('the key vault is locked: unlock it before importing keys');
  const tx = (await appDB()).transaction('settings', 'readwrite');
  await Promise.all([...Object.entries(file.settings).map(([k, v]) => tx.store.put(v, k)), tx.done]);
  for (const [provider, list] of Object.entries(keys)) await vault.setKeys(provider, list);
}
