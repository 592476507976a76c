// A seeded, Kraken-shaped schema of our own, at a real brand's scale (over 1,000 object types),
// for tests, the bench and the consumer check: no real brand's schema enters the repository.
// It carries what real schemas have and hand-written fixtures lacked: Relay connections, union
// payloads with error members whose members share field names with differing types, interfaces,
// deprecated fields, arguments and input fields, custom scalars, error codes listed in the one-line
// and the one-per-line form, the documented mutations of a brand's catalog as root fields, and the
// rateLimitInfo / queryComplexity query fields.
import { buildASTSchema, parse, printSchema, type GraphQLSchema } from 'graphql';
import type { Catalog, CatalogError } from '../../src/catalog/types.js';
import { ERRORS_MARKER } from '../../src/catalog/error-list.js';

export interface SyntheticSchemaOptions {
  seed?: number;
  /** The brand catalog whose documented mutations become root fields (their arguments and return types as documented). */
  catalog: Catalog;
  /** Entity object types besides the documented ones (default 460). */
  entities?: number;
}

/** What the generator put in on purpose, so tests can count against it independently of any parser. */
export interface SyntheticManifest {
  /** Documented codes left out of a documented mutation's description, per mutation field. */
  unlistedCodes: Map<string, string[]>;
  /** Every code each root mutation's description lists, in order, per field. */
  listedCodes: Map<string, string[]>;
  /** Fields whose description lists its codes on one line. */
  oneLineFields: Set<string>;
  /** Union names whose members share a field name with differing types. */
  conflictingUnions: string[];
  /** Connection type names (each with edges, node, pageInfo, first/after on the fields returning it). */
  connections: string[];
}

export interface SyntheticSchema {
  sdl: string;
  schema: GraphQLSchema;
  manifest: SyntheticManifest;
}

export const KRAKEN_CUSTOM_SCALARS = ['Date', 'DateTime', 'Decimal', 'JSONString', 'GenericScalar', 'UUID', 'BigInt', 'Duration', 'Email', 'Time'];
const BUILT_IN = new Set(['String', 'Int', 'Float', 'Boolean', 'ID']);

