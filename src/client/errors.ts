import type { AnyDocument, ErrorCodeOf } from './document.js';

/** One GraphQL error exactly as Kraken sent it (extensions untouched). */
export interface KrakenGraphQLError {
  readonly message: string;
  readonly path?: ReadonlyArray<string | number>;
  readonly locations?: ReadonlyArray<{ readonly line: number; readonly column: number }>;
  readonly extensions?: {
    readonly errorType?: string;
    readonly errorCode?: string;
    readonly errorDescription?: string;
    readonly errorClass?: string;
    readonly validationErrors?: ReadonlyArray<{ readonly message: string; readonly inputPath?: ReadonlyArray<string | number> }>;
    readonly [extension: string]: unknown;
  };
}

/** `store`: the user's session store (or `onSession` hook) failed; never a network failure. */
export type KrakenErrorKind = 'graphql' | 'auth' | 'rate-limit' | 'network' | 'http' | 'store';
/** Why a `network` error happened. */
export type NetworkFailureReason = 'connection' | 'timeout' | 'abort';

/** Codes meaning the credentials or token were refused: the caller must (re)authenticate. */
export const AUTH_ERROR_CODES: ReadonlySet<string> = new Set([
  'KT-CT-1111', 'KT-CT-1112', 'KT-CT-1120', 'KT-CT-1124',
  'KT-CT-1128', 'KT-CT-1129', 'KT-CT-1130', 'KT-CT-1131', 'KT-CT-1132',
  'KT-CT-1134', 'KT-CT-1135', 'KT-CT-1138',
]);
/** The code Kraken sends when the token has expired; the only code that triggers a retry (after a refresh). */
export const TOKEN_EXPIRED_CODE = 'KT-CT-1124';
/** The code for an exhausted request budget. */
export const RATE_LIMIT_CODE = 'KT-CT-1199';
/** How much of a non-GraphQL body an error keeps. */
export const ERROR_BODY_LIMIT = 500;

export interface KrakenErrorDetails {
  readonly kind: KrakenErrorKind;
  readonly message: string;
  readonly operationName?: string;
  readonly errors?: readonly KrakenGraphQLError[];
  readonly data?: unknown;
  readonly status?: number;
  readonly body?: string;
  readonly reason?: NetworkFailureReason;
  readonly retryAfterMs?: number;
  readonly cause?: unknown;
}

const inspectSymbol = Symbol.for('nodejs.util.inspect.custom');

/** The single error type of the SDK. It never holds request headers, variables or credentials. */
export class KrakenError<TCode extends string = string> extends Error {
  override readonly name = 'KrakenError';
  readonly kind: KrakenErrorKind;
  /** The first error code in the response, if any. */
  readonly code: TCode | undefined;
  /** Every error code in the response, in order. */
  readonly codes: readonly TCode[];
  readonly errors: readonly KrakenGraphQLError[];
  readonly operationName: string | undefined;
  /** Partial data that came with the errors. */
  readonly data: unknown;
  readonly status: number | undefined;
  /** For `http` errors: the start of the body. */
  readonly body: string | undefined;
  /** For `network` errors: connection failure, timeout or abort. */
  readonly reason: NetworkFailureReason | undefined;
  /** For `rate-limit` errors, when the server says how long to wait. */
  readonly retryAfterMs: number | undefined;

  constructor(details: KrakenErrorDetails) {
    super(details.message, details.cause === undefined ? undefined : { cause: details.cause });
    this.kind = details.kind;
    this.errors = details.errors ?? [];
    this.codes = codesOf(this.errors) as TCode[];
    this.code = this.codes[0];
    this.operationName = details.operationName;
    this.data = details.data;
    this.status = details.status;
    this.body = details.body === undefined ? undefined : details.body.slice(0, ERROR_BODY_LIMIT);
    this.reason = details.reason;
    this.retryAfterMs = details.retryAfterMs;
  }

  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      kind: this.kind,
      message: this.message,
      code: this.code,
      codes: this.codes,
      operationName: this.operationName,
      status: this.status,
      reason: this.reason,
      retryAfterMs: this.retryAfterMs,
      errors: this.errors,
      data: this.data,
      body: this.body,
    };
  }

  /** Node's util.inspect: show the same safe fields, plus the stack. */
  [inspectSymbol](): Record<string, unknown> {
    return { ...this.toJSON(), stack: this.stack };
  }
}

/** Every `extensions.errorCode` present, read as a string whatever its format. */
export function codesOf(errors: readonly KrakenGraphQLError[]): string[] {
  const codes: string[] = [];
  for (const error of errors) {
    const code = error.extensions?.errorCode;
    if (typeof code === 'string' && code !== '') codes.push(code);
  }
  return codes;
}

/** True for any KrakenError; with a document, also narrows `code` to that operation's codes. */
export function isKrakenError(value: unknown): value is KrakenError;
export function isKrakenError<D extends AnyDocument>(value: unknown, document: D): value is KrakenError<ErrorCodeOf<D>>;
export function isKrakenError(value: unknown, document?: AnyDocument): boolean {
  if (!(value instanceof KrakenError)) return false;
  if (document === undefined) return true;
  const meta = (document as { kraken?: { operationName?: unknown } }).kraken;
  // Only an error from that operation narrows to its codes.
  return meta === undefined || value.operationName === meta.operationName;
}
