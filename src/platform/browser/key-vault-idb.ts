// The key vault's storage in the app's IndexedDB `keys` store.
import { appDB } from './db.ts';
import { KeyVault, type VaultStorage } from './key-vault.ts';

export const idbVaultStorage: VaultStorage = {
  async get(id) {
    return (await appDB()).get('keys', id);
  },
  async put(id, value) {
    await (await appDB()).put('keys', value, id);
  },
  async delete(id) {
    await (await appDB()).delete('keys', id);
  },
  async ids() {
    return (await (await appDB()).getAllKeys('keys')).map(String);
  },
  async putMany(entries) {
    const tx = (await appDB()).transaction('keys', 'readwrite');
    await Promise.all([...entries.map(([id, value]) => tx.store.put(value, id)), tx.done]);
  },
};

let vault: Promise<KeyVault> | null = null;

/** The app's one key vault. */
export function appKeyVault(): Promise<KeyVault> {
  vault ??= KeyVault.open(idbVaultStorage);
  return vault;
}
