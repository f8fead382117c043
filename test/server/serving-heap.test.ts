// The serve command's heap growth limit (src/server/serving-heap.ts): a process with the same live set and the same
// turnover of promoted garbage commits a clearly smaller heap with it than with V8's default growth.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const largestHeap = (mode: 'limited' | 'default'): number =>
  (
    JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', 'test/fixtures/heap-churn.ts', mode], { encoding: 'utf8' })) as {
      largest: number;
    }
  ).largest;

describe('the serving heap', () => {
  it('keeps the old generation near what survives instead of letting it grow up to 4x', () => {
    const limited = largestHeap('limited');
    const unlimited = largestHeap('default');
    expect(limited).toBeLessThan(unlimited * 0.85);
  }, 60_000);
});
