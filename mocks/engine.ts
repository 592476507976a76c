import type {
  DocumentNode,
  GraphQLFieldResolver,
  GraphQLFormattedError,
  GraphQLOutputType,
  GraphQLSchema,
  OperationDefinitionNode,
} from 'graphql';
import {
  GraphQLError,
  execute,
  getOperationAST,
  isAbstractType,
  isEnumType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  parse,
  validate,
} from 'graphql';
import type { Catalog, CatalogOperation, EndpointKind } from '../src/catalog/types.js';
import type { MockCredentials, MockCredentialsOption } from './auth.js';
import { MockAuthority } from './auth.js';
import type { DocumentedError } from './errors.js';
import { documentedMessage, errorsListedIn, krakenExtensions } from './errors.js';
import { KrakenMockState } from './state.js';
import type { KrakenRequestLimits, RequestCost } from './limits.js';
import { DEFAULT_REQUEST_LIMITS, requestCost } from './limits.js';
import { SCENARIO_HEADER, firstRootField, parseScenarioHeader } from './scenario-header.js';
import type { KrakenMockSchema } from './schema.js';
import { mockSchemaOf } from './schema.js';
import { documentedScalarValues, exampleTypename, pageExampleOf, withPageExample } from './page-examples.js';
import { mockScalarValue, pickIndex } from './values.js';
import { connectionPage, connectionTypeOf, DEFAULT_CONNECTION_LENGTH } from './connections.js';
import type { KrakenMockRateLimit } from './points-ledger.js';
import { createPointsLedger } from './points-ledger.js';
import { withTrafficFields } from './traffic-schema.js';
import { withAccountPart } from './account-schema.js';

/** The two generated artefacts the mock needs for a brand. */
export interface KrakenMockSource {
  catalog: Catalog;
  schemaSdl: string;
}

export interface KrakenEngineOptions {
  /** Changes every mock value; same seed, same answers. Default "kraken". */
  seed?: string | number;
  /** The mock's clock in milliseconds (token iat/exp and expiry checks). Default Date.now. */
  now?: () => number;
  /** Access-token lifetime. Default 3600 s. */
  tokenLifetimeSeconds?: number;
  /** Refresh-token lifetime. Default 7 days. */
  refreshTokenLifetimeSeconds?: number;
  /**
   * Default `"any"`: any credentials log in and any well-formed (JWT-shaped), unexpired token is
   * authorized, including tokens the app got elsewhere (`{ token }`, `getToken`). Pass credentials to be
   * strict: only those log in (a kind left out accepts none; wrong ones get KT-CT-1138) and only tokens
   * this mock issued are authorized (others get KT-CT-1111).
   */
  credentials?: MockCredentialsOption;
  /**
   * A full schema (SDL text or GraphQLSchema, e.g. from `kraken-sdk pull`) to answer from instead of
   * the brand's page schema: rich selections and your own queries get answers, and inputs are checked
   * against it. The brand still supplies endpoints, documented errors and auth rules.
   */
  schema?: KrakenMockSchema;
  /** Per-request limits, as Kraken's (KT-CT-1188 complexity 200, KT-CT-1189 nodes 10,000). */
  limits?: KrakenRequestLimits;
  /** How many recent requests `state.requests` keeps (older ones are dropped). Default 1,000. */
  requestLogLimit?: number;
  /** At most this many refresh grants are kept (expired ones are pruned first, then the oldest). Default 10,000. */
  maxRefreshGrants?: number;
  /**
   * The points allowance: each request costs 1 point; once the allowance is spent, requests get KT-CT-1199
   * with Retry-After until the window starts again. `rateLimitInfo` reports it. Default 50,000 per hour.
   */
  rateLimit?: KrakenMockRateLimit;
  /** Adds `rateLimitInfo` and `queryComplexity` to the query root when the schema lacks them. Default: true for the page schema, false with `schema` (served as given). */
  trafficFields?: boolean;
  /** How many nodes every Relay connection holds (stable, seeded; paged by first/after, last/before). Default 10. */
  connectionLength?: number;
}

