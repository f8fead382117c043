// The worker side of a tiny request/response protocol: named handlers, progress messages and cancellation,
// shared by the app's workers so each one only lists what it does.

export interface Call {
  progress(fraction: number, note?: string): void;
  signal: AbortSignal;
}

export type Handlers = Record<string, (args: never, call: Call) => unknown>;

export type Request = { id: number; method: string; args: unknown } | { id: number; cancel: true };
export type Response = { id: number; progress: number; note?: string } | { id: number; result: unknown } | { id: number; error: string };

export function serve(handlers: Handlers): void {
  const running = new Map<number, AbortController>();
  const post = (message: Response, transfer: Transferable[] = []) => (self as unknown as Worker).postMessage(message, transfer);
  self.addEventListener('message', async (event: MessageEvent<Request>) => {
    const request = event.data;
    if ('cancel' in request) return running.get(request.id)?.abort();
    const controller = new AbortController();
    running.set(request.id, controller);
    try {
      const handler = handlers[request.method];
      if (!handler) throw new Error(`worker has no method "${request.method}"`);
      const call: Call = { signal: controller.signal, progress: (progress, note) => post({ id: request.id, progress, note }) };
      post({ id: request.id, result: await handler(request.args as never, call) });
    } catch (e) {
      post({ id: request.id, error: e instanceof Error ? e.message : String(e) });
    } finally {
      running.delete(request.id);
    }
  });
}
