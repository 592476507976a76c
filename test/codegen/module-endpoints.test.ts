// Issue 27.1: a generated module's client defaults to the endpoint its schema was pulled from, else the
// registry's for a known brand (oejp's separate authentication server included), else none: `endpoint`
// is then required. Never another brand's endpoint.
import { buildSchema, lexicographicSortSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { planUserModule } from '../../src/codegen/module.js';
import { thirdBrandSchema } from '../fulltypes/third-brand-schema.js';

const schema = lexicographicSortSchema(buildSchema(thirdBrandSchema().sdl));
const clientOf = (input: Partial<Parameters<typeof planUserModule>[0]>): string =>
  planUserModule({ schema, userDocuments: [], warn: () => {}, ...input }).files.get('client.ts') ?? '';
const KNOWN_HOSTS = /octopus\.energy|kraken\.energy|kraken\.tech/;

describe("the generated client's endpoints", () => {
  it('a known brand without a recorded endpoint: the registry\'s, and only its own', () => {
    const client = clientOf({ brand: 'oegb' });
    expect(client).toContain('"api": "https://api.octopus.energy/v1/graphql/"');
    expect(client.match(/https:\/\/[^"]+/g)).toEqual(['https://api.octopus.energy/v1/graphql/']);
  });

  it("oejp: its API and its separate authentication server, which moves with an endpoint given to the client", () => {
    const client = clientOf({ brand: 'oejp' });
    expect(client).toContain('"auth": "https://auth.oejp-kraken.energy/graphql/"');
    expect(client).toContain('authEndpoint: options.authEndpoint ?? (options.endpoint === undefined ? endpoints.auth : sameOriginAuthEndpoint(options.endpoint))');
  });

  it('the recorded endpoint wins over the registry (the host the user pulled from)', () => {
    const client = clientOf({ brand: 'oegb', endpoints: { api: 'http://127.0.0.1:4000/v1/graphql/' } });
    expect(client).toContain('"api": "http://127.0.0.1:4000/v1/graphql/"');
    expect(client).not.toMatch(KNOWN_HOSTS);
  });

  it('an unknown brand (or none) without a recorded endpoint: endpoint required, no host at all', () => {
    for (const brand of ['my-utility', undefined]) {
      const client = clientOf(brand === undefined ? {} : { brand });
      expect(client).toContain("Omit<KrakenClientOptions, 'auth' | 'endpoint'> & { readonly endpoint: string;");
      expect(client).toContain('export const endpoints = {} as const;');
      expect(client).not.toMatch(/https?:\/\//);
    }
  });
});
