// The training worker's logic, apart from the Worker global so it can be tested: runs each started
// training with its own AbortController, reports progress (throttled by the routers), and cancels on request.
import { createRouter } from '../core/routers/registry.ts';
import type { TrainEvent, TrainRequest } from './train-protocol.ts';

export function createTrainHandler(post: (event: TrainEvent) => void): (request: TrainRequest) => Promise<void> {
  const running = new Map<number, AbortController>();
  return async (req) => {
    if (req.type === 'cancel') {
      running.get(req.id)?.abort();
      return;
    }
    const controller = new AbortController();
    running.set(req.id, controller);
    try {
      const router = createRouter(req.router, req.options);
      const started = performance.now();
      await router.fit(req.data, { signal: controller.signal, onProgress: (fraction) => post({ type: 'progress', id: req.id, fraction }) });
      post({ type: 'done', id: req.id, file: router.toJSON(), seconds: (performance.now() - started) / 1000 });
    } catch (e) {
      post({ type: 'error', id: req.id, message: (e as Error).message, cancelled: controller.signal.aborted });
    } finally {
      running.delete(req.id);
    }
  };
}
