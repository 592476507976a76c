// Vitest global setup: says once per run, before any test, whether the pages-dependent tests will be skipped.
import { referencePages } from './reference-pages.js';

export default function announceMissingReferencePages(): void {
  const { skipReason } = referencePages();
  if (skipReason !== null) console.warn(skipReason);
}
