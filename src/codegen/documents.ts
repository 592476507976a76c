import type { Catalog, CatalogOperation } from '../catalog/types.js';
import type { KrakenConnection } from '../core/document.js';
import { GENERATED_TS_HEADER } from './codegen-config.js';

/** `'KT-CT-1111' | 'KT-CT-1112'`, or `never` for an operation with no documented code. */
export function codeUnion(operation: CatalogOperation): string {
  return operation.errors.length === 0 ? 'never' : operation.errors.map((error) => `'${error.code}'`).join(' | ');
}

function jsDocText(text: string): string {
  return text.replace(/\*\//g, '*\\/').trim();
}

function jsDoc(operation: CatalogOperation): string {
  const lines: string[] = [];
  if (operation.description) lines.push(...jsDocText(operation.description).split('\n'));
  else lines.push(`The \`${operation.field}\` mutation.`);
  if (operation.endpoint === 'auth') lines.push('', 'Served by the authentication server.');
  const described = operation.args.filter((argument) => argument.description);
  if (described.length > 0) {
    lines.push('', 'Variables:');
    for (const argument of described) lines.push(...`- \`${argument.name}\`: ${jsDocText(argument.description ?? '')}`.split('\n'));
  }
  if (operation.errors.length > 0) {
    lines.push('', 'Documented errors:');
    for (const error of operation.errors) lines.push(`- ${error.code}: ${jsDocText(error.message)}`);
  }
  if (operation.deprecation) {
    const { reason, deprecatedOn, removalOn } = operation.deprecation;
    lines.push(
      '',
      `@deprecated ${jsDocText(reason)} Marked as deprecated on ${deprecatedOn}; scheduled for removal on or after ${removalOn}.`,
    );
  }
  return ['/**', ...lines.map((line) => (line ? ` * ${line}` : ' *')), ' */'].join('\n');
}

/**
 * Builds each document. A call per document instead of an object literal: Node compiles a module's
 * top-level code before running it, and 295 nested literals (with their boilerplates) made most of
 * `kraken-sdk/st`'s cold import; `@__PURE__` keeps each unused document removable by bundlers. The
 * endpoint and connections parameters only where a document needs them, so that a browser bundle of
 * one operation is no larger than with the literals.
 */
function documentHelper(operations: readonly CatalogOperation[], withConnections: boolean): string {
  const withEndpoint = withConnections || operations.some((operation) => operation.endpoint !== 'api');
  const parameters = [
    'operationName: string',
    'text: string',
    ...(withEndpoint ? ["endpoint: sdk.EndpointKind = 'api'"] : []),
    ...(withConnections ? ['connections?: Readonly<Record<string, sdk.KrakenConnection>>'] : []),
  ];
  const operation = `{ operationName, endpoint${withEndpoint ? '' : ": 'api'"}, text }`;
  const value = withConnections ? `connections === undefined ? ${operation} : { operationName, endpoint, text, connections }` : operation;
  // An arrow rather than a function declaration: a few bytes less in a minified bundle.
  return `/** One document's runtime value (the types come from each declaration). */
const documentOf = <Document>(${parameters.join(', ')}): Document => ({ kraken: ${value} }) as Document;`;
}

/** The arguments of `documentOf` for one operation; the endpoint only when connections or 'auth' need it. */
function documentArguments(operationName: string, text: string, endpoint: string, connectionsJson: string | undefined): string {
  const endpointArgument = connectionsJson !== undefined || endpoint !== 'api' ? [`'${endpoint}'`] : [];
  return [JSON.stringify(operationName), JSON.stringify(text), ...endpointArgument, ...(connectionsJson === undefined ? [] : [connectionsJson])].join(', ');
}

/**
 * The public documents of one brand: each a small object carrying the operation's precomputed
 * text and endpoint, typed with its result, variables and documented error codes. No AST: a call
 * sends the text as is, and nothing here needs the `graphql` package at run time.
 */
export function renderDocuments(
  catalog: Catalog,
  texts: Map<string, string>,
  /** The codegen result type of an operation (its variables type adds `Variables`); a user's queries end in `Query`. */
  resultTypeName: (operationName: string) => string = (name) => `${name}Mutation`,
  /** Relay connections each operation selects (kraken.connections), by operation name. */
  connections: ReadonlyMap<string, Readonly<Record<string, KrakenConnection>>> = new Map(),
): string {
  const blocks = catalog.operations.map((operation) => {
    const name = operation.operationName;
    const text = texts.get(name);
    if (text === undefined) throw new Error(`No operation text for ${name} (brand ${catalog.brand}).`);
    const found = connections.get(name);
    // The same JSON is the value and, as a literal type, what lets paginate type the nodes along each path.
    const connectionsJson = found === undefined ? undefined : JSON.stringify(found);
    const connectionsType = connectionsJson === undefined ? '' : ` & { readonly kraken: { readonly connections: ${connectionsJson} } }`;
    return [
      `/** Error codes documented for \`${operation.field}\`. */`,
      `export type ${name}ErrorCode = ${codeUnion(operation)};`,
      jsDoc(operation),
      `export const ${name}Document: sdk.KrakenDocument<types.${resultTypeName(name)}, types.${resultTypeName(name)}Variables, ${name}ErrorCode>${connectionsType} = /* @__PURE__ */ documentOf(${documentArguments(name, text, operation.endpoint, connectionsJson)});`,
    ].join('\n');
  });
  return [
    GENERATED_TS_HEADER,
    // Namespaces: an operation named Kraken exports KrakenDocument itself.
    "import type * as sdk from '../../core/document.js';",
    "import type * as types from './graphql.js';",
    '',
    documentHelper(catalog.operations, connections.size > 0),
    '',
    blocks.join('\n\n'),
    '',
  ].join('\n');
}
