export { operationOf } from './document.js';
export type {
  AnyDocument,
  CommonErrorCode,
  DocumentTypeDecoration,
  EndpointKind,
  ErrorCodeOf,
  KrakenDocument,
  KrakenOperation,
  ResultOf,
  TypedDocumentNode,
  VariablesOf,
} from './document.js';
export {
  AUTH_ERROR_CODES,
  ERROR_BODY_LIMIT,
  isKrakenError,
  KrakenError,
  RATE_LIMIT_CODE,
  TOKEN_EXPIRED_CODE,
} from './errors.js';
export type { KrakenErrorDetails, KrakenErrorKind, KrakenGraphQLError, NetworkFailureReason } from './errors.js';
export { isErrorMember, unwrapResult } from './error-members.js';
export type { ErrorMember, SuccessMember } from './error-members.js';
export { createKrakenClient, DEFAULT_TIMEOUT_MS } from './client.js';
export type { KrakenClient, KrakenClientOptions, KrakenRequestOptions, RequestArgs, SafeResult } from './client.js';
export type { FetchFunction } from './transport.js';
export * from '../session/index.js';
