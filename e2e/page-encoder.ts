// What the encoder specs share: texts embedded by the app's own encoder client in the page (window.__encoder, set by
// the #encoder diagnostics view), and the cosine of two embeddings as the page hands them back (plain arrays).
import type { Page } from '@playwright/test';
import { cosine as cosineOf } from '../src/core/routers/shared/vectors.ts';

/** Embeds `texts` with the page's encoder: the backend it ran on, the vectors, and whether the page is cross-origin isolated. */
export function embedInPage(page: Page, texts: string[]): Promise<{ backend: string; vectors: number[][]; isolated: boolean }> {
  return page.evaluate(async (t) => {
    const enc = window.__encoder!;
    return { backend: enc.backend, vectors: (await enc.embed(t)).map((v) => Array.from(v)), isolated: crossOriginIsolated };
  }, texts);
}

export const cosine = (a: number[], b: number[]) => cosineOf(Float32Array.from(a), Float32Array.from(b));
