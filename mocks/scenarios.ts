import type { OperationDefinitionNode } from 'graphql';
import { getLocation, getOperationAST, parse, Source } from 'graphql';
import type { HttpHandler } from 'msw';
import { HttpResponse, delay } from 'msw';
import type { AnyDocument, ErrorCodeOf, ResultOf } from '../src/core/document.js';
import { toDocumentNode } from '../src/client/document-node.js';
import { knownCatalogs } from './brands.js';
import { documentedMessage, krakenExtensions } from './errors.js';
import type { MockResultOf } from './omitted-fields.js';
import { withOmittedFieldsNull } from './omitted-fields.js';
import type { GraphQLOverHttpResolver } from './msw-graphql.js';
import { graphqlOverHttp } from './msw-graphql.js';

/** Options every scenario helper takes. */
export interface ScenarioOptions {
  /** Only intercept requests to this URL (default: any URL). */
  endpoint?: string;
  /** Answer only the first matching request, then fall back to the next handler (e.g. the default mock). */
  once?: boolean;
}

export interface ErrorScenarioOptions extends ScenarioOptions {
  /** Extra `extensions` fields, e.g. validationErrors or operation-specific details. */
  extensions?: Record<string, unknown>;
  /** Overrides the documented message. */
  message?: string;
}

export interface RateLimitScenarioOptions extends ScenarioOptions {
  /** Seconds sent in the Retry-After header. Default 60. */
  retryAfterSeconds?: number;
  /** HTTP status of the GraphQL error response. Default 200, as Kraken answers application errors. */
  status?: number;
}

export interface HttpErrorScenarioOptions extends ScenarioOptions {
  status?: number;
  body?: string;
}

interface DocumentFacts {
  operationName: string;
  operationType: 'query' | 'mutation' | 'subscription';
  rootField: string;
}

function describeDocument(document: AnyDocument): DocumentFacts {
  const operation = toDocumentNode(document).definitions.find(
    (definition): definition is OperationDefinitionNode => definition.kind === 'OperationDefinition',
  );
  const meta = (document as { kraken?: { operationName?: unknown } }).kraken;
  const operationName = typeof meta?.operationName === 'string' ? meta.operationName : operation?.name?.value;
  if (!operation || !operationName) {
    throw new TypeError('Scenario helpers need a document with one named operation (a KrakenDocument or a named TypedDocumentNode).');
  }
  const firstField = operation.selectionSet.selections.find((selection) => selection.kind === 'Field');
  return {
    operationName,
    operationType: operation.operation,
    rootField: firstField?.kind === 'Field' ? (firstField.alias ?? firstField.name).value : operationName,
  };
}

/** The response key and position of the request's first root field, so errors point where Kraken's would. */
function rootFieldOfRequest(query: string, operationName: string, fallback: string): { key: string; locations: Array<{ line: number; column: number }> } {
  try {
    const source = new Source(query);
    const operation = getOperationAST(parse(source), operationName);
    const field = operation?.selectionSet.selections.find((selection) => selection.kind === 'Field');
    if (field?.kind === 'Field') {
      const location = field.loc ? getLocation(source, field.loc.start) : undefined;
      return { key: (field.alias ?? field.name).value, locations: location ? [{ line: location.line, column: location.column }] : [] };
    }
  } catch {
    // Unparsable requests still get the documented error shape, keyed by the document's field.
  }
  return { key: fallback, locations: [] };
}

function scenarioHandler(document: AnyDocument, options: ScenarioOptions, resolver: GraphQLOverHttpResolver): HttpHandler {
  const facts = describeDocument(document);
  return graphqlOverHttp({ url: options.endpoint, operation: { type: facts.operationType, name: facts.operationName }, once: options.once }, resolver);
}

function errorResponseBody(query: string, facts: DocumentFacts, code: string, message: string, extensions?: Record<string, unknown>) {
  const field = rootFieldOfRequest(query, facts.operationName, facts.rootField);
  return {
    errors: [{ message, locations: field.locations, path: [field.key], extensions: krakenExtensions(code, message, extensions) }],
    data: { [field.key]: null },
  };
}

/**
 * Answers the document's operation with a Kraken error: `code` must be one the operation documents
 * (or a common code); the message is the documented one for that operation.
 */
export function mockKrakenError<D extends AnyDocument>(document: D, code: ErrorCodeOf<D>, options: ErrorScenarioOptions = {}): HttpHandler {
  const facts = describeDocument(document);
  const message = options.message ?? documentedMessage(knownCatalogs(), facts.operationName, code);
  return scenarioHandler(document, options, ({ query }) =>
    HttpResponse.json(errorResponseBody(query, facts, code, message, options.extensions)),
  );
}

/**
 * Answers the document's operation with `data`, typed by the operation's result. Nullable fields may be
 * left out (the deprecated `possibleErrors`, or any a test does not care about): selected fields that
 * `data` leaves out are answered with null, as Kraken answers a field with nothing to say.
 */
export function mockKrakenResult<D extends AnyDocument>(document: D, data: MockResultOf<ResultOf<D>>, options: ScenarioOptions = {}): HttpHandler {
  return scenarioHandler(document, options, ({ query, operation }) =>
    HttpResponse.json({ data: withOmittedFieldsNull(query, operation?.name, data) }),
  );
}

/** KT-CT-1199 "Too many requests." with a Retry-After header. */
export function mockKrakenRateLimit<D extends AnyDocument>(document: D, options: RateLimitScenarioOptions = {}): HttpHandler {
  const facts = describeDocument(document);
  const code = 'KT-CT-1199';
  const message = documentedMessage(knownCatalogs(), facts.operationName, code);
  return scenarioHandler(document, options, ({ query }) =>
    HttpResponse.json(errorResponseBody(query, facts, code, message), {
      status: options.status ?? 200,
      headers: { 'Retry-After': String(options.retryAfterSeconds ?? 60) },
    }),
  );
}

/** A plain-text HTTP error (default 500 "Internal Server Error"): not GraphQL. */
export function mockKrakenHttpError<D extends AnyDocument>(document: D, options: HttpErrorScenarioOptions = {}): HttpHandler {
  return scenarioHandler(document, options, () =>
    rawResponse(options.body ?? 'Internal Server Error', options.status ?? 500, 'text/plain; charset=utf-8'),
  );
}

/** A non-GraphQL body. */
function rawResponse(body: string, status: number, contentType: string): Response {
  return new Response(body, { status, headers: { 'Content-Type': contentType } });
}

const BAD_GATEWAY_HTML =
  '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n</body>\r\n</html>\r\n';

/** HTTP 502 with an HTML body, as a proxy in front of the API would answer. */
export function mockKrakenBadGateway<D extends AnyDocument>(document: D, options: ScenarioOptions = {}): HttpHandler {
  return scenarioHandler(document, options, () => rawResponse(BAD_GATEWAY_HTML, 502, 'text/html'));
}

/** A network failure (the fetch rejects). */
export function mockKrakenNetworkError<D extends AnyDocument>(document: D, options: ScenarioOptions = {}): HttpHandler {
  return scenarioHandler(document, options, () => HttpResponse.error());
}

/** Delays the document's requests by `ms`, then lets the next handler (e.g. the default mock or another scenario) answer. */
export function mockKrakenDelay<D extends AnyDocument>(document: D, ms: number, options: ScenarioOptions = {}): HttpHandler {
  if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`mockKrakenDelay: ms must be a non-negative number, got ${String(ms)}.`);
  return scenarioHandler(document, options, async () => {
    await delay(ms);
    return undefined;
  });
}
