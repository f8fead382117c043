// The conversation's routing mode and context, beside the composer: they apply to the open conversation
// (or to the next new one when none is open) and are kept with it.
import { MODE_NAMES, type ModeName } from '../../core/modes/mode.ts';
import type { ContextPolicy } from '../../core/modes/context.ts';
import { useConversations, type ConversationSettings as Settings } from '../stores/conversations.ts';
import { profileOf, useProfiles } from '../stores/profiles.ts';
import { useDraftSettings } from './draft-settings.ts';

const MODE_LABELS: Record<ModeName, string> = {
  single: 'single: route, then one model',
  cascade: 'cascade: cheap first, escalate if unsure',
  'llm-router': 'llm-router: an LLM picks the model',
  decompose: 'decompose: split, route each part, combine',
  agent: 'agent: a model calls other models',
};

const CONTEXTS: Record<string, { label: string; policy: ContextPolicy }> = {
  full: { label: 'full conversation', policy: { kind: 'full' } },
  current: { label: 'current message only', policy: { kind: 'current' } },
  similar: { label: '3 most similar earlier turns', policy: { kind: 'similar', k: 3 } },
};

export function ConversationSettings() {
  const { conversations, currentId, configure } = useConversations();
  const draft = useDraftSettings();
  const profileId = useProfiles((s) => s.currentId);
  const current = conversations.find((c) => c.id === currentId && profileOf(c) === profileId);
  const settings: Settings = current ?? draft.settings;
  const change = (patch: Settings) => (current ? void configure(current.id, patch) : draft.set({ ...draft.settings, ...patch }));
  return (
    <>
      <label>
        Mode{' '}
        <select aria-label="Routing mode" value={settings.mode ?? 'single'} onChange={(e) => change({ mode: e.target.value as ModeName })}>
          {MODE_NAMES.map((m) => (
            <option key={m} value={m}>
              {MODE_LABELS[m]}
            </option>
          ))}
        </select>
      </label>
      <label>
        Context{' '}
        <select
          aria-label="Context"
          value={settings.context?.kind ?? 'full'}
          onChange={(e) => change({ context: CONTEXTS[e.target.value]!.policy })}
        >
          {Object.entries(CONTEXTS).map(([key, c]) => (
            <option key={key} value={key}>
              {c.label}
            </option>
          ))}
        </select>
      </label>
    </>
  );
}
