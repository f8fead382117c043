// onnxruntime-web sessions for the encoder, in the browser (WebGPU or WASM) and in Node (its WASM build: the
// "node" export condition of the same package). The one place that touches ORT's API.
import * as ort from 'onnxruntime-web';
import type { Backend } from '../core/embed/embedder.ts';
import type { EncoderSession, OpenSession } from '../core/embed/session.ts';

export { ort };

export interface SessionChoice {
  backend: 'webgpu' | 'wasm';
  /** WASM threads (1 when the page is not cross-origin isolated). */
  threads: number;
}

// A one-node ONNX model (y = Identity(x), opset 13, serialised by the onnx package). Opening a session on it
// makes ORT fetch, compile and start its WASM runtime (and thread pool) while the real model still downloads.
const IDENTITY_MODEL = Uint8Array.from([
  8, 7, 18, 0, 58, 60, 10, 16, 10, 1, 120, 18, 1, 121, 34, 8, 73, 100, 101, 110, 116, 105, 116, 121, 18, 6, 119, 97, 114,
  109, 117, 112, 90, 15, 10, 1, 120, 18, 10, 10, 8, 8, 1, 18, 4, 10, 2, 8, 1, 98, 15, 10, 1, 121, 18, 10, 10, 8, 8, 1, 18,
  4, 10, 2, 8, 1, 66, 4, 10, 0, 16, 13,
]);
let runtime: Promise<void> | undefined;

function startRuntime(): Promise<void> {
  runtime ??= ort.InferenceSession.create(IDENTITY_MODEL, { executionProviders: ['wasm'] }).then((s) => s.release());
  return runtime;
}

/** Sets ORT's WASM threads and starts its runtime at once; the returned opener waits for it. */
export function ortSessionOpener(choice: SessionChoice): OpenSession {
  ort.env.wasm.numThreads = choice.threads;
  const ready = startRuntime();
  ready.catch(() => {}); // reported by the opener when it is used
  return async (model) => {
    await ready;
    const session = await ort.InferenceSession.create(model, {
      executionProviders: [choice.backend],
      graphOptimizationLevel: 'all',
    });
    return wrap(session, choice.backend);
  };
}

function wrap(session: ort.InferenceSession, backend: Backend): EncoderSession {
  return {
    backend,
    inputNames: session.inputNames,
    outputNames: session.outputNames,
    async run(feeds, output) {
      const tensors: Record<string, ort.Tensor> = {};
      for (const [name, m] of Object.entries(feeds)) tensors[name] = new ort.Tensor('int64', m.data, m.dims);
      const result = await session.run(tensors, [output]);
      const t = result[output];
      const data = (await t.getData(true)) as Float32Array;
      for (const v of Object.values(tensors)) v.dispose();
      return { data, dims: t.dims };
    },
  };
}
