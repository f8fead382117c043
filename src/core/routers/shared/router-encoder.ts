// The encoder record of a router file: stamped when a router that reads embeddings is trained, read back before it
// routes. Files written before records existed were all trained on the shipped USE-lite, so that is their record.
import { checkEncoder, type EncoderRecord } from '../../embed/encoder-record.ts';
import type { RouterFile } from '../router.ts';

/** The shipped USE-lite (public/models/use-lite/onnx/model_quantized.onnx); encoder-record.test.ts checks the hash. */
export const SHIPPED_USE_LITE: EncoderRecord = { id: 'use-lite', hash: '53ab0e345cdd53f3', dim: 512, pooling: 'none' };

/** A router's file, stamped with the encoder it was trained on when the router reads embeddings. */
export function withEncoder(file: RouterFile, needsEmbedding: boolean, encoder: EncoderRecord | undefined): RouterFile {
  return needsEmbedding && encoder ? { ...file, encoder } : file;
}

/** The encoder a router file was trained on (files from before records: the shipped USE-lite). */
export function encoderOfFile(file: RouterFile): EncoderRecord {
  return file.encoder ?? SHIPPED_USE_LITE;
}

/** Throws, naming both encoders, unless a router that reads embeddings gets them from the encoder it was trained on. */
export function checkRouterEncoder(file: RouterFile, needsEmbedding: boolean, running: EncoderRecord): void {
  if (needsEmbedding) checkEncoder(encoderOfFile(file), running);
}
