import { describe, expect, it } from 'vitest';
import { PooledArms } from './pooled-arms.ts';
import { decayedEpsilon, EPSILON_HALF_CALLS, plausible } from './exploration.ts';
import { LinearArm, newArm } from './linear-arm.ts';

// Features: [hardness, 1]. Every model scores 0.9 - 0.6 x hardness, plus its own edge: "strong" 0.1 more than "weak".
const easy = Float64Array.from([0, 1]);
const hard = Float64Array.from([1, 1]);
const score = (model: number, x: Float64Array) => 0.9 - 0.6 * x[0]! + (model === 0 ? 0.1 : 0);
const estimate = (pool: PooledArms, j: number, x: Float64Array) => 0.5 + pool.mean(j, x);

describe('pooled arms', () => {
  it('learn how hard a query is from every model, so a model tried only on hard queries is not judged by them', () => {
    const pool = PooledArms.fresh(2, 2, 1);
    // The strong model is only ever tried on hard queries, the weak one on easy and hard ones.
    for (let i = 0; i < 400; i++) {
      pool.update(0, hard, score(0, hard), 0.5);
      pool.update(1, easy, score(1, easy), 0.5);
      pool.update(1, hard, score(1, hard), 0.5);
    }
    // Alone, the strong model's arm knows only "scores 0.4 on hard queries" and puts it far below its 1.0 on easy ones.
    const alone = new LinearArm(newArm(2, 1));
    for (let i = 0; i < 400; i++) alone.update(hard, score(0, hard) - 0.5);
    const error = (e: number) => Math.abs(e - score(0, easy));
    expect(error(estimate(pool, 0, easy))).toBeLessThan(error(0.5 + alone.mean(easy)) / 2);
    expect(estimate(pool, 0, hard)).toBeGreaterThan(estimate(pool, 1, hard));
    expect(estimate(pool, 1, easy)).toBeCloseTo(score(1, easy), 1);
    // Unpooled updates (a warm start) leave the shared arm alone: the answer is the chosen model's alone.
    const warm = PooledArms.fresh(2, 2, 1);
    warm.update(0, hard, 0, 0.5, false);
    expect(warm.shared.state.n).toBe(0);
    expect(estimate(warm, 1, hard)).toBe(0.5);
    expect(estimate(warm, 0, hard)).toBeLessThan(0.5);
  });

  it("favour the leader (best mean reward, shrunk to its prior) by a margin that grows with the leader's outcomes", () => {
    const pool = PooledArms.fresh(3, 2, 1);
    const estimates = ['a', 'b', 'c'].map((model) => ({ model, quality: 0.5, cost: 0.001 }));
    const priors = [0.5, 0.5, 0.5];
    // No outcome yet: no leader is favoured.
    expect(pool.favourLeader(estimates, priors, 0.05).map((e) => e.quality)).toEqual([0.5, 0.5, 0.5]);
    for (let i = 0; i < 50; i++) {
      pool.update(1, easy, 0.8, 0.5);
      pool.update(2, easy, 0.6, 0.5);
    }
    expect(pool.favourLeader(estimates, priors, 0.05).map((e) => e.quality)).toEqual([0.5, 0.525, 0.5]);
    // A prior the outcomes have not yet outweighed keeps its model the leader.
    expect(pool.favourLeader(estimates, [0.5, 0.5, 40], 0.05)[2]!.quality).toBeGreaterThan(0.5);
    expect(pool.favourLeader(estimates, priors, 0)).toEqual(estimates);
  });

  it('revise a learned reward, keep arms and sums by model when the models change, and load files saved before the pool', () => {
    const pool = PooledArms.fresh(2, 2, 1);
    pool.update(0, easy, 1, 0.5);
    pool.revise(0, easy, -1);
    expect(pool.totals).toEqual([0, 0]);
    const remapped = pool.remap([1, -1, 0], 2, 1);
    expect(remapped.arms.map((a) => a.state.n)).toEqual([0, 0, 1]);
    expect(remapped.shared.state.n).toBe(1);
    // An older file has no sums: no leader is favoured, and it saves back as it was until the shared arm learns.
    const old = new PooledArms({ arms: [newArm(2, 1), newArm(2, 1)] }, 2, 1);
    const estimates = ['a', 'b'].map((model, j) => ({ model, quality: j / 2, cost: 0.001 }));
    expect(old.favourLeader(estimates, [0.5, 0.5], 0.05)).toEqual(estimates);
    expect(Object.keys(old.state)).toEqual(['arms']);
    old.update(0, easy, 1, 0.5);
    expect(Object.keys(old.state)).toEqual(['shared', 'arms']);
    expect(() => new PooledArms({ arms: [newArm(2, 1)], totals: [1, 2] }, 2, 1)).toThrow(/state\.totals/);
    expect(() => new PooledArms({ arms: [newArm(3, 1)] }, 2, 1)).toThrow(/2 features/);
  });
});

describe('decaying epsilon', () => {
  it('starts at epsilon, halves after EPSILON_HALF_CALLS calls, and keeps falling as 1/t', () => {
    expect(decayedEpsilon(0.1, 0)).toBe(0.1);
    expect(decayedEpsilon(0.1, EPSILON_HALF_CALLS)).toBeCloseTo(0.05, 12);
    expect(decayedEpsilon(0.1, 9 * EPSILON_HALF_CALLS)).toBeCloseTo(0.01, 12);
    // By a 5,000-call stream's last queries the default explores fewer than 1 call in 1,000.
    expect(decayedEpsilon(0.05, 5000)).toBeLessThan(0.001);
  });
});

describe('plausible exploration', () => {
  it("keeps the greedy choice and the models whose quality plus widths x uncertainty reaches it, in the ranking's order", () => {
    const ranking = [
      { model: 'leader', quality: 0.7 },
      { model: 'close', quality: 0.65 },
      { model: 'unsure', quality: 0.4 },
      { model: 'hopeless', quality: 0.2 },
    ];
    const width = (m: string) => ({ leader: 0.01, close: 0.06, unsure: 0.5, hopeless: 0.1 })[m]!;
    expect(plausible(ranking, width, 1).map((r) => r.model)).toEqual(['leader', 'close', 'unsure']);
    expect(plausible(ranking, width, 0).map((r) => r.model)).toEqual(['leader']);
    expect(plausible(ranking, width, 10)).toEqual(ranking);
  });

  it('decays epsilon on its own half-life when given one', () => {
    expect(decayedEpsilon(0.1, 300, 300)).toBeCloseTo(0.05, 12);
  });
});
