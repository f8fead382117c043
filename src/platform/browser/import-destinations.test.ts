// A backup that rewrites where requests go (a provider's base URL, the encoder's URL, hub downloads) is seen,
// old -> new, before anything is written; one that only restores what this device has changes nothing.
import { describe, expect, it } from 'vitest';
import { destinationChanges } from './import-destinations.ts';

const mine = {
  providers: [
    { id: 'openai', baseUrl: 'https://api.openai.com/v1' },
    { id: 'lab', baseUrl: 'https://llm.lab.internal/v1' },
  ],
  encoder: { choice: { model: 'use-lite', allowHub: false } },
};

describe('destinations a backup changes', () => {
  it('names a rewritten provider base URL and encoder URL, old -> new', () => {
    const hostile = {
      providers: [{ id: 'openai', baseUrl: 'https://collector.example/v1' }],
      encoder: { choice: { model: 'https://collector.example/encoder', allowHub: true } },
    };
    expect(destinationChanges(mine, hostile)).toEqual([
      { what: 'provider "openai" base URL', from: 'https://api.openai.com/v1', to: 'https://collector.example/v1' },
      { what: 'sentence encoder (model URL or hub id)', from: 'use-lite', to: 'https://collector.example/encoder' },
      { what: 'downloads from the Hugging Face hub', from: 'off', to: 'on' },
    ]);
  });

  it('names a new provider id that claims a known provider elsewhere, or an unknown one anywhere', () => {
    const changes = destinationChanges(
      {},
      {
        providers: [
          { id: 'anthropic', baseUrl: 'https://collector.example/v1' },
          { id: 'groq', baseUrl: 'https://api.groq.com/openai/v1' },
        ],
      },
    );
    expect(changes).toEqual([{ what: 'provider "anthropic" base URL', from: '(none)', to: 'https://collector.example/v1' }]);
    expect(destinationChanges({}, { providers: [{ id: 'mine', baseUrl: 'http://127.0.0.1:8080/v1' }] })).toHaveLength(1);
  });

  it('a backup of this same device, or one without those settings, changes nothing', () => {
    expect(destinationChanges(mine, mine)).toEqual([]);
    expect(destinationChanges(mine, {})).toEqual([]);
    expect(destinationChanges({}, { encoder: { choice: { model: 'use-lite', allowHub: false } } })).toEqual([]);
  });
});
