export { operationOf } from '../core/document.js';
export type {
  AnyDocument,
  CommonErrorCode,
  DocumentTypeDecoration,
  EndpointKind,
  ErrorCodeOf,
  KrakenConnection,
  KrakenDocument,
  KrakenOperation,
  OtherErrorCode,
  ResultOf,
  TypedDocumentNode,
  VariablesOf,
} from '../core/document.js';
export {
  AUTH_ERROR_CODES,
  ERROR_BODY_LIMIT,
  ERROR_DATA_BODY_LIMIT,
  ERROR_LIST_LIMIT,
  ERROR_MESSAGE_LIMIT,
  isKrakenError,
  KrakenError,
  MAX_RETRY_AFTER_MS,
  RATE_LIMIT_CODE,
  TOKEN_EXPIRED_CODE,
} from '../core/errors.js';
export type { KrakenErrorDetails, KrakenErrorKind, KrakenErrorStage, KrakenGraphQLError, LoginErrorCode, NetworkFailureReason } from '../core/errors.js';
export { isErrorMember, unwrapResult } from './error-members.js';
export type { ErrorMember, SuccessMember } from './error-members.js';
export { DEFAULT_MAX_RESPONSE_BYTES, DEFAULT_TIMEOUT_MS, sameOriginAuthEndpoint } from './client.js';
export { createKrakenClient } from './root-client.js';
export type { KrakenClient, KrakenClientOptions, KrakenRequestOptions, RequestArgs, SafeResult } from './client.js';
export { defaultTransport, fetchTransport } from './transport.js';
export type { AfterResponseState, BeforeErrorState, BeforeRequestState, BeforeRetryState, HookCall, KrakenHooks } from './hooks.js';
export { PaginationError } from './pipeline/pagination-error.js';
export type { PaginationFailure } from './pipeline/pagination-error.js';
export type { ConnectionName, KrakenPage, KrakenPaginator, KrakenRateLimit, NodeOf, PaginateArgs, PaginatedDocument, PaginateOptions } from './pipeline/traffic-types.js';
export type { FetchFunction, FetchTransportOptions, KrakenTransport, TransportRequest, TransportResponse } from './transport.js';
export { DEFAULT_RETRY } from './retry-options.js';
export type { RetryOptions } from './retry-options.js';
export * from '../session/index.js';
