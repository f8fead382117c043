// Export of every IndexedDB store to one JSON document, import of it back, and deleting everything.
// API keys never travel as stored (they are sealed under this browser's own key): only when the user asks,
// and then sealed under a passphrase (PBKDF2 + AES-GCM), never in plain text. An import checks every record with
// the same schemas as reads from IndexedDB: valid records are written, invalid ones go straight to quarantine.
import { appDB, type AppDB } from './db.ts';
import { quarantine, recordProblem, type QuarantinedRecord } from './record-checks.ts';
import { appKeyVault } from './key-vault-idb.ts';
import { openWithPassphrase, sealWithPassphrase, type PassphraseSealed } from './sealed-box.ts';

/** Everything but the key vault, which is exported sealed or not at all. */
const STORES = ['settings', 'conversations', 'outcomes', 'datasets', 'routers'] as const;
type StoreName = (typeof STORES)[number];

export interface Backup {
  format: 'llmrouter-web/backup';
  version: 1;
  exportedAt: string;
  /** Each store as [key, value] pairs, so stores with and without in-line keys read back the same. */
  stores: Partial<Record<StoreName, [IDBValidKey, unknown][]>>;
  /** Provider keys, sealed under the user's passphrase, when they asked for them. */
  keys?: PassphraseSealed;
}

export async function exportAll(options: { keysPassphrase?: string } = {}): Promise<Backup> {
  const db = await appDB();
  const stores: Backup['stores'] = {};
  for (const name of STORES) {
    const tx = db.transaction(name);
    const [keys, values] = await Promise.all([tx.store.getAllKeys(), tx.store.getAll()]);
    stores[name] = keys.map((k, i) => [k, values[i]]);
  }
  const backup: Backup = { format: 'llmrouter-web/backup', version: 1, exportedAt: new Date().toISOString(), stores };
  if (options.keysPassphrase) backup.keys = await sealedKeys(options.keysPassphrase);
  return backup;
}

/** The largest backup read at all (a larger file is refused before it is read). */
export const MAX_BACKUP_BYTES = 256 * 1024 * 1024;

export interface ImportReport {
  records: number;
  /** Records that failed their schema: set aside, not written to their store. */
  quarantined: QuarantinedRecord[];
}

/** Checks the whole document first, then writes its valid records in one transaction: a bad file changes nothing. */
export async function importAll(text: string, fileName = 'backup', keysPassphrase?: string): Promise<ImportReport> {
  let doc: Backup;
  try {
    doc = JSON.parse(text) as Backup;
  } catch (e) {
    throw new Error(`${fileName}: not JSON (${(e as Error).message})`);
  }
  if (doc?.format !== 'llmrouter-web/backup' || doc.version !== 1) {
    throw new Error(`${fileName}: field "format" must be "llmrouter-web/backup" version 1`);
  }
  for (const [name, entries] of Object.entries(doc.stores ?? {})) {
    if (!(STORES as readonly string[]).includes(name)) throw new Error(`${fileName}: unknown store "${name}"`);
    if (!Array.isArray(entries) || entries.some((e) => !Array.isArray(e) || e.length !== 2)) {
      throw new Error(`${fileName}: store "${name}" must be a list of [key, value] pairs`);
    }
  }
  const keys = doc.keys ? await openSealedKeys(doc.keys, keysPassphrase).catch((e: Error) => Promise.reject(new Error(`${fileName}: ${e.message}`))) : {};
  const db = await appDB();
  const names = Object.keys(doc.stores) as StoreName[];
  const tx = db.transaction(names, 'readwrite');
  let records = 0;
  const quarantined: QuarantinedRecord[] = [];
  for (const name of names) {
    const store = tx.objectStore(name);
    for (const [key, value] of doc.stores[name]!) {
      const id = String(store.keyPath ? (value as { id?: unknown } | null)?.id : key);
      const problem = recordProblem(name, id, value);
      if (problem !== undefined) {
        quarantined.push({ store: name, key: id, value, problem, at: Date.now() });
        continue;
      }
      records++;
      if (store.keyPath) void store.put(value as AppDB[typeof name]['value']);
      else void store.put(value as AppDB[typeof name]['value'], key as string);
    }
  }
  await tx.done;
  for (const record of quarantined) await quarantine(record, false);
  await restoreKeys(keys);
  return { records: records + Object.keys(keys).length, quarantined };
}

/** Every provider's keys from the vault, sealed under a passphrase. */
async function sealedKeys(passphrase: string): Promise<PassphraseSealed> {
  const vault = await appKeyVault();
  const keys = Object.fromEntries(await Promise.all((await vault.providers()).map(async (p) => [p, await vault.getKeys(p)] as const)));
  return sealWithPassphrase(JSON.stringify(keys), passphrase);
}

/** Opens exported keys; throws before anything is written when the passphrase is missing or wrong, or the vault is locked. */
async function openSealedKeys(sealed: PassphraseSealed, passphrase: string | undefined): Promise<Record<string, string[]>> {
  if (!passphrase) throw new Error('this file holds sealed keys: give the passphrase they were exported with');
  const keys = JSON.parse(await openWithPassphrase(sealed, passphrase)) as Record<string, string[]>;
  if (Object.keys(keys).length > 0 && (await appKeyVault()).locked) throw new Error('the key vault is locked: unlock it before importing keys');
  return keys;
}

/** Puts opened keys into the vault. */
async function restoreKeys(keys: Record<string, string[]>): Promise<void> {
  const vault = await appKeyVault();
  for (const [provider, list] of Object.entries(keys)) await vault.setKeys(provider, list);
}

/** Empties every store, keys included (the database itself stays open for the running app). */
export async function deleteEverything(): Promise<void> {
  const db = await appDB();
  const all = [...STORES, 'keys'] as const;
  const tx = db.transaction(all, 'readwrite');
  await Promise.all(all.map((name) => tx.objectStore(name).clear()));
  await tx.done;
}
