// Encoder records: the shipped USE-lite's record matches its file, equal encoders pass, others are refused by name.
import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { checkEncoder, sameEncoder, type EncoderRecord } from './encoder-record.ts';
import { SHIPPED_USE_LITE } from '../routers/shared/router-encoder.ts';
import { builtinModelDir } from '../../platform/node/encoder.ts';

const tiny: EncoderRecord = { id: 'tiny-bert', hash: '0123456789abcdef', dim: 32, pooling: 'cls' };

describe('encoder records', () => {
  it('names the shipped USE-lite by the hash of its ONNX file', () => {
    const hash = createHash('sha256')
      .update(readFileSync(`${builtinModelDir}/onnx/model_quantized.onnx`))
      .digest('hex')
      .slice(0, 16);
    expect(SHIPPED_USE_LITE.hash).toBe(hash);
  });

  it('treats the same weights, size and pooling as the same encoder, whatever path opened it', () => {
    expect(sameEncoder(tiny, { ...tiny, id: '/elsewhere/tiny-bert' })).toBe(true);
    expect(sameEncoder(tiny, { ...tiny, pooling: 'mean' })).toBe(false);
    expect(() => checkEncoder(undefined, tiny)).not.toThrow();
  });

  it('refuses another encoder, naming both', () => {
    expect(() => checkEncoder(SHIPPED_USE_LITE, tiny)).toThrow(
      'this router was trained with the encoder use-lite (onnx 53ab0e345cdd53f3, 512-d, pooling none) and cannot route with tiny-bert (onnx 0123456789abcdef, 32-d, pooling cls)',
    );
  });
});
