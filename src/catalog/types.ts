/**
 * The catalog: the machine-readable truth about one Kraken brand's documented mutations.
 * Its JSON shape (catalog/<brand>.json) is a contract other tools read; keep it stable.
 */
export type EndpointKind = 'api' | 'auth';

export interface CatalogArgument {
  name: string;
  /** A GraphQL type string, e.g. "[RiskListItemInputType]!". */
  type: string;
  /** The page's description of the argument, when its Arguments table can be matched to the arguments. */
  description?: string;
}

export interface CatalogError {
  code: string;
  message: string;
}

export interface CatalogDeprecation {
  reason: string;
  deprecatedOn: string;
  removalOn: string;
}

export interface CatalogOperation {
  field: string;
  operationName: string;
  endpoint: EndpointKind;
  returnType: string | null;
  args: CatalogArgument[];
  errors: CatalogError[];
  deprecation: CatalogDeprecation | null;
  description: string;
  /** Path of the operation's .graphql file, relative to the project root. */
  document: string;
  /**
   * The page's Response example for this operation's result (`data.<field>`), as JSON. A type name the
   * page shows instead of a value stands as `{ "__typename": name }` (for a union result: the member
   * the page documents); values shown as alternatives (`a | b`) are left out.
   */
  example?: CatalogExampleValue;
}

/** A value of an operation's Response example (see `CatalogOperation.example`). */
export type CatalogExampleValue = string | number | boolean | null | CatalogExampleValue[] | { [key: string]: CatalogExampleValue };

export interface Catalog {
  brand: string;
  endpoints: { api: string; auth?: string };
  operations: CatalogOperation[];
}
