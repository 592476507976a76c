/**
 * A brand's typed module for a user's project, from the user's schema: the same surface as
 * `kraken-sdk/<brand>` (createKrakenClient, one …Document per documented mutation the schema has,
 * …ErrorCode unions, errorMessages, the types), plus the user's own operations typed the same way.
 * Documents, error codes and the brand client are rendered by src/codegen, as for the package itself.
 */
import { GraphQLScalarType, Kind, parse, validate, type DocumentNode, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import type { Catalog, CatalogOperation } from '../catalog/types.js';
import { GENERATED_TS_HEADER } from './codegen-config.js';
import { CREDENTIAL_FIELDS, renderBrandClient } from './brand-client.js';
import { renderDocuments } from './documents.js';
import { renderErrorCodes } from './error-messages.js';
import { operationTexts } from './operation-texts.js';
import { DOCUMENTED_BRANDS } from './brands.js';
import { registeredEndpoints, type BrandEndpoints } from './brand-registry.js';
import { overLimitProblem } from './operation-limits.js';
import { connectionsOf } from './connections.js';
import type { KrakenConnection } from '../core/document.js';
import { ERRORS_MARKER, errorsFromDescription } from '../catalog/error-list.js';
import { mergeErrors } from './error-codes.js';
import { CODEGEN_HELPERS, addName, checkCodegenNames, checkExportNames, type NameSources } from './export-names.js';
import { fittedOperation } from './fitted-operation.js';
import { lightSchema, reachedComposites, reachedTypes } from './light-schema.js';
import { GenerationProblemsError } from './problems.js';
import { userScalarMappings } from './user-scalars.js';
import { checkUserOperations, UserOperationError, type UserDocument } from './user-operations.js';

export const DEFAULT_DEPTH = 2;

/** CommonErrorCode's and LoginErrorCode's members (src/core): codes any call may meet. */
const COMMON_AND_LOGIN_CODES = ['KT-CT-1111', 'KT-CT-1112', 'KT-CT-1113', 'KT-CT-1124', 'KT-CT-1134', 'KT-CT-1135', 'KT-CT-1138', 'KT-CT-1139', 'KT-CT-1188', 'KT-CT-1189', 'KT-CT-1199'];

export interface UserModuleInput {
  /** The brand id: a documented brand's (st, oejp) mutations, codes and messages join the module; any other adds none. */
  brand?: string;
  /**
   * Where the module's client sends requests by default: the endpoint the schema was pulled from, else the
   * registry's for a known brand. Without either, `endpoint` is a required option of createKrakenClient.
   */
  endpoints?: BrandEndpoints;
  /** The user's scalar mappings (scalar name -> TypeScript type), over the description-based ones. */
  scalars?: Readonly<Record<string, string>>;
  /** Keep a user's operation over Kraken's request limits (with a warning) instead of refusing it. */
  allowOverLimit?: boolean;
  schema: GraphQLSchema;
  /** The user's own operations (queries included). */
  userDocuments: readonly UserDocument[];
  /** Nested object levels below each documented mutation's result (default 2). */
  depth?: number;
  /** Select deprecated fields too. */
  includeDeprecated?: boolean;
  /** Told about anything typed loosely (an unknown scalar). */
  warn?: (message: string) => void;
}

export interface UserModulePlan {
  /** Header comment of every file. */
  header: string;
  /** Texts of every operation codegen types: the documented mutations built from the schema, then the user's files. */
  operationSources: string[];
  /** The schema codegen types them against: only the enums, inputs and scalars they reach. */
  codegenSchema: DocumentNode;
  /** codegen `scalars`. */
  scalars: Record<string, string>;
  /** The other files of the module, by name: documents.ts, error-codes.ts, client.ts, index.ts. */
  files: Map<string, string>;
  /** Documented mutations the schema lacks (left out of the module). */
  missing: string[];
}

/** The SDK's own module paths in src/codegen's output, and what a user's project imports instead. */
const SDK_IMPORTS: [RegExp, string][] = [
  [/'\.\.\/\.\.\/(?:client\/index|core\/document)\.js'/g, "'kraken-sdk'"],
];

/**
 * The guard for codes no description of the schema lists (OtherErrorCode, which no literal matches):
 * appended to a user module's error-codes.ts only (the package's brands keep their bytes).
 */
const UNLISTED_GUARD = `
import type { OtherErrorCode } from '../../core/document.js';

/** A code no description of this schema lists, nor a common one (auth, limits, rate limit, login). */
export type UnlistedErrorCode = OtherErrorCode;

const COMMON_CODES: ReadonlySet<string> = new Set(${JSON.stringify(COMMON_AND_LOGIN_CODES)});

/**
 * True for a code no description of this schema lists and no call commonly meets: the way to test for
 * one, since comparing \`e.code\` with an unlisted literal does not compile (typos cannot hide there).
 */
export function isUnlistedErrorCode(code: string | undefined): code is UnlistedErrorCode {
  return typeof code === 'string' && errorMessages[code] === undefined && !COMMON_CODES.has(code);
}
`;

const SUFFIXES = { query: 'Query', mutation: 'Mutation', subscription: 'Subscription' } as const;

/** Throws GenerationProblemsError listing every problem (validation, names), or UserOperationError for the user's files. */
export function planUserModule(input: UserModuleInput): UserModulePlan {
  const documentedCatalog = input.brand !== undefined && Object.hasOwn(DOCUMENTED_BRANDS, input.brand) ? DOCUMENTED_BRANDS[input.brand]?.catalog : undefined;
  const brandLabel = input.brand ?? 'kraken';
  const warn = input.warn ?? ((message: string) => console.warn(`kraken-sdk: ${message}`));
  const schema = input.schema;
  const depth = input.depth ?? DEFAULT_DEPTH;
  const selection = { depth, includeDeprecated: input.includeDeprecated ?? false };
  const header = `// Generated by kraken-sdk generate${input.brand === undefined ? '' : ` (brand ${input.brand})`} from your schema. Do not edit: regenerate.`;
  const problems: string[] = [];

  const mutationFields = schema.getMutationType()?.getFields() ?? {};
  const operations: CatalogOperation[] = [];
  const operationSources: string[] = [];
  // Documented mutations the schema lacks (operations of a separate authentication server are not on the API's schema).
  const missing = (documentedCatalog?.operations ?? []).filter((documented) => documented.endpoint === 'api' && !Object.hasOwn(mutationFields, documented.field)).map((documented) => documented.field);
  const documentedByField = new Map((documentedCatalog?.operations ?? []).filter((documented) => documented.endpoint === 'api').map((documented) => [documented.field, documented]));
  // Every mutation of the schema, documented or not, by the same selection rules; a documented brand's page
  // adds its names, descriptions, codes and messages to its own mutations, never to another brand's.
  for (const field of Object.values(mutationFields)) {
    const documented = documentedByField.get(field.name);
    const operationName = documented?.operationName ?? `${field.name.charAt(0).toUpperCase()}${field.name.slice(1)}`;
    const fitted = fittedOperation(schema, operationName, field, selection);
    if (fitted.trimmed) warn(fitted.trimmed);
    for (const error of validate(schema, parse(fitted.text))) {
      const at = error.locations?.[0];
      problems.push(
        `mutation ${operationName} (field ${field.name}, generated selection${at ? ` line ${at.line}, column ${at.column}` : ''}): ${error.message}${depth > 0 ? ` Hint: a lower --depth (now ${depth}) selects less.` : ''}`,
      );
    }
    operationSources.push(fitted.text);
    const listed = errorsFromDescription(field.description);
    operations.push({
      field: field.name,
      operationName,
      endpoint: 'api',
      returnType: String(field.type),
      args: field.args.map((argument) => ({
        name: argument.name,
        type: String(argument.type),
        ...(argument.description ? { description: argument.description } : {}),
      })),
      errors: documented ? mergeErrors(documented.errors, listed) : listed,
      deprecation: documented?.deprecation ?? null,
      description: documented?.description ?? descriptionWithoutErrors(field.description),
      document: documented?.document ?? '',
    });
  }

  const userOperations = checkUserOperations(schema, input.userDocuments);
  const userSources = input.userDocuments.map((document) => document.text).filter((text) => hasDefinitions(text));
  const userDefinitions = userSources.flatMap((text) => parse(text, { noLocation: true }).definitions);
  const fragments = new Map(userDefinitions.flatMap((definition) => (definition.kind === Kind.FRAGMENT_DEFINITION ? [[definition.name.value, definition] as const] : [])));
  const resultTypes = new Map<string, string>();
  const connections = new Map<string, Record<string, KrakenConnection>>();
  for (const user of userOperations) {
    if (operations.some((operation) => operation.operationName === user.name)) {
      throw new UserOperationError([`operation ${user.name} has the name of a generated mutation document (the schema's ${user.name.charAt(0).toLowerCase()}${user.name.slice(1)}): rename it`]);
    }
    const root = user.kind === 'query' ? schema.getQueryType() : user.kind === 'mutation' ? schema.getMutationType() : schema.getSubscriptionType();
    const suffix = SUFFIXES[user.kind];
    resultTypes.set(user.name, user.name.endsWith(suffix) ? user.name : `${user.name}${suffix}`);
    const definition = userDefinitions.find(
      (node): node is OperationDefinitionNode => node.kind === Kind.OPERATION_DEFINITION && node.name?.value === user.name,
    );
    if (definition) {
      const overLimit = overLimitProblem(definition, fragments);
      if (overLimit !== undefined) {
        if (input.allowOverLimit) warn(`${overLimit} (kept: --allow-over-limit)`);
        else problems.push(`${overLimit}. Ask for smaller pages (first/last) or fewer nested lists; --allow-over-limit keeps it.`);
      }
    }
    const found = definition ? connectionsOf(schema, definition, fragments) : {};
    if (Object.keys(found).length > 0) connections.set(user.name, found);
    operations.push({
      field: user.rootFields[0] ?? '',
      operationName: user.name,
      endpoint: 'api',
      returnType: null,
      args: [],
      errors: user.rootFields.reduce(
        (errors, name) => mergeErrors(errors, errorsFromDescription(root?.getFields()[name]?.description)),
        [] as CatalogOperation['errors'],
      ),
      deprecation: null,
      description: `Your operation ${user.name}.`,
      document: '',
    });
  }
  operationSources.push(...userSources);
  const resultTypeOf = (name: string): string => resultTypes.get(name) ?? (name.endsWith('Mutation') ? name : `${name}Mutation`);

  problems.push(...checkCodegenNames(Object.keys(schema.getTypeMap()), [...userOperations.map((user) => user.name), ...fragments.keys()]));
  const parsedSources = operationSources.map((text) => parse(text));
  const reached = reachedTypes(schema, parsedSources);
  const credentials = loginCredentials(schema, warn);
  const names = moduleNames(schema, operations, [...fragments.keys()], reached, resultTypeOf, credentials !== undefined);
  const { clashes, shadowing } = checkExportNames(names);
  problems.push(...clashes);
  if (problems.length > 0) throw new GenerationProblemsError(problems);
  for (const name of shadowing.filter((shadowed) => !names.get(shadowed)?.[0]?.startsWith("the module's"))) warn(`${names.get(name)?.[0] ?? name} exports ${name}, which hides kraken-sdk's own ${name} in this module (import that one from kraken-sdk)`);

  const endpoints = input.endpoints ?? registeredEndpoints(input.brand);
  const moduleCatalog: Catalog = { brand: brandLabel, endpoints: endpoints ?? { api: '' }, operations };
  const forUser = (content: string): string =>
    SDK_IMPORTS.reduce((text, [from, to]) => text.replace(from, to), content.replace(GENERATED_TS_HEADER, header));
  const files = new Map<string, string>([
    ['documents.ts', forUser(renderDocuments(moduleCatalog, operationTexts(operationSources), resultTypeOf, connections))],
    ['error-codes.ts', forUser(`${renderErrorCodes(moduleCatalog)}${UNLISTED_GUARD}`)],
  ]);
  const withClient = operations.some((operation) => operation.operationName === 'ObtainKrakenToken');
  if (withClient) files.set('client.ts', forUser(renderBrandClient(moduleCatalog, credentials ?? [], endpoints !== undefined)));
  else warn('the schema has no obtainKrakenToken mutation: createKrakenClient is not generated');
  files.set('index.ts', renderIndex(header, brandLabel, withClient, operations, shadowing, names));
  return { header, operationSources, codegenSchema: lightSchema(schema, reached, reachedComposites(schema, parsedSources)), scalars: userScalarMappings(schema, warn, reached, input.scalars), files, missing };
}

/** A field's description without its list of possible errors (the document's JSDoc lists them again). */
function descriptionWithoutErrors(description: string | null | undefined): string {
  if (!description) return '';
  const at = description.indexOf(ERRORS_MARKER);
  return (at === -1 ? description : description.slice(0, at)).trim();
}

/**
 * The kinds of credentials (CREDENTIAL_FIELDS keys) the schema's ObtainJSONWebTokenInput takes; undefined without
 * one. An input the schema leaves opaque (a scalar, as in page schemas and the mock's) says nothing: every kind.
 */
function loginCredentials(schema: GraphQLSchema, warn: (message: string) => void): string[] | undefined {
  const input = schema.getType('ObtainJSONWebTokenInput');
  if (input instanceof GraphQLScalarType) {
    warn('ObtainJSONWebTokenInput is a scalar in this schema: `auth` accepts every kind of credentials');
    return Object.keys(CREDENTIAL_FIELDS);
  }
  if (!input || !('getFields' in input)) return undefined;
  const fields = input.getFields();
  return Object.entries(CREDENTIAL_FIELDS).flatMap(([kind, needs]) => (needs.every((name) => Object.hasOwn(fields, name)) ? [kind] : []));
}

/** Every name the module exports, with what makes it (for messages naming a clash). */
function moduleNames(
  schema: GraphQLSchema,
  operations: readonly CatalogOperation[],
  fragmentNames: readonly string[],
  reached: ReadonlySet<string>,
  resultTypeOf: (name: string) => string,
  withClient: boolean,
): NameSources {
  const names: NameSources = new Map();
  for (const helper of CODEGEN_HELPERS) addName(names, helper, `graphql-codegen's helper type ${helper}`);
  for (const name of [...reached].sort()) {
    const type = schema.getType(name);
    // Scalars are keys of codegen's Scalars type, not types of their own.
    if (type && !('serialize' in type && !('getValues' in type))) addName(names, name, `schema type ${name}`);
  }
  for (const { operationName } of operations) {
    addName(names, resultTypeOf(operationName), `operation ${operationName} (its result type)`);
    addName(names, `${resultTypeOf(operationName)}Variables`, `operation ${operationName} (its variables type)`);
    addName(names, `${operationName}Document`, `operation ${operationName} (its document)`);
    addName(names, `${operationName}ErrorCode`, `operation ${operationName} (its error codes)`);
  }
  for (const fragment of fragmentNames) {
    const typeName = fragment.endsWith('Fragment') ? fragment : `${fragment}Fragment`;
    addName(names, typeName, `fragment ${fragment} (its type)`);
  }
  for (const name of ['errorMessages', 'DocumentedErrorCode', 'isUnlistedErrorCode', 'UnlistedErrorCode']) addName(names, name, `the module's ${name}`);
  if (withClient) for (const name of ['createKrakenClient', 'endpoints', 'BrandAuth', 'BrandClientOptions']) addName(names, name, `the module's ${name}`);
  return names;
}

function hasDefinitions(text: string): boolean {
  return parse(text).definitions.some((definition) => definition.kind === Kind.OPERATION_DEFINITION || definition.kind === Kind.FRAGMENT_DEFINITION);
}

/**
 * Explicit exports of what documents.ts and client.ts make, and of graphql.ts's types that kraken-sdk
 * also exports: an explicit export wins over `export *`, so an operation named Login or Kraken
 * compiles, its LoginDocument or KrakenDocument taking the place of kraken-sdk's.
 */
function renderIndex(
  header: string,
  brand: string,
  withClient: boolean,
  operations: readonly CatalogOperation[],
  shadowing: readonly string[],
  names: NameSources,
): string {
  const documents = operations.flatMap(({ operationName }) => [`${operationName}Document`, `type ${operationName}ErrorCode`]);
  const fromGraphql = shadowing.filter((name) => names.get(name)?.some((source) => source.startsWith('schema type') || source.includes('(its result type)') || source.includes('(its variables type)') || source.startsWith('fragment ')));
  const client = withClient ? "export { createKrakenClient, endpoints, type BrandAuth, type BrandClientOptions } from './client.js';\n" : '';
  return `${header}
// The ${brand} module built from your schema: the same surface as kraken-sdk/${brand}, with exact types.
${client}export {
${documents.map((name) => `  ${name},`).join('\n')}
} from './documents.js';
export { errorMessages, isUnlistedErrorCode, type DocumentedErrorCode, type UnlistedErrorCode } from './error-codes.js';
export type * from './graphql.js';
${fromGraphql.length > 0 ? `export type { ${fromGraphql.join(', ')} } from './graphql.js';\n` : ''}export * from 'kraken-sdk';
`;
}
