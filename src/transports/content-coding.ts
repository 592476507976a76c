// Which Content-Encoding lists a transport reads (issue 28.1): a short list of codings it decodes. Each listed
// coding costs a decoder: 3,000 of them in one answer built 3,000 (+24 to +41 MiB) before any byte was read.

/** Kraken sends one coding; fetch itself refuses more than 5. */
const MAX_CODINGS = 2;

/** What each transport decodes: node:http its own zlib decoders; fetch (Node 24's, recent browsers') zstd too. */
const DECODED = {
  'node:http': new Set(['gzip', 'x-gzip', 'deflate', 'br', 'identity']),
  fetch: new Set(['gzip', 'x-gzip', 'deflate', 'br', 'zstd', 'identity']),
} as const;

/** Why an answer with this Content-Encoding is not read (too many codings, or one not decoded); undefined when it can be. */
export function refusedCodings(header: string | undefined, transport: keyof typeof DECODED): string | undefined {
  if (header === undefined) return undefined;
  const codings = header.split(',').map((coding) => coding.trim().toLowerCase()).filter(Boolean);
  if (codings.length > MAX_CODINGS) return `the Content-Encoding lists ${codings.length} codings; at most ${MAX_CODINGS} are decoded`;
  const unknown = codings.find((coding) => !DECODED[transport].has(coding));
  return unknown === undefined ? undefined : `the Content-Encoding ${JSON.stringify(unknown)} is not one this transport decodes`;
}
