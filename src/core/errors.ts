import type { AnyDocument, ErrorCodeOf, OtherErrorCode } from './document.js';
import { diagnosticsChannel, ERROR_CHANNEL } from './diagnostics.js';
import { CODE_LIMIT, escaped } from './safe-text.js';

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
/** Where a call failed: getting the token it needed (`login`), or its own request. */
export type KrakenErrorStage = 'login' | 'request';

/** Codes meaning the credentials or token were refused: the caller must (re)authenticate. */
export const AUTH_ERROR_CODES: ReadonlySet<string> = new Set(
  [1111, 1112, 1120, 1124, 1128, 1129, 1130, 1131, 1132, 1134, 1135, 1138, 1139].map((number) => `KT-CT-${number}`),
);
/** Codes a call can fail with when the login it needed fails (obtainKrakenToken's documented codes and credential refusals). */
export type LoginErrorCode = 'KT-CT-1113' | 'KT-CT-1134' | 'KT-CT-1135' | 'KT-CT-1138' | 'KT-CT-1139' | 'KT-CT-1199';
/** The code Kraken sends when the token has expired; the only code that triggers a retry (after a refresh). */
export const TOKEN_EXPIRED_CODE = 'KT-CT-1124';
/** The code for an exhausted request budget. */
export const RATE_LIMIT_CODE = 'KT-CT-1199';
/** How much of a non-GraphQL body an error keeps (characters). */
export const ERROR_BODY_LIMIT = 500;
/** How many GraphQL errors an error keeps; the rest are counted in `omittedErrors`. */
export const ERROR_LIST_LIMIT = 100;
/** How long a GraphQL error message an error keeps (characters). */
export const ERROR_MESSAGE_LIMIT = 1_000;
/** Above this body size an error keeps no `data` (the GraphQL errors are still kept, capped). */
export const ERROR_DATA_BODY_LIMIT = 1_048_576;
/** Retry-After values are clamped to this (a day); negative or non-numeric values are dropped. */
export const MAX_RETRY_AFTER_MS = 86_400_000;

export interface KrakenErrorDetails {
  readonly kind: KrakenErrorKind;
  readonly message: string;
  readonly operationName?: string | undefined;
  readonly errors?: readonly KrakenGraphQLError[] | undefined;
  readonly data?: unknown;
  readonly status?: number | undefined;
  readonly body?: string | undefined;
  readonly reason?: NetworkFailureReason | undefined;
  readonly retryAfterMs?: number | undefined;
  /** False only when the request certainly never reached the server; default true. */
  readonly mayHaveReachedServer?: boolean | undefined;
  readonly origin?: string | undefined;
  readonly systemCode?: string | undefined;
  readonly stage?: KrakenErrorStage | undefined;
  readonly attempts?: number | undefined;
  /** GraphQL errors already left off before these (when copying an error). */
  readonly omittedErrors?: number | undefined;
  readonly cause?: unknown;
}

const inspectSymbol = Symbol.for('nodejs.util.inspect.custom');
const errorChannel = diagnosticsChannel(ERROR_CHANNEL);
/**
 * Marks KrakenErrors across the ESM and CJS builds and across copies of the package: `Symbol.for` is
 * one registry per realm, so every copy reads the same key. The version suffix changes only if the
 * shape of the error ever changes incompatibly.
 */
const KRAKEN_ERROR_BRAND = Symbol.for('kraken-sdk.KrakenError.v1');

const isBranded = (value: unknown): value is KrakenError => (value as Record<symbol, unknown> | null | undefined)?.[KRAKEN_ERROR_BRAND] === true;

function keptErrors(errors: readonly KrakenGraphQLError[]): readonly KrakenGraphQLError[] {
  return errors.slice(0, ERROR_LIST_LIMIT).map((error) => (error.message.length > ERROR_MESSAGE_LIMIT ? { ...error, message: `${error.message.slice(0, ERROR_MESSAGE_LIMIT)}…` } : error));
}

/** The single error type of the SDK. It never holds request headers, variables or credentials. */
export class KrakenError<TCode extends string = string> extends Error {
  /** `instanceof KrakenError` holds for KrakenErrors of any copy or build of the package. */
  static override [Symbol.hasInstance] = isBranded;

