import { KrakenError } from '../core/errors.js';
import type { KrakenGraphQLError } from '../core/errors.js';

/**
 * Some mutations return a union with an error member (e.g. `CommonError`) instead of raising:
 * an error as data. These helpers make that member impossible to mistake for success.
 */
export type ErrorMember<T> = Extract<T, { readonly __typename: `${string}Error` }>;
export type SuccessMember<T> = Exclude<T, ErrorMember<T>>;

function hasErrorTypename(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const typename = (value as { __typename?: unknown }).__typename;
  return typeof typename === 'string' && typename.endsWith('Error');
}

/** True when a union value is its error member (its `__typename` ends in `Error`). */
export function isErrorMember<T>(value: T): value is ErrorMember<T> {
  return hasErrorTypename(value);
}

/**
 * Returns the success member of a union result, or throws a `graphql` KrakenError built from the
 * error member (its `message`, its `code` as `extensions.errorCode`, its other fields as extensions).
 */
export function unwrapResult<T>(value: T, operationName?: string): SuccessMember<T> {
  if (!hasErrorTypename(value)) return value as SuccessMember<T>;
  const { __typename, message, code, ...fields } = value as Record<string, unknown>;
  const error: KrakenGraphQLError = {
    message: typeof message === 'string' ? message : String(__typename),
    extensions: {
      ...fields,
      errorType: String(__typename),
      ...(typeof code === 'string' ? { errorCode: code } : {}),
    },
  };
  throw new KrakenError({
    kind: 'graphql',
    message: `${operationName ? `${operationName}: ` : ''}${error.message}`,
    ...(operationName === undefined ? {} : { operationName }),
    errors: [error],
    data: value,
  });
}
