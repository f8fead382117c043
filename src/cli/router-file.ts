// Reads a router file given on the command line: its JSON and its router, with errors that name the file.
import { loadRouter } from '../core/routers/registry.ts';
import type { Router, RouterContext, RouterFile } from '../core/routers/router.ts';
import { readText } from '../platform/node/files.ts';
import { openNodeClassifier } from '../platform/node/encoder.ts';

/** `context.complete` serves routers that call models (a saved automix or llm-router). */
export async function readRouterFile(
  path: string,
  context: Pick<RouterContext, 'complete'> = {},
): Promise<{ file: RouterFile; router: Router }> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readText(path));
  } catch (e) {
    throw new Error(`${path}: not JSON (${(e as Error).message})`);
  }
  try {
    return { file: parsed as RouterFile, router: loadRouter(parsed, { ...context, openClassifier: openNodeClassifier }) };
  } catch (e) {
    throw new Error(`${path}: ${(e as Error).message}`);
  }
}
