/** Why a walk of a connection ended with an error. */
export type PaginationFailure = 'no-connection' | 'stuck-cursor' | 'missing-cursor' | 'missing-page-info' | 'malformed-page' | 'max-pages' | 'bad-option';

/** Marks pagination errors (made by the lazily loaded walk, pipeline/traffic.ts), so `instanceof` holds without the walk importing this class up front. */
export const PAGINATION_ERROR_BRAND = Symbol.for('kraken-sdk.PaginationError.v1');

/** A walk of a connection (`paginate`) that cannot go on: the message says what was wrong; `reason` names it. */
export class PaginationError extends Error {
  static [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[PAGINATION_ERROR_BRAND] === true;
  }

  override readonly name = 'PaginationError';
  constructor(
    readonly reason: PaginationFailure,
    message: string,
    /** The page the walk had reached (1 for the first; 0 before any). */
    readonly page: number,
  ) {
    super(message);
    Object.defineProperty(this, PAGINATION_ERROR_BRAND, { value: true });
  }
}
