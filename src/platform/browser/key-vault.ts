// Provider API keys at rest: each provider's key list sealed with AES-GCM under one data key, bound to the provider id
// and the base URL it was entered for (AES-GCM additional data): a base URL rewritten by an import or by anything
// that writes storage opens nothing, so the key is never sent there. Records sealed before that binding (bound to the
// provider id only) open once and are re-sealed bound to the base URL the app then has for the provider. By default
// the data key is a non-extractable CryptoKey kept in IndexedDB (script can use it, nothing can read it
// out); with a passphrase, only the data key wrapped under a PBKDF2-derived key is stored, so a copied
// browser profile yields no keys without the passphrase. Storage is an interface so Node tests can run it.
import { generateKey, open, passphraseKey, PBKDF2_ITERATIONS, randomBytes, seal, unwrapKey, wrapKey, type Sealed } from './sealed-box.ts';

export interface VaultStorage {
  get(id: string): Promise<unknown>;
  put(id: string, value: unknown): Promise<void>;
  delete(id: string): Promise<void>;
  ids(): Promise<string[]>;
  /** Writes all entries or none (one transaction). */
  putMany(entries: readonly (readonly [string, unknown])[]): Promise<void>;
}

type VaultHeader =
  | { version: 1; mode: 'device'; key: CryptoKey }
  | { version: 1; mode: 'passphrase'; salt: Uint8Array<ArrayBuffer>; iterations: number; wrapped: Sealed };

const HEADER = 'vault';
const PREFIX = 'provider:';

/** A provider's sealed key list; `baseUrl` (where it may be sent) is absent on records sealed before keys were bound to one. */
type SealedKeys = Sealed & { baseUrl?: string };

/** The additional data a key list is sealed with: its provider and base URL, or (legacy records) the provider alone. */
const binding = (provider: string, baseUrl?: string) =>
  baseUrl === undefined ? provider : JSON.stringify(['llmrouter-keys/2', provider, baseUrl]);

/** Keys that exist but were sealed for another base URL than the provider has now. */
export class KeyBindingError extends Error {
  constructor(provider: string, sealedFor: string | undefined, baseUrl: string) {
    super(
      `the keys of "${provider}" were entered for ${sealedFor ?? 'another base URL'}, not ${baseUrl}: they are not sent there. ` +
        'Set the base URL back in Settings → Providers, or enter the key again for this one',
    );
    this.name = 'KeyBindingError';
  }
}

export class KeyVault {
  private constructor(
    private readonly storage: VaultStorage,
    private header: VaultHeader,
    private dataKey: CryptoKey | undefined,
  ) {}

  /** Opens the vault, creating a device-key vault on first use. */
  static async open(storage: VaultStorage): Promise<KeyVault> {
    let header = (await storage.get(HEADER)) as VaultHeader | undefined;
    if (!header) {
      header = { version: 1, mode: 'device', key: await generateKey(false) };
      await storage.put(HEADER, header);
    }
    return new KeyVault(storage, header, header.mode === 'device' ? header.key : undefined);
  }

  get mode(): VaultHeader['mode'] {
    return this.header.mode;
  }

  get locked(): boolean {
    return this.dataKey === undefined;
  }

  async unlock(passphrase: string): Promise<void> {
    if (this.header.mode !== 'passphrase') return;
    const { salt, iterations, wrapped } = this.header;
    try {
      this.dataKey = await unwrapKey(wrapped, await passphraseKey(passphrase, salt, iterations));
    } catch {
      throw new Error('wrong passphrase');
    }
  }

  /** Forgets the unwrapped data key (passphrase mode) until the next unlock. */
  lock(): void {
    if (this.header.mode === 'passphrase') this.dataKey = undefined;
  }

  async providers(): Promise<string[]> {
    return (await this.storage.ids()).filter((id) => id.startsWith(PREFIX)).map((id) => id.slice(PREFIX.length));
  }

