// `kraken-sdk/codegen`: the graphql-codegen preset that writes a brand's typed module from your schema.
export { krakenPreset, type KrakenPreset, type KrakenPresetArgs, type KrakenPresetConfig } from './preset.js';
export { DEFAULT_DEPTH } from './module.js';
export { KRAKEN_SCALARS } from './user-scalars.js';
