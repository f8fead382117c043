// Which encoder made a router's vectors: recorded in the router file when it is trained, checked before it routes,
// so a router never reads vectors from another encoder (another model, revision, size or pooling).
import { z } from 'zod';
import { POOLINGS, type Pooling } from './pooling.ts';

export interface EncoderRecord {
  /** The name the encoder was opened by: a built-in name, hub id, URL or folder. */
  id: string;
  /** Hub revision, when the encoder came from the hub. */
  revision?: string;
  /** SHA-256 (hex, first 16) of the ONNX file the encoder ran. */
  hash: string;
  dim: number;
  pooling: Pooling;
  /** Which of the folder's weight files ran (fp32, fp16, q8, q4): how to open it again. */
  dtype?: string;
}

export const encoderRecordSchema = z.object({
  id: z.string().min(1),
  revision: z.string().min(1).optional(),
  hash: z.string().regex(/^[0-9a-f]{16}$/, 'expected 16 hex digits'),
  dim: z.number().int().positive(),
  pooling: z.enum(POOLINGS as [Pooling, ...Pooling[]]),
  dtype: z.string().min(1).optional(),
});

export function describeEncoder(e: EncoderRecord): string {
  return `${e.id}${e.revision ? `@${e.revision}` : ''} (onnx ${e.hash}, ${e.dim}-d, pooling ${e.pooling})`;
}

/** Same weights, same vector size, same pooling: the id may differ (the same folder opened by another path). */
export function sameEncoder(a: EncoderRecord, b: EncoderRecord): boolean {
  return a.hash === b.hash && a.dim === b.dim && a.pooling === b.pooling;
}

/** Throws, naming both, unless the router was trained with the encoder that is about to feed it. */
export function checkEncoder(trainedWith: EncoderRecord | undefined, running: EncoderRecord): void {
  if (!trainedWith || sameEncoder(trainedWith, running)) return;
  throw new Error(
    `this router was trained with the encoder ${describeEncoder(trainedWith)} and cannot route ` +
      `with ${describeEncoder(running)}: retrain it with this encoder, or choose that encoder`,
  );
}
