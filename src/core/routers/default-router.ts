// The router the app and the CLI use when none is chosen, and where the shipped model-agnostic routers live.
/** The default: the IRT cold-start router, shipped as public/routers/irt.json and pointed at the user's models. */
export const DEFAULT_ROUTER = 'irt';

/** Model-agnostic routers shipped trained, by name: their file under the app's public folder. */
export const SHIPPED_ROUTERS: Record<string, string> = { irt: 'routers/irt.json', auto: 'routers/auto.json' };
