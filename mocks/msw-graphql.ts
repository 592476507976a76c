/**
 * GraphQL request handlers built on msw's `http` handlers, which msw 2 and msw 3 both export from the package root
 * (msw 3 moved its `graphql` namespace to `msw/graphql`). The request is read off the wire here and matched with
 * graphql's own parser, so one source serves both majors, types included: the declarations name only `HttpHandler`.
 */
import type { HttpHandler } from 'msw';
import { http } from 'msw';
import { getOperationAST, parse } from 'graphql';

/** graphql's OperationTypeNode as plain strings (it is an enum in graphql 16). */
export type GraphQLOperationType = 'query' | 'mutation' | 'subscription';
const OPERATION_TYPES = { query: 'query', mutation: 'mutation', subscription: 'subscription' } as const;

/** One GraphQL request as sent over HTTP (GET query string or POST JSON body). */
export interface GraphQLOverHttpRequest {
  readonly request: Request;
  readonly query: string;
  readonly variables: Record<string, unknown> | undefined;
  /** The operationName the client sent, if any. */
  readonly operationName: string | undefined;
  /** The operation the document selects (undefined when the query does not parse or names no single operation). */
  readonly operation: { readonly type: GraphQLOperationType; readonly name: string | undefined } | undefined;
}

/** What a handler answers: a response, or undefined to let the next handler answer. */
export type GraphQLOverHttpResolver = (request: GraphQLOverHttpRequest) => Response | undefined | Promise<Response | undefined>;

export interface GraphQLOverHttpOptions {
  /** Only requests to this URL (default: any URL). */
  readonly url?: string | undefined;
  /** Only this operation: its type and name. Default: any GraphQL request, including ones that do not parse. */
  readonly operation?: { readonly type: GraphQLOperationType; readonly name: string } | undefined;
  /** Answer the first matching request only. */
  readonly once?: boolean | undefined;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function parseVariables(value: unknown): Record<string, unknown> | undefined {
  if (typeof value === 'string') {
    try {
      return parseVariables(JSON.parse(value));
    } catch {
      return undefined;
    }
  }
  return isRecord(value) ? value : undefined;
}

/** The GraphQL parameters of a request, or undefined when it carries none (then another handler may answer it). */
async function readGraphQLRequest(request: Request): Promise<Omit<GraphQLOverHttpRequest, 'operation'> | undefined> {
  if (request.method === 'GET') {
    const search = new URL(request.url).searchParams;
    const query = search.get('query');
    if (query === null) return undefined;
    return { request, query, variables: parseVariables(search.get('variables') ?? undefined), operationName: search.get('operationName') ?? undefined };
  }
  if (request.method !== 'POST') return undefined;
  let body: unknown;
  try {
    // A clone: a handler that passes the request on must leave its body readable for the next one.
    body = JSON.parse(await request.clone().text());
  } catch {
    return undefined;
  }
  if (!isRecord(body) || typeof body.query !== 'string') return undefined;
  const operationName = typeof body.operationName === 'string' ? body.operationName : undefined;
  return { request, query: body.query, variables: parseVariables(body.variables), operationName };
}

function operationOf(query: string, operationName: string | undefined): GraphQLOverHttpRequest['operation'] {
  try {
    const operation = getOperationAST(parse(query), operationName);
    return operation ? { type: OPERATION_TYPES[operation.operation], name: operation.name?.value } : undefined;
  } catch {
    return undefined;
  }
}

/** An msw handler answering GraphQL requests (optionally one URL, one operation) with `resolve`. */
export function graphqlOverHttp(options: GraphQLOverHttpOptions, resolve: GraphQLOverHttpResolver): HttpHandler {
  const wanted = options.operation;
  // `once` is kept here, not in msw's handler options: msw would spend it on any request to the URL, GraphQL or not.
  let used = false;
  return http.all(options.url ?? '*', async ({ request }) => {
    if (used) return undefined;
    const read = await readGraphQLRequest(request);
    if (read === undefined) return undefined;
    const operation = operationOf(read.query, read.operationName);
    if (wanted !== undefined && (operation?.type !== wanted.type || operation.name !== wanted.name)) return undefined;
    if (options.once) used = true;
    return resolve({ ...read, operation });
  });
}
