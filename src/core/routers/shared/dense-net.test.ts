import { describe, it } from 'vitest';
import { denseLossAndGradient, type DenseNet } from './dense-net.ts';
import { gaussian } from './vectors.ts';
import { mulberry32 } from '../../data/random.ts';
import { expectGradientsMatch } from '../../../../test/helpers/gradient-check.ts';

describe('dense network (mlp, logreg, svm)', () => {
  const cases = [
    ['mlp: one hidden layer, logistic loss', 4, 'logistic'],
    ['logreg: no hidden layer, logistic loss', 0, 'logistic'],
    ['svm: no hidden layer, hinge loss', 0, 'hinge'],
  ] as const;
  it.each(cases)('the hand-written gradient matches finite differences (%s)', (_, hidden, loss) => {
    const random = mulberry32(5);
    const [d, o, n] = [3, 2, 6];
    const init = (length: number) => Float32Array.from({ length }, () => gaussian(random));
    const net: DenseNet = {
      inputs: d,
      hidden,
      outputs: o,
      w1: init(hidden * d),
      b1: init(hidden),
      w2: init(o * (hidden || d)),
      b2: init(o),
    };
    const data = {
      x: init(n * d),
      y: Float32Array.from({ length: n * o }, () => (loss === 'hinge' ? Math.round(random()) : random())),
      mask: Uint8Array.from({ length: n * o }, (_, k) => (k % 5 === 3 ? 0 : 1)),
      loss,
    };
    const rows = [0, 1, 2, 3, 4, 5];
    const params = [net.w1, net.b1, net.w2, net.b2];
    expectGradientsMatch({
      params,
      loss: () => denseLossAndGradient(net, data, rows),
      gradient: () => {
        const grads = params.map((p) => new Float32Array(p.length));
        denseLossAndGradient(net, data, rows, grads);
        return grads;
      },
    });
  });
});
