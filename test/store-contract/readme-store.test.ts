// Issue 31: the custom store the README shows (a key-value service with expiry, e.g. Workers KV) is taken
// from the README as written and held to the store contract: it passes, up and down.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { transform } from 'esbuild';
import { expect, it } from 'vitest';
import type { SessionStore } from 'kraken-sdk';
import { checkSessionStore } from 'kraken-sdk/testing';

const root = fileURLToPath(new URL('../../', import.meta.url));

interface KeyValue {
  get(key: string): Promise<string | null>;
  put(key: string, value: string, ttlMs: number): Promise<void>;
  delete(key: string): Promise<void>;
}

/** The README's fenced block that defines `name`, compiled to a module in node_modules/.cache. */
async function readmeModule(name: string): Promise<Record<string, unknown>> {
  const readme = readFileSync(`${root}README.md`, 'utf8');
  const block = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1] ?? '').find((code) => code.includes(`export function ${name}(`));
  if (block === undefined) throw new Error(`the README has no block defining ${name}`);
  const { code } = await transform(block, { loader: 'ts', format: 'esm' });
  const folder = `${root}node_modules/.cache/kraken-sdk-readme`;
  mkdirSync(folder, { recursive: true });
  const file = `${folder}/${name}-${process.pid}.mjs`;
  writeFileSync(file, code);
  return (await import(pathToFileURL(file).href)) as Record<string, unknown>;
}

/** A key-value service in memory, with expiries in ms (Workers KV would round them up to whole seconds, 60 at least). */
function memoryKeyValue(): KeyValue {
  const entries = new Map<string, { value: string; expiresAt: number }>();
  return {
    get: async (key) => {
      const entry = entries.get(key);
      return entry === undefined || entry.expiresAt <= Date.now() ? null : entry.value;
    },
    put: async (key, value, ttlMs) => void entries.set(key, { value, expiresAt: Date.now() + ttlMs }),
    delete: async (key) => void entries.delete(key),
  };
}

const unreachable: KeyValue = {
  get: () => Promise.reject(new Error('KV unreachable')),
  put: () => Promise.reject(new Error('KV unreachable')),
  delete: () => Promise.reject(new Error('KV unreachable')),
};

it("the README's key-value store keeps the store contract", { timeout: 30_000 }, async () => {
  const { createKvSessionStore } = (await readmeModule('createKvSessionStore')) as { createKvSessionStore: (kv: KeyValue) => SessionStore };
  const kv = memoryKeyValue();
  expect(await checkSessionStore({ open: () => createKvSessionStore(kv), openDown: () => createKvSessionStore(unreachable) })).toEqual([]);
});
