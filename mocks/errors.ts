import type { Catalog } from '../src/catalog/types.js';
import { errorsFromDescription } from '../src/catalog/error-list.js';

/** Messages for codes the mock raises itself, used when the catalog does not list the code for the operation. */
export const COMMON_ERROR_MESSAGES: Readonly<Record<string, string>> = {
  'KT-CT-1111': 'Unauthorized.',
  'KT-CT-1112': "'Authorization' header not provided.",
  'KT-CT-1113': 'Disabled GraphQL field requested.',
  'KT-CT-1124': 'Signature of the JWT has expired.',
  'KT-CT-1134': 'Invalid data.',
  'KT-CT-1135': 'Invalid data.',
  'KT-CT-1138': 'Please make sure the credentials are correct.',
  'KT-CT-1199': 'Too many requests.',
};

/** The `extensions` object of a Kraken GraphQL error. */
export interface KrakenErrorExtensions {
  errorType: string;
  errorCode: string;
  errorDescription: string;
  errorClass?: string;
  [extra: string]: unknown;
}

/** The documented message of `code` for the operation (by operationName or field), else a common message. */
export function documentedMessage(catalogs: readonly Catalog[], operation: string, code: string): string {
  for (const catalog of catalogs) {
    const entry = catalog.operations.find((op) => op.operationName === operation || op.field === operation);
    const error = entry?.errors.find((candidate) => candidate.code === code);
    if (error) return error.message;
  }
  return COMMON_ERROR_MESSAGES[code] ?? code;
}

/** Extensions shaped as Kraken shapes them; 1124 carries an empty description, as observed. */
export function krakenExtensions(code: string, message: string, extra: Record<string, unknown> = {}): KrakenErrorExtensions {
  const validation = code === 'KT-CT-1138';
  return {
    errorType: validation ? 'VALIDATION' : 'APPLICATION',
    errorCode: code,
    errorDescription: code === 'KT-CT-1124' ? '' : message,
    ...(validation ? { errorClass: 'VALIDATION' } : {}),
    ...extra,
  };
}

/** A documented error: its code and message. */
export interface DocumentedError {
  code: string;
  message: string;
}

/**
 * Errors a schema description lists in Kraken's words ("The possible errors that can be raised are: - KT-…: …"),
 * one per line or all on one line as real schemas have them: read by the one reader the generator uses.
 */
export function errorsListedIn(description: string | null | undefined): DocumentedError[] {
  return errorsFromDescription(description);
}
