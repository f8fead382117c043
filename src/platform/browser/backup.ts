// Export of every IndexedDB store to one JSON document, import of it back, and deleting everything.
// API keys never travel as stored (they are sealed under this browser's own key): only when the user asks,
// and then sealed under a passphrase (PBKDF2 + AES-GCM), never in plain text. An import checks every record with
// the same schemas as reads from IndexedDB: valid records are written, invalid ones go straight to quarantine; one
// that changes where requests go (a provider's base URL, the encoder's URL) is written only once the user confirms.
import { appDB, type AppDB } from './db.ts';
import { quarantine, recordProblem, type QuarantinedRecord } from './record-checks.ts';
import { appKeyVault } from './key-vault-idb.ts';
import { openWithPassphrase, sealWithPassphrase, type PassphraseSealed } from './sealed-box.ts';
import { loadSetting } from './settings-store.ts';
import { destinationChanges, type DestinationChange, type DestinationSettings } from './import-destinations.ts';
import { providerDefinition } from '../../core/providers/definitions.ts';

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

/** Asked, before anything is written, whether the destinations an import changes (old -> new) may change. */
export type ConfirmDestinations = (changes: readonly DestinationChange[]) => Promise<boolean>;

/**
 * Checks the whole document first, then, when it changes where requests go, asks `confirm` (no answer: refused);
 * then writes its valid records in one transaction: a bad or refused file changes nothing.
 */
export async function importAll(
  text: string,
  fileName = 'backup',
  keysPassphrase?: string,
  confirm?: ConfirmDestinations,
): Promise<ImportReport> {
  const doc = parseBackup(text, fileName);
  const keys = doc.keys
    ? await openSealedKeys(doc.keys, keysPassphrase).catch((e: Error) => Promise.reject(new Error(`${fileName}: ${e.message}`)))
    : new Map<string, ExportedKeys>();
  const changes = destinationChanges(await currentDestinations(), importedDestinations(doc));
  if (changes.length > 0 && !(await confirm?.(changes))) {
    throw new Error(
      `${fileName}: not imported, nothing changed: it would change ${changes.map((c) => `${c.what} from ${c.from} to ${c.to}`).join('; ')}`,
    );
  }
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
  return { records: records + keys.size, quarantined };
}

/** The backup document, its format and store layout checked; throws naming the file and what is wrong. */
function parseBackup(text: string, fileName: string): Backup {
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
  return doc;
}

const DESTINATION_SETTINGS = ['providers', 'encoder'] as const;

async function currentDestinations(): Promise<DestinationSettings> {
  const [providers, encoder] = await Promise.all(DESTINATION_SETTINGS.map((key) => loadSetting<never>(key)));
  return { providers, encoder };
}

/** The destination settings a backup would write: only those that pass their schema (the others are set aside). */
function importedDestinations(doc: Backup): DestinationSettings {
  const found = new Map(
    (doc.stores.settings ?? []).filter(
      ([key, value]) => DESTINATION_SETTINGS.includes(key as never) && recordProblem('settings', String(key), value) === undefined,
    ),
  );
  return {
    providers: found.get('providers') as DestinationSettings['providers'],
    encoder: found.get('encoder') as DestinationSettings['encoder'],
  };
}

/** One provider's exported keys and the base URL they are bound to (inside the sealed box, so no edit of the file moves them). */
interface ExportedKeys {
  baseUrl: string | null;
  keys: string[];
}

/** Every provider's keys from the vault with their base URLs, sealed under a passphrase. */
async function sealedKeys(passphrase: string): Promise<PassphraseSealed> {
  const entries = await (await appKeyVault()).entries();
  const keys = Object.fromEntries(entries.map((e): [string, ExportedKeys] => [e.provider, { baseUrl: e.baseUrl ?? null, keys: e.keys }]));
  return sealWithPassphrase(JSON.stringify(keys), passphrase);
}

/** Opens exported keys; throws before anything is written when the passphrase is missing or wrong, or the vault is locked. */
async function openSealedKeys(sealed: PassphraseSealed, passphrase: string | undefined): Promise<Map<string, ExportedKeys>> {
  if (!passphrase) throw new Error('this file holds sealed keys: give the passphrase they were exported with');
  const opened = JSON.parse(await openWithPassphrase(sealed, passphrase)) as Record<string, string[] | ExportedKeys>;
  // Exports from before keys were bound to a base URL hold bare lists: they bind to the provider's base URL after the import.
  const keys = new Map(Object.entries(opened).map(([p, v]) => [p, Array.isArray(v) ? { baseUrl: null, keys: v } : v] as const));
  if (keys.size > 0 && (await appKeyVault()).locked) throw new Error('the key vault is locked: unlock it before importing keys');
  return keys;
}

/** Puts opened keys into the vault, each bound to the base URL it was exported with (else its provider's, once imported). */
async function restoreKeys(keys: Map<string, ExportedKeys>): Promise<void> {
  if (keys.size === 0) return;
  const vault = await appKeyVault();
  const setups = (await loadSetting<{ id: string; baseUrl: string }[]>('providers')) ?? [];
  for (const [provider, { baseUrl, keys: list }] of keys) {
    const bound = baseUrl ?? setups.find((s) => s.id === provider)?.baseUrl ?? providerDefinition(provider)?.baseUrl;
    if (bound !== undefined) await vault.setKeys(provider, bound, list);
  }
}

/** Empties every store, keys and benchmark runs included (the database itself stays open for the running app). */
export async function deleteEverything(): Promise<void> {
  const db = await appDB();
  const all = [...STORES, 'keys', 'pipeline'] as const;
  const tx = db.transaction(all, 'readwrite');
  await Promise.all(all.map((name) => tx.objectStore(name).clear()));
  await tx.done;
}
