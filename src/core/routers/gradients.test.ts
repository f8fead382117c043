// Finite-difference checks of the hand-written backward passes of mf (RouteLLM's pairwise loss) and
// routerdc (RouterDC's two contrastive losses); graph and the dense network have theirs beside their code.
import { describe, it } from 'vitest';
import { pairwiseLoss } from './mf.ts';
import { contrastiveLoss } from './routerdc.ts';
import { gaussian } from './shared/vectors.ts';
import { mulberry32 } from '../data/random.ts';
import { expectGradientsMatch } from '../../../test/helpers/gradient-check.ts';

const random = mulberry32(9);
const init = (length: number) => Float32Array.from({ length }, () => gaussian(random));
const gradientOf = (params: Float32Array[], loss: (grads?: Float32Array[]) => number) => () => {
  const grads = params.map((p) => new Float32Array(p.length));
  loss(grads);
  return grads;
};

describe('hand-written gradients', () => {
  it('mf: the pairwise logistic loss over normalised model vectors', () => {
    const [d, k, m] = [4, 3, 3];
    const st = { inputs: d, modelVectors: init(m * k), projection: init(k * d), classifier: init(k) };
    const x = init(d);
    const battles = [
      { winner: 0, loser: 1 },
      { winner: 2, loser: 1 },
      { winner: 0, loser: 2 },
    ];
    const params = [st.modelVectors, st.projection, st.classifier];
    const loss = (grads?: Float32Array[]) => pairwiseLoss(st, x, battles, grads);
    expectGradientsMatch({ params, loss: () => loss(), gradient: gradientOf(params, loss) });
  });

  it('routerdc: the sample-model and sample-sample contrastive losses through the normalised projection', () => {
    const [d, k, m, n] = [5, 3, 4, 6];
    const st = { projection: init(k * d), modelVectors: init(m * k) };
    const x = init(n * d);
    const projected = Float64Array.from(init(n * k));
    const groups = {
      models: [
        [0, 2, 3],
        [1, 2, 3],
      ],
      samples: [4, 1, 5],
    };
    const o = { temperature: 0.5, sampleWeight: 0.7 };
    const params = [st.projection, st.modelVectors];
    const loss = (grads?: Float32Array[]) => contrastiveLoss(st, { x, d, k, m }, 2, groups, projected, o, grads);
    expectGradientsMatch({ params, loss: () => loss(), gradient: gradientOf(params, loss) });
  });
});
