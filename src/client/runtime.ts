/**
 * True in Node (and runtimes that present as it). There no bundle is downloaded, so the client loads its
 * failure path as soon as it is created: a first failure then waits for no file read, and a test on fake
 * timers sees no real I/O between a failure and the timer of its retry.
 */
export function preloadsFailurePath(): boolean {
  return typeof (globalThis as { process?: { versions?: { node?: unknown } } }).process?.versions?.node === 'string';
}
