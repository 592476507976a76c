/**
 * True in Node (and runtimes that present as it). There no bundle is downloaded, so a client loads its
 * lazily imported modules (the failure path; the token code, with auth) as soon as it is created: a
 * first failure or login then waits for no file read, and a test on fake timers sees no real I/O
 * between a call and the timers it sets.
 */
export function preloadsLazyModules(): boolean {
  return typeof (globalThis as { process?: { versions?: { node?: unknown } } }).process?.versions?.node === 'string';
}
