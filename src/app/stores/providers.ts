// The user's providers: which ones, at what base URL, with keys held in the key vault (IndexedDB, sealed)
// and, once unlocked, in a key ring in memory only; state shows keys masked, never whole. The app's chat
// calls `endpoint(provider)` (through a RoutedCaller) to reach a provider with its next key.
import { create, type StoreApi } from 'zustand';
import { customProvider, providerDefinition, type WireFormat } from '../../core/providers/definitions.ts';
import { KeyRing } from '../../core/providers/key-ring.ts';
import { testConnection, type ConnectionReport } from '../../core/providers/test-connection.ts';
import type { Endpoint } from '../../core/providers/types.ts';
import { appKeyVault } from '../../platform/browser/key-vault-idb.ts';
import { KeyBindingError } from '../../platform/browser/key-vault.ts';
import { loadSetting, saveSetting } from '../../platform/browser/settings-store.ts';
import { blockedOrigin, connectBlockedHint } from '../../platform/browser/connect-policy.ts';

const KEY = 'providers';

/** A provider the user set up; `id` is what catalog models name as their `provider`. */
export interface ProviderSetup {
  id: string;
  label: string;
  wire: WireFormat;
  baseUrl: string;
}

interface ProvidersStore {
  loaded: boolean;
  /** True while the vault is under a passphrase not yet entered this session. */
  locked: boolean;
  vaultMode: 'device' | 'passphrase';
  providers: ProviderSetup[];
  /** Each provider's keys, masked (last four characters). */
  maskedKeys: Record<string, string[]>;
  /** Why a provider's stored keys are not used (sealed for another base URL), by provider id. */
  keyProblems: Record<string, string>;
  reports: Record<string, ConnectionReport | 'testing'>;
  load(): Promise<void>;
  /** Adds or updates a provider; a key given is added to its keys. */
  save(setup: ProviderSetup, key?: string): Promise<void>;
  removeKey(id: string, index: number): Promise<void>;
  remove(id: string): Promise<void>;
  test(id: string): Promise<ConnectionReport>;
  unlock(passphrase: string): Promise<void>;
  setPassphrase(passphrase: string | null): Promise<void>;
  /** How to reach a provider now (with its next key); undefined when not set up or locked. */
  endpoint(provider: string): Endpoint | undefined;
}

/** Shows only the last four characters of a key. */
export function maskKey(key: string): string {
  return key.length >= 12 ? `••••${key.slice(-4)}` : '••••';
}

const ring = new KeyRing();

/** The masked keys of `setups` (each opened for its own base URL), and why a provider's keys could not be used. */
async function readKeys(setups: readonly ProviderSetup[]): Promise<Pick<ProvidersStore, 'maskedKeys' | 'keyProblems'>> {
  const vault = await appKeyVault();
  const maskedKeys = new Map<string, string[]>();
  const keyProblems = new Map<string, string>();
  for (const { id, baseUrl } of setups) {
    const keys = await vault.getKeys(id, baseUrl).catch((e: Error) => {
      if (!(e instanceof KeyBindingError)) throw e;
      keyProblems.set(id, e.message);
      return [];
    });
    ring.set(id, keys);
    maskedKeys.set(id, keys.map(maskKey));
  }
  return { maskedKeys: Object.fromEntries(maskedKeys), keyProblems: Object.fromEntries(keyProblems) };
}

/** `partial`'s providers' key state merged over what the store has for the others. */
function mergedKeys(current: ProvidersStore, partial: Pick<ProvidersStore, 'maskedKeys' | 'keyProblems'>, ids: readonly string[]) {
  const keep = <T>(record: Record<string, T>) => Object.fromEntries(Object.entries(record).filter(([id]) => !ids.includes(id)));
  return {
    maskedKeys: { ...keep(current.maskedKeys), ...partial.maskedKeys },
    keyProblems: { ...keep(current.keyProblems), ...partial.keyProblems },
  };
}

function setupOf(providers: readonly ProviderSetup[], id: string): ProviderSetup {
  const setup = providers.find((p) => p.id === id);
  if (!setup) throw new Error(`no provider "${id}"`);
  return setup;
}

type SetProviders = StoreApi<ProvidersStore>['setState'];
type GetProviders = StoreApi<ProvidersStore>['getState'];

