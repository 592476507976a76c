import type { TypeNode } from 'graphql';
import type { Catalog, CatalogError, CatalogExampleValue, CatalogOperation } from '../catalog/types.js';
import { parseExampleValue, type ExampleValue } from './example-values.js';
import type { ParsedEntry, ParsedPage } from './parse-page.js';
import type { ModelField, SchemaModel } from './schema-model.js';

/** Path (relative to the project root) of an operation's .graphql file. */
export function operationDocumentPath(brand: string, operationName: string): string {
  return `operations/${brand}/${operationName}.graphql`;
}

/** The catalog of a page; argument descriptions come from the schema model, which matched them to the arguments. */
export function buildCatalog(page: ParsedPage, brand: string, model: SchemaModel): Catalog {
  const mutationFields = new Map(model.mutationFields.map((field) => [field.name, field]));
  return {
    brand,
    endpoints: page.endpoints.auth === undefined ? { api: page.endpoints.api } : { api: page.endpoints.api, auth: page.endpoints.auth },
    operations: page.entries.map((entry) => catalogOperation(entry, brand, mutationFields.get(entry.field))),
  };
}

function catalogOperation(entry: ParsedEntry, brand: string, mutationField: ModelField | undefined): CatalogOperation {
  const operationName = entry.operation.name?.value ?? '';
  const variableTypes = new Map(
    (entry.operation.variableDefinitions ?? []).map((d) => [d.variable.name.value, printType(d.type)]),
  );
  const root = entry.operation.selectionSet.selections[0];
  const args =
    root?.kind === 'Field'
      ? (root.arguments ?? []).map((argument) => {
          const description = mutationField?.args.find((modelled) => modelled.name === argument.name.value)?.description;
          return {
            name: argument.name.value,
            type: argument.value.kind === 'Variable' ? (variableTypes.get(argument.value.name.value) ?? '') : '',
            ...(description ? { description } : {}),
          };
        })
      : [];
  return {
    field: entry.field,
    operationName,
    endpoint: entry.endpoint,
    returnType: entry.returnType,
    args,
    errors: distinctErrors(entry),
    deprecation: entry.deprecation,
    description: entry.description,
    document: operationDocumentPath(brand, operationName),
    ...resultExample(entry),
  };
}

/** The Response example's `data.<field>` (already checked by the schema model), for the mocks' default answers. */
function resultExample(entry: ParsedEntry): { example?: CatalogExampleValue } {
  const root = entry.operation.selectionSet.selections[0];
  const key = root?.kind === 'Field' ? (root.alias ?? root.name).value : entry.field;
  const response = parseExampleValue(entry.responseText);
  const data = response.kind === 'object' ? response.entries.get('data') : undefined;
  const example = data?.kind === 'object' ? data.entries.get(key) : undefined;
  const json = example === undefined ? undefined : exampleJson(example);
  return json === undefined ? {} : { example: json };
}

function exampleJson(value: ExampleValue): CatalogExampleValue | undefined {
  switch (value.kind) {
    case 'object': {
      const entries = [...value.entries].flatMap(([name, item]) => {
        const json = exampleJson(item);
        return json === undefined ? [] : [[name, json] as const];
      });
      return Object.fromEntries(entries);
    }
    case 'list':
      return value.items.flatMap((item) => {
        const json = exampleJson(item);
        return json === undefined ? [] : [json];
      });
    case 'typeName':
      return { __typename: value.name };
    case 'null':
      return null;
    case 'alternatives':
      return undefined;
    default:
      return value.value;
  }
}

/** Page order, each code once (the first message wins). */
function distinctErrors(entry: ParsedEntry): CatalogError[] {
  const seen = new Set<string>();
  const errors: CatalogError[] = [];
  for (const error of entry.errors) {
    if (seen.has(error.code)) continue;
    seen.add(error.code);
    errors.push({ code: error.code, message: error.message });
  }
  return errors;
}

function printType(type: TypeNode): string {
  if (type.kind === 'NonNullType') return `${printType(type.type)}!`;
  if (type.kind === 'ListType') return `[${printType(type.type)}]`;
  return type.name.value;
}
