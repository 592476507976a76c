import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupServer } from 'msw/node';
import { catalog as oejpCatalog } from '../../src/generated/oejp/catalog.js';
import { catalog as stCatalog } from '../../src/generated/st/catalog.js';
import { createKrakenMock } from '../../mocks/index.js';
import { postGraphQL } from './http.js';
import { readOperationFiles } from './operation-files.js';
import { placeholderVariables } from './placeholders.js';
import { responseProblems } from './validate-response.js';

const catalogs = { st: stCatalog, oejp: oejpCatalog } as const;
const VALID_LOGIN = { email: 'user@example.com', password: 'correct-password' };
const LOGIN = 'mutation ObtainKrakenToken($input: ObtainJSONWebTokenInput!) { obtainKrakenToken(input: $input) { token } }';

describe.each(['st', 'oejp'] as const)('krakenHandlers for %s', (brand) => {
  const catalog = catalogs[brand];
  const mock = createKrakenMock({ brand });
  const server = setupServer(...mock.handlers);
  const files = readOperationFiles(brand);
  let token = '';

  beforeAll(async () => {
    server.listen({ onUnhandledFrame: 'error' });
    const login = await postGraphQL(catalog.endpoints.api, LOGIN, { input: VALID_LOGIN });
    token = (login.json.data?.obtainKrakenToken as { token: string }).token;
  });
  afterAll(() => server.close());

  it('has an operation file for every documented operation', () => {
    expect(files.map((file) => file.name).sort()).toEqual(catalog.operations.map((op) => op.operationName).sort());
  });

  it.each(files.map((file) => [file.name, file] as const))('answers %s validly', async (_name, file) => {
    const documented = catalog.operations.find((op) => op.operationName === file.name);
    const url = documented?.endpoint === 'auth' ? catalog.endpoints.auth : catalog.endpoints.api;
    // Placeholder input would be rejected by the mock's login (KT-CT-1134); log in for real instead.
    const variables =
      file.name === 'ObtainKrakenToken' ? { input: VALID_LOGIN } : placeholderVariables(mock.engine.schema, file.operation);
    const reply = await postGraphQL(url ?? '', file.text, variables, { Authorization: `JWT ${token}` });
    expect(reply.json.errors).toBeUndefined();
    expect(reply.status).toBe(200);
    expect(responseProblems(mock.engine.schema, file.document, reply.json.data)).toEqual([]);
  });

  it('rejects a missing Authorization with KT-CT-1112 for every operation documenting it', async () => {
    const guarded = files.filter((file) => catalog.operations.find((op) => op.operationName === file.name)?.errors.some((error) => error.code === 'KT-CT-1112'));
    expect(guarded.length).toBeGreaterThan(0);
    for (const file of guarded) {
      const documented = catalog.operations.find((op) => op.operationName === file.name);
      const url = documented?.endpoint === 'auth' ? catalog.endpoints.auth : catalog.endpoints.api;
      const reply = await postGraphQL(url ?? '', file.text, placeholderVariables(mock.engine.schema, file.operation));
      expect(reply.json.errors?.[0]?.extensions?.errorCode, file.name).toBe('KT-CT-1112');
      // A non-null root field's error nulls the whole data, as GraphQL requires.
      const fieldIsNonNull = String(mock.engine.schema.getMutationType()?.getFields()[documented?.field ?? '']?.type).endsWith('!');
      expect(reply.json.data, file.name).toEqual(fieldIsNonNull ? null : { [documented?.field ?? '']: null });
    }
  });
});
