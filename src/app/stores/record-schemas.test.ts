// The record schemas the app registers: what a view relies on is checked and named when wrong, and what a
// newer build adds (fields, roles, statuses, other outcome record types) passes through.
import { beforeAll, describe, expect, it } from 'vitest';
import { recordProblem, registerRecordSchemas } from '../../platform/browser/record-checks.ts';
import { recordSchemas } from './record-schemas.ts';

beforeAll(() => registerRecordSchemas(recordSchemas));

const conversation = {
  id: 'c1',
  title: 'Trip',
  createdAt: 1,
  updatedAt: 2,
  messages: [{ id: 'm1', role: 'user', content: 'hello', at: 1 }],
};

describe('record schemas', () => {
  it('accept the records the app writes, and fields or values a newer build adds', () => {
    expect(recordProblem('conversations', 'c1', conversation)).toBeUndefined();
    const newer = {
      ...conversation,
      pinned: true,
      messages: [{ id: 'm2', role: 'tool', content: '', at: 3, status: 'planning', mode: 'cascade' }],
    };
    expect(recordProblem('conversations', 'c1', newer)).toBeUndefined();
    expect(recordProblem('outcomes', 'o1', { id: 'o1', at: 1, type: 'bandit-step', anything: [1] })).toBeUndefined();
    expect(recordProblem('settings', 'preferences', { lambda: 0.3 })).toBeUndefined();
    expect(recordProblem('settings', 'a-setting-nobody-registered', 'anything')).toBeUndefined();
  });

  it('name what is wrong with a record a view would crash on', () => {
    expect(recordProblem('conversations', 'c1', { ...conversation, messages: 'oops' })).toBe(
      'messages: Invalid input: expected array, received string',
    );
    expect(recordProblem('settings', 'preferences', { lambda: 'high' })).toBe('lambda: Invalid input: expected number, received string');
    expect(recordProblem('settings', 'providers', [{ id: 'x', label: 'x', wire: 'smoke-signals', baseUrl: 'http://x' }])).toMatch(
      /^0\.wire: /,
    );
    expect(recordProblem('datasets', 'd1', { id: 'd1', name: 'd', format: 'native', importedAt: 1, stats: {}, samples: [] })).toMatch(
      /^stats\.queries: /,
    );
  });

  it('count the problems beyond the first three', () => {
    expect(recordProblem('conversations', 'c1', {})).toMatch(/ \(and 2 more\)$/);
  });
});

describe('outcome records a budget sums (attacks from a backup)', () => {
  const attempt = { id: 'o1', at: 1, callId: 'c', model: 'm', provider: 'p', kind: 'ok' };
  it('refuse a cost of -1000, naming the field, whatever type the record claims', () => {
    expect(recordProblem('outcomes', 'o1', { ...attempt, cost: -1000 })).toBe('cost: a cost must be a finite USD amount of at least 0');
    expect(recordProblem('outcomes', 'o1', { ...attempt, type: 'bandit-step', cost: -1000 })).toBe(
      'cost: a cost must be a finite USD amount of at least 0',
    );
    expect(recordProblem('outcomes', 'o1', { ...attempt, type: 'routed-call', answerCost: -3 })).toMatch(/^answerCost: a cost must be/);
  });

  it('refuse NaN and infinite costs', () => {
    for (const cost of [Number.NaN, Number.POSITIVE_INFINITY, '0.1']) {
      expect(recordProblem('outcomes', 'o1', { ...attempt, type: 'bandit-step', cost })).toMatch(/^cost: /);
    }
    expect(recordProblem('outcomes', 'o1', { ...attempt, cost: 0.25 })).toBeUndefined();
  });
});
