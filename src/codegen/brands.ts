/** The brands this package documents: their catalogs (operations, codes, endpoints) and preset clients. */
import type { Catalog } from '../catalog/types.js';
import type { KrakenClient, KrakenClientOptions } from '../client/index.js';
import { catalog as oejpCatalog } from '../generated/oejp/catalog.js';
import { createKrakenClient as createOejpClient } from '../generated/oejp/client.js';
import { catalog as stCatalog } from '../generated/st/catalog.js';
import { createKrakenClient as createStClient } from '../generated/st/client.js';

export interface DocumentedBrand {
  readonly catalog: Catalog;
  readonly createKrakenClient: (options?: KrakenClientOptions) => KrakenClient;
}

export const DOCUMENTED_BRANDS: Readonly<Record<string, DocumentedBrand>> = {
  oejp: { catalog: oejpCatalog, createKrakenClient: createOejpClient },
  st: { catalog: stCatalog, createKrakenClient: createStClient },
};

export class UnknownBrandError extends Error {
  override readonly name = 'UnknownBrandError';
}

export function documentedBrand(id: string): DocumentedBrand {
  const brand = Object.hasOwn(DOCUMENTED_BRANDS, id) ? DOCUMENTED_BRANDS[id] : undefined;
  if (!brand) throw new UnknownBrandError(`unknown brand "${id}": one of ${Object.keys(DOCUMENTED_BRANDS).join(', ')}`);
  return brand;
}