  /** The keys of `provider` for use at `baseUrl`; throws a KeyBindingError when they were sealed for another base URL. */
  async getKeys(provider: string, baseUrl: string): Promise<string[]> {
    const box = (await this.storage.get(PREFIX + provider)) as SealedKeys | undefined;
    if (!box) return [];
    if (box.baseUrl === undefined) {
      const keys = await this.openBox(provider, box, undefined);
      await this.setKeys(provider, baseUrl, keys); // the one legacy read: from now on bound to this base URL
      return keys;
    }
    try {
      return await this.openBox(provider, box, baseUrl);
    } catch (e) {
      if (this.locked) throw e;
      throw new KeyBindingError(provider, box.baseUrl === baseUrl ? undefined : box.baseUrl, baseUrl);
    }
  }

  async setKeys(provider: string, baseUrl: string, keys: readonly string[]): Promise<void> {
    if (keys.length === 0) return this.storage.delete(PREFIX + provider);
    await this.storage.put(PREFIX + provider, await this.sealBox(this.key(), provider, baseUrl, keys));
  }

  /** Moves a provider's keys to a new base URL: only when the user changes it (Settings), never from an import. */
  async rebind(provider: string, from: string, to: string): Promise<void> {
    if (from !== to) await this.setKeys(provider, to, await this.getKeys(provider, from));
  }

  /** Every provider's keys with the base URL they are bound to (undefined: sealed before keys were bound), for exports. */
  async entries(): Promise<{ provider: string; baseUrl?: string; keys: string[] }[]> {
    return Promise.all(
      (await this.providers()).map(async (provider) => {
        const box = (await this.storage.get(PREFIX + provider)) as SealedKeys;
        return { provider, baseUrl: box.baseUrl, keys: await this.openBox(provider, box, box.baseUrl) };
      }),
    );
  }

  /**
   * Puts the vault under a passphrase (or back on the device key with null): every key list is re-sealed
   * under a fresh data key, then the new header replaces the old.
   */
  async setPassphrase(passphrase: string | null, iterations = PBKDF2_ITERATIONS): Promise<void> {
    const all = await this.entries();
    let header: VaultHeader;
    let dataKey: CryptoKey;
    if (passphrase === null) {
      dataKey = await generateKey(false);
      header = { version: 1, mode: 'device', key: dataKey };
    } else {
      const salt = randomBytes(16);
      const extractable = await generateKey(true);
      header = {
        version: 1,
        mode: 'passphrase',
        salt,
        iterations,
        wrapped: await wrapKey(extractable, await passphraseKey(passphrase, salt, iterations)),
      };
      dataKey = await unwrapKey(header.wrapped, await passphraseKey(passphrase, salt, iterations));
    }
    const resealed = await Promise.all(
      all.map(async (e) => [PREFIX + e.provider, await this.sealBox(dataKey, e.provider, e.baseUrl, e.keys)] as const),
    );
    await this.storage.putMany([...resealed, [HEADER, header]]);
    this.header = header;
    this.dataKey = dataKey;
  }

  private async openBox(provider: string, box: SealedKeys, baseUrl: string | undefined): Promise<string[]> {
    return JSON.parse(await open(this.key(), box, binding(provider, baseUrl))) as string[];
  }

  private async sealBox(key: CryptoKey, provider: string, baseUrl: string | undefined, keys: readonly string[]): Promise<SealedKeys> {
    const box = await seal(key, JSON.stringify(keys), binding(provider, baseUrl));
    return baseUrl === undefined ? box : { ...box, baseUrl };
  }

  private key(): CryptoKey {
    if (!this.dataKey) throw new Error('the key vault is locked: enter its passphrase');
    return this.dataKey;
  }
}

/** A vault storage in memory (tests, and the CLI's session). */
export class MemoryVaultStorage implements VaultStorage {
  readonly records = new Map<string, unknown>();
  async get(id: string) {
    return this.records.get(id);
  }
  async put(id: string, value: unknown) {
    this.records.set(id, value);
  }
  async delete(id: string) {
    this.records.delete(id);
  }
  async ids() {
    return [...this.records.keys()];
  }
  async putMany(entries: readonly (readonly [string, unknown])[]) {
    for (const [id, value] of entries) this.records.set(id, value);
  }
}
