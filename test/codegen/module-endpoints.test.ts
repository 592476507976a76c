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

// The client's comments say where its endpoints came from: a pulled schema's header or the registry, never
// "its reference page" (there is none) nor "kraken's Kraken" (no brand).
describe("the generated client's wording", () => {
  const docOf = (client: string): string => (client.match(/\/\*\*[^]*?\*\//g) ?? []).join('\n');

  it('a pulled schema: the endpoint it was pulled from, no reference page, no made-up brand', () => {
    for (const brand of ['eonnext', undefined]) {
      const doc = docOf(clientOf({ ...(brand === undefined ? {} : { brand }), endpoints: { api: 'http://127.0.0.1:4000/v1/graphql/' } }));
      expect(doc).toMatch(/pulled from/);
      expect(doc).not.toMatch(/reference page|kraken's|for kraken\b/);
    }
  });

  it("a known brand without a recorded endpoint: the registry's, named as such", () => {
    const doc = docOf(clientOf({ brand: 'oegb' }));
    expect(doc).toMatch(/oegb's endpoints in kraken-sdk's brand registry/);
    expect(doc).not.toMatch(/reference page/);
  });

  it('no endpoint and no brand: no made-up brand name', () => {
    expect(docOf(clientOf({}))).not.toMatch(/kraken's|for kraken\b/);
  });
});
