/**
 * True in Node (and runtimes that present as it). There nothing is downloaded, so a client loads its
 * lazily imported modules (the failure path; the token code, with auth) as soon as it is created: a
 * first failure or login then waits for no file read, and a test on fake timers sees no real I/O
 * between a call and the timers it sets.
 */
export function preloadsLazyModules(): boolean {
  return typeof (globalThis as { process?: { versions?: { node?: unknown } } }).process?.versions?.node === 'string';
}

/** A module imported on first need and kept; a failed import (a browser offline) is tried again by the next need. */
export function onFirstNeed<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined;
  return () =>
    (loading ??= load().catch((cause: unknown) => {
      loading = undefined;
      throw cause;
    }));
}

/** In Node (see preloadsLazyModules), starts loading a module now; elsewhere waits for its first need. */
export function preloadInNode(module: () => Promise<unknown>): void {
  if (preloadsLazyModules()) module().catch(() => undefined);
}

