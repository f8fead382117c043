// A small diagnostics page (#encoder) for the on-device sentence encoder: which backend runs, cold start, and an
// embedding of any text. Options in the hash: #encoder?prefer=wasm|webgpu&threads=1&model=NAME|URL&dtype=fp16&pooling=cls&allowHub=1.
// The e2e test and the browser benchmark drive the same client through window.__encoder.
import { useEffect, useState } from 'react';
import { EmbedClient, type EmbedClientOptions } from '../../workers/embed-client.ts';
import type { BackendPreference } from '../../platform/browser/ort-env.ts';
import type { Dtype } from '../../core/embed/encoder-options.ts';
import type { Pooling } from '../../core/embed/pooling.ts';

declare global {
  interface Window {
    __encoder?: EmbedClient;
  }
}

function optionsFromHash(): EmbedClientOptions {
  const params = new URLSearchParams(location.hash.split('?')[1] ?? '');
  const threads = params.get('threads');
  return {
    prefer: (params.get('prefer') as BackendPreference | null) ?? 'auto',
    threads: threads ? Number(threads) : undefined,
    model: params.get('model') ?? undefined,
    dtype: (params.get('dtype') as Dtype | null) ?? undefined,
    pooling: (params.get('pooling') as Pooling | null) ?? undefined,
    allowHub: params.get('allowHub') === '1',
  };
}

export function EncoderDiagnostics() {
  const [client, setClient] = useState<EmbedClient>();
  const [coldStartMs, setColdStartMs] = useState<number>();
  const [error, setError] = useState<string>();
  const [text, setText] = useState('Which model should answer this question?');
  const [result, setResult] = useState<{ vector: Float32Array; ms: number }>();

  useEffect(() => {
    let started: EmbedClient | undefined;
    EmbedClient.start(optionsFromHash())
      .then(async (c) => {
        started = c;
        await c.embed(['warm-up']);
        setColdStartMs(performance.now()); // page navigation start -> first embedding
        window.__encoder = c;
        setClient(c);
      })
      .catch((e: Error) => setError(e.message));
    return () => started?.dispose();
  }, []);

  const run = async () => {
    if (!client) return;
    const t0 = performance.now();
    const [vector] = await client.embed([text]);
    setResult({ vector, ms: performance.now() - t0 });
  };

  return (
    <section className="encoder-diagnostics" aria-label="Encoder diagnostics">
      <h2>Encoder</h2>
      {error && <p role="alert">Encoder failed: {error}</p>}
      {!client && !error && <p>Loading the encoder…</p>}
      {client && (
        <>
          <p>
            backend <output aria-label="encoder backend">{client.backend}</output>
            {client.backend === 'wasm' && (
              <>
                {' '}
                ({client.threads} thread{client.threads > 1 ? 's' : ''})
              </>
            )}
            , {client.dim} dimensions, first embedding after <output aria-label="cold start ms">{coldStartMs?.toFixed(0)}</output> ms
          </p>
          <textarea aria-label="Text to embed" value={text} onChange={(e) => setText(e.target.value)} rows={3} />
          <button onClick={run}>Embed</button>
          {result && (
            <p>
              {result.ms.toFixed(1)} ms:{' '}
              <output aria-label="embedding">[{Array.from(result.vector.slice(0, 6), (x) => x.toFixed(4)).join(', ')}, …]</output>
            </p>
          )}
        </>
      )}
    </section>
  );
}
