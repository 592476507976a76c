// Issue 31: the store contract that kraken-sdk/testing exports holds a store to each rule. A store that
// keeps every rule passes; the same store with one rule broken fails that rule; our memory store passes.
import { describe, expect, it } from 'vitest';
import { createMemorySessionStore } from 'kraken-sdk';
import { checkSessionStore } from 'kraken-sdk/testing';
import { ALSO_BROKEN, BREAKS, mapStore, newBackend } from './broken-stores.js';
import type { Break } from './broken-stores.js';

const downBackend = () => ({ ...newBackend(), down: true });

describe('the store contract (kraken-sdk/testing)', { timeout: 30_000 }, () => {
  it('a store keeping every rule passes, up and down', async () => {
    const backend = newBackend();
    expect(await checkSessionStore({ open: () => mapStore(backend), openDown: () => mapStore(downBackend()) })).toEqual([]);
  });

  it.concurrent.each(Object.keys(BREAKS) as Break[])('a store that %s fails its rule', async (broken) => {
    const backend = newBackend();
    const failures = await checkSessionStore({ open: () => mapStore(backend, broken), openDown: () => mapStore(downBackend(), broken) });
    const rules = [...new Set(failures.map((failure) => failure.rule))].sort();
    expect(rules).toEqual([BREAKS[broken], ...(ALSO_BROKEN[broken] ?? [])].sort());
    // Said in words a store's author can act on.
    expect(failures.find((failure) => failure.rule === BREAKS[broken])?.problem).toMatch(/\w+ \w+/);
  });

  it("the memory store passes with the client's clock, its scopes included (it has no lease, so those rules do not apply)", async () => {
    const store = createMemorySessionStore({ now: () => Date.now() });
    expect(await checkSessionStore({ open: () => store })).toEqual([]);
  });
});
