/** FNV-1a (32-bit): a tiny, dependency-free, browser-safe hash so mock values are reproducible. */
export function hash32(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** `count` hex digits derived from `text` (several chained 32-bit hashes). */
export function hashHex(text: string, count: number): string {
  let hex = '';
  let round = 0;
  while (hex.length < count) {
    hex += hash32(`${round}:${text}`).toString(16).padStart(8, '0');
    round += 1;
  }
  return hex.slice(0, count);
}
