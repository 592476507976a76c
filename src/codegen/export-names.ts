/**
 * The names a generated module exports, checked before anything is written: two parts of the module
 * exporting one name would not compile, so generation refuses with a line naming both; a name the
 * module shares with kraken-sdk's own exports is exported from the module's part explicitly (it wins
 * over `export * from 'kraken-sdk'`), and reported.
 */

/** kraken-sdk's root exports (test/fulltypes/export-names.test.ts keeps this list equal to src/index.ts's). */
export const SDK_ROOT_EXPORTS: ReadonlySet<string> = new Set(
  `AUTH_ERROR_CODES AnyDocument CommonErrorCode ConnectionName DEFAULT_MAX_RESPONSE_BYTES
  DEFAULT_REFRESH_SKEW_MS DEFAULT_RETRY DEFAULT_TIMEOUT_MS DocumentTypeDecoration ERROR_BODY_LIMIT ERROR_DATA_BODY_LIMIT
  ERROR_LIST_LIMIT ERROR_MESSAGE_LIMIT EndpointKind ErrorCodeOf ErrorMember FetchFunction FetchTransportOptions KrakenAuth
  HeldLease KrakenClient KrakenClientOptions KrakenConnection KrakenDocument KrakenError KrakenErrorDetails KrakenErrorKind KrakenErrorStage
  KrakenGraphQLError KrakenOperation KrakenPage KrakenPaginator KrakenRateLimit KrakenRequestOptions KrakenTransport
  KrakenLogin LoginCredentials LoginDocument LoginKind LoginKindOf LoginErrorCode MAX_RETRY_AFTER_MS MemorySessionStoreOptions NetworkFailureReason NodeOf ObtainKrakenTokenResult
  ObtainKrakenTokenVariables ObtainTokenInput ObtainTokenPayload OtherErrorCode PaginateArgs PaginateOptions PaginatedDocument
  PaginationError PaginationFailure RATE_LIMIT_CODE RequestArgs ResultOf RetryOptions SafeResult Session SessionInfo SessionScope
  SessionStore SessionStoreLease SessionStorePause SuccessMember TOKEN_EXPIRED_CODE TransportRequest TransportResponse TypedDocumentNode VariablesOf
  AfterResponseState BeforeErrorState BeforeRequestState BeforeRetryState HookCall KrakenHooks
  createKrakenClient createMemorySessionStore defaultLoginDocument defaultTransport fetchTransport isErrorMember isKrakenError operationOf
  loginWith sameOriginAuthEndpoint unwrapResult`.split(/\s+/),
);

/** Types graphql-codegen's typescript plugin declares itself in graphql.ts. */
export const CODEGEN_HELPERS = ['Maybe', 'InputMaybe', 'Exact', 'MakeOptional', 'MakeMaybe', 'MakeEmpty', 'Incremental', 'Scalars'];

/**
 * Words that cannot name a type alias in TypeScript (keywords and built-in type names), and the global generic types
 * graphql-codegen's output uses beside the schema's types (a schema type named Array made `Array<…>` not generic).
 */
const NOT_A_TYPE_NAME = new Set(
  `any unknown never string number boolean symbol object bigint undefined void null this true false break case catch class const continue
  debugger default delete do else enum export extends finally for function if import in instanceof new return super switch throw try
  typeof var while with implements interface let package private protected public static yield await as asserts infer is keyof
  readonly require type unique declare module namespace abstract global satisfies accessor out intrinsic Array Omit`.split(/\s+/),
);

/**
 * graphql-codegen (its schema loader and typescript-operations) keeps types in plain objects keyed by
 * name, so a type, operation or fragment named like an Object.prototype member breaks it ("Spread syntax requires
 * ...iterable"). Fields and enum values with these names are fine.
 */
const PROTOTYPE_NAMES = new Set(Object.getOwnPropertyNames(Object.prototype));

/** Lines refusing the schema's types and the user's operations and fragments codegen cannot take. */
export function checkCodegenNames(typeNames: Iterable<string>, definitionNames: Iterable<string>): string[] {
  const refuse = (names: Iterable<string>, what: string, where: string): string[] =>
    [...names]
      .filter((name) => PROTOTYPE_NAMES.has(name))
      .sort()
      .map((name) => `${what} ${name}: graphql-codegen cannot type a ${what} named like a JavaScript Object.prototype member (${name}); rename it in ${where}`);
  return [...refuse(typeNames, 'schema type', 'the schema file'), ...refuse(definitionNames, 'operation or fragment', 'your .graphql file')];
}

/** Where an exported name comes from, for messages: e.g. "operation Login (its result type)". */
export type NameSources = Map<string, string[]>;

export function addName(names: NameSources, name: string, source: string): void {
  const sources = names.get(name) ?? [];
  sources.push(source);
  names.set(name, sources);
}

export interface NameCheck {
  /** Lines naming each clash that stops generation. */
  clashes: string[];
  /** Names the module exports in place of kraken-sdk's (exported explicitly from its part). */
  shadowing: string[];
}

export function checkExportNames(names: NameSources): NameCheck {
  const clashes: string[] = [];
  const shadowing: string[] = [];
  for (const [name, sources] of [...names].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (sources.length > 1) clashes.push(`${name} would be exported twice, by ${sources.join(' and by ')}: rename one`);
    if (NOT_A_TYPE_NAME.has(name)) clashes.push(`${sources[0]} is named ${name}, a TypeScript keyword or built-in type: it cannot name a type`);
    if (SDK_ROOT_EXPORTS.has(name)) shadowing.push(name);
  }
  return { clashes, shadowing };
}
