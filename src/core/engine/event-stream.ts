// Callbacks as an async iterable: `run` gets an `emit`; the iterator yields what was emitted, in order, and ends
// when `run` settles (rethrowing its error). Lets the engine be written with the provider layer's callbacks and
// read by its edges as a stream.
export async function* eventStream<T>(run: (emit: (event: T) => void) => Promise<void>): AsyncGenerator<T, void> {
  const queue: T[] = [];
  let wake: (() => void) | undefined;
  let settled = false;
  let failure: { error: unknown } | undefined;
  const emit = (event: T) => {
    queue.push(event);
    wake?.();
  };
  void run(emit)
    .then(
      () => {},
      (error: unknown) => (failure = { error }),
    )
    .finally(() => {
      settled = true;
      wake?.();
    });
  for (;;) {
    while (queue.length > 0) yield queue.shift()!;
    if (settled) break;
    await new Promise<void>((resolve) => (wake = resolve));
    wake = undefined;
  }
  if (failure) throw failure.error;
}
