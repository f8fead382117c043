import { describe, expect, it } from 'vitest';
import { aggregate, lossAndGradient, paramList, CHANNELS, type GraphParams } from './graph-net.ts';
import { gaussian } from './vectors.ts';
import { mulberry32 } from '../../data/random.ts';
import { expectGradientsMatch } from '../../../../test/helpers/gradient-check.ts';

describe('GraphRouter network', () => {
  it('the hand-written gradient matches finite differences for every parameter', () => {
    const random = mulberry32(3);
    const [d, h, m, n] = [4, 3, 2, 5];
    const init = (length: number) => Float32Array.from({ length }, () => gaussian(random) * 0.8);
    const p: GraphParams = {
      d,
      h,
      m,
      wq: init(h * d),
      bq: init(h),
      wt: init(h * h),
      modelNodes: init(m * h),
      gates: init(CHANNELS * h),
      readout: init(h),
      bias: init(m),
    };
    const inputs = { x: init(n * d), tasks: init(n * d) };
    const visible = [0, 1, 2, 3, 4].flatMap((q) => [0, 1].map((model) => ({ query: q, model, features: [random(), random(), 1] })));
    const agg = aggregate(inputs, d, m, visible);
    const edges = [
      { query: 0, model: 0, target: 1 },
      { query: 0, model: 1, target: 0.3 },
      { query: 2, model: 1, target: 0 },
      { query: 4, model: 0, target: 0.8 },
    ];
    const params = paramList(p);
    expectGradientsMatch({
      params,
      loss: () => lossAndGradient(p, inputs, agg, edges),
      gradient: () => {
        const grads = params.map((q) => new Float32Array(q.length));
        lossAndGradient(p, inputs, agg, edges, grads);
        return grads;
      },
    });
  });

  it('model nodes aggregate the feature-weighted mean of their visible queries', () => {
    const agg = aggregate({ x: Float32Array.from([1, 0, 0, 1]), tasks: new Float32Array(4) }, 2, 1, [
      { query: 0, model: 0, features: [1, 0.5, 1] },
      { query: 1, model: 0, features: [0, 0.5, 1] },
    ]);
    expect(Array.from(agg.w)).toEqual([0.5, 0.5, 1]);
    expect(Array.from(agg.x)).toEqual([0.5, 0, 0.25, 0.25, 0.5, 0.5]);
  });
});
