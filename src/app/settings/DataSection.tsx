// Storage used, export and import of all data (keys only when asked, sealed under a passphrase), the
// learning log as a dataset, and deleting everything. An import that changes where requests go waits for the
// user to confirm each change, old -> new.
import { useEffect, useState } from 'react';
import { deleteEverything, exportAll, importAll, MAX_BACKUP_BYTES, type ConfirmDestinations } from '../../platform/browser/backup.ts';
import type { DestinationChange } from '../../platform/browser/import-destinations.ts';
import { logToSamples } from '../../core/learn/to-samples.ts';
import { useLearning } from '../stores/learning.ts';
import { bytes } from '../format.ts';
import { download } from '../download.ts';

export function DataSection() {
  const [usage, setUsage] = useState<{ usage: number; quota: number } | null>(null);
  const [includeKeys, setIncludeKeys] = useState(false);
  const [passphrase, setPassphrase] = useState('');
  const [message, setMessage] = useState<{ text: string; error?: boolean } | null>(null);
  const [pending, setPending] = useState<{ changes: readonly DestinationChange[]; answer(ok: boolean): void } | null>(null);
  const confirm: ConfirmDestinations = (changes) =>
    new Promise((resolve) =>
      setPending({
        changes,
        answer(ok) {
          setPending(null);
          resolve(ok);
        },
      }),
    );
  const outcomes = useLearning((s) => s.outcomes);
  useEffect(() => {
    void navigator.storage?.estimate().then((e) => setUsage({ usage: e.usage ?? 0, quota: e.quota ?? 0 }));
  }, [outcomes.length]);
  const samples = logToSamples(outcomes).samples;

  return (
    <section className="card" aria-labelledby="data-title">
      <h2 id="data-title">Your data</h2>
      <p>
        Storage used: <strong aria-label="Storage used">{usage ? bytes(usage.usage) : '…'}</strong>
        {usage && usage.quota > 0 && <span className="muted"> of {bytes(usage.quota)} available</span>}. Learning log: {outcomes.length}{' '}
        calls, {samples.length} training samples.
      </p>
      <div className="row">
        <label>
          <input type="checkbox" checked={includeKeys} onChange={(e) => setIncludeKeys(e.target.checked)} /> Include keys (sealed with a
          passphrase)
        </label>
        <label>
          Passphrase for keys
          <input
            type="password"
            autoComplete="off"
            placeholder="at least 8 characters"
            value={passphrase}
            onChange={(e) => setPassphrase(e.target.value)}
          />
        </label>
        <button
          onClick={async () => {
            if (includeKeys && passphrase.length < 8)
              return setMessage({ text: 'Keys leave only sealed: enter a passphrase of at least 8 characters first.', error: true });
            const doc = await exportAll(includeKeys ? { keysPassphrase: passphrase } : {});
            download(`llmrouter-web-backup-${new Date().toISOString().slice(0, 10)}.json`, JSON.stringify(doc));
          }}
        >
          Export all data
        </button>
        <label className="button">
          Import data
          <input
            type="file"
            accept="application/json,.json"
            aria-label="Import data"
            hidden
            onChange={async (e) => {
              const file = e.target.files?.[0];
              e.target.value = '';
              if (!file) return;
              if (file.size > MAX_BACKUP_BYTES)
                return setMessage({
                  text: `${file.name} is ${bytes(file.size)}: backups over ${bytes(MAX_BACKUP_BYTES)} are refused`,
                  error: true,
                });
              try {
                setMessage({ text: `Checking ${file.name} (${bytes(file.size)})…` });
                const { records, quarantined } = await importAll(await file.text(), file.name, passphrase || undefined, confirm);
                const setAside = quarantined.length
                  ? ` ${quarantined.length} invalid ${quarantined.length === 1 ? 'record was' : 'records were'} set aside: ${quarantined.map((q) => `${q.store} “${q.key}” (${q.problem})`).join('; ')}.`
                  : '';
                setMessage({ text: `Imported ${records} records from ${file.name}.${setAside} Reloading…`, error: quarantined.length > 0 });
                setTimeout(() => location.reload(), quarantined.length ? 2500 : 600);
              } catch (err) {
                setMessage({ text: (err as Error).message, error: true });
              }
            }}
          />
        </label>
        <button
          disabled={samples.length === 0}
          onClick={() =>
            download('llmrouter-web-log.jsonl', samples.map((s) => JSON.stringify(s)).join('\n') + '\n', 'application/x-ndjson')
          }
        >
          Export log as dataset
        </button>
      </div>
      {pending && <ConfirmDestinationsDialog changes={pending.changes} answer={pending.answer} />}
      {message && (
        <p role={message.error ? 'alert' : 'status'} className={message.error ? 'error' : undefined}>
          {message.text}
        </p>
      )}
      <div className="danger-zone">
        <button
          className="danger"
          onClick={async () => {
            if (!window.confirm('Delete every conversation, key, log, dataset and router on this device?')) return;
            await deleteEverything();
            location.reload();
          }}
        >
          Delete everything
        </button>
      </div>
    </section>
  );
}

/** The destinations a backup would change, old -> new, with the choice to apply them or import nothing. */
function ConfirmDestinationsDialog({ changes, answer }: { changes: readonly DestinationChange[]; answer(ok: boolean): void }) {
  return (
    <div className="notice" role="alertdialog" aria-label="Confirm where requests go" aria-describedby="destinations-why">
      <p id="destinations-why">
        This backup changes where your messages and keys would be sent. Apply it only if you made these changes yourself:
      </p>
      <ul aria-label="Destination changes">
        {changes.map((c) => (
          <li key={c.what}>
            {c.what}: <code>{c.from}</code> → <code>{c.to}</code>
          </li>
        ))}
      </ul>
      <button onClick={() => answer(true)}>Apply these changes</button> <button onClick={() => answer(false)}>Cancel import</button>
    </div>
  );
}
