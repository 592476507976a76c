/** The brands this package documents: their catalogs (operations, codes, endpoints) and preset clients. */
import type { Catalog } from '../catalog/types.js';
import type { KrakenClient, KrakenClientOptions } from '../client/index.js';
import { catalog as oejpCatalog } from '../generated/oejp/catalog.js';
import { catalog as stCatalog } from '../generated/st/catalog.js';

export interface DocumentedBrand {
  readonly catalog: Catalog;
  /** The brand's preset client factory, from its entry point (`kraken-sdk/<brand>`). */
  readonly loadClient: () => Promise<(options?: KrakenClientOptions) => KrakenClient>;
}

// Loaded from the brand's entry point, never statically: a static import would put the brand's documents in a
// chunk shared with the CLI, one more module (and 295 re-exported bindings) on every import of `kraken-sdk/st`.
export const DOCUMENTED_BRANDS: Readonly<Record<string, DocumentedBrand>> = {
  oejp: { catalog: oejpCatalog, loadClient: async () => (await import('../brands/oejp.js')).createKrakenClient },
  st: { catalog: stCatalog, loadClient: async () => (await import('../brands/st.js')).createKrakenClient },
};

export class UnknownBrandError extends Error {
  override readonly name = 'UnknownBrandError';
}

export function documentedBrand(id: string): DocumentedBrand {
  const brand = Object.hasOwn(DOCUMENTED_BRANDS, id) ? DOCUMENTED_BRANDS[id] : undefined;
  if (!brand) throw new UnknownBrandError(`unknown brand "${id}": one of ${Object.keys(DOCUMENTED_BRANDS).join(', ')}`);
  return brand;
}
