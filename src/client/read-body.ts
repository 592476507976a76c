// Reading a fetch Response for the client: redirects recognised, the body read as text up to a limit (decoded
// bytes counted), codings not every runtime decodes refused. Shared by the fetch and graphql-request transports.

/** A 3xx (or a browser's opaque redirect, status 0). */
export function isRedirect(response: { readonly status: number; readonly type?: string }): boolean {
  return response.type === 'opaqueredirect' || (response.status >= 300 && response.status < 400);
}

/** Drops the body unread; with the request's own controller, the fetch is aborted too. */
export async function discard(response: Response, own?: AbortController): Promise<void> {
  try {
    await response.body?.cancel();
  } catch {
    // Nothing to read anyway.
  }
  own?.abort();
}

/** How much of an oversized body is decoded for the error's excerpt. */
const EXCERPT_BYTES = 1_024;

/**
 * The Content-Encodings every runtime's fetch decodes (Deno and workerd leave zstd, deflate and a second coding
 * as they came), and the only ones the client asks for (its Accept-Encoding).
 */
const PLAIN_CODINGS = /^\s*((x-)?gzip|br|identity)\s*$/i;

/**
 * Reads the body as UTF-8 text, stopping (and cancelling the stream) once it passes `limit` bytes. The
 * bytes counted are the decoded ones: with a `Content-Encoding`, `Content-Length` is the compressed size
 * (a few KB of br can decode to GBs), so it is trusted only for an unencoded body. A Content-Encoding that is
 * not one of PLAIN_CODINGS is refused (`unreadable`), as far as fetch lets it be seen. `own`: the request's
 * controller, aborted when the body is left unread.
 */
export async function readBody(response: Response, limit: number, own?: AbortController): Promise<{ text: string; truncated: boolean; unreadable?: string }> {
  const coding = response.headers.get('content-encoding');
  if (coding && !PLAIN_CODINGS.test(coding)) {
    await discard(response, own);
    return { text: '', truncated: false, unreadable: `Content-Encoding ${JSON.stringify(coding)}: only gzip and br are read` };
  }
  // Declared too large: the first chunk is all that is read, for the error's excerpt.
  const declared = coding ? Number.NaN : Number(response.headers.get('content-length') ?? Number.NaN);
  const reader = response.body?.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const read = await reader?.read();
    if (!read || read.done) return { text: textOf(chunks, total, total), truncated: declared > limit };
    chunks.push(read.value);
    total += read.value.byteLength;
    if (total > limit || declared > limit) {
      await reader?.cancel().catch(() => undefined);
      own?.abort();
      return { text: textOf(chunks, total, EXCERPT_BYTES), truncated: true };
    }
  }
}

/** The first `length` bytes of the chunks read, as UTF-8 text (a BOM dropped, invalid bytes replaced, as fetch's `text()` does). */
function textOf(chunks: readonly Uint8Array[], total: number, length: number): string {
  let joined = chunks[0] ?? new Uint8Array();
  if (chunks.length > 1) {
    joined = new Uint8Array(total);
    let offset = 0;
    for (const chunk of chunks) {
      joined.set(chunk, offset);
      offset += chunk.byteLength;
    }
  }
  return new TextDecoder().decode(joined.subarray(0, length));
}
