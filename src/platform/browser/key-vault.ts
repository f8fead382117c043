// Provider API keys at rest: each provider's key list sealed with AES-GCM under one data key. By default
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

  async getKeys(provider: string): Promise<string[]> {
    const box = (await this.storage.get(PREFIX + provider)) as Sealed | undefined;
    return box ? (JSON.parse(await open(this.key(), box, provider)) as string[]) : [];
  }

  async setKeys(provider: string, keys: readonly string[]): Promise<void> {
    if (keys.length === 0) return this.storage.delete(PREFIX + provider);
    await this.storage.put(PREFIX + provider, await seal(this.key(), JSON.stringify(keys), provider));
  }

  /**
   * Puts the vault under a passphrase (or back on the device key with null): every key list is re-sealed
   * under a fresh data key, then the new header replaces the old.
   */
  async setPassphrase(passphrase: string | null, iterations = PBKDF2_ITERATIONS): Promise<void> {
    const all = await Promise.all((await this.providers()).map(async (p) => [p, await this.getKeys(p)] as const));
    let header: VaultHeader;
    let dataKey: CryptoKey;
    if (passphrase === null) {
      dataKey = await generateKey(false);
      header = { version: 1, mode: 'device', key: dataKey };
    } else {
      const salt = randomBytes(16);
      const extractable = await generateKey(true);
      header = { version: 1, mode: 'passphrase', salt, iterations, wrapped: await wrapKey(extractable, await passphraseKey(passphrase, salt, iterations)) };
      dataKey = await unwrapKey(header.wrapped, await passphraseKey(passphrase, salt, iterations));
    }
    const resealed = await Promise.all(all.map(async ([p, keys]) => [PREFIX + p, await seal(dataKey, JSON.stringify(keys), p)] as const));
    await this.storage.putMany([...resealed, [HEADER, header]]);
    this.header = header;
    this.dataKey = dataKey;
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
