// Warms what routing needs as soon as a model can be called (when the app opens, or when the first model is
// enabled): the encoder and the router in use, so the first message waits for neither. Until the encoder is ready,
// the engine routes by the router's text-only tier where it has one (core/engine/routing.ts).
import { catalogModels, useCatalog } from '../stores/catalog.ts';
import { encoder } from '../stores/encoder.ts';
import { activeRouter } from '../stores/router.ts';
import { usableModels } from '../stores/usable-models.ts';

/** Starts both loads now if a model can be called, else when the first one is enabled. */
export function warmRouting(): void {
  if (warm()) return;
  const stop = useCatalog.subscribe(() => {
    if (warm()) stop();
  });
}

function warm(): boolean {
  const models = usableModels().map((m) => m.id);
  if (models.length === 0) return false;
  void encoder().catch(() => undefined);
  void activeRouter(models, catalogModels(useCatalog.getState().models)).catch(() => undefined);
  return true;
}
