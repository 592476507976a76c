/**
 * The graphql-codegen preset (`kraken-sdk/codegen`), in the convention of Shopify's api-codegen-preset:
 *
 *   generates: { 'src/kraken/': { preset: krakenPreset, schema: 'kraken.graphql',
 *     documents: ['src/**\/*.graphql'], presetConfig: { brand: 'st' } } }
 *
 * writes index.ts, graphql.ts, documents.ts, error-codes.ts and client.ts into that folder.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buildASTSchema, parse, print, type DocumentNode } from 'graphql';
import { brandCodegenOutput } from './codegen-config.js';
import { planUserModule, type UserModulePlan } from './module.js';
import { checkBrandId } from './brand-registry.js';
import { moduleOrigin } from './module-origin.js';

export interface KrakenPresetConfig {
  /**
   * The brand id: a known brand's endpoints (the README's brands table) become the client's defaults, a
   * documented brand's (st, oejp) codes and messages join its mutations. Optional: any schema works.
   */
  brand?: string;
  /** The API endpoint the client sends to by default; over the one the schema's pull header records, and the brand's. */
  endpoint?: string;
  /** Custom scalar name -> TypeScript type (`{ Money: 'string' }`), over the known and described ones. */
  scalars?: Readonly<Record<string, string>>;
  /** Keep your own operations that are over Kraken's request limits (with a warning) instead of failing. */
  allowOverLimit?: boolean;
  /** Nested object levels selected below each documented mutation's result (default 2). */
  depth?: number;
  /** Select deprecated fields too (default false). */
  includeDeprecated?: boolean;
  /** Where warnings go (default console.warn). */
  onWarning?: (message: string) => void;
}

/**
 * `kraken-sdk generate` has planned the module already (to name every problem before codegen runs)
 * and hands the plan over, so that the schema is not built and planned a second time (about 2-3 s on
 * the synthetic Kraken-scale schema). Not part of the public config.
 */
export interface PlannedPresetConfig extends KrakenPresetConfig {
  plannedModule?: UserModulePlan;
}

/** What the preset reads of graphql-codegen's preset arguments (its PresetFnArgs, structurally). */
export interface KrakenPresetArgs {
  presetConfig: KrakenPresetConfig;
  baseOutputDir: string;
  schema: DocumentNode;
  /** graphql-codegen's loaded schema: its `extensions.sources` hold the files as read, pull's header included. */
  schemaAst?: { readonly extensions?: Readonly<Record<string, unknown>> };
  documents: ReadonlyArray<{ location?: string; rawSDL?: string; document?: DocumentNode }>;
  config: Record<string, unknown>;
}

/**
 * graphql-codegen's OutputPreset, typed without naming graphql-codegen's own types, so that this
 * entry point needs graphql-codegen only when a preset runs (the plugins are loaded then).
 */
export interface KrakenPreset {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- graphql-codegen's GenerateOptions[], not named here (see above)
  buildGeneratesSection(options: KrakenPresetArgs): Promise<any[]>;
}

async function loadPlugins(): Promise<{ pluginMap: Record<string, unknown>; operationsEmitSchemaTypes: boolean }> {
  const [add, typescript, typescriptOperations] = await Promise.all([
    import('@graphql-codegen/add'),
    import('@graphql-codegen/typescript'),
    import('@graphql-codegen/typescript-operations'),
  ]);
  // typescript-operations 6 writes the enums and input objects its operations use by itself; the
  // typescript plugin beside it would declare them twice (TS2300). Detected by feature, not version.
  const operationsEmitSchemaTypes = 'InputObjectTypeDefinition' in typescriptOperations.TypeScriptDocumentsVisitor.prototype;
  return { pluginMap: { add, typescript, 'typescript-operations': typescriptOperations }, operationsEmitSchemaTypes };
}

/**
 * The schema files as written, pull's header included: graphql-codegen keeps each loaded file's path
 * (`extensions.sources[].name`) but reprints its text without comments, so the file is read again.
 * A source that is not a readable file (a URL, an inline string) has no header to read.
 */
async function schemaTexts(options: KrakenPresetArgs): Promise<string[]> {
  const sources = options.schemaAst?.extensions?.['sources'];
  const paths = Array.isArray(sources) ? sources.flatMap((source: { name?: unknown } | null) => (typeof source?.name === 'string' ? [source.name] : [])) : [];
  const texts = await Promise.all(paths.map((path) => readFile(path, 'utf8').catch(() => '')));
  return texts.filter((text) => text.startsWith('#'));
}

function planFromArgs(options: KrakenPresetArgs, texts: readonly string[]): UserModulePlan {
  const { scalars, allowOverLimit } = options.presetConfig;
  // The same reading of pull's header as kraken-sdk generate --schema: a schema pulled from staging keeps staging.
  const { brand, endpoints } = moduleOrigin(texts, options.presetConfig);
  // Built here from the AST, not taken from options.schemaAst: codegen may load another copy of graphql.
  return planUserModule({
    ...(brand !== undefined ? { brand } : {}),
    ...(endpoints !== undefined ? { endpoints } : {}),
    ...(scalars !== undefined ? { scalars } : {}),
    ...(allowOverLimit !== undefined ? { allowOverLimit } : {}),
    schema: buildASTSchema(options.schema),
    userDocuments: options.documents.map((file) => ({
      location: file.location ?? '(inline document)',
      text: file.rawSDL ?? (file.document ? print(file.document) : ''),
    })),
    ...(options.presetConfig.depth !== undefined ? { depth: options.presetConfig.depth } : {}),
    ...(options.presetConfig.includeDeprecated !== undefined ? { includeDeprecated: options.presetConfig.includeDeprecated } : {}),
    ...(options.presetConfig.onWarning ? { warn: options.presetConfig.onWarning } : {}),
  });
}

export const krakenPreset: KrakenPreset = {
  async buildGeneratesSection(options) {
    const { brand } = options.presetConfig;
    if (brand !== undefined && typeof brand !== 'string') throw new Error('kraken-sdk preset: presetConfig.brand must be a brand id string (e.g. "st")');
    if (brand !== undefined) checkBrandId(brand, 'presetConfig.brand');
    const plan = (options.presetConfig as PlannedPresetConfig).plannedModule ?? planFromArgs(options, await schemaTexts(options));
    // The same codegen configuration as the package's own brands, with the user's scalars.
    const typesOutput = brandCodegenOutput({ schema: '', documents: [], scalars: plan.scalars });
    const { pluginMap, operationsEmitSchemaTypes } = await loadPlugins();
    const plugins = (typesOutput.plugins ?? [])
      .filter((plugin) => !(operationsEmitSchemaTypes && plugin === 'typescript'))
      .map((plugin) => (typeof plugin === 'string' ? { [plugin]: {} } : 'add' in plugin ? { add: { content: plan.header } } : plugin));
    // The light view: codegen emits the enums and inputs the operations reach, no others. The operations
    // were validated against the whole schema above; the view drops arguments they may still name.
    const common = { schema: plan.codegenSchema, pluginMap, skipDocumentsValidation: true };
    return [
      {
        ...common,
        filename: join(options.baseOutputDir, 'graphql.ts'),
        plugins,
        config: { ...options.config, ...typesOutput.config },
        documents: plan.operationSources.map((text, index) => ({ location: `operation-${index}.graphql`, document: parse(text), rawSDL: text })),
      },
      ...[...plan.files].map(([name, content]) => ({
        ...common,
        filename: join(options.baseOutputDir, name),
        plugins: [{ add: { content } }],
        config: {},
        documents: [],
      })),
    ];
  },
};
