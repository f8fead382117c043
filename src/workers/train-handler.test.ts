import { describe, expect, it } from 'vitest';
import { createTrainHandler } from './train-handler.ts';
import { TrainClient } from './train-client.ts';
import type { TrainEvent, TrainRequest } from './train-protocol.ts';
import { loadRouter } from '../core/routers/registry.ts';
import { clusters, split } from '../../test/helpers/synthetic.ts';

const [train] = split(clusters(300), 300);

/** A client and handler joined in-process through structured clones, as a Worker would join them. */
function pair() {
  let handle: (r: TrainRequest) => Promise<void> = async () => {};
  const worker = {
    onmessage: null as ((e: MessageEvent<TrainEvent>) => void) | null,
    postMessage: (req: TrainRequest) => void handle(structuredClone(req)),
    terminate() {},
  };
  handle = createTrainHandler((event) => worker.onmessage?.({ data: structuredClone(event) } as MessageEvent<TrainEvent>));
  return new TrainClient(worker);
}

describe('training worker protocol', () => {
  it('trains, reports progress, and returns a router file that loads', async () => {
    const events: TrainEvent[] = [];
    const handle = createTrainHandler((e) => events.push(e));
    await handle({ type: 'start', id: 7, router: 'mlp', options: { epochs: 5 }, data: train });
    const done = events.at(-1)!;
    expect(done.type).toBe('done');
    expect(events.filter((e) => e.type === 'progress').length).toBeGreaterThan(0);
    if (done.type !== 'done') return;
    expect(loadRouter(done.file).name).toBe('mlp');
  });

  it('cancels a running training, and reports bad requests as errors', async () => {
    const client = pair();
    const controller = new AbortController();
    const run = client.train('mlp', { epochs: 500 }, train, { signal: controller.signal, onProgress: () => controller.abort() });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    await expect(client.train('nope', {}, train)).rejects.toThrow(/unknown router "nope"/);
    const ok = await client.train('knn', { k: 3 }, train);
    expect(ok.file.router).toBe('knn');
  });
});
