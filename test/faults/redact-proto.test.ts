// Issue 28 (lower): a server's `extensions` holding a `__proto__` key (JSON.parse makes it an own property).
// Redacting an echoed secret copies the object; the copy was built by assignment, so `copy.__proto__ = value`
// set the copy's prototype to the server's object: its fields then read as the copy's own (inherited) fields.
import { describe, expect, it } from 'vitest';
import { parse } from 'graphql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { createKrakenClient } from 'kraken-sdk';
import { serve } from './http-server.js';
import { failure } from './failure.js';

const PingDocument = parse('query Ping { ping }') as TypedDocumentNode<{ ping: boolean }, Record<string, never>>;
const TOKEN = 'tok-proto-7c1e5a9d3b';

/** Raw JSON: an object literal would set the prototype instead of an own `__proto__` key. */
const answerWithProto = (extensions: string) => `{"data":null,"errors":[{"message":"No.","extensions":${extensions}}]}`;

describe('redacting extensions with a __proto__ key', () => {
  it('keeps __proto__ an own field of the copy: the prototype stays Object.prototype, nothing is inherited', async () => {
    const server = await serve((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      // The echoed token makes redaction copy the extensions.
      response.end(answerWithProto(`{"errorCode":"KT-CT-1111","echo":"${TOKEN}","__proto__":{"isAdmin":true,"errorCode":"KT-CT-0000"}}`));
    });
    const client = createKrakenClient({ endpoint: server.url, auth: { token: TOKEN }, retry: false });
    const error = await failure(client.request(PingDocument));
    const extensions = error.errors[0]?.extensions as Record<string, unknown>;
    expect(extensions.echo).toBe('[redacted]');
    expect(Object.getPrototypeOf(extensions)).toBe(Object.prototype);
    expect('isAdmin' in extensions).toBe(false);
    expect(Object.prototype.hasOwnProperty.call(extensions, '__proto__')).toBe(true);
    expect(Object.getOwnPropertyDescriptor(extensions, '__proto__')?.value).toEqual({ isAdmin: true, errorCode: 'KT-CT-0000' });
    expect(error.code).toBe('KT-CT-1111');
  });

  it('a __proto__ holding a secret is redacted inside, still as an own field', async () => {
    const server = await serve((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(answerWithProto(`{"errorCode":"KT-CT-1111","__proto__":{"echo":"${TOKEN}"}}`));
    });
    const client = createKrakenClient({ endpoint: server.url, auth: { token: TOKEN }, retry: false });
    const error = await failure(client.request(PingDocument));
    const extensions = error.errors[0]?.extensions as Record<string, unknown>;
    expect(Object.getPrototypeOf(extensions)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(extensions, '__proto__')?.value).toEqual({ echo: '[redacted]' });
    expect(JSON.stringify(error)).not.toContain(TOKEN);
  });
});
