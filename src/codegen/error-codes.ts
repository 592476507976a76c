import type { CatalogError } from '../catalog/types.js';

const ERRORS_MARKER = 'The possible errors that can be raised are:';
const ERROR_LINE = /^\s*-\s*([A-Z]{2}-[A-Z]{2,}-\d+):\s*(.*?)\s*$/;

/** Codes a schema description lists after "The possible errors that can be raised are:", in order, each once. */
export function errorsFromDescription(description: string | null | undefined): CatalogError[] {
  if (!description) return [];
  const at = description.indexOf(ERRORS_MARKER);
  if (at === -1) return [];
  const errors: CatalogError[] = [];
  for (const line of description.slice(at + ERRORS_MARKER.length).split('\n')) {
    const match = ERROR_LINE.exec(line);
    if (match?.[1] && !errors.some((error) => error.code === match[1])) errors.push({ code: match[1], message: match[2] ?? '' });
  }
  return errors;
}

/** The documented errors first (page order), then codes only the schema lists. */
export function mergeErrors(documented: readonly CatalogError[], listed: readonly CatalogError[]): CatalogError[] {
  const known = new Set(documented.map((error) => error.code));
  return [...documented, ...listed.filter((error) => !known.has(error.code))];
}
