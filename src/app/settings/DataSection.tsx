// Storage used, export and import of all data (keys only when asked, sealed under a passphrase), the
// learning log as a dataset, and deleting everything. An import that changes where requests go waits for the
// user to confirm each change, old -> new.
import { useEffect, useState } from 'react';
import { deleteEverything, exportAll, importAll, MAX_BACKUP_BYTES, type ConfirmDestinations } from '../../platform/browser/backup.ts';
import type { DestinationChange } from '../../platform/browser/import-destinations.ts';
import type { QuarantinedRecord } from '../../platform/browser/record-checks.ts';
import { logToSamples } from '../../core/learn/to-samples.ts';
import { useLearning } from '../stores/learning.ts';
import { bytes } from '../format.ts';
import { download } from '../download.ts';

type Message = { text: string; error?: boolean };
type ShowMessage = (message: Message) => void;

/** The sentence naming the records an import set aside, or '' when none was. */
function setAsideNote(quarantined: readonly QuarantinedRecord[]): string {
  if (!quarantined.length) return '';
  const what = quarantined.length === 1 ? 'record was' : 'records were';
  const list = quarantined.map((q) => `${q.store} “${q.key}” (${q.problem})`).join('; ');
  return ` ${quarantined.length} invalid ${what} set aside: ${list}.`;
}

/** Downloads a backup of all data, with the keys sealed under `passphrase` when they are included. */
async function exportBackup(includeKeys: boolean, passphrase: string, show: ShowMessage) {
  if (includeKeys && passphrase.length < 8)
    return show({ text: 'Keys leave only sealed: enter a passphrase of at least 8 characters first.', error: true });
  const doc = await exportAll(includeKeys ? { keysPassphrase: passphrase } : {});
  download(`llmrouter-web-backup-${new Date().toISOString().slice(0, 10)}.json`, JSON.stringify(doc));
}

/** Imports a backup file (keys opened with `passphrase`), then reloads the app. */
async function importBackup(file: File, passphrase: string, confirm: ConfirmDestinations, show: ShowMessage) {
  if (file.size > MAX_BACKUP_BYTES)
    return show({
      text: `${file.name} is ${bytes(file.size)}: backups over ${bytes(MAX_BACKUP_BYTES)} are refused`,
      error: true,
    });
  try {
    show({ text: `Checking ${file.name} (${bytes(file.size)})…` });
    const { records, quarantined } = await importAll(await file.text(), file.name, passphrase || undefined, confirm);
    const imported = `Imported ${records} records from ${file.name}.${setAsideNote(quarantined)} Reloading…`;
    show({ text: imported, error: quarantined.length > 0 });
    setTimeout(() => location.reload(), quarantined.length ? 2500 : 600);
  } catch (err) {
    show({ text: (err as Error).message, error: true });
  }
}

/** Storage used (and available), and the size of the learning log. */
function StorageSummary({ calls, samples }: { calls: number; samples: number }) {
  const [usage, setUsage] = useState<{ usage: number; quota: number } | null>(null);
  useEffect(() => {
    void navigator.storage?.estimate().then((e) => setUsage({ usage: e.usage ?? 0, quota: e.quota ?? 0 }));
  }, [calls]);
  const available = usage && usage.quota > 0 && <span className="muted"> of {bytes(usage.quota)} available</span>;
  return (
    <p>
      Storage used: <strong aria-label="Storage used">{usage ? bytes(usage.usage) : '…'}</strong>
      {available}. Learning log: {calls} calls, {samples} training samples.
    </p>
  );
}

/** The button that deletes every record on this device, once the user confirms. */
function DeleteEverythingButton() {
  return (
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
  );
}

export function DataSection() {
  const [includeKeys, setIncludeKeys] = useState(false);
  const [passphrase, setPassphrase] = useState('');
  const [message, setMessage] = useState<Message | null>(null);
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
  const samples = logToSamples(outcomes).samples;

  return (
    <section className="card" aria-labelledby="data-title">
      <h2 id="data-title">Your data</h2>
      <StorageSummary calls={outcomes.length} samples={samples.length} />
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
        <button onClick={() => exportBackup(includeKeys, passphrase, setMessage)}>Export all data</button>
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
              if (file) await importBackup(file, passphrase, confirm, setMessage);
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
      <DeleteEverythingButton />
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
