// Where an import would send requests that this device does not send now: a provider's base URL (where its key and
// the user's messages go), the sentence encoder's model URL or hub id (what the encoder worker fetches and routes
// with), and hub downloads turned on. The backup importer asks the user to confirm these, old -> new, before it
// writes anything; a rewritten destination never arrives silently.
import { providerDefinition } from '../../core/providers/definitions.ts';
import { BUILTIN_ENCODER } from '../../core/embed/model-env.ts';

export interface DestinationChange {
  /** What changes, e.g. `provider "openai" base URL`. */
  what: string;
  from: string;
  to: string;
}

/** The settings an import may carry that name destinations (their registered schemas checked them already). */
export interface DestinationSettings {
  providers?: readonly { id: string; baseUrl: string }[];
  encoder?: { choice?: { model: string; allowHub: boolean } };
}

const NONE = '(none)';

/** What `imported` changes of `current`; settings the import does not carry change nothing. */
export function destinationChanges(current: DestinationSettings, imported: DestinationSettings): DestinationChange[] {
  return [...providerChanges(current.providers ?? [], imported.providers), ...encoderChanges(current.encoder, imported.encoder)];
}

function providerChanges(
  current: NonNullable<DestinationSettings['providers']>,
  imported: DestinationSettings['providers'],
): DestinationChange[] {
  const changes: DestinationChange[] = [];
  for (const { id, baseUrl } of imported ?? []) {
    const before = current.find((p) => p.id === id)?.baseUrl;
    // A new provider at its own well-known address goes nowhere unexpected; anything else is shown.
    const expected = before ?? providerDefinition(id)?.baseUrl;
    if (baseUrl !== expected) changes.push({ what: `provider "${id}" base URL`, from: before ?? NONE, to: baseUrl });
  }
  return changes;
}

function encoderChanges(current: DestinationSettings['encoder'], imported: DestinationSettings['encoder']): DestinationChange[] {
  const next = imported?.choice;
  if (!next) return [];
  const before = current?.choice ?? { model: BUILTIN_ENCODER, allowHub: false };
  const changes: DestinationChange[] = [];
  if (next.model !== before.model) changes.push({ what: 'sentence encoder (model URL or hub id)', from: before.model, to: next.model });
  if (next.allowHub && !before.allowHub) changes.push({ what: 'downloads from the Hugging Face hub', from: 'off', to: 'on' });
  return changes;
}