/** mulberry32: small, fast, and the same sequence for the same seed everywhere. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NOUNS = ['Account', 'Meter', 'Bill', 'Payment', 'Ledger', 'Tariff', 'Property', 'Agreement', 'Quote', 'Reading', 'Complaint', 'Dunning', 'Repayment', 'Affiliate', 'Campaign', 'Collection', 'Site', 'Device', 'Product', 'Statement', 'Transaction', 'Charge', 'Credit', 'Contract', 'Supply', 'Asset', 'Message', 'Note', 'Ticket', 'Booking'];
const QUALIFIERS = ['Detail', 'Summary', 'Record', 'Event', 'Item', 'Plan', 'Profile', 'Schedule', 'Period', 'Line', 'Rate', 'Band', 'Group', 'Entry', 'Status', 'Setting', 'Owner', 'Reference', 'Version', 'Window'];
const FIELD_WORDS = ['number', 'name', 'status', 'amount', 'createdAt', 'updatedAt', 'validFrom', 'validTo', 'reference', 'label', 'code', 'balance', 'quantity', 'unit', 'notes', 'displayName', 'identifier', 'isActive', 'priority', 'source', 'channel', 'category', 'total', 'rate', 'duration', 'metadata', 'externalId', 'region', 'currency', 'kind'];
const ENUM_WORDS = ['ACTIVE', 'INACTIVE', 'PENDING', 'CLOSED', 'CANCELLED', 'FAILED', 'SUCCEEDED', 'DRAFT', 'APPROVED', 'REJECTED', 'ON_HOLD', 'EXPIRED', 'SCHEDULED', 'IN_PROGRESS', 'UNKNOWN', 'MONTHLY', 'WEEKLY', 'DAILY', 'EMAIL', 'SMS', 'POST', 'PHONE'];
const ERROR_MESSAGES = ['Unauthorized.', 'Invalid data.', 'No account found with given account number.', 'Received an invalid quote code.', 'The meter could not be found.', 'Disabled GraphQL field requested.'];

const named = (type: string): string => type.replace(/[[\]!]/g, '');
const lowerFirst = (name: string): string => `${name[0]?.toLowerCase() ?? ''}${name.slice(1)}`;

function describeErrors(errors: readonly CatalogError[], oneLine: boolean): string {
  if (errors.length === 0) return '';
  if (oneLine) return ` ${ERRORS_MARKER} ${errors.map((error) => `- ${error.code}: ${error.message}`).join(' ')}`;
  return `\n\n${ERRORS_MARKER}\n\n${errors.map((error) => `- ${error.code}: ${error.message}`).join('\n')}`;
}

const block = (text: string): string => `"""\n${text.replace(/"""/g, '\\"""')}\n"""`;

export function syntheticKrakenSchema(options: SyntheticSchemaOptions): SyntheticSchema {
  const next = random(options.seed ?? 1);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  const chance = (p: number): boolean => next() < p;
  const parts: string[] = [];
  const taken = new Set<string>([...BUILT_IN, ...KRAKEN_CUSTOM_SCALARS, 'Query', 'Mutation', 'PageInfo', 'Node', 'ErrorType']);
  const unique = (base: string): string => {
    let name = base;
    for (let n = 2; taken.has(name); n++) name = `${base}${n}`;
    taken.add(name);
    return name;
  };
  const manifest: SyntheticManifest = { unlistedCodes: new Map(), listedCodes: new Map(), oneLineFields: new Set(), conflictingUnions: [], connections: [] };

  // Names the documented mutations need, reserved first so synthetic names never take them.
  const documentedInputs = new Set<string>();
  const documentedEnums = new Set<string>();
  const documentedReturns = new Set<string>();
  for (const operation of options.catalog.operations) {
    for (const argument of operation.args) {
      const name = named(argument.type);
      if (BUILT_IN.has(name) || KRAKEN_CUSTOM_SCALARS.includes(name)) continue;
      (/Input(Type)?$/.test(name) ? documentedInputs : documentedEnums).add(name);
    }
    if (operation.returnType) documentedReturns.add(named(operation.returnType));
  }
  for (const name of [...documentedInputs, ...documentedEnums, ...documentedReturns]) taken.add(name);

  parts.push(...KRAKEN_CUSTOM_SCALARS.map((scalar) => `scalar ${scalar}`));
  parts.push('interface Node {\n  id: ID!\n}');
  parts.push('interface ErrorType {\n  message: String!\n  code: String!\n}');
  parts.push('type PageInfo {\n  hasNextPage: Boolean!\n  hasPreviousPage: Boolean!\n  startCursor: String\n  endCursor: String\n}');

  const enums: string[] = [];
  const enumCount = 220 - documentedEnums.size;
  for (let i = 0; i < enumCount; i++) enums.push(unique(`${pick(NOUNS)}${pick(QUALIFIERS)}Choices`));
  for (const name of [...enums, ...documentedEnums]) {
    const values = new Set<string>();
    const size = 2 + Math.floor(next() * 6);
    while (values.size < size) values.add(pick(ENUM_WORDS));
    const lines = [...values].map((value, index) => (index === 1 && chance(0.1) ? `  ${value} @deprecated(reason: "Use another value.")` : `  ${value}`));
    parts.push(`enum ${name} {\n${lines.join('\n')}\n}`);
  }

  const scalarTypes = ['String', 'String!', 'Int', 'Boolean', 'ID!', 'Float', ...KRAKEN_CUSTOM_SCALARS];
  const leafType = (): string => (chance(0.2) ? pick(enums) : pick(scalarTypes));
  const fieldNames = (count: number): string[] => {
    const names = new Set<string>();
    while (names.size < count) names.add(chance(0.7) ? pick(FIELD_WORDS) : `${pick(FIELD_WORDS)}${pick(QUALIFIERS)}`);
    return [...names];
  };

  // Entities: plain objects, some Node, some with a Relay connection other entities point to.
  const entities: string[] = [];
  for (let i = 0; i < (options.entities ?? 460); i++) entities.push(unique(`${pick(NOUNS)}${pick(QUALIFIERS)}Type`));
  const connectionOf = new Map<string, string>();
  for (const entity of entities.slice(0, 90)) {
    const connection = unique(`${entity.replace(/Type$/, '')}Connection`);
    const edge = unique(`${entity.replace(/Type$/, '')}Edge`);
    connectionOf.set(entity, connection);
    manifest.connections.push(connection);
    parts.push(`type ${connection} {\n  pageInfo: PageInfo!\n  edges: [${edge}]!\n  totalCount: Int!\n  edgeCount: Int!\n}`);
    parts.push(`type ${edge} {\n  node: ${entity}\n  cursor: String!\n}`);
  }
  for (const [index, entity] of entities.entries()) {
    const isNode = index % 3 === 0;
    const lines = isNode ? ['  id: ID!'] : [];
    for (const name of fieldNames(4 + Math.floor(next() * 6))) {
      if (name === 'id') continue;
      const deprecated = chance(0.06) ? ` @deprecated(reason: "Use ${name}V2 instead. Deprecated on 2024-01-01, to be removed after 2025-01-01.")` : '';
      lines.push(`  ${name}: ${leafType()}${deprecated}`);
    }
    const target = entities[(index * 7 + 3) % entities.length] ?? entity;
    lines.push(`  ${lowerFirst(target)}: ${target}`);
    const listed = [...connectionOf.entries()][index % connectionOf.size];
    if (listed) {
      const [node, connection] = listed;
      const field = `${lowerFirst(node)}s`;
      lines.push(`  ${field}(first: Int, after: String, last: Int, before: String, orderBy: String @deprecated(reason: "Ordering is fixed.")): ${connection}`);
    }
    parts.push(`type ${entity}${isNode ? ' implements Node' : ''} {\n${lines.join('\n')}\n}`);
  }

  // Error members and union payloads whose members disagree on a shared field's type.
  const errorTypes: string[] = [];
  for (let i = 0; i < 40; i++) {
    const name = unique(`${pick(NOUNS)}${pick(['Invalid', 'NotFound', 'Forbidden', 'Conflict'])}Error`);
    errorTypes.push(name);
    parts.push(`type ${name} implements ErrorType {\n  message: String!\n  code: String!\n  field: String\n}`);
  }
  const CONFLICTS: [string, string, string][] = [
    ['number', 'String', 'String!'],
    ['amount', 'Int', 'BigInt'],
    ['reference', 'ID', 'String'],
    ['items', '[String]', '[[String!]]'],
  ];
  const unions: string[] = [];
  for (let i = 0; i < 150; i++) {
    const base = `${pick(NOUNS)}${pick(QUALIFIERS)}`;
    const union = unique(`${base}Result`);
    const success = unique(`${base}Success`);
    const other = unique(`${base}Pending`);
    const [field, first, second] = CONFLICTS[i % CONFLICTS.length] ?? CONFLICTS[0]!;
    const detail = pick(entities);
    parts.push(`type ${success} {\n  ${field}: ${first}\n  detail: ${detail}\n  createdAt: DateTime\n}`);
    parts.push(`type ${other} {\n  ${field}: ${second}\n  detail: ${detail}\n  retryAfter: Duration\n}`);
    const firstError = Math.floor(next() * errorTypes.length);
    const secondError = (firstError + 1 + Math.floor(next() * (errorTypes.length - 1))) % errorTypes.length;
    parts.push(`union ${union} = ${success} | ${other} | ${errorTypes[firstError]} | ${errorTypes[secondError]}`);
    unions.push(union);
    manifest.conflictingUnions.push(union);
  }

  // Input objects: the documented ones (login included) and the synthetic mutations'.
  const inputFields = (count: number): string => {
    const lines = fieldNames(count).map((name, index) => {
      const type = chance(0.3) ? pick(enums) : pick(['String', 'Int', 'Boolean', 'Date', 'Decimal', 'UUID', 'ID']);
      return index === 0 ? `  ${name}: ${type}!` : `  ${name}: ${type}${chance(0.05) ? ' @deprecated(reason: "No longer read.")' : ''}`;
    });
    return lines.join('\n');
  };
  for (const input of documentedInputs) {
    if (input === 'ObtainJSONWebTokenInput') {
      parts.push(
        'input ObtainJSONWebTokenInput {\n  email: String\n  password: String\n  APIKey: String\n  organizationSecretKey: String\n  preSignedKey: String\n  refreshToken: String\n}',
      );
    } else parts.push(`input ${input} {\n  accountNumber: String!\n${inputFields(2 + Math.floor(next() * 5))}\n}`);
  }
  const syntheticInputs: string[] = [];
  for (let i = 0; i < 200; i++) {
    const name = unique(`${pick(NOUNS)}${pick(QUALIFIERS)}Input`);
    syntheticInputs.push(name);
    parts.push(`input ${name} {\n${inputFields(3 + Math.floor(next() * 5))}\n}`);
  }

  // Documented return types: a few leaves, an entity and, for some, a payload union that conflicts.
  for (const name of documentedReturns) {
    const lines = [`  ${pick(['account', 'viewer', 'result'])}: ${pick(entities)}`, `  ok: Boolean`, `  ${pick(FIELD_WORDS)}Value: ${leafType()}`];
    if (chance(0.3)) lines.push(`  outcome: ${pick(unions)}`);
    parts.push(`type ${name} {\n${lines.join('\n')}\n}`);
  }
  const obtainToken = unique('ObtainKrakenJSONWebToken');
  parts.push(`type ${obtainToken} {\n  token: String!\n  refreshToken: String\n  refreshExpiresIn: Int\n  payload: GenericScalar!\n}`);

  const mutationLines: string[] = [];
  const codeFor = (n: number): string => `KT-CT-${String(1000 + ((n * 37) % 9000)).padStart(4, '0')}`;
  for (const [index, operation] of options.catalog.operations.entries()) {
    // Every ninth mutation's description leaves its first documented code out: drift must find exactly those.
    const omitted = index % 9 === 4 && operation.errors.length > 1 ? [operation.errors[0]!.code] : [];
    // Every fifth lists one code the page does not document: the generated union must carry it.
    const extra = index % 5 === 2 ? [{ code: codeFor(index), message: pick(ERROR_MESSAGES) }] : [];
    const listed = [...operation.errors.filter((error) => !omitted.includes(error.code)), ...extra];
    const unique = listed.filter((error, position) => listed.findIndex((other) => other.code === error.code) === position);
    const oneLine = index % 2 === 0;
    if (omitted.length > 0) manifest.unlistedCodes.set(operation.field, omitted);
    if (unique.length > 0) manifest.listedCodes.set(operation.field, unique.map((error) => error.code));
    if (oneLine && unique.length > 0) manifest.oneLineFields.add(operation.field);
    const args = operation.args.map((argument) => `${argument.name}: ${argument.type}`).join(', ');
    const returns = operation.returnType ?? (operation.field === 'obtainKrakenToken' ? obtainToken : pick(documentedReturns.size > 0 ? [...documentedReturns] : entities));
    const deprecated = operation.deprecation ? ` @deprecated(reason: ${JSON.stringify(operation.deprecation.reason ?? 'Deprecated.')})` : '';
    mutationLines.push(`  ${block(`${operation.description || `Run ${operation.field}.`}${describeErrors(unique, oneLine)}`).replace(/\n/g, '\n  ')}\n  ${operation.field}${args ? `(${args})` : ''}: ${returns}${deprecated}`);
  }
  for (const [index, union] of unions.entries()) {
    const field = `run${union}`;
    const input = syntheticInputs[index % syntheticInputs.length];
    const errors = [0, 1, 2].map((n) => ({ code: codeFor(index * 3 + n + 500), message: pick(ERROR_MESSAGES) }));
    const oneLine = index % 2 === 1;
    manifest.listedCodes.set(field, errors.map((error) => error.code));
    if (oneLine) manifest.oneLineFields.add(field);
    mutationLines.push(`  ${block(`Synthetic ${field}.${describeErrors(errors, oneLine)}`).replace(/\n/g, '\n  ')}\n  ${field}(input: ${input}!, dryRun: Boolean @deprecated(reason: "Always false.")): ${union}`);
  }
  parts.push(`type Mutation {\n${mutationLines.join('\n')}\n}`);

  const queryLines = [
    '  rateLimitInfo: RateLimitInfo',
    '  queryComplexity(operationName: String, query: String!): QueryComplexity',
    '  node(id: ID!): Node',
    ...[...connectionOf.entries()].map(([entity, connection]) => `  ${lowerFirst(entity)}List(first: Int, after: String, last: Int, before: String): ${connection}`),
    ...entities.slice(90, 140).map((entity) => `  ${lowerFirst(entity)}(id: ID!): ${entity}`),
  ];
  parts.push('type RateLimitInfo {\n  limit: Int!\n  remainingPoints: Int!\n  usedPoints: Int!\n  ttl: Int!\n  isBlocked: Boolean!\n}');
  parts.push('type QueryComplexity {\n  complexityValue: Int!\n  limit: Int!\n}');
  parts.push(`type Query {\n${queryLines.join('\n')}\n}`);

  const schema = buildASTSchema(parse(parts.join('\n\n')));
  return { sdl: printSchema(schema), schema, manifest };
}