  override readonly name = 'KrakenError';
  declare readonly kind: KrakenErrorKind;
  /** The first error code in the response, if any (control characters escaped as \xNN, cut at 64 characters). */
  declare readonly code: TCode | undefined;
  /** Every error code in the response, in order (escaped and cut like `code`). */
  declare readonly codes: readonly TCode[];
  /** The GraphQL errors (the first ERROR_LIST_LIMIT, messages cut at ERROR_MESSAGE_LIMIT). */
  declare readonly errors: readonly KrakenGraphQLError[];
  /** How many GraphQL errors were left off `errors`. */
  declare readonly omittedErrors: number;
  declare readonly operationName: string | undefined;
  /** Partial data that came with the errors (left off when the response was over 1 MiB). */
  declare readonly data: unknown;
  declare readonly status: number | undefined;
  /** For `http` errors: the start of the body. */
  declare readonly body: string | undefined;
  /** For `network` errors: connection failure, timeout or abort. */
  declare readonly reason: NetworkFailureReason | undefined;
  /** When the server says how long to wait (Retry-After, or the rate-limit extension), clamped to 0…24 h. */
  declare readonly retryAfterMs: number | undefined;
  /**
   * False only when the request certainly never reached the server (connection refused, name not
   * resolved, refused before sending): then re-sending cannot run the operation twice.
   */
  declare readonly mayHaveReachedServer: boolean;
  /** The server's origin (scheme, host, port: never user info, path or query). */
  declare readonly origin: string | undefined;
  /** The system error code of a network failure (ECONNREFUSED, ENOTFOUND, ETIMEDOUT, ECONNRESET…). */
  declare readonly systemCode: string | undefined;
  /** `login` when the call failed getting the token it needed; `request` otherwise. */
  declare readonly stage: KrakenErrorStage;
  /** How many times the request was sent (retries included); 0 when it never was. */
  declare readonly attempts: number | undefined;

  constructor(details: KrakenErrorDetails) {
    // What a server wrote reaches message, stack and code escaped and bounded (errors keeps it as sent).
    super(escaped(details.message, ERROR_MESSAGE_LIMIT), details.cause === undefined ? undefined : { cause: details.cause });
    const all = details.errors ?? [];
    const errors = keptErrors(all);
    const codes = codesOf(errors) as TCode[];
    // Assigned in the order the fields are declared: the order JSON and inspect show them in.
    Object.assign(this, {
      kind: details.kind,
      code: codes[0],
      codes,
      errors,
      omittedErrors: (details.omittedErrors ?? 0) + all.length - errors.length,
      operationName: details.operationName,
      data: details.data,
      status: details.status,
      body: details.body?.slice(0, ERROR_BODY_LIMIT),
      reason: details.reason,
      retryAfterMs: details.retryAfterMs,
      mayHaveReachedServer: details.mayHaveReachedServer ?? true,
      origin: details.origin,
      systemCode: details.systemCode,
      stage: details.stage ?? 'request',
      attempts: details.attempts,
    });
  }

  /** The brand, on the prototype: no own field to show, and every instance has it. */
  get [KRAKEN_ERROR_BRAND](): boolean {
    return true;
  }

  /** Its fields (all safe to show: see the class comment) and message; not its cause, which may be anything. */
  toJSON(): Record<string, unknown> {
    return { ...(this as object), message: this.message };
  }

  /** Node's util.inspect: show the same safe fields, plus the stack. */
  [inspectSymbol](): Record<string, unknown> {
    return { ...this.toJSON(), stack: this.stack };
  }
}

/**
 * Publishes a KrakenError on `kraken-sdk:error`: the client does it once per failed call (with the error the
 * call rejects with) and once per warning, never for the intermediate copies a call makes on its way.
 */
export function publishError(error: KrakenError): void {
  if (errorChannel?.hasSubscribers) errorChannel.publish(error);
}

/** True while someone listens on `kraken-sdk:error`. */
export const errorsListened = (): boolean => errorChannel?.hasSubscribers === true;


/** Every `extensions.errorCode` present, read as a string whatever its format, then escaped and cut at CODE_LIMIT (safe-text.ts). */
export function codesOf(errors: readonly KrakenGraphQLError[]): string[] {
  const codes: string[] = [];
  for (const error of errors) {
    const code = error.extensions?.errorCode;
    if (typeof code === 'string' && code !== '') codes.push(escaped(code, CODE_LIMIT));
  }
  return codes;
}

/**
 * True for any KrakenError, from any build or copy of the package. With a document, also narrows
 * `code` to the codes a call of that document can fail with: its own, the common ones and, since a
 * call may need a login first, the login's.
 */
export function isKrakenError(value: unknown): value is KrakenError;
export function isKrakenError<D extends AnyDocument>(
  value: unknown,
  document: D,
): value is KrakenError<ErrorCodeOf<D> | LoginErrorCode | OtherErrorCode>;
export function isKrakenError(value: unknown, document?: object): boolean {
  if (!isBranded(value)) return false;
  if (document === undefined) return true;
  const meta = (document as { kraken?: { operationName?: unknown } }).kraken;
  // Only an error of a call of that operation narrows to its codes.
  return meta === undefined || value.operationName === meta.operationName;
}
