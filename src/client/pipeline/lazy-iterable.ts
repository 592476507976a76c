// What `paginate()` returns at once: iterables whose walk (pipeline/traffic.ts) is loaded on the first `next()`.

/** An async iterator that opens the real one on its first `next()`. */
function deferred<T>(open: () => Promise<AsyncIterator<T>>): AsyncIterableIterator<T> {
  let opened: Promise<AsyncIterator<T>> | undefined;
  const iterator: AsyncIterableIterator<T> = {
    next: () => (opened ??= open()).then((inner) => inner.next()),
    // Leaving a `for await` early stops the walk (no further page is asked for).
    return: (value?: unknown) =>
      opened === undefined
        ? Promise.resolve({ done: true, value: value as T })
        : opened.then((inner) => inner.return?.(value) ?? { done: true as const, value: value as T }),
    [Symbol.asyncIterator]: () => iterator,
  };
  return iterator;
}

/** Nodes by default, pages with `.pages()`; each `for await` starts a walk of its own. */
export function lazyIterable<T>(open: (pages: boolean) => Promise<AsyncIterator<unknown>>): AsyncIterable<T> & { pages(): AsyncIterable<unknown> } {
  return {
    [Symbol.asyncIterator]: () => deferred(() => open(false)) as AsyncIterator<T>,
    pages: () => ({ [Symbol.asyncIterator]: () => deferred(() => open(true)) }),
  };
}
