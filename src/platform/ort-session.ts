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

export function ortSessionOpener(choice: SessionChoice): OpenSession {
  ort.env.wasm.numThreads = choice.threads;
  return async (model) => {
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
