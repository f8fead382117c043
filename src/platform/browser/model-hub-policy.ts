// Whether the user has turned hub downloads on (Settings → Encoder), read from the saved encoder setting before the
// app starts, when the page's connect policy is narrowed (connect-policy.ts): the deploy's policy admits the hub's
// origins only when llmrouter.config.json allows hub downloads, and the page admits them only while the user does too.
// A page's policy can be narrowed but never widened, so changing the setting reloads the app. The encoder worker
// refuses hub URLs itself while downloads are off (src/core/embed/with-model-env.ts).
import { loadSetting } from './settings-store.ts';

/** The settings key of the encoder choice (src/app/stores/encoder.ts) and the part of it read here. */
export const ENCODER_SETTING = 'encoder';

export async function hubDownloadsOn(): Promise<boolean> {
  const saved = await loadSetting<{ choice?: { allowHub?: boolean } }>(ENCODER_SETTING).catch(() => undefined);
  return saved?.choice?.allowHub === true;
}
