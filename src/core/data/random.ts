// A small seeded PRNG (mulberry32) and a seeded shuffle, so splits and sampling are reproducible everywhere.

/** Uniform numbers in [0,1) from a 32-bit seed; the same seed gives the same sequence on every runtime. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    const [value, next] = mulberry32Step(a);
    a = next;
    return value;
  };
}

/** One step of mulberry32 from its 32-bit state: the number drawn and the next state (for generators kept in files). */
export function mulberry32Step(state: number): [number, number] {
  const a = (state + 0x6d2b79f5) >>> 0;
  let t = a;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return [((t ^ (t >>> 14)) >>> 0) / 4294967296, a];
}

/** A shuffled copy (Fisher-Yates) driven by `random`. */
export function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
