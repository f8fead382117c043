// The sentence encoder the routers read: started once in its worker, with the backend that really runs it
// (WebGPU or WASM) shown as it is. The backend preference is kept in IndexedDB.
import { create } from 'zustand';
import type { Backend } from '../../core/embed/embedder.ts';
import { contextualVector } from '../../core/embed/contextual.ts';
import type { BackendPreference } from '../../platform/browser/ort-env.ts';
import { loadSetting, saveSetting } from '../../platform/browser/settings-store.ts';
import { EmbedClient } from '../../workers/embed-client.ts';

const KEY = 'encoder';

interface EncoderStore {
  prefer: BackendPreference;
  status: 'off' | 'loading' | 'ready' | 'error';
  backend?: Backend;
  dim?: number;
  threads?: number;
  error?: string;
  /** Milliseconds the model took to load. */
  loadMs?: number;
  setPrefer(prefer: BackendPreference): Promise<void>;
}

let client: Promise<EmbedClient> | undefined;

export const useEncoder = create<EncoderStore>((set) => ({
  prefer: 'auto',
  status: 'off',
  async setPrefer(prefer) {
    set({ prefer });
    await saveSetting(KEY, { prefer });
    if (client) (await client.catch(() => undefined))?.dispose();
    client = undefined;
    set({ status: 'off', backend: undefined });
  },
}));

/** The user's backend preference for on-device models (the encoder, the bert router's classifier), as saved. */
export async function encoderPreference(): Promise<BackendPreference> {
  const saved = await loadSetting<{ prefer: BackendPreference }>(KEY);
  return saved?.prefer ?? useEncoder.getState().prefer;
}

/** The running encoder, started on first use. */
export function encoder(): Promise<EmbedClient> {
  client ??= (async () => {
    const prefer = await encoderPreference();
    useEncoder.setState({ prefer, status: 'loading', error: undefined });
    const started = performance.now();
    try {
      const running = await EmbedClient.start({ prefer });
      useEncoder.setState({ status: 'ready', backend: running.backend, dim: running.dim, threads: running.threads, loadMs: performance.now() - started });
      return running;
    } catch (e) {
      client = undefined;
      useEncoder.setState({ status: 'error', error: (e as Error).message });
      throw e;
    }
  })();
  return client;
}

/** The vector a router reads for a message: the message's, blended with the previous user turn's for follow-ups. */
export async function embedQuery(text: string, previous?: string): Promise<Float32Array> {
  const e = await encoder();
  const [query, context] = await e.embed(previous ? [text, previous] : [text]);
  return contextualVector(query!, context);
}

/** Vectors for many texts (a dataset's queries), in the encoder worker. */
export async function embedTexts(texts: readonly string[]): Promise<Float32Array[]> {
  return (await encoder()).embed(texts);
}
