/**
 * Where a generated module's client sends by default and which brand it is, read the same way by
 * `kraken-sdk generate --schema` and by the kraken-sdk/codegen preset: a schema pulled from staging or a
 * local server must never default to a brand's production host in one of them.
 */
import { readSchemaOrigin, type SchemaOrigin } from '../pull/schema-header.js';
import type { BrandEndpoints } from './brand-registry.js';
import { GenerationProblemsError } from './problems.js';

export interface ModuleOrigin {
  readonly brand?: string;
  readonly endpoints?: BrandEndpoints;
}

/**
 * The endpoint the user gave, else the one the schema's pull header records (its authentication server
 * with it); the brand the user gave, else the header's. Without an endpoint, planUserModule takes the
 * brand's from the registry (and says so in the client). `schemaTexts` are the schema's files as read
 * (several when a codegen config names several).
 */
export function moduleOrigin(schemaTexts: readonly string[], given: { readonly brand?: string | undefined; readonly endpoint?: string | undefined }): ModuleOrigin {
  const recorded = schemaTexts.map(readSchemaOrigin).filter((origin) => origin.endpoint !== undefined || origin.brand !== undefined);
  if (new Set(recorded.map((origin) => JSON.stringify(origin))).size > 1) {
    throw new GenerationProblemsError([`the schema files were pulled from different places (${recorded.map(describe).join('; ')}): give the endpoint the client should use`]);
  }
  const header: SchemaOrigin = recorded[0] ?? {};
  const brand = given.brand ?? header.brand;
  // A header's authentication server goes only with the header's own endpoint, never with one the user gave.
  const endpoints =
    given.endpoint !== undefined
      ? { api: given.endpoint }
      : header.endpoint !== undefined
        ? { api: header.endpoint, ...(header.authEndpoint !== undefined ? { auth: header.authEndpoint } : {}) }
        : undefined;
  return { ...(brand !== undefined ? { brand } : {}), ...(endpoints !== undefined ? { endpoints } : {}) };
}

function describe(origin: SchemaOrigin): string {
  return [origin.endpoint, origin.brand === undefined ? undefined : `brand ${origin.brand}`].filter((part) => part !== undefined).join(', ');
}
