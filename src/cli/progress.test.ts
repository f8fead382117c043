// The progress line's rules: quiet for small steps, a line per tenth with an ETA off a terminal, one redrawn line on
// a terminal ended by a newline.
import { describe, expect, it } from 'vitest';
import { duration, progress } from './progress.ts';

function stream(isTTY: boolean) {
  const writes: string[] = [];
  return { writes, stream: { isTTY, write: (s: string) => writes.push(s) } as unknown as NodeJS.WriteStream };
}

describe('progress', () => {
  it('says nothing for a step of MIN_ITEMS items or fewer', () => {
    const s = stream(false);
    const line = progress('embedding', 500, { stream: s.stream });
    for (let i = 0; i <= 500; i++) line.update(i);
    line.end();
    expect(s.writes).toEqual([]);
  });

  it('off a terminal prints one line per tenth, each with a count and an ETA', () => {
    const s = stream(false);
    const line = progress('embedding', 1000, { stream: s.stream });
    for (let i = 0; i <= 1000; i++) line.update(i);
    line.end();
    expect(s.writes).toHaveLength(11);
    expect(s.writes[0]).toBe('[embedding] 0/1000 (0.0%), ETA ?\n');
    expect(s.writes[5]).toMatch(/^\[embedding\] 500\/1000 \(50\.0%\), ETA \d+s\n$/);
    expect(s.writes[10]).toMatch(/^\[embedding\] 1000\/1000 \(100\.0%\), ETA 0s\n$/);
  });

  it('on a terminal redraws one line in place and ends it with a newline', () => {
    const s = stream(true);
    const line = progress('training knn', 1000, { stream: s.stream, percentOnly: true });
    line.update(1, 'detail', 65_000);
    line.update(2);
    line.update(1000);
    line.end();
    expect(s.writes).toEqual([
      '\r[training knn] 0.1%, detail, ETA 1m05s\u001b[K',
      expect.stringMatching(/^\r\[training knn\] 100\.0%, ETA 0s/),
      '\n',
    ]);
  });

  it('formats durations', () => {
    expect(duration(42_400)).toBe('42s');
    expect(duration(185_000)).toBe('3m05s');
  });
});
