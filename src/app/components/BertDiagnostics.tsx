// A small diagnostics page (#bert) for the shipped bert router: loads its router file and its int8 classifier in
// the embedding worker (#bert?prefer=wasm|webgpu), routes a message and shows the decision and the estimates.
// The e2e test drives it through window.__bertRoute. (The chat's router picker is the app's own work.)
import { useEffect, useState } from 'react';
import { EmbedClient } from '../../workers/embed-client.ts';
import type { BackendPreference } from '../../platform/browser/ort-env.ts';
import { BERT_MODEL } from '../../core/routers/bert.ts';
import { decide, type Decision } from '../../core/routers/decide.ts';
import { loadRouter } from '../../core/routers/registry.ts';
import type { Prediction, Router } from '../../core/routers/router.ts';

interface Routed {
  decision: Decision;
  prediction: Prediction;
  ms: number;
}

declare global {
  interface Window {
    __bertRoute?: (text: string) => Promise<Routed>;
  }
}

export function BertDiagnostics() {
  const prefer = (new URLSearchParams(location.hash.split('?')[1] ?? '').get('prefer') as BackendPreference | null) ?? 'auto';
  const [client, setClient] = useState<EmbedClient>();
  const [router, setRouter] = useState<Router>();
  const [error, setError] = useState<string>();
  const [text, setText] = useState('Solve for x: 3x + 7 = 22.');
  const [routed, setRouted] = useState<Routed>();

  useEffect(() => {
    let started: EmbedClient | undefined;
    const load = async () => {
      const res = await fetch(`models/${BERT_MODEL}/router.json`);
      if (!res.ok) throw new Error(`models/${BERT_MODEL}/router.json: HTTP ${res.status}`);
      const file: unknown = await res.json();
      const r = loadRouter(file, {
        openClassifier: async (model, { quantized }) =>
          (started = await EmbedClient.start({ model, prefer, dtype: quantized ? 'q8' : 'fp32', longText: 'truncate' })),
      });
      await r.predict({ text: 'warm-up' }); // opens the classifier
      const route = async (t: string): Promise<Routed> => {
        const t0 = performance.now();
        const prediction = await r.predict({ text: t });
        return { prediction, decision: decide(prediction.estimates, { lambda: 0 }), ms: performance.now() - t0 };
      };
      window.__bertRoute = route;
      setClient(started);
      setRouter(r);
    };
    load().catch((e: Error) => setError(e.message));
    return () => started?.dispose();
  }, [prefer]);

  const run = async () => setRouted(await window.__bertRoute!(text));

  return (
    <section className="bert-diagnostics" aria-label="BERT router diagnostics">
      <h2>BERT router</h2>
      {error && <p role="alert">BERT router failed: {error}</p>}
      {!router && !error && <p>Loading the BERT router…</p>}
      {router && client && (
        <>
          <p>
            backend <output aria-label="bert backend">{client.backend}</output>, {client.labels.length} outputs
          </p>
          <textarea aria-label="Message to route" value={text} onChange={(e) => setText(e.target.value)} rows={3} />
          <button onClick={run}>Route</button>
          {routed && (
            <>
              <p>
                {routed.ms.toFixed(1)} ms: <output aria-label="bert decision">{routed.decision.model}</output> (
                {routed.prediction.explanation.summary})
              </p>
              <ul>
                {routed.decision.ranking.map((r) => (
                  <li key={r.model}>
                    {r.model}: quality {r.quality.toFixed(3)}, cost ${r.cost.toFixed(6)}
                  </li>
                ))}
              </ul>
            </>
          )}
        </>
      )}
    </section>
  );
}
