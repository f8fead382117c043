// A conversation with images goes only to models whose catalog entry reads images (core/catalog/model.ts): the router
// decides among those alone, a model named for the answer must read them, and a multi-call mode (whose calls carry
// text) takes none. Routers read the text only; the images travel with the messages to the model that answers.
import { readsImages } from '../catalog/model.ts';
import { hasImages } from '../providers/images.ts';
import type { AnswerRequest, EngineParts } from './types.ts';

/** A conversation with images that no model it may use can read. */
export class ImageInputError extends RangeError {
  override readonly name = 'ImageInputError';
}

/** The request with its allowed models narrowed to those that read images, when it has images. */
export function forImages(parts: EngineParts, request: AnswerRequest): AnswerRequest {
  if (!hasImages(request.messages)) return request;
  const mode = request.mode ?? 'single';
  if (mode !== 'single' && !request.forced)
    throw new ImageInputError(`the ${mode} mode makes its own text calls and passes no images: send images in single mode`);
  const readers = new Set(parts.models.filter(readsImages).map((m) => m.id));
  const unreadable = request.forced?.models.filter((m) => !readers.has(m)) ?? [];
  if (unreadable.length > 0)
    throw new ImageInputError(`the conversation has images, and ${unreadable.join(', ')} does not read images (says its catalog entry)`);
  if (!parts.router) return request;
  const considered = request.policy.allowed ?? parts.models.map((m) => m.id);
  const allowed = considered.filter((id) => readers.has(id));
  if (allowed.length === 0)
    throw new ImageInputError(
      `the conversation has images, and none of the models it may use reads images (says the catalog): ${names(considered)}`,
    );
  return { ...request, policy: { ...request.policy, allowed } };
}

function names(models: readonly string[]): string {
  return models.length > 8 ? `${models.slice(0, 8).join(', ')} and ${models.length - 8} more` : models.join(', ');
}
