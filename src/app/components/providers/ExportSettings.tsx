// Downloads the settings as JSON: keys left out, or sealed under a passphrase when the user asks.
import { useState } from 'react';
import { exportSettings } from '../../../platform/browser/settings-export.ts';

export function ExportSettings() {
  const [withKeys, setWithKeys] = useState(false);
  const [passphrase, setPassphrase] = useState('');
  const [error, setError] = useState('');
  const download = async () => {
    setError('');
    if (withKeys && passphrase.length < 8) return setError('a passphrase of at least 8 characters seals the keys');
    const json = await exportSettings(withKeys ? { keysPassphrase: passphrase } : {});
    const link = document.createElement('a');
    link.href = URL.createObjectURL(new Blob([json], { type: 'application/json' }));
    link.download = 'llmrouter-settings.json';
    link.click();
    URL.revokeObjectURL(link.href);
    setPassphrase('');
  };
  return (
    <div className="export-settings">
      <label>
        <input type="checkbox" checked={withKeys} onChange={(e) => setWithKeys(e.target.checked)} /> Include keys (encrypted)
      </label>
      {withKeys && <input type="password" aria-label="Export passphrase" value={passphrase} onChange={(e) => setPassphrase(e.target.value)} />}
      <button type="button" onClick={() => void download()}>
        Export settings
      </button>
      {error && <p role="alert">{error}</p>}
    </div>
  );
}
