// Safe mode (`?safe-mode` in the address): the app opens without loading conversations, so a record that
// breaks the chat cannot keep the user from Settings → Your data.

export function inSafeMode(): boolean {
  return new URLSearchParams(location.search).has('safe-mode');
}

/** This page's address in safe mode, opening Settings. */
export function safeModeUrl(): string {
  return `${location.pathname}?safe-mode#settings`;
}

/** This page's address out of safe mode. */
export function normalUrl(): string {
  return `${location.pathname}${location.hash}`;
}
