// The built-in routers the chat can pick are shipped: each path names a router file in public/ that loads as that router.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadRouter } from '../../core/routers/registry.ts';
import { BUILTIN_ROUTERS, DEFAULT_ROUTER } from './router.ts';

describe('BUILTIN_ROUTERS', () => {
  it('keeps irt as the default and offers the earlier auto and the shipped bert router', () => {
    expect(Object.keys(BUILTIN_ROUTERS)).toEqual([DEFAULT_ROUTER, 'auto', 'bert']);
  });

  it.each(Object.entries(BUILTIN_ROUTERS))('%s is served from a router file in public/', (name, { path }) => {
    const file: unknown = JSON.parse(readFileSync(new URL(`../../../public/${path}`, import.meta.url), 'utf8'));
    expect(loadRouter(file).name).toBe(name);
  });
});
