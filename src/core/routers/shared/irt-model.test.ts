import { describe, expect, it } from 'vitest';
import { addSampleGradient, irtProbability, shiftAbility, updateAbility, type IrtData, type IrtParams } from './irt-model.ts';
import { gaussian } from './vectors.ts';
import { mulberry32 } from '../../data/random.ts';

const random = mulberry32(5);
const vec = (n: number, scale = 1) => Float32Array.from({ length: n }, () => scale * gaussian(random));

describe('IRT model', () => {
  it('has the gradient of its loss (finite differences over every parameter)', () => {
    const data: IrtData = {
      mix: Float32Array.from([0.2, 0.5, 0.3]),
      x: vec(4),
      scores: Float32Array.from([1, 0.3]),
      ran: Uint8Array.from([1, 1]),
      skills: 3,
      models: 2,
    };
    const params: IrtParams = [vec(6), vec(4, 0.5), vec(1), vec(4, 0.3), vec(1, 0.3)];
    const grads = params.map((p) => new Float32Array(p.length)) as IrtParams;
    addSampleGradient(data, params, grads, 0);
    const loss = () => addSampleGradient(data, params, params.map((p) => new Float32Array(p.length)) as IrtParams, 0).loss;
    const h = 1e-3;
    params.forEach((p, pi) => {
      for (let c = 0; c < p.length; c++) {
        const keep = p[c]!;
        p[c] = keep + h;
        const up = loss();
        p[c] = keep - h;
        const down = loss();
        p[c] = keep;
        expect(grads[pi]![c]!, `parameter ${pi}[${c}]`).toBeCloseTo((up - down) / (2 * h), 2);
      }
    });
  });

  it('is monotone: more ability never lowers the chance, more difficulty never raises it', () => {
    const mix = [0.6, 0.4];
    expect(irtProbability(mix, [1, 2], 0, 2)).toBeGreaterThan(irtProbability(mix, [1, 1], 0, 2));
    expect(irtProbability(mix, [1, 2], 1, 2)).toBeLessThan(irtProbability(mix, [1, 2], 0, 2));
  });

  it('updates abilities towards the outcomes, and not past what the prior allows', () => {
    const fails = Array.from({ length: 20 }, () => ({ mix: [1, 0], difficulty: 0, discrimination: 1, score: 0 }));
    const [mathLike, untouched] = updateAbility([2, 2], 1, fails);
    expect(mathLike).toBeLessThan(2);
    expect(untouched).toBeCloseTo(2, 9);
    const shifted = shiftAbility([2, 1], 1, fails);
    expect(shifted[0]! - 2).toBeCloseTo(shifted[1]! - 1, 9);
    expect(shiftAbility([2, 1], 0.01, fails)[0]).toBeGreaterThan(1.99);
  });
});
