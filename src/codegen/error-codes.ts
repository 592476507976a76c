import type { CatalogError } from '../catalog/types.js';

/** The documented errors first (page order), then codes only the schema lists. */
export function mergeErrors(documented: readonly CatalogError[], listed: readonly CatalogError[]): CatalogError[] {
  const known = new Set(documented.map((error) => error.code));
  return [...documented, ...listed.filter((error) => !known.has(error.code))];
}
