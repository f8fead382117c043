// The key vault's passphrase: unlock it for this session, set one, or remove it.
import { useState, type FormEvent } from 'react';
import { useProviders } from '../../stores/providers.ts';

export function VaultControls() {
  const { locked, vaultMode, unlock, setPassphrase } = useProviders();
  const [passphrase, setPassphraseText] = useState('');
  const [message, setMessage] = useState('');
  const run = (action: () => Promise<void>, done: string) => async (e?: FormEvent) => {
    e?.preventDefault();
    try {
      await action();
      setPassphraseText('');
      setMessage(done);
    } catch (err) {
      setMessage((err as Error).message);
    }
  };
  return (
    <form
      className="vault"
      aria-label="Key vault"
      onSubmit={
        locked
          ? run(() => unlock(passphrase), 'Unlocked')
          : run(() => setPassphrase(passphrase), 'Keys are now protected by the passphrase')
      }
    >
      <p>
        {locked
          ? 'Keys are locked: enter the passphrase.'
          : vaultMode === 'passphrase'
            ? 'Keys are protected by a passphrase.'
            : 'Keys are encrypted with a key this browser cannot export.'}
      </p>
      <label>
        Passphrase
        <input
          type="password"
          autoComplete="new-password"
          value={passphrase}
          onChange={(e) => setPassphraseText(e.target.value)}
          minLength={8}
          required
        />
      </label>
      <button type="submit">{locked ? 'Unlock' : vaultMode === 'passphrase' ? 'Change passphrase' : 'Set passphrase'}</button>
      {!locked && vaultMode === 'passphrase' && (
        <button type="button" onClick={() => void run(() => setPassphrase(null), 'Passphrase removed')()}>
          Remove passphrase
        </button>
      )}
      {message && <p role="status">{message}</p>}
    </form>
  );
}
