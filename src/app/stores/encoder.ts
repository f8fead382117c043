// The sentence encoder the routers read: the built-in USE-lite or one the user names (hub id or URL), started once
// in its worker with the backend that really runs it (WebGPU or WASM) shown as it is. The choice and the backend
// preference are kept in IndexedDB; the page admits the hub's origins only while hub downloads are on (main.tsx).
import { create } from 'zustand';
import type { Backend } from '../../core/embed/embedder.ts';
import { checkEncoder, type EncoderRecord } from '../../core/embed/encoder-record.ts';
import { BUILTIN_ENCODER } from '../../core/embed/model-env.ts';
import type { Dtype } from '../../core/embed/encoder-options.ts';
import type { Pooling } from '../../core/embed/pooling.ts';
import type { RouterFile } from '../../core/routers/router.ts';
import { withEncoder } from '../../core/routers/shared/router-encoder.ts';
import type { BackendPreference } from '../../platform/browser/ort-env.ts';
import { ENCODER_SETTING } from '../../platform/browser/model-hub-policy.ts';
import { loadSetting, saveSetting } from '../../platform/browser/settings-store.ts';
import { EmbedClient } from '../../workers/embed-client.ts';

const KEY = ENCODER_SETTING;

/** Which encoder: the built-in, a hub id or a URL; its weights; its pooling unless the model's own; hub downloads. */
export interface EncoderChoice {
  model: string;
  dtype: Dtype;
  pooling?: Pooling;
  allowHub: boolean;
}

export const BUILTIN_CHOICE: EncoderChoice = { model: BUILTIN_ENCODER, dtype: 'q8', allowHub: false };

interface Saved {
  prefer: BackendPreference;
  choice?: EncoderChoice;
}

interface EncoderStore {
  prefer: BackendPreference;
  choice: EncoderChoice;
  status: 'off' | 'loading' | 'ready' | 'error';
  backend?: Backend;
  dim?: number;
  threads?: number;
  record?: EncoderRecord;
  error?: string;
  /** Milliseconds the model took to load. */
  loadMs?: number;
  load(): Promise<void>;
  setPrefer(prefer: BackendPreference): Promise<void>;
  /** Switches encoder; turning hub downloads on or off reloads the page (its connect policy is set at start). */
  setChoice(choice: EncoderChoice): Promise<void>;
}

let client: Promise<EmbedClient> | undefined;

async function restart(): Promise<void> {
  if (client) (await client.catch(() => undefined))?.dispose();
  client = undefined;
  useEncoder.setState({ status: 'off', backend: undefined, record: undefined, error: undefined });
}

const saved = (): Saved => ({ prefer: useEncoder.getState().prefer, choice: useEncoder.getState().choice });

export const useEncoder = create<EncoderStore>((set, get) => ({
  prefer: 'auto',
  choice: BUILTIN_CHOICE,
  status: 'off',
  async load() {
    const s = await loadSetting<Saved>(KEY);
    set({ prefer: s?.prefer ?? get().prefer, choice: s?.choice ?? BUILTIN_CHOICE });
  },
  async setPrefer(prefer) {
    set({ prefer });
    await saveSetting(KEY, saved());
    await restart();
  },
  async setChoice(choice) {
    const hubChanged = choice.allowHub !== get().choice.allowHub;
    set({ choice });
    await saveSetting(KEY, saved());
    if (hubChanged) return location.reload();
    await restart();
  },
}));

/** The user's backend preference for on-device models (the encoder, the bert router's classifier), as saved. */
export async function encoderPreference(): Promise<BackendPreference> {
  const s = await loadSetting<Saved>(KEY);
  return s?.prefer ?? useEncoder.getState().prefer;
}

/** The running encoder, started on first use. */
export function encoder(): Promise<EmbedClient> {
  client ??= (async () => {
    const { prefer, choice } = useEncoder.getState();
    useEncoder.setState({ status: 'loading', error: undefined });
    const started = performance.now();
    try {
      const running = await EmbedClient.start({ prefer, ...choice });
      useEncoder.setState({
        status: 'ready',
        backend: running.backend,
        dim: running.dim,
        threads: running.threads,
        record: running.record,
        loadMs: performance.now() - started,
      });
      return running;
    } catch (e) {
      client = undefined;
      useEncoder.setState({ status: 'error', error: (e as Error).message });
      throw e;
    }
  })();
  return client;
}

/** Identifies the chosen encoder (caches of dataset vectors are kept per encoder). */
export function encoderKey(): string {
  return JSON.stringify(useEncoder.getState().choice);
}

/** Vectors for texts in the encoder worker, refused (naming both encoders) when a router was trained on another encoder's. */
export async function embedChecked(texts: readonly string[], trainedWith?: EncoderRecord): Promise<Float32Array[]> {
  const e = await encoder();
  checkEncoder(trainedWith, e.record!);
  return e.embed(texts);
}

/** Vectors for many texts (a dataset's queries), in the encoder worker. */
export async function embedTexts(texts: readonly string[]): Promise<Float32Array[]> {
  return (await encoder()).embed(texts);
}

/** A trained router's file, stamped with the running encoder when the router reads embeddings. */
export async function stampEncoder(file: RouterFile, needsEmbedding: boolean): Promise<RouterFile> {
  return withEncoder(file, needsEmbedding, needsEmbedding ? (await encoder()).record : undefined);
}
