// Worker-thread entry: registers tsx's loader in this thread, then runs the TypeScript code-eval worker.
import { register } from 'tsx/esm/api';

register();
await import('./pyodide-worker.ts');
