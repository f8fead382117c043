// Says what the app set aside or could not load: records that failed their schema (quarantined: kept out of
// every view, still in exports, until the user discards them), stores that failed to load, and safe mode.
import { useEffect, useState } from 'react';
import { discardQuarantined, onQuarantine, quarantined, type QuarantinedRecord } from '../../platform/browser/record-checks.ts';
import { normalUrl } from '../safe-mode.ts';

export function DataNotices({ loadErrors, safeMode }: { loadErrors: readonly string[]; safeMode: boolean }) {
  const [records, setRecords] = useState<QuarantinedRecord[]>([]);
  useEffect(() => {
    void quarantined().then(setRecords);
    return onQuarantine(() => void quarantined().then(setRecords));
  }, []);
  return (
    <>
      {safeMode && (
        <p className="notice" role="status" aria-label="Safe mode">
          Safe mode: conversations were not loaded. <a href={normalUrl()}>Leave safe mode</a>
        </p>
      )}
      {loadErrors.length > 0 && (
        <div className="notice" role="alert" aria-label="Loading failed">
          Part of your saved data could not be loaded: {loadErrors.join('; ')}. Settings → Your data can export or delete it.
        </div>
      )}
      {records.length > 0 && (
        <details className="notice" role="alert" aria-label="Quarantined records">
          <summary>
            {records.length} saved {records.length === 1 ? 'record was' : 'records were'} invalid and set aside (kept in exports, shown
            nowhere else).
          </summary>
          <ul>
            {records.map((r, i) => (
              <li key={i}>
                {r.store} “{r.key}”: {r.problem}
              </li>
            ))}
          </ul>
          <button onClick={() => void discardQuarantined().then(() => setRecords([]))}>Discard them</button>
        </details>
      )}
    </>
  );
}
