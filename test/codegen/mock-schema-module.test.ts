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
  it.each(['st', 'oejp'] as const)('%s: unknown scalars are reported in one line, naming a few and counting the rest', (brand) => {
    const { warnings } = planFor(brand);
    const scalars = warnings.filter((line) => line.includes('no known mapping'));
    expect(scalars).toHaveLength(1);
    expect(scalars[0]).toMatch(/^\d+ scalars have no known mapping, typed as unknown: (\w+, ){7}\w+ and \d+ more \(map them with --scalars Name=type \(or the preset's scalars option\)\)$/);
    expect(warnings.length).toBeLessThanOrEqual(3);
  });

  it.each(['st', 'oejp'] as const)('%s: with the login input an opaque scalar, auth takes every kind of credentials', (brand) => {
    const { plan, warnings } = planFor(brand);
    const client = plan.files.get('client.ts') ?? '';
    for (const kind of ['email', 'apiKey', 'refreshToken', 'organizationSecretKey', 'preSignedKey']) expect(client).toContain(`| { readonly ${kind}: string }`);
    expect(warnings).toContain('ObtainJSONWebTokenInput is a scalar in this schema: `auth` accepts every kind of credentials');
  });
});
