import { expectTypeOf, test } from 'vitest';
import type { HttpHandler } from 'msw';
import { buildSchema, parse } from 'graphql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { AssociateCallWithAccountDocument, ObtainKrakenTokenDocument } from '../../src/generated/st/documents.js';
import type { ResultOf } from '../../src/core/document.js';
import { krakenHandlers, mockKrakenError, mockKrakenRateLimit, mockKrakenResult } from '../../mocks/index.js';
import { startMockKrakenServer } from '../../mocks/node.js';

test('mockKrakenError accepts documented and common codes only', () => {
  expectTypeOf(mockKrakenError(AssociateCallWithAccountDocument, 'KT-CT-4178')).toEqualTypeOf<HttpHandler>();
  mockKrakenError(AssociateCallWithAccountDocument, 'KT-CT-1124');
  mockKrakenError(ObtainKrakenTokenDocument, 'KT-CT-1135');
  // @ts-expect-error KT-CT-4178 is not documented for obtainKrakenToken
  mockKrakenError(ObtainKrakenTokenDocument, 'KT-CT-4178');
  // @ts-expect-error not a code at all
  mockKrakenError(AssociateCallWithAccountDocument, 'nope');
  mockKrakenError(AssociateCallWithAccountDocument, 'KT-CT-4178', { extensions: { errorClass: 'NOT_FOUND' }, once: true });
});

test('a plain TypedDocumentNode accepts any code', () => {
  const plain = parse('mutation X { x }') as TypedDocumentNode<{ x: string }, Record<string, never>>;
  mockKrakenError(plain, 'KT-XX-0000');
  mockKrakenResult(plain, { x: 'ok' });
  // @ts-expect-error wrong result shape
  mockKrakenResult(plain, { x: 1 });
});

test('mockKrakenResult is typed by the operation result', () => {
  type Result = ResultOf<typeof ObtainKrakenTokenDocument>;
  const data = { obtainKrakenToken: { token: 't', payload: {}, refreshToken: 'r', refreshExpiresIn: 1, possibleErrors: [] } } as Result;
  mockKrakenResult(ObtainKrakenTokenDocument, data);
  // @ts-expect-error unknown root field
  mockKrakenResult(ObtainKrakenTokenDocument, { somethingElse: 1 });
  mockKrakenRateLimit(ObtainKrakenTokenDocument, { retryAfterSeconds: 5 });
});

test('brand handlers and the node server', () => {
  expectTypeOf(krakenHandlers({ brand: 'st' })).toEqualTypeOf<HttpHandler[]>();
  // @ts-expect-error unknown brand
  krakenHandlers({ brand: 'xx' });
  expectTypeOf(startMockKrakenServer).returns.resolves.toHaveProperty('apiUrl').toEqualTypeOf<string>();
});

test('credentials: "any" (the default) or strict lists of each kind', () => {
  krakenHandlers({ brand: 'st', credentials: 'any' });
  krakenHandlers({ brand: 'st', credentials: { users: [{ email: 'a@b.dev', password: 'pw' }] } });
  void startMockKrakenServer({ brand: 'oejp', credentials: { apiKeys: ['k'] } });
  // @ts-expect-error only "any" or an object of credential lists
  krakenHandlers({ brand: 'st', credentials: 'strict' });
  // @ts-expect-error a user needs a password
  krakenHandlers({ brand: 'st', credentials: { users: [{ email: 'a@b.dev' }] } });
});

test('a full schema: SDL text or a GraphQLSchema', () => {
  krakenHandlers({ brand: 'st', schema: 'type Query { a: Int }' });
  void startMockKrakenServer({ brand: 'st', schema: buildSchema('type Query { a: Int }') });
  // @ts-expect-error a file path is read by the CLI, not by the API: pass its text
  krakenHandlers({ brand: 'st', schema: new URL('file:///schema.graphql') });
});
