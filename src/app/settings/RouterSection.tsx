// The router used in chat: a built-in one (auto, bert) or a trained router saved from the lab or local learning,
// with its options shown; and starting an online router (learns from each rated answer) from the one in use.
import { useState } from 'react';
import { TrashIcon } from '../components/icons.tsx';
import { BUILTIN_ROUTERS, startOnline, useRouter } from '../stores/router.ts';
import { catalogModels, useCatalog } from '../stores/catalog.ts';
import { useUsableModels } from '../stores/usable-models.ts';
import { routers } from '../../core/routers/registry.ts';
import type { Strategy } from '../../core/learn/online-router.ts';

const STRATEGIES: Record<Strategy, string> = { linucb: 'LinUCB', 'lin-ts': 'Linear Thompson sampling', 'epsilon-greedy': 'Epsilon-greedy' };

export function RouterSection() {
  const { choice, saved, choose, remove } = useRouter();
  const value = 'builtin' in choice ? `builtin:${choice.builtin}` : `saved:${choice.saved}`;
  const current = 'saved' in choice ? saved.find((r) => r.id === choice.saved) : undefined;
  return (
    <section className="card" aria-labelledby="router-title">
      <h2 id="router-title">Router</h2>
      <label>
        Router in use{' '}
        <select
          aria-label="Router in use"
          value={value}
          onChange={(e) => {
            const [kind, id] = e.target.value.split(/:(.*)/) as [string, string];
            void choose(kind === 'builtin' ? { builtin: id } : { saved: id });
          }}
        >
          {Object.entries(BUILTIN_ROUTERS).map(([name, r]) => (
            <option key={name} value={`builtin:${name}`}>
              {r.label}
            </option>
          ))}
          {saved.map((r) => (
            <option key={r.id} value={`saved:${r.id}`}>
              {r.label} ({r.file.router}, from {r.origin})
            </option>
          ))}
        </select>
      </label>
      <p className="muted">
        {'builtin' in choice
          ? routers[choice.builtin]?.description
          : current &&
            `Trained ${new Date(current.createdAt).toLocaleString()} on ${current.trainedOn ?? 'a dataset'}; ` +
              `models: ${current.file.models.join(', ')}.`}
      </p>
      {current && (
        <>
          <h3>Options</h3>
          <pre className="options">{JSON.stringify(current.file.options, null, 2)}</pre>
        </>
      )}
      <OnlineStart />
      {saved.length > 0 && (
        <>
          <h3>Saved routers</h3>
          <ul>
            {saved.map((r) => (
              <li key={r.id}>
                {r.label} <span className="muted">({r.file.router})</span>{' '}
                <button className="icon" aria-label={`Delete router ${r.label}`} onClick={() => void remove(r.id)}>
                  <TrashIcon />
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

/** Starts an online router from the one in use: it then learns from every rated answer as it comes. */
function OnlineStart() {
  const [strategy, setStrategy] = useState<Strategy>('linucb');
  const [error, setError] = useState<string>();
  const models = useUsableModels();
  const start = async () => {
    setError(undefined);
    try {
      await startOnline(strategy, models, catalogModels(useCatalog.getState().models));
    } catch (e) {
      setError((e as Error).message);
    }
  };
  return (
    <div className="row">
      <label>
        Learn online from feedback with{' '}
        <select aria-label="Online learning algorithm" value={strategy} onChange={(e) => setStrategy(e.target.value as Strategy)}>
          {Object.entries(STRATEGIES).map(([name, label]) => (
            <option key={name} value={name}>
              {label}
            </option>
          ))}
        </select>
      </label>{' '}
      <button disabled={models.length === 0} onClick={() => void start()}>
        Start from the router in use
      </button>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </div>
  );
}
