// generate --schema on the schema a user pulls from the package's own mock server (the README's pull →
// generate → log in loop): the page schema, whose inputs are opaque scalars. Found by a trial as a new user:
// 279 warning lines, one per input scalar, came before the real problem, and the generated client's `auth`
// took no email and password, so logging in to the mock did not compile.
import { describe, expect, it } from 'vitest';
import { brandSource } from '../../mocks/brands.js';
import { createKrakenEngine } from '../../mocks/engine.js';
import { planUserModule } from '../../src/codegen/module.js';

function planFor(brand: 'st' | 'oejp') {
  const warnings: string[] = [];
  const plan = planUserModule({ brand, schema: createKrakenEngine(brandSource(brand)).schema, userDocuments: [], warn: (message) => warnings.push(message) });
  return { plan, warnings };
}

describe('a module generated from the mock server schema', () => {
  it.each(['st', 'oejp'] as const)('%s: every scalar has a mapping (opaque inputs are open objects): no warning about scalars', (brand) => {
    // Issue 27: every run printed "278 scalars have no known mapping" against the mock's schema.
    const { plan, warnings } = planFor(brand);
    expect(warnings.filter((line) => line.includes('no known mapping'))).toEqual([]);
    // Only GenericScalar (any JSON value, on purpose) is unknown.
    expect(Object.entries(plan.scalars).filter(([, type]) => type === 'unknown').map(([name]) => name)).toEqual(['GenericScalar']);
    expect(Object.values(plan.scalars)).toContain('{ [key: string]: unknown }');
    expect(warnings.length).toBeLessThanOrEqual(2);
  });

  it.each(['st', 'oejp'] as const)('%s: with the login input an opaque scalar, auth takes every kind of credentials', (brand) => {
    const { plan, warnings } = planFor(brand);
    const client = plan.files.get('client.ts') ?? '';
    expect(client).toContain("| KrakenLogin<'email' | 'apiKey' | 'refreshToken' | 'organizationSecretKey' | 'preSignedKey'>");
    expect(warnings).toContain('ObtainJSONWebTokenInput is a scalar in this schema: `auth` accepts every kind of credentials');
  });
});
