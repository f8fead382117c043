// The worker side of encoder-thread.ts: opens the Node encoder (encoder.ts) with the options it was started with,
// says `ready` (or `failed`, with the reason), then answers each `embed` message with the vectors (their buffers
// moved, not copied) or the error, under the message's id. Messages are taken as they come: the encoder queues
// its own runs, one text per run when asked one text.
import { parentPort, threadId, workerData } from 'node:worker_threads';
import { createNodeEmbedder, type NodeEmbedderOptions } from './encoder.ts';
import type { EncoderThreadReply, EncoderThreadRequest } from './encoder-thread.ts';

const port = parentPort!;
const post = (reply: EncoderThreadReply, transfer: ArrayBuffer[] = []) => port.postMessage(reply, transfer);

try {
  const encoder = await createNodeEmbedder(workerData as NodeEmbedderOptions);
  port.on('message', async ({ id, texts }: EncoderThreadRequest) => {
    try {
      const vectors = await encoder.embed(texts);
      post(
        { type: 'embedded', id, vectors },
        vectors.map((v) => v.buffer as ArrayBuffer),
      );
    } catch (e) {
      post({ type: 'error', id, message: (e as Error).message });
    }
  });
  post({ type: 'ready', dim: encoder.dim, backend: encoder.backend, threadId });
} catch (e) {
  post({ type: 'failed', message: (e as Error).message });
}
