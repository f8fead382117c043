// One configured provider: base URL, masked keys, a test-connection button with its result, removal, and why
// the page cannot reach it when the Content-Security-Policy blocks its origin, or why its stored keys are not used.
import { useProviders, type ProviderSetup } from '../../stores/providers.ts';
import { blockedOrigin, connectBlockedHint } from '../../../platform/browser/connect-policy.ts';

const NO_KEYS: string[] = [];

export function ProviderRow({ setup }: { setup: ProviderSetup }) {
  const masked = useProviders((s) => s.maskedKeys[setup.id] ?? NO_KEYS);
  const report = useProviders((s) => s.reports[setup.id]);
  const keyProblem = useProviders((s) => s.keyProblems[setup.id]);
  const test = useProviders((s) => s.test);
  const remove = useProviders((s) => s.remove);
  const removeKey = useProviders((s) => s.removeKey);
  const blocked = blockedOrigin(setup.baseUrl);
  return (
    <li className="provider-row" aria-label={`provider ${setup.id}`}>
      <strong>{setup.id}</strong> <code>{setup.baseUrl}</code>
      <ul className="keys" aria-label="keys">
        {masked.map((m, i) => (
          <li key={i}>
            <code>{m}</code>{' '}
            <button type="button" aria-label={`remove key ${i + 1}`} onClick={() => void removeKey(setup.id, i)}>
              ×
            </button>
          </li>
        ))}
        {masked.length === 0 && <li>no key</li>}
      </ul>
      <button type="button" onClick={() => void test(setup.id)} disabled={report === 'testing'}>
        Test connection
      </button>{' '}
      <button type="button" onClick={() => void remove(setup.id)}>
        Remove
      </button>
      {keyProblem && (
        <p className="notice" role="alert" aria-label={`keys ${setup.id}`}>
          {keyProblem}
        </p>
      )}
      {blocked && (
        <p className="notice" role="alert" aria-label={`policy ${setup.id}`}>
          {connectBlockedHint(blocked)}
        </p>
      )}
      <p role="status" aria-label={`connection ${setup.id}`}>
        {report === 'testing'
          ? 'Testing…'
          : report?.ok
            ? `Connected: ${report.models.length} models (${report.latencyMs} ms)`
            : report
              ? `Failed (${report.kind}): ${report.message}`
              : ''}
      </p>
    </li>
  );
}
