// Pyodide's runtime files the code sandbox needs (its classic-script loader, pyodide.js, among them): served from the
// app's own origin under pyodide/ (the build copies them there), fetched by the app and handed to the sandbox as
// bytes.
export const PYODIDE_FILES = ['pyodide.js', 'pyodide.asm.js', 'pyodide.asm.wasm', 'python_stdlib.zip', 'pyodide-lock.json'] as const;

export type PyodideFiles = Record<(typeof PYODIDE_FILES)[number], ArrayBuffer>;
