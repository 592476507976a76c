/**
 * Every Kraken brand whose public endpoint we know, by id, and the rule for any other brand: an id of
 * the form BRAND_ID with an endpoint the user gives. A module is never given another brand's endpoint.
 */
import { catalog as oejpCatalog } from '../generated/oejp/catalog.js';
import { catalog as stCatalog } from '../generated/st/catalog.js';

export interface BrandEndpoints {
  readonly api: string;
  /** A separate authentication server (oejp); without one, logins go to `api`. */
  readonly auth?: string;
}

export interface KnownBrand {
  readonly name: string;
  readonly endpoints: BrandEndpoints;
}

/** The README's brands table is this object (test/cli/brand-registry.test.ts keeps them equal). */
export const KNOWN_BRANDS: Readonly<Record<string, KnownBrand>> = {
  edfgb: { name: 'EDF (Great Britain)', endpoints: { api: 'https://api.edfgb-kraken.energy/v1/graphql/' } },
  eonnext: { name: 'E.ON Next', endpoints: { api: 'https://api.eonnext-kraken.energy/v1/graphql/' } },
  oede: { name: 'Octopus Energy Germany', endpoints: { api: 'https://api.oeg-kraken.energy/v1/graphql/' } },
  oees: { name: 'Octopus Energy Spain', endpoints: { api: 'https://api.oees-kraken.energy/v1/graphql/' } },
  oegb: { name: 'Octopus Energy (Great Britain)', endpoints: { api: 'https://api.octopus.energy/v1/graphql/' } },
  oeit: { name: 'Octopus Energy Italy', endpoints: { api: 'https://api.oeit-kraken.energy/v1/graphql/' } },
  // The two documented brands: their endpoints as their reference pages give them.
  oejp: { name: 'Octopus Energy Japan', endpoints: oejpCatalog.endpoints },
  oeus: { name: 'Octopus Energy US', endpoints: { api: 'https://api.oeus-kraken.energy/v1/graphql/' } },
  st: { name: 'Severn Trent', endpoints: stCatalog.endpoints },
};

/** What a brand id may look like: the registry's ids and any other brand's. */
export const BRAND_ID = /^[a-z][a-z0-9-]*$/;

/** A brand id that is not of the form BRAND_ID; the message names the flag and the rule. */
export class BrandIdError extends Error {
  override readonly name = 'BrandIdError';
}

export function checkBrandId(id: string, flag = '--brand'): string {
  if (!BRAND_ID.test(id)) throw new BrandIdError(`${flag} "${id}" is not a brand id: lower-case letters, digits and "-", starting with a letter (e.g. oegb, my-brand)`);
  return id;
}

/** The registry's endpoints for a brand id, else undefined (any other brand gives its own). */
export function registeredEndpoints(id: string | undefined): BrandEndpoints | undefined {
  return id !== undefined && Object.hasOwn(KNOWN_BRANDS, id) ? KNOWN_BRANDS[id]?.endpoints : undefined;
}
