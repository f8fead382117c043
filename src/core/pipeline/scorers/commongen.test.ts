// CommonGen coverage: inflected forms count, missing concepts lower the share.
import { describe, expect, it } from 'vitest';
import { commongenCoverage, concepts } from './commongen.ts';

const item = 'throw, hold, carry, skateboarder, chase';

describe('commongen_coverage', () => {
  it('reads the concepts', () => {
    expect(concepts('coin, trick, direct')).toEqual(['coin', 'trick', 'direct']);
  });

  it.each([
    ['The skateboarder threw the ball, held it, carried it and chased it.', 1],
    ['Skateboarders were throwing, holding, carrying and chasing things.', 1],
    ['A skateboarder throws, holds, carries and chases.', 1],
    ['He had thrown it and was held back while carrying and chasing the skateboarders.', 1],
    ['A skateboarder threw a coin.', 0.4],
    ['Nothing relevant here.', 0],
    ['', 0],
    ['THE SKATEBOARDER THREW, HELD, CARRIED, CHASED.', 1],
    ['The skate boarder threw it.', 0.2],
    ['holder carrier chaser', 0],
  ])('%j covers %d', (answer, expected) => {
    expect(commongenCoverage(answer, item)).toBeCloseTo(expected, 10);
  });
});
