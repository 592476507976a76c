import type { Catalog } from '../src/catalog/types.js';
import { catalog as oejpCatalog } from '../src/generated/oejp/catalog.js';
import { schemaSdl as oejpSchemaSdl } from '../src/generated/oejp/schema.js';
import { catalog as stCatalog } from '../src/generated/st/catalog.js';
import { schemaSdl as stSchemaSdl } from '../src/generated/st/schema.js';
import type { KrakenMockSource } from './engine.js';

/** Brands the package ships generated catalogs and schemas for. */
export type KrakenBrand = 'st' | 'oejp';

const BRAND_SOURCES: Readonly<Record<KrakenBrand, KrakenMockSource | undefined>> = {
  st: { catalog: stCatalog, schemaSdl: stSchemaSdl },
  oejp: { catalog: oejpCatalog, schemaSdl: oejpSchemaSdl },
};

export const KRAKEN_BRANDS: readonly KrakenBrand[] = ['st', 'oejp'];

export function isKrakenBrand(value: unknown): value is KrakenBrand {
  return typeof value === 'string' && (KRAKEN_BRANDS as readonly string[]).includes(value);
}

/** The catalog and schema of a brand; a custom source passes through unchanged. */
export function brandSource(brand: KrakenBrand | KrakenMockSource): KrakenMockSource {
  if (typeof brand === 'object' && brand !== null) return brand;
  const source = isKrakenBrand(brand) ? BRAND_SOURCES[brand] : undefined;
  if (!source) throw new TypeError(`Unknown Kraken brand ${JSON.stringify(brand)}: expected one of ${KRAKEN_BRANDS.map((name) => `"${name}"`).join(', ')}.`);
  return source;
}

/** Catalogs whose documented messages the scenario helpers look up. */
export function knownCatalogs(): readonly Catalog[] {
  return KRAKEN_BRANDS.flatMap((brand) => {
    const source = BRAND_SOURCES[brand];
    return source ? [source.catalog] : [];
  });
}
