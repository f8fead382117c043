// The key vault's crypto in Node's WebCrypto: keys sealed at rest (no plaintext in any stored record), the
// device key non-extractable, passphrase mode needing the passphrase, tampering detected; and exports.
import { describe, expect, it } from 'vitest';
import { KeyBindingError, KeyVault, MemoryVaultStorage } from './key-vault.ts';
import { openWithPassphrase, seal, sealWithPassphrase } from './sealed-box.ts';

const SECRET = 'sk-live-SECRET-abcdef0123456789';
const FAST = 1000; // PBKDF2 iterations for tests; the default is 600,000
const OPENAI = 'https://api.openai.com/v1';
const ANTHROPIC = 'https://api.anthropic.com/v1';

/** Every stored byte and string, flattened, to search for plaintext. */
function rawDump(storage: MemoryVaultStorage): string {
  const parts: string[] = [];
  const walk = (v: unknown) => {
    if (v instanceof Uint8Array || v instanceof ArrayBuffer) parts.push(new TextDecoder('latin1').decode(v));
    else if (typeof v === 'string') parts.push(v);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  for (const [id, value] of storage.records) parts.push(id), walk(value);
  return parts.join('\n');
}

describe('KeyVault', () => {
  it('stores keys sealed, returns them, and keeps the device key non-extractable', async () => {
    const storage = new MemoryVaultStorage();
    const vault = await KeyVault.open(storage);
    await vault.setKeys('openai', OPENAI, [SECRET, 'sk-second-key-000']);
    expect(rawDump(storage)).not.toContain(SECRET);
    expect(rawDump(storage)).not.toContain('sk-second');
    const header = storage.records.get('vault') as { key: CryptoKey };
    expect(header.key.extractable).toBe(false);
    await expect(crypto.subtle.exportKey('raw', header.key)).rejects.toThrow();
    const reopened = await KeyVault.open(storage);
    expect(await reopened.getKeys('openai', OPENAI)).toEqual([SECRET, 'sk-second-key-000']);
    expect(await reopened.providers()).toEqual(['openai']);
  });

  it('detects a sealed record moved to another provider or altered', async () => {
    const storage = new MemoryVaultStorage();
    const vault = await KeyVault.open(storage);
    await vault.setKeys('openai', OPENAI, [SECRET]);
    storage.records.set('provider:groq', storage.records.get('provider:openai'));
    await expect(vault.getKeys('groq', OPENAI)).rejects.toThrow();
  });

  it('under a passphrase, stores only the wrapped data key and needs the passphrase after reopening', async () => {
    const storage = new MemoryVaultStorage();
    const vault = await KeyVault.open(storage);
    await vault.setKeys('anthropic', ANTHROPIC, [SECRET]);
    await vault.setPassphrase('correct horse battery staple', FAST);
    expect(vault.mode).toBe('passphrase');
    expect(await vault.getKeys('anthropic', ANTHROPIC)).toEqual([SECRET]);
    const header = storage.records.get('vault') as Record<string, unknown>;
    expect(Object.values(header).some((v) => v instanceof CryptoKey)).toBe(false);
    expect(rawDump(storage)).not.toContain(SECRET);

    const copied = await KeyVault.open(storage); // a copied profile
    expect(copied.locked).toBe(true);
    await expect(copied.getKeys('anthropic', ANTHROPIC)).rejects.toThrow(/locked/);
    await expect(copied.unlock('wrong guess')).rejects.toThrow(/wrong passphrase/);
    await copied.unlock('correct horse battery staple');
    expect(await copied.getKeys('anthropic', ANTHROPIC)).toEqual([SECRET]);

    await copied.setPassphrase(null);
    expect((await KeyVault.open(storage)).locked).toBe(false);
    expect(await (await KeyVault.open(storage)).getKeys('anthropic', ANTHROPIC)).toEqual([SECRET]);
  });
});

describe('keys bound to their base URL (attacks that rewrite where a key goes)', () => {
  const EVIL = 'https://collector.example/v1';

  it('a rewritten base URL opens nothing: the key is never handed out for it', async () => {
    const storage = new MemoryVaultStorage();
    const vault = await KeyVault.open(storage);
    await vault.setKeys('openai', OPENAI, [SECRET]);
    await expect(vault.getKeys('openai', EVIL)).rejects.toThrow(KeyBindingError);
    await expect(vault.getKeys('openai', EVIL)).rejects.toThrow(`entered for ${OPENAI}, not ${EVIL}`);
    expect(await vault.getKeys('openai', OPENAI)).toEqual([SECRET]);
  });

  it('rewriting the base URL stored beside the sealed record too does not help: it is authenticated data, not a label', async () => {
    const storage = new MemoryVaultStorage();
    const vault = await KeyVault.open(storage);
    await vault.setKeys('openai', OPENAI, [SECRET]);
    const box = storage.records.get('provider:openai') as Record<string, unknown>;
    storage.records.set('provider:openai', { ...box, baseUrl: EVIL });
    await expect(vault.getKeys('openai', EVIL)).rejects.toThrow(KeyBindingError);
    // Nor does dropping it, to pass as a record sealed before the binding.
    const { baseUrl: _dropped, ...legacyLooking } = box;
    storage.records.set('provider:openai', legacyLooking);
    await expect(vault.getKeys('openai', EVIL)).rejects.toThrow();
  });

  it('a record sealed before the binding opens once, then is re-sealed bound to the base URL of that read', async () => {
    const storage = new MemoryVaultStorage();
    const vault = await KeyVault.open(storage);
    const header = storage.records.get('vault') as { key: CryptoKey };
    storage.records.set('provider:openai', await seal(header.key, JSON.stringify([SECRET]), 'openai')); // as the previous build sealed it
    expect(await vault.getKeys('openai', OPENAI)).toEqual([SECRET]);
    expect((storage.records.get('provider:openai') as { baseUrl?: string }).baseUrl).toBe(OPENAI);
    await expect(vault.getKeys('openai', EVIL)).rejects.toThrow(KeyBindingError);
    expect(await vault.getKeys('openai', OPENAI)).toEqual([SECRET]);
  });

  it('keys follow a base URL the user changes (rebind), and keep their binding through a passphrase change', async () => {
    const storage = new MemoryVaultStorage();
    const vault = await KeyVault.open(storage);
    await vault.setKeys('openai', OPENAI, [SECRET]);
    await vault.rebind('openai', OPENAI, 'https://proxy.internal/v1');
    await expect(vault.getKeys('openai', OPENAI)).rejects.toThrow(KeyBindingError);
    await vault.setPassphrase('correct horse battery staple', FAST);
    expect(await vault.getKeys('openai', 'https://proxy.internal/v1')).toEqual([SECRET]);
    await expect(vault.getKeys('openai', EVIL)).rejects.toThrow(KeyBindingError);
  });
});

describe('passphrase-sealed exports', () => {
  it('round-trip with the passphrase, hide the plaintext, and refuse a wrong passphrase', async () => {
    const sealed = await sealWithPassphrase(JSON.stringify({ openai: [SECRET] }), 'export pass', FAST);
    expect(JSON.stringify(sealed)).not.toContain(SECRET);
    const fast = { min: FAST, max: FAST };
    expect(JSON.parse(await openWithPassphrase(sealed, 'export pass', fast))).toEqual({ openai: [SECRET] });
    await expect(openWithPassphrase(sealed, 'nope', fast)).rejects.toThrow(/wrong passphrase/);
  });

  it('refuses at once a file claiming an iteration count outside the accepted range, before deriving anything', async () => {
    const sealed = await sealWithPassphrase('{}', 'export pass', FAST);
    await expect(openWithPassphrase({ ...sealed, iterations: 2_000_000_000 }, 'export pass')).rejects.toThrow(
      'the sealed keys claim PBKDF2-SHA-256 with 2000000000 iterations; this app accepts PBKDF2-SHA-256 with 100,000 to 5,000,000 iterations',
    );
    await expect(openWithPassphrase(sealed, 'export pass')).rejects.toThrow(/with 1000 iterations/);
  });
});
