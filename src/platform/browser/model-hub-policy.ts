// The model hub's origins join the page's connect-src only while the user has turned hub downloads on (Settings →
// Encoder): read from the saved encoder setting before the app starts, when the page's connect policy is installed
// (connect-policy.ts). A page's policy can be narrowed but never widened, so changing the setting reloads the app.
// The encoder worker, whose fetches the page's policy does not govern, refuses hub URLs itself while downloads are
// off (src/core/embed/with-model-env.ts).
import { MODEL_HUB_ORIGINS } from './csp.ts';
import { loadSetting } from './settings-store.ts';

/** The settings key of the encoder choice (src/app/stores/encoder.ts) and the part of it read here. */
export const ENCODER_SETTING = 'encoder';

export async function modelHubOrigins(): Promise<string[]> {
  const saved = await loadSetting<{ choice?: { allowHub?: boolean } }>(ENCODER_SETTING).catch(() => undefined);
  return saved?.choice?.allowHub ? MODEL_HUB_ORIGINS : [];
}
