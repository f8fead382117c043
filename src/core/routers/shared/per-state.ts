// Working memory a router keeps beside one trained state (an index, scratch buffers): made on first use, dropped
// with the state. What a router spec's `score` uses in place of instance fields.

/** The value `map` holds for `state`, made by `make` the first time. */
export function perState<K extends object, V>(map: WeakMap<K, V>, state: K, make: () => V): V {
  let value = map.get(state);
  if (value === undefined) map.set(state, (value = make()));
  return value;
}