/** Case-insensitive header access: a fetch Headers object or a plain record. */
export type HeaderSource = { get(name: string): string | null } | Readonly<Record<string, string | string[] | undefined>>;

export interface KrakenMockRequest {
  endpoint: EndpointKind;
  headers: HeaderSource;
  /** The parsed JSON body: { query, variables?, operationName? }. */
  body: unknown;
  /** HTTP method; mutations are refused over GET (405). Default POST. */
  method?: string;
}

export interface KrakenResponseBody {
  errors?: GraphQLFormattedError[];
  data?: Record<string, unknown> | null;
}

export interface KrakenMockResponse {
  status: number;
  body: KrakenResponseBody;
  /** The operation answered (request's operationName or the document's), for logs. */
  operationName?: string | null;
  /** Response headers the answer needs (e.g. Allow on a 405). */
  headers?: Record<string, string>;
}

export interface KrakenMockEngine {
  readonly catalog: Catalog;
  readonly schema: GraphQLSchema;
  readonly state: KrakenMockState;
  /** Answers one GraphQL request as the brand's Kraken server would. Shared by msw handlers and the node server. */
  handleKrakenRequest(request: KrakenMockRequest): Promise<KrakenMockResponse>;
}

interface RequestContext {
  endpoint: EndpointKind;
  authorization: string | null;
}

