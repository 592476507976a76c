import { describe, expect, it } from 'vitest';
import { getIntrospectionQuery } from 'graphql';
import { createKrakenEngine } from '../../mocks/engine.js';
import { fixtureSource, CREATE_MFA_DEVICE, LOGIN, UPDATE_THING, VALID_LOGIN } from './fixture.js';

async function login(engine: ReturnType<typeof createKrakenEngine>): Promise<string> {
  const reply = await engine.handleKrakenRequest({ endpoint: 'api', headers: {}, body: { query: LOGIN, variables: { input: VALID_LOGIN } } });
  return (reply.body.data?.obtainKrakenToken as { token: string }).token;
}

async function updateThing(engine: ReturnType<typeof createKrakenEngine>, token: string) {
  return engine.handleKrakenRequest({
    endpoint: 'api',
    headers: { Authorization: `JWT ${token}` },
    body: { query: UPDATE_THING, variables: { input: { anything: ['goes', 1] } }, operationName: 'UpdateThing' },
  });
}

describe('mock engine values', () => {
  it('answers the selection with values shaped like Kraken scalars', async () => {
    const engine = createKrakenEngine(fixtureSource);
    const reply = await updateThing(engine, await login(engine));
    expect(reply.status).toBe(200);
    expect(reply.body.errors).toBeUndefined();
    const thing = (reply.body.data?.updateThing as { thing: Record<string, unknown> }).thing;
    expect(thing.id).toEqual(expect.any(String));
    expect(thing.createdOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(Number.isNaN(Date.parse(thing.updatedAt as string))).toBe(false);
    expect(thing.updatedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+00:00$/);
    expect(thing.uuid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(() => JSON.parse(thing.metadata as string) as unknown).not.toThrow();
    expect(Number.isInteger(thing.count)).toBe(true);
    expect(typeof thing.ratio).toBe('number');
    expect(typeof thing.enabled).toBe('boolean');
    expect(['ACTIVE', 'INACTIVE']).toContain(thing.status);
    expect((thing.tags as unknown[]).length).toBeGreaterThan(0);
    expect(thing.account).toEqual({ __typename: 'AccountType' });
  });

  it('picks union members deterministically and answers their fragment', async () => {
    const engine = createKrakenEngine(fixtureSource);
    const token = await login(engine);
    const first = await updateThing(engine, token);
    const second = await updateThing(engine, token);
    const result = (first.body.data?.updateThing as { result: { __typename: string } }).result;
    expect(['Thing', 'CommonError']).toContain(result.__typename);
    expect(result).toHaveProperty(result.__typename === 'Thing' ? 'id' : 'message');
    expect(second.body.data).toEqual(first.body.data);
  });

  it('gives the same values for the same seed and different values for another seed', async () => {
    const a = createKrakenEngine(fixtureSource, { seed: 1 });
    const b = createKrakenEngine(fixtureSource, { seed: 1 });
    const c = createKrakenEngine(fixtureSource, { seed: 2 });
    const [ra, rb, rc] = await Promise.all([a, b, c].map(async (engine) => (await updateThing(engine, await login(engine))).body.data));
    expect(ra).toEqual(rb);
    expect(rc).not.toEqual(ra);
  });

  it('lists the documented errors in possibleErrors', async () => {
    const engine = createKrakenEngine(fixtureSource);
    const reply = await updateThing(engine, await login(engine));
    expect((reply.body.data?.updateThing as { possibleErrors: unknown[] }).possibleErrors).toContainEqual({
      code: 'KT-CT-4178',
      message: 'No account found with given account number.',
    });
  });

  it('answers introspection', async () => {
    const engine = createKrakenEngine(fixtureSource);
    const reply = await engine.handleKrakenRequest({ endpoint: 'api', headers: {}, body: { query: getIntrospectionQuery() } });
    expect(reply.status).toBe(200);
    const types = (reply.body.data?.__schema as { types: Array<{ name: string }> }).types.map((type) => type.name);
    expect(types).toContain('UpdateThing');
  });

  it('answers malformed requests with HTTP 400 and GraphQL errors', async () => {
    const engine = createKrakenEngine(fixtureSource);
    const syntax = await engine.handleKrakenRequest({ endpoint: 'api', headers: {}, body: { query: 'mutation {' } });
    expect(syntax.status).toBe(400);
    expect(syntax.body.errors?.[0]?.message).toMatch(/Syntax Error/);
    const invalid = await engine.handleKrakenRequest({ endpoint: 'api', headers: {}, body: { query: 'mutation { updateThing(input: {}) { nope } }' } });
    expect(invalid.status).toBe(400);
    expect(invalid.body.errors?.[0]?.message).toContain('nope');
    const noQuery = await engine.handleKrakenRequest({ endpoint: 'api', headers: {}, body: { variables: {} } });
    expect(noQuery.status).toBe(400);
  });

  it('serves authentication-server operations only on the auth endpoint', async () => {
    const engine = createKrakenEngine(fixtureSource);
    const token = await login(engine);
    const request = { headers: { authorization: token }, body: { query: CREATE_MFA_DEVICE, variables: { deviceType: 'TOTP' } } };
    const onApi = await engine.handleKrakenRequest({ endpoint: 'api', ...request });
    expect(onApi.status).toBe(400);
    const onAuth = await engine.handleKrakenRequest({ endpoint: 'auth', ...request });
    expect(onAuth.status).toBe(200);
    expect(onAuth.body.data?.createMfaDevice).toEqual({ secret: expect.any(String) });
  });

  it('logs requests without secrets', async () => {
    const engine = createKrakenEngine(fixtureSource);
    const token = await login(engine);
    await updateThing(engine, token);
    expect(engine.state.requests.map((record) => [record.operationName, record.status, record.hadAuthorization])).toEqual([
      ['ObtainKrakenToken', 200, false],
      ['UpdateThing', 200, true],
    ]);
    expect(engine.state.countOf('UpdateThing')).toBe(1);
    const { inspect } = await import('node:util');
    for (const text of [JSON.stringify(engine.state), inspect(engine.state, { depth: 10 }), inspect(engine, { depth: 10, showHidden: true })]) {
      expect(text).not.toContain(token);
      expect(text).not.toContain(VALID_LOGIN.password);
    }
    engine.state.reset();
    expect(engine.state.requests).toHaveLength(0);
  });
});
