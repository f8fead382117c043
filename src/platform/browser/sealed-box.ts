// AES-GCM sealing with WebCrypto (browsers, workers and Node 20 alike), and keys derived from a passphrase
// with PBKDF2-SHA-256 at OWASP's recommended 600,000 iterations. Used by the key vault and by exports.

export const PBKDF2_ITERATIONS = 600_000;
/** The iteration counts a sealed file may claim: below is too weak to trust, above would hang the page for minutes. */
export const PBKDF2_ACCEPTED = { min: 100_000, max: 5_000_000 } as const;

type Bytes = Uint8Array<ArrayBuffer>;

/** AES-GCM ciphertext with its IV. */
export interface Sealed {
  iv: Bytes;
  data: Bytes;
}

const subtle = () => globalThis.crypto.subtle;

export function randomBytes(n: number): Bytes {
  return globalThis.crypto.getRandomValues(new Uint8Array(n));
}

export async function seal(key: CryptoKey, plaintext: string, context: string): Promise<Sealed> {
  const iv = randomBytes(12);
  const data = await subtle().encrypt(
    { name: 'AES-GCM', iv, additionalData: new TextEncoder().encode(context) },
    key,
    new TextEncoder().encode(plaintext),
  );
  return { iv, data: new Uint8Array(data) };
}

/** Decrypts; throws when the key is wrong or the box was tampered with (GCM's tag fails). */
export async function open(key: CryptoKey, box: Sealed, context: string): Promise<string> {
  const plain = await subtle().decrypt({ name: 'AES-GCM', iv: box.iv, additionalData: new TextEncoder().encode(context) }, key, box.data);
  return new TextDecoder().decode(plain);
}

/** A fresh AES-256-GCM key; extractable only when it must be wrapped under a passphrase. */
export function generateKey(extractable: boolean): Promise<CryptoKey> {
  return subtle().generateKey({ name: 'AES-GCM', length: 256 }, extractable, ['encrypt', 'decrypt']);
}

/** The key-encryption key a passphrase stands for. */
export async function passphraseKey(passphrase: string, salt: Bytes, iterations = PBKDF2_ITERATIONS): Promise<CryptoKey> {
  if (!passphrase) throw new Error('the passphrase is empty');
  const material = await subtle().importKey('raw', new TextEncoder().encode(passphrase), 'PBKDF2', false, ['deriveKey']);
  return subtle().deriveKey({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, material, { name: 'AES-GCM', length: 256 }, false, [
    'encrypt',
    'decrypt',
    'wrapKey',
    'unwrapKey',
  ]);
}

export async function wrapKey(key: CryptoKey, wrapping: CryptoKey): Promise<Sealed> {
  const iv = randomBytes(12);
  return { iv, data: new Uint8Array(await subtle().wrapKey('raw', key, wrapping, { name: 'AES-GCM', iv })) };
}

/** Unwraps into a non-extractable key: once unlocked, the data key cannot be read out again. */
export async function unwrapKey(box: Sealed, wrapping: CryptoKey): Promise<CryptoKey> {
  return subtle().unwrapKey('raw', box.data, wrapping, { name: 'AES-GCM', iv: box.iv }, { name: 'AES-GCM', length: 256 }, false, [
    'encrypt',
    'decrypt',
  ]);
}

/** A passphrase-sealed text as portable JSON (for exports). */
export interface PassphraseSealed {
  format: 'llmrouter-web/sealed';
  kdf: 'PBKDF2-SHA-256';
  iterations: number;
  salt: string;
  iv: string;
  data: string;
}

const b64 = (bytes: Bytes) => btoa(String.fromCharCode(...bytes));
const unb64 = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

export async function sealWithPassphrase(plaintext: string, passphrase: string, iterations = PBKDF2_ITERATIONS): Promise<PassphraseSealed> {
  const salt = randomBytes(16);
  const box = await seal(await passphraseKey(passphrase, salt, iterations), plaintext, 'export');
  return { format: 'llmrouter-web/sealed', kdf: 'PBKDF2-SHA-256', iterations, salt: b64(salt), iv: b64(box.iv), data: b64(box.data) };
}

/** Opens a passphrase-sealed text; refuses at once a file whose key derivation is outside what this app accepts. */
export async function openWithPassphrase(
  sealed: PassphraseSealed,
  passphrase: string,
  accepted: { min: number; max: number } = PBKDF2_ACCEPTED,
): Promise<string> {
  const n = sealed.iterations;
  if (sealed.kdf !== 'PBKDF2-SHA-256' || !Number.isInteger(n) || n < accepted.min || n > accepted.max) {
    throw new Error(
      `the sealed keys claim ${String(sealed.kdf)} with ${String(n)} iterations; ` +
        `this app accepts PBKDF2-SHA-256 with ${accepted.min.toLocaleString('en')} to ${accepted.max.toLocaleString('en')} iterations`,
    );
  }
  const key = await passphraseKey(passphrase, unb64(sealed.salt), sealed.iterations);
  try {
    return await open(key, { iv: unb64(sealed.iv), data: unb64(sealed.data) }, 'export');
  } catch {
    throw new Error('wrong passphrase, or the exported keys were altered');
  }
}
