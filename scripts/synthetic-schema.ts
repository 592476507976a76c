// Writes the synthetic Kraken-scale schema (test/support/synthetic-schema.ts) as SDL, for the consumer
// check and the bench: `tsx scripts/synthetic-schema.ts <out.graphql> [seed]`.
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Catalog } from '../src/catalog/types.js';
import { syntheticKrakenSchema } from '../test/support/synthetic-schema.js';

const [out, seed = '18'] = process.argv.slice(2);
if (out === undefined) throw new Error('usage: tsx scripts/synthetic-schema.ts <out.graphql> [seed]');
const catalog = JSON.parse(readFileSync(resolve(import.meta.dirname, '../catalog/st.json'), 'utf8')) as Catalog;
writeFileSync(out, syntheticKrakenSchema({ seed: Number(seed), catalog }).sdl);
