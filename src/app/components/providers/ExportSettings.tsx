// Downloads the settings as JSON (keys left out, or sealed under a passphrase when the user asks) and
// restores such a file.
import { useState, type ChangeEvent } from 'react';
import { exportSettings, importSettings } from '../../../platform/browser/settings-export.ts';
import { useCalls } from '../../stores/calls.ts';
import { useProviders } from '../../stores/providers.ts';

export function ExportSettings() {
  const [withKeys, setWithKeys] = useState(false);
  const [passphrase, setPassphrase] = useState('');
  const [message, setMessage] = useState('');
  const download = async () => {
    setMessage('');
    if (withKeys && passphrase.length < 8) return setMessage('a passphrase of at least 8 characters seals the keys');
    const json = await exportSettings(withKeys ? { keysPassphrase: passphrase } : {});
    const link = document.createElement('a');
    link.href = URL.createObjectURL(new Blob([json], { type: 'application/json' }));
    link.download = 'llmrouter-settings.json';
    link.click();
    URL.revokeObjectURL(link.href);
    setPassphrase('');
  };
  const restore = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    try {
      await importSettings(await file.text(), passphrase || undefined);
      await Promise.all([useProviders.getState().load(), useCalls.getState().load()]);
      setPassphrase('');
      setMessage(`Imported ${file.name}`);
    } catch (err) {
      setMessage(`${file.name}: ${(err as Error).message}`);
    }
  };
  return (
    <div className="export-settings">
      <label>
        <input type="checkbox" checked={withKeys} onChange={(e) => setWithKeys(e.target.checked)} /> Include keys (encrypted)
      </label>
      <input type="password" aria-label="Export passphrase" placeholder="passphrase for keys" value={passphrase} onChange={(e) => setPassphrase(e.target.value)} />
      <button type="button" onClick={() => void download()}>
        Export settings
      </button>
      <label>
        Import settings
        <input type="file" accept="application/json,.json" onChange={(e) => void restore(e)} />
      </label>
      {message && <p role="status">{message}</p>}
    </div>
  );
}
