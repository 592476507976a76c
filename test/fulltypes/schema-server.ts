// A tiny GraphQL server over a test schema, on 127.0.0.1, for the pull tests: graphql() answers
// every request; modes add the failures a real endpoint can show.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildSchema, graphql, parse, type GraphQLSchema } from 'graphql';
import { DEFAULT_REQUEST_LIMITS, requestCost } from '../../mocks/limits.js';

export type SchemaServerMode = 'open' | 'auth-required' | 'no-introspection' | 'html' | 'plain-introspection-only';

export interface SchemaServer {
  url: string;
  /** Each request's variables, in order. */
  variables: (Record<string, unknown> | undefined)[];
  /** Requests refused for Kraken's complexity limit (KT-CT-1188), as Kraken refuses them: before running. */
  refusedForComplexity: number;
  /** Authorization headers received, in order. */
  authorizations: (string | undefined)[];
  close: () => Promise<void>;
}

export const FIXTURE_TOKEN = 'test-token-not-a-secret';
export const FIXTURE_PASSWORD = 'fixture-password';
export const FIXTURE_API_KEY = 'nwater-api-key-not-a-secret';

/** obtainKrakenToken gives FIXTURE_TOKEN for FIXTURE_PASSWORD or FIXTURE_API_KEY, and nothing otherwise. */
const loginRoot = {
  obtainKrakenToken: ({ input }: { input: { password?: string; APIKey?: string } }) =>
    input.password === FIXTURE_PASSWORD || input.APIKey === FIXTURE_API_KEY ? { token: FIXTURE_TOKEN, payload: { exp: 4_102_444_800 }, refreshToken: null, refreshExpiresIn: null } : null,
};

/** `answers` adds root resolvers (mutation and query fields by name) beside the login. */
export async function startSchemaServer(sdl: string, mode: SchemaServerMode, answers: Record<string, unknown> = {}): Promise<SchemaServer> {
  const rootValue = { ...loginRoot, ...answers };
  const schema: GraphQLSchema = buildSchema(sdl);
  const authorizations: (string | undefined)[] = [];
  const seenVariables: (Record<string, unknown> | undefined)[] = [];
  let refusedForComplexity = 0;
  const server: Server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', () => {
      authorizations.push(request.headers.authorization);
      const reply = (status: number, payload: unknown): void => {
        response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(payload));
      };
      if (mode === 'html') {
        response.writeHead(502, { 'content-type': 'text/html' }).end('<html><body>Bad gateway</body></html>');
        return;
      }
      const { query, variables } = JSON.parse(body) as { query: string; variables?: Record<string, unknown> };
      seenVariables.push(variables);
      let cost = 0;
      try {
        cost = requestCost(parse(query), variables ?? {}).complexity;
      } catch {
        // Not parsable: graphql() below says so.
      }
      if (cost > DEFAULT_REQUEST_LIMITS.complexity) {
        refusedForComplexity += 1;
        reply(200, { data: null, errors: [{ message: `Query complexity ${cost} exceeds 200.`, extensions: { errorCode: 'KT-CT-1188', errorType: 'VALIDATION' } }] });
        return;
      }
      if (mode === 'auth-required' && request.headers.authorization !== FIXTURE_TOKEN && !query.includes('obtainKrakenToken')) {
        reply(200, {
          data: null,
          errors: [{ message: "'Authorization' header not provided.", extensions: { errorCode: 'KT-CT-1112', errorType: 'AUTHORIZATION' } }],
        });
        return;
      }
      if (mode === 'no-introspection' && query.includes('__schema')) {
        reply(400, { errors: [{ message: 'GraphQL introspection is not allowed, but the query contained __schema or __type.' }] });
        return;
      }
      // A server on an older GraphQL library: the extended introspection fields do not exist there.
      if (mode === 'plain-introspection-only' && /isOneOf|isRepeatable|specifiedByURL/.test(query)) {
        reply(400, { errors: [{ message: 'Cannot query field "isOneOf" on type "__Type".', locations: [{ line: 20, column: 7 }] }] });
        return;
      }
      void graphql({ schema, source: query, rootValue, variableValues: variables ?? null }).then((result) => reply(200, result));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1/graphql/`,
    authorizations,
    variables: seenVariables,
    get refusedForComplexity() {
      return refusedForComplexity;
    },
    close: () => new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
