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
  if (options.keysPassphrase) file.keys = await sealedKeys(options.keysPassphrase);
  return JSON.stringify(file, null, 2);
}

/** Every provider's keys from the vault, sealed under a passphrase (for exports). */
export async function sealedKeys(passphrase: string): Promise<PassphraseSealed> {
  const vault = await appKeyVault();
  const keys = Object.fromEntries(await Promise.all((await vault.providers()).map(async (p) => [p, await vault.getKeys(p)] as const)));
  return sealWithPassphrase(JSON.stringify(keys), passphrase);
}

/** Opens exported keys; throws before anything is written when the passphrase is missing or wrong, or the vault is locked. */
export async function openSealedKeys(sealed: PassphraseSealed, passphrase: string | undefined): Promise<Record<string, string[]>> {
  if (!passphrase) throw new Error('this file holds sealed keys: give the passphrase they were exported with');
  const keys = JSON.parse(await openWithPassphrase(sealed, passphrase)) as Record<string, string[]>;
  if (Object.keys(keys).length > 0 && (await appKeyVault()).locked) throw new Error('the key vault is locked: unlock it before importing keys');
  return keys;
}

/** Puts opened keys into the vault. */
export async function restoreKeys(keys: Record<string, string[]>): Promise<void> {
  const vault = await appKeyVault();
  for (const [provider, list] of Object.entries(keys)) await vault.setKeys(provider, list);
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
  const keys = file.keys ? await openSealedKeys(file.keys, keysPassphrase) : {};
  const tx = (await appDB()).transaction('settings', 'readwrite');
  await Promise.all([...Object.entries(file.settings).map(([k, v]) => tx.store.put(v, k)), tx.done]);
  await restoreKeys(keys);
}