function headerValue(headers: HeaderSource, name: string): string | null {
  if (typeof (headers as { get?: unknown }).get === 'function') {
    return (headers as { get(name: string): string | null }).get(name);
  }
  const record = headers as Readonly<Record<string, string | string[] | undefined>>;
  const key = Object.keys(record).find((candidate) => candidate.toLowerCase() === name.toLowerCase());
  const value = key === undefined ? undefined : record[key];
  return Array.isArray(value) ? (value[0] ?? null) : (value ?? null);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function pathKey(path: { prev: unknown; key: string | number } | undefined): string {
  const keys: Array<string | number> = [];
  let cursor = path as { prev: unknown; key: string | number } | undefined;
  while (cursor) {
    keys.unshift(cursor.key);
    cursor = cursor.prev as typeof cursor;
  }
  return keys.join('.');
}

/** Marks a mock object with the key its fields' values are seeded by. */
const MOCK_KEY = Symbol('kraken-mock key');

function keyed<T extends object>(value: T, key: string): T {
  Object.defineProperty(value, MOCK_KEY, { value: key });
  return value;
}

function keyOf(source: unknown): string | undefined {
  return typeof source === 'object' && source !== null ? (source as { [MOCK_KEY]?: string })[MOCK_KEY] : undefined;
}

function requestError(message: string): KrakenMockResponse {
  return { status: 400, body: { errors: [{ message }] } };
}

function rootFieldOf(path: { prev: unknown; key: string | number }): string | undefined {
  let cursor = path;
  while (cursor.prev) cursor = cursor.prev as typeof cursor;
  return typeof cursor.key === 'string' ? cursor.key : undefined;
}

function possibleErrorsOf(errors: readonly DocumentedError[]): Array<Record<string, string>> {
  return errors.map((error) => ({ code: error.code, message: error.message, description: error.message, type: 'APPLICATION' }));
}

/** Each root field's documented errors: the catalog's, else those its schema description lists (full schemas). */
function documentedErrorsByField(catalog: Catalog, schema: GraphQLSchema): Map<string, readonly DocumentedError[]> {
  const errors = new Map<string, readonly DocumentedError[]>();
  for (const root of [schema.getQueryType(), schema.getMutationType()]) {
    for (const field of Object.values(root?.getFields() ?? {})) {
      const listed = errorsListedIn(field.description);
      if (listed.length > 0) errors.set(field.name, listed);
    }
  }
  for (const operation of catalog.operations) errors.set(operation.field, operation.errors);
  return errors;
}

function rootFieldNames(operation: OperationDefinitionNode): string[] {
  return operation.selectionSet.selections.flatMap((selection) => (selection.kind === 'Field' ? [selection.name.value] : []));
}

function strictCredentials(option: MockCredentialsOption | undefined): MockCredentials | undefined {
  if (option === undefined || option === 'any') return undefined;
  return { users: option.users ?? [], apiKeys: option.apiKeys ?? [], organizationSecretKeys: option.organizationSecretKeys ?? [], preSignedKeys: option.preSignedKeys ?? [] };
}

/** Creates a mock Kraken server for one brand: schema-driven mock data plus stateful auth. */
export function createKrakenEngine(source: KrakenMockSource, options: KrakenEngineOptions = {}): KrakenMockEngine {
  const { catalog } = source;
  const baseSchema = mockSchemaOf(options.schema ?? source.schemaSdl);
  // A schema of the user's own is served as given unless asked; the page schema gets the traffic fields.
  // The page schema also gets a readable account with a paginated connection (account-schema.ts).
  const pageSchema = options.schema === undefined ? withAccountPart(baseSchema) : baseSchema;
  const schema = (options.trafficFields ?? options.schema === undefined) ? withTrafficFields(pageSchema) : pageSchema;
  const connectionLength = options.connectionLength ?? DEFAULT_CONNECTION_LENGTH;
  if (!Number.isInteger(connectionLength) || connectionLength < 0) throw new RangeError(`connectionLength must be a non-negative integer, got ${String(connectionLength)}.`);
  const seed = String(options.seed ?? 'kraken');
  const authority = new MockAuthority({
    now: options.now ?? Date.now,
    tokenLifetimeSeconds: options.tokenLifetimeSeconds ?? 3600,
    refreshTokenLifetimeSeconds: options.refreshTokenLifetimeSeconds ?? 7 * 86_400,
    maxRefreshGrants: options.maxRefreshGrants ?? 10_000,
    credentials: strictCredentials(options.credentials),
    issuer: catalog.endpoints.api,
    secret: `kraken-mock:${catalog.brand}:${seed}`,
  });
  const ledger = createPointsLedger(options.rateLimit, options.now ?? Date.now);
  const state = new KrakenMockState(
    () => {
      authority.reset();
      ledger.reset();
    },
    options.requestLogLimit,
    () => authority.refreshGrantCount,
  );
  const limits = { ...DEFAULT_REQUEST_LIMITS, ...options.limits };
  const operationsByField = new Map<string, CatalogOperation>(catalog.operations.map((op) => [op.field, op]));
  const errorsByField = documentedErrorsByField(catalog, schema);
  const hasAuthServer = catalog.operations.some((op) => op.endpoint === 'auth');
  const rootTypes = new Set([schema.getMutationType(), schema.getQueryType()].filter((type) => type != null));
  const scalarValues = documentedScalarValues(catalog, schema);

  function krakenError(field: string, code: string, extra?: Record<string, unknown>): GraphQLError {
    const listed = operationsByField.has(field) ? undefined : errorsByField.get(field)?.find((error) => error.code === code);
    const message = code === 'KT-CT-1124' ? 'Signature of the JWT has expired.' : (listed?.message ?? documentedMessage([catalog], field, code));
    return new GraphQLError(message, { extensions: krakenExtensions(code, message, extra) });
  }

  /** A deterministic value for the type: what the page's example shows where it fits, else seeded by `key`. */
  function mockValue(type: GraphQLOutputType, key: string, fieldName: string, example: unknown): unknown {
    const inner = isNonNullType(type) ? type.ofType : type;
    if (isListType(inner)) {
      const items: unknown[] = Array.isArray(example) ? example : [];
      const length = 1 + pickIndex(`${key}#length`, 2);
      return Array.from({ length }, (_, index) => mockValue(inner.ofType, `${key}.${index}`, fieldName, items[index] ?? items[0]));
    }
    if (isObjectType(inner)) return withPageExample(keyed({}, key), example);
    if (isAbstractType(inner)) {
      // The member the page's example shows (the success shape it documents), else a seeded one.
      const members = schema.getPossibleTypes(inner);
      const shown = members.find((member) => member.name === exampleTypename(example));
      return withPageExample(keyed({ __typename: (shown ?? members[pickIndex(`${key}#type`, members.length)])?.name }, key), example);
    }
    if (isEnumType(inner)) {
      const values = inner.getValues();
      return (values.find((value) => value.name === example) ?? values[pickIndex(key, values.length)])?.value;
    }
    if (isScalarType(inner)) return mockScalarValue(inner.name, key, fieldName, { example, documentedValues: scalarValues.get(inner.name) });
    return null;
  }

  function resolveRootField(field: string, args: Record<string, unknown>, context: RequestContext): unknown {
    // Kraken asks for a token where the operation documents KT-CT-1112, and on the authentication
    // server, whose MFA mutations manage the logged-in user's devices.
    const needsToken = operationsByField.get(field)?.endpoint === 'auth' || errorsByField.get(field)?.some((error) => error.code === 'KT-CT-1112');
    if (needsToken) {
      const authorized = authority.authorize(context.authorization);
      if (!authorized.ok) throw krakenError(field, authorized.code);
    }
    if (field === 'rateLimitInfo' && trafficField(field)) return { pointsAllowanceRateLimit: ledger.read() };
    if (field === 'queryComplexity' && trafficField(field)) return { complexityValue: complexityOf(args.input) };
    if (field === 'obtainKrakenToken') {
      const outcome = authority.obtainToken(args.input);
      state.countObtainCall(outcome.ok);
      if (!outcome.ok) throw krakenError(field, outcome.code);
      return { ...outcome.value, possibleErrors: [] };
    }
    return undefined;
  }

  /** Whether a root field is the mock's own traffic field (a user's schema may define one differently). */
  const trafficField = (field: string): boolean => schema.getType('CombinedRateLimitInformation') !== undefined && field in (schema.getQueryType()?.getFields() ?? {});

  /** queryComplexity's answer: the complexity the mock's limit (KT-CT-1188) measures. */
  function complexityOf(input: unknown): number {
    const given = isRecord(input) ? input : {};
    let document: DocumentNode;
    try {
      document = parse(typeof given.query === 'string' ? given.query : '');
    } catch (error) {
      throw new GraphQLError(`queryComplexity: the query cannot be parsed: ${(error as Error).message}`);
    }
    let variables: unknown = given.variables;
    if (typeof variables === 'string') {
      try {
        variables = JSON.parse(variables);
      } catch {
        throw new GraphQLError('queryComplexity: variables is not valid JSON.');
      }
    }
    return requestCost(document, isRecord(variables) ? variables : {}).complexity;
  }

  const fieldResolver: GraphQLFieldResolver<unknown, RequestContext> = (source, args, context, info) => {
    if (isRecord(source) && Object.hasOwn(source, info.fieldName)) return source[info.fieldName];
    // Values under a mock object are seeded by its key (a connection's nodes by their position, not their page).
    const key = `${keyOf(source) ?? `${seed}:${pathKey(info.path.prev as Parameters<typeof pathKey>[0])}`}.${info.fieldName}`;
    const connection = connectionTypeOf(info.returnType);
    if (connection) {
      const nodeType = connection.getFields().edges?.type;
      const edgeType = nodeType && (isNonNullType(nodeType) ? nodeType.ofType : nodeType);
      const edge = edgeType && isListType(edgeType) ? edgeType.ofType : undefined;
      const edgeObject = edge && (isNonNullType(edge) ? edge.ofType : edge);
      const node = isObjectType(edgeObject) ? edgeObject.getFields().node : undefined;
      const field = info.parentType.getFields()[info.fieldName];
      if (node && field) {
        return keyed(connectionPage(field, args, connectionLength, (index) => mockValue(node.type, `${key}#${index}`, 'node', undefined)), key);
      }
    }
    if (info.path.prev === undefined && rootTypes.has(info.parentType)) {
      const resolved = resolveRootField(info.fieldName, args, context);
      if (resolved !== undefined) return resolved;
    }
    if (info.fieldName === 'possibleErrors') {
      // The deprecated field lists the operation's documented errors; answer with the catalog's.
      const rootField = rootFieldOf(info.path);
      const documented = rootField === undefined ? undefined : errorsByField.get(rootField);
      if (documented) return possibleErrorsOf(documented);
    }
    const atRoot = info.path.prev === undefined && rootTypes.has(info.parentType);
    const example = atRoot ? operationsByField.get(info.fieldName)?.example : pageExampleOf(source, info.fieldName);
    return mockValue(info.returnType, keyOf(source) === undefined ? `${seed}:${pathKey(info.path)}` : key, info.fieldName, example);
  };

  function endpointMismatch(operation: OperationDefinitionNode, endpoint: EndpointKind): KrakenMockResponse | undefined {
    if (!hasAuthServer || operation.operation !== 'mutation') return undefined;
    for (const field of rootFieldNames(operation)) {
      const documented = operationsByField.get(field);
      if (documented && documented.endpoint !== endpoint) {
        return requestError(`Cannot query field "${field}" on type "Mutation".`);
      }
    }
    return undefined;
  }

  function limitError(cost: RequestCost): KrakenMockResponse | undefined {
    const exceeded =
      cost.nodes > limits.nodes
        ? { code: 'KT-CT-1189', message: `Query has too many nodes: ${cost.nodes}, the limit is ${limits.nodes}.` }
        : cost.complexity > limits.complexity
          ? { code: 'KT-CT-1188', message: `Query complexity is too high: ${cost.complexity}, the limit is ${limits.complexity}.` }
          : undefined;
    if (!exceeded) return undefined;
    const extensions = krakenExtensions(exceeded.code, exceeded.message, { errorType: 'VALIDATION' });
    return { status: 400, body: { errors: [{ message: exceeded.message, extensions }] } };
  }

  /** KT-CT-1199 on the operation's first root field, with Retry-After, as Kraken answers a spent allowance (HTTP 200). */
  function rateLimited(operation: OperationDefinitionNode, retryAfterSeconds: number): KrakenMockResponse {
    const root = firstRootField(operation);
    const error = krakenError(root?.field ?? '', 'KT-CT-1199').toJSON();
    const body = root
      ? { errors: [{ ...error, locations: root.locations, path: [root.key] }], data: { [root.key]: null } }
      : { errors: [error], data: null };
    return { status: 200, body, headers: { 'Retry-After': String(retryAfterSeconds) } };
  }

  async function run(request: KrakenMockRequest, context: RequestContext): Promise<{ response: KrakenMockResponse; fields: string[]; operationName: string | null }> {
    const body = request.body;
    const requestedName = isRecord(body) && typeof body.operationName === 'string' ? body.operationName : null;
    const noFields = { fields: [], operationName: requestedName };
    if (!isRecord(body) || typeof body.query !== 'string') {
      return { response: requestError('Must provide query string.'), ...noFields };
    }
    if (body.variables != null && !isRecord(body.variables)) {
      return { response: requestError('Variables must be provided as an Object where each property is a variable value.'), ...noFields };
    }
    if (body.operationName != null && typeof body.operationName !== 'string') {
      return { response: requestError('operationName must be a string when given.'), ...noFields };
    }
    if (body.extensions != null && !isRecord(body.extensions)) {
      return { response: requestError('extensions must be provided as an Object when given.'), ...noFields };
    }
    let document: DocumentNode;
    try {
      document = parse(body.query);
    } catch (error) {
      // The parser recurses: a query nested thousands deep overflows the stack, which is the request's fault.
      if (!(error instanceof GraphQLError)) return { response: requestError('The query is nested too deeply to parse.'), ...noFields };
      return { response: { status: 400, body: { errors: [error.toJSON()] } }, ...noFields };
    }
    const overLimit = limitError(requestCost(document, isRecord(body.variables) ? body.variables : {}));
    if (overLimit) return { response: overLimit, ...noFields };
    const validationErrors = validate(schema, document);
    if (validationErrors.length > 0) {
      return { response: { status: 400, body: { errors: validationErrors.map((error) => error.toJSON()) } }, ...noFields };
    }
    const operation = getOperationAST(document, requestedName);
    if (!operation) {
      const message = requestedName ? `Unknown operation named "${requestedName}".` : 'Must provide operation name if query contains multiple operations.';
      return { response: requestError(message), ...noFields };
    }
    const meta = { fields: rootFieldNames(operation), operationName: requestedName ?? operation.name?.value ?? null };
    if ((request.method ?? 'POST').toUpperCase() === 'GET' && operation.operation !== 'query') {
      const response = requestError(`Can only perform a ${operation.operation} operation from a POST request.`);
      return { response: { ...response, status: 405, headers: { Allow: 'POST' } }, ...meta };
    }
    const mismatch = endpointMismatch(operation, request.endpoint);
    if (mismatch) return { response: mismatch, ...meta };
    const charged = ledger.charge();
    if (!charged.ok) return { response: rateLimited(operation, charged.retryAfterSeconds), ...meta };
    const scenarioHeader = headerValue(request.headers, SCENARIO_HEADER);
    if (scenarioHeader !== null) {
      const parsed = parseScenarioHeader(scenarioHeader);
      if (!parsed.ok) return { response: requestError(parsed.message), ...meta };
      const { delayMs, errorCode, rateLimit, retryAfterSeconds } = parsed.scenario;
      if (delayMs) await new Promise((resolve) => setTimeout(resolve, delayMs));
      if (rateLimit) return { response: rateLimited(operation, retryAfterSeconds ?? 60), ...meta };
      const root = firstRootField(operation);
      if (errorCode && root) {
        const error = krakenError(root.field, errorCode).toJSON();
        const body = { errors: [{ ...error, locations: root.locations, path: [root.key] }], data: { [root.key]: null } };
        return { response: { status: 200, body }, ...meta };
      }
    }
    const result = await execute({
      schema,
      document,
      operationName: requestedName,
      variableValues: (body.variables as Record<string, unknown> | null | undefined) ?? undefined,
      contextValue: context,
      fieldResolver,
    });
    if (!('data' in result)) {
      // A request error (e.g. a variable of the wrong type): nothing was executed.
      return { response: { status: 400, body: { errors: (result.errors ?? []).map((error) => error.toJSON()) } }, ...meta };
    }
    const responseBody: KrakenResponseBody = {};
    // Kraken puts "errors" before "data"; keep that order for byte-level comparisons.
    if (result.errors?.length) responseBody.errors = result.errors.map((error) => error.toJSON());
    responseBody.data = (result.data as Record<string, unknown> | null | undefined) ?? null;
    return { response: { status: 200, body: responseBody }, ...meta };
  }

  return {
    catalog,
    schema,
    state,
    async handleKrakenRequest(request) {
      const context: RequestContext = { endpoint: request.endpoint, authorization: headerValue(request.headers, 'authorization') };
      const { response, fields, operationName } = await run(request, context);
      state.record({
        endpoint: request.endpoint,
        operationName,
        fields,
        status: response.status,
        errorCodes: (response.body.errors ?? []).flatMap((error) => {
          const code = error.extensions?.errorCode;
          return typeof code === 'string' ? [code] : [];
        }),
        hadAuthorization: context.authorization !== null,
      });
      return { ...response, operationName };
    },
  };
}

