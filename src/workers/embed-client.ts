// Main-thread handle on the embedding worker: an Embedder whose work runs in src/workers/embed.worker.ts.
// `const enc = await EmbedClient.start(); await enc.embed(['hi']); enc.backend // 'webgpu' | 'wasm'`
import type { Backend, Embedder } from '../core/embed/embedder.ts';
import type { EncoderRecord } from '../core/embed/encoder-record.ts';
import { BUILTIN_ENCODER, modelEnv } from '../core/embed/model-env.ts';
import type { OpenModelOptions } from './open-model.ts';
import type { EmbedRequest, EmbedResponse } from './embed-protocol.ts';

export interface EmbedClientOptions extends Omit<OpenModelOptions, 'builtinModels'> {
  /** Built-in name, hub id or URL; default: the built-in USE-lite from this origin. */
  model?: string;
}

type Pending = { resolve(r: EmbedResponse): void; reject(e: Error): void };
type Request = EmbedRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

export class EmbedClient implements Embedder {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  private constructor(
    private readonly worker: Worker,
    public backend: Backend = 'wasm',
    public dim = 0,
    public threads = 1,
    /** A classifier's logit names (the bert router's model); empty for an encoder. */
    public labels: readonly string[] = [],
    /** Which encoder runs (router files record it). */
    public record?: EncoderRecord,
  ) {
    worker.onmessage = ({ data }: MessageEvent<EmbedResponse>) => {
      const p = this.pending.get(data.id);
      this.pending.delete(data.id);
      if (data.type === 'error') p?.reject(new Error(data.message));
      else p?.resolve(data);
    };
  }

  static async start(options: EmbedClientOptions = {}): Promise<EmbedClient> {
    const worker = new Worker(new URL('./embed.worker.ts', import.meta.url), { type: 'module' });
    const client = new EmbedClient(worker);
    const { model = BUILTIN_ENCODER, ...rest } = options;
    const builtinModels = new URL(modelEnv.builtinModels, document.baseURI).href;
    const loaded = await client.request({ type: 'load', model, options: { ...rest, builtinModels } });
    if (loaded.type !== 'loaded') throw new Error('embedding worker did not load');
    Object.assign(client, {
      backend: loaded.backend,
      dim: loaded.dim,
      threads: loaded.threads,
      labels: loaded.labels,
      record: loaded.record,
    });
    return client;
  }

  async embed(texts: readonly string[]): Promise<Float32Array[]> {
    const res = await this.request({ type: 'embed', texts: [...texts] });
    if (res.type !== 'embedded') throw new Error('embedding worker gave no vectors');
    return res.vectors;
  }

  dispose(): void {
    this.worker.terminate();
    for (const p of this.pending.values()) p.reject(new Error('embedding worker stopped'));
    this.pending.clear();
  }

  private request(req: Request): Promise<EmbedResponse> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ ...req, id } as EmbedRequest);
    });
  }
}
