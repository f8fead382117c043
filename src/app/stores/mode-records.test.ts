// The stored shapes of routing modes and profiles: a conversation's mode, context and profile, a message's
// mode run (the thread renders each step from it), and the saved profiles; broken ones are named.
import { beforeAll, describe, expect, it } from 'vitest';
import { recordProblem, registerRecordSchemas } from '../../platform/browser/record-checks.ts';
import { recordSchemas } from './record-schemas.ts';
import { emptyUserVector } from '../../core/modes/personal.ts';

beforeAll(() => registerRecordSchemas(recordSchemas));

const plan = { type: 'plan', model: 'small', cost: 0.001, ms: 12, attempt: 1, subqueries: [{ query: 'a' }] };
const conversation = (steps: unknown[]) => ({
  id: 'c1',
  title: 'Plan',
  createdAt: 1,
  updatedAt: 2,
  profileId: 'work',
  mode: 'decompose',
  context: { kind: 'similar', k: 3 },
  messages: [
    {
      id: 'm1',
      role: 'assistant',
      content: 'done',
      at: 1,
      modeRun: { mode: 'decompose', steps, result: { mode: 'decompose', model: 'large', cost: 0.002 } },
    },
  ],
});

describe('mode and profile records', () => {
  it('accept what the app writes', () => {
    const round = {
      type: 'round',
      model: 'small',
      cost: 0.001,
      ms: 5,
      index: 1,
      toolCost: 0.0005,
      call: { model: 'large', query: 'q' },
      observation: 'a',
    };
    expect(recordProblem('conversations', 'c1', conversation([plan, round]))).toBeUndefined();
    expect(
      recordProblem('settings', 'profiles', {
        profiles: [{ id: 'default', name: 'Default', createdAt: 1, vector: emptyUserVector(), calibration: [] }],
        currentId: 'default',
      }),
    ).toBeUndefined();
  });

  it('name what a view could not render', () => {
    expect(recordProblem('conversations', 'c1', conversation([{ ...plan, subqueries: undefined }]))).toMatch(/sub-queries or its error/);
    expect(recordProblem('conversations', 'c1', conversation([{ type: 'verify', model: 'small', cost: 0, ms: 1 }]))).toMatch(
      /score|answer/,
    );
    expect(recordProblem('conversations', 'c1', { ...conversation([]), mode: 'swarm' })).toMatch(/mode/);
    expect(recordProblem('settings', 'profiles', { profiles: [], currentId: 'x' })).toBeDefined();
  });
});