/** `setup` with its id trimmed and its base URL trimmed of spaces and trailing slashes; throws when either is unusable. */
function normalisedSetup(setup: ProviderSetup): ProviderSetup {
  const normalised = { ...setup, id: setup.id.trim(), baseUrl: setup.baseUrl.trim().replace(/\/+$/, '') };
  if (!normalised.id) throw new Error('the provider needs an id');
  if (!URL.canParse(normalised.baseUrl))
    throw new Error(`the base URL "${normalised.baseUrl}" is not a valid URL (e.g. https://api.openai.com/v1)`);
  return normalised;
}

/** Adds or updates a provider (its keys follow a changed base URL); a key given is added to its keys. */
async function saveProvider(set: SetProviders, get: GetProviders, setup: ProviderSetup, key?: string): Promise<void> {
  const normalised = normalisedSetup(setup);
  const previous = get().providers.find((p) => p.id === normalised.id);
  const providers = [...get().providers.filter((p) => p.id !== normalised.id), normalised];
  const vault = await appKeyVault();
  // The user changed the base URL here, in Settings: their keys follow it (an import never moves them).
  if (previous && !get().keyProblems[normalised.id]) await vault.rebind(normalised.id, previous.baseUrl, normalised.baseUrl);
  if (key?.trim()) {
    const kept = get().keyProblems[normalised.id] ? [] : await vault.getKeys(normalised.id, normalised.baseUrl);
    await vault.setKeys(normalised.id, normalised.baseUrl, [...kept, key.trim()]);
  }
  await saveSetting(KEY, providers);
  set({ providers, ...mergedKeys(get(), await readKeys([normalised]), [normalised.id]) });
}

/** Tests the connection to provider `id`, with 'testing' in its report meanwhile. */
async function testProvider(set: SetProviders, get: GetProviders, id: string): Promise<ConnectionReport> {
  const endpoint = get().endpoint(id);
  set({ reports: { ...get().reports, [id]: 'testing' } });
  const blocked = endpoint && blockedOrigin(endpoint.baseUrl);
  const report: ConnectionReport = blocked
    ? { ok: false, kind: 'network', message: connectBlockedHint(blocked), latencyMs: 0 }
    : endpoint
      ? await testConnection(endpoint)
      : { ok: false, kind: 'auth', message: `${id}: no key (or the vault is locked)`, latencyMs: 0 };
  set({ reports: { ...get().reports, [id]: report } });
  return report;
}

export const useProviders = create<ProvidersStore>((set, get) => ({
  loaded: false,
  locked: false,
  vaultMode: 'device',
  providers: [],
  maskedKeys: {},
  keyProblems: {},
  reports: {},
  async load() {
    const providers = (await loadSetting<ProviderSetup[]>(KEY)) ?? [];
    const vault = await appKeyVault();
    const keys = vault.locked ? { maskedKeys: {}, keyProblems: {} } : await readKeys(providers);
    set({ providers, ...keys, locked: vault.locked, vaultMode: vault.mode, loaded: true });
  },
  save: (setup, key) => saveProvider(set, get, setup, key),
  async removeKey(id, index) {
    const vault = await appKeyVault();
    const { baseUrl } = setupOf(get().providers, id);
    await vault.setKeys(
      id,
      baseUrl,
      (await vault.getKeys(id, baseUrl)).filter((_, i) => i !== index),
    );
    set(mergedKeys(get(), await readKeys([setupOf(get().providers, id)]), [id]));
  },
  async remove(id) {
    await (await appKeyVault()).setKeys(id, '', []);
    ring.set(id, []);
    const providers = get().providers.filter((p) => p.id !== id);
    await saveSetting(KEY, providers);
    set({ providers, ...mergedKeys(get(), { maskedKeys: {}, keyProblems: {} }, [id]) });
  },
  test: (id) => testProvider(set, get, id),
  async unlock(passphrase) {
    await (await appKeyVault()).unlock(passphrase);
    set({ locked: false, ...(await readKeys(get().providers)) });
  },
  async setPassphrase(passphrase) {
    const vault = await appKeyVault();
    await vault.setPassphrase(passphrase);
    set({ vaultMode: vault.mode });
  },
  endpoint(provider) {
    const setup = get().providers.find((p) => p.id === provider);
    if (!setup || get().locked) return undefined;
    const definition = providerDefinition(setup.id) ?? customProvider(setup.id, setup.baseUrl, setup.wire);
    const key = ring.next(provider);
    if (definition.keyRequired && !key) return undefined;
    return { provider, wire: setup.wire, baseUrl: setup.baseUrl, key, streamUsage: definition.streamUsage };
  },
}));
