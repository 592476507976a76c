/** Why a walk of a connection ended with an error. */
export type PaginationFailure = 'no-connection' | 'stuck-cursor' | 'missing-cursor' | 'missing-page-info' | 'max-pages' | 'bad-option';

/** A walk of a connection (`paginate`) that cannot go on: the message says what was wrong; `reason` names it. */
export class PaginationError extends Error {
  override readonly name = 'PaginationError';
  constructor(
    readonly reason: PaginationFailure,
    message: string,
    /** The page the walk had reached (1 for the first). */
    readonly page: number,
  ) {
    super(message);
  }
}
