// While the user has not turned on downloads from the model hub, the page closes the hub's origins again: it adds a
// second Content-Security-Policy whose connect-src is the build's without them. A page can add policies but never
// loosen one, so turning downloads on takes effect on the next load (Settings reloads the app). The encoder worker
// has its own gate besides (model env allowHub: its fetches to the hub are refused while downloads are off).
import { connectSrcWithout, MODEL_HUB_ORIGINS } from './csp.ts';

const MARK = 'data-model-hub-closed';

export function closeModelHub(): void {
  if (document.head.querySelector(`meta[${MARK}]`)) return;
  const built = document.head.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content');
  if (!built) return; // the dev server sends no policy
  const meta = document.createElement('meta');
  meta.httpEquiv = 'Content-Security-Policy';
  meta.content = connectSrcWithout(built, MODEL_HUB_ORIGINS);
  meta.setAttribute(MARK, '');
  document.head.append(meta);
}
