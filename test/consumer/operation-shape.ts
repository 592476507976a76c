// Helpers a consumer would write to exercise every documented operation: placeholder variables from the
// document's own variable definitions, and a check that a result carries every field the document selects.
import type {
  FragmentDefinitionNode,
  GraphQLSchema,
  OperationDefinitionNode,
  SelectionSetNode,
  TypeNode,
} from 'graphql';
import {
  getNamedType,
  isAbstractType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  isUnionType,
  Kind,
} from 'graphql';
import type { GraphQLOutputType, GraphQLCompositeType } from 'graphql';
import type { AnyDocument, KrakenDocument } from 'kraken-sdk';
import { toDocumentNode } from 'kraken-sdk/document-node';

/** Documents exported by a brand entry point: the values carrying `kraken` operation facts. */
export type DocumentWithFacts = KrakenDocument<unknown, Record<string, unknown>>;

export function documentsOf(entryPoint: Record<string, unknown>): Array<[string, DocumentWithFacts]> {
  return Object.entries(entryPoint).filter((entry): entry is [string, DocumentWithFacts] => {
    const value = entry[1];
    return typeof value === 'object' && value !== null && 'kraken' in value;
  });
}

export function operationOfDocument(document: AnyDocument): OperationDefinitionNode {
  const operation = toDocumentNode(document).definitions.find((definition) => definition.kind === Kind.OPERATION_DEFINITION);
  if (!operation) throw new Error('The document has no operation.');
  return operation;
}

// A plausible value per scalar the brands' variables use; inputs are open objects (`{}` is valid).
const SCALAR_PLACEHOLDERS: Readonly<Record<string, unknown>> = {
  String: 'placeholder',
  ID: 'placeholder-id',
  Int: 1,
  Float: 1.5,
  Boolean: true,
  UUID: '3fa85f64-5717-4562-b3fc-2c963f66afa6',
  Date: '2025-01-31',
  DateTime: '2025-01-31T12:00:00+00:00',
  PreSignedTokenScope: 'SUBMIT_METER_READINGS',
  JSONString: '{}',
  NonEmptyString: 'placeholder',
};

function placeholderFor(type: TypeNode): unknown {
  if (type.kind === Kind.NON_NULL_TYPE) return placeholderFor(type.type);
  if (type.kind === Kind.LIST_TYPE) return [placeholderFor(type.type)];
  const name = type.name.value;
  if (name in SCALAR_PLACEHOLDERS) return SCALAR_PLACEHOLDERS[name];
  if (/Input(Type)?$/.test(name)) return {};
  throw new Error(`No placeholder for variable type ${name}: add one to SCALAR_PLACEHOLDERS.`);
}

/** A value for every required (non-null, no default) variable of the document's operation. */
export function placeholderVariables(document: AnyDocument): Record<string, unknown> {
  const variables: Record<string, unknown> = {};
  for (const definition of operationOfDocument(document).variableDefinitions ?? []) {
    if (definition.type.kind === Kind.NON_NULL_TYPE && definition.defaultValue === undefined) {
      variables[definition.variable.name.value] = placeholderFor(definition.type);
    }
  }
  return variables;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Problems found walking `data` against the selection set (empty when the result is complete): every
 * selected field present under its response key, `__typename` a concrete type of the field's type,
 * fragments applied by type condition, lists walked item by item, non-null fields not null.
 */
export function missingSelections(schema: GraphQLSchema, document: AnyDocument, data: unknown): string[] {
  const operation = operationOfDocument(document);
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of toDocumentNode(document).definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const rootType = operation.operation === 'mutation' ? schema.getMutationType() : schema.getQueryType();
  if (!rootType) return [`the schema has no ${operation.operation} type`];
  const problems: string[] = [];

  const applies = (typeCondition: string | undefined, concrete: string): boolean => {
    if (typeCondition === undefined || typeCondition === concrete) return true;
    const condition = schema.getType(typeCondition);
    const concreteType = schema.getType(concrete);
    return isAbstractType(condition) && isObjectType(concreteType) && schema.isSubType(condition, concreteType);
  };

  const walkValue = (type: GraphQLOutputType, value: unknown, selectionSet: SelectionSetNode | undefined, path: string): void => {
    if (value === null || value === undefined) {
      if (isNonNullType(type)) problems.push(`${path}: null for non-null ${type.toString()}`);
      return;
    }
    const nullable = isNonNullType(type) ? type.ofType : type;
    if (isListType(nullable)) {
      if (!Array.isArray(value)) problems.push(`${path}: expected a list`);
      else value.forEach((item, index) => walkValue(nullable.ofType, item, selectionSet, `${path}[${index}]`));
      return;
    }
    if (isLeafType(nullable)) {
      if (typeof value === 'object' && !['GenericScalar', 'JSONString'].includes(nullable.name)) problems.push(`${path}: object for leaf ${nullable.name}`);
      return;
    }
    if (!selectionSet) return;
    if (!isRecord(value)) {
      problems.push(`${path}: expected an object`);
      return;
    }
    walkObject(getNamedType(nullable) as GraphQLCompositeType, value, selectionSet, path);
  };

  // Inside a fragment the object's concrete type is already known (and its __typename already checked).
  const walkObject = (parent: GraphQLCompositeType, value: Record<string, unknown>, selectionSet: SelectionSetNode, path: string, knownConcrete?: string): void => {
    let concrete = knownConcrete ?? (isObjectType(parent) ? parent.name : undefined);
    const typename = value.__typename;
    if (typename !== undefined && knownConcrete === undefined) {
      const typenameType = typeof typename === 'string' ? schema.getType(typename) : undefined;
      const fits = isObjectType(typenameType) && (typenameType === parent || (isAbstractType(parent) && schema.isSubType(parent, typenameType)));
      if (!fits) problems.push(`${path}.__typename: ${JSON.stringify(typename)} is not a ${parent.name}`);
      else concrete = typenameType.name;
    }
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        const key = (selection.alias ?? selection.name).value;
        const fieldPath = `${path}.${key}`;
        if (!(key in value)) {
          problems.push(`${fieldPath}: missing`);
          continue;
        }
        if (selection.name.value === '__typename') {
          if (typeof value[key] !== 'string') problems.push(`${fieldPath}: not a string`);
          continue;
        }
        if (isUnionType(parent)) {
          problems.push(`${fieldPath}: selected directly on union ${parent.name}`);
          continue;
        }
        const field = parent.getFields()[selection.name.value];
        if (!field) problems.push(`${fieldPath}: not a field of ${parent.name}`);
        else walkValue(field.type, value[key], selection.selectionSet, fieldPath);
      } else {
        const fragment = selection.kind === Kind.FRAGMENT_SPREAD ? fragments.get(selection.name.value) : selection;
        if (!fragment) {
          problems.push(`${path}: unknown fragment`);
          continue;
        }
        const condition = fragment.typeCondition?.name.value;
        if (concrete === undefined) {
          problems.push(`${path}: cannot tell which fragments apply without __typename`);
          continue;
        }
        if (!applies(condition, concrete)) continue;
        const conditionType = condition === undefined ? parent : schema.getType(condition);
        walkObject((conditionType ?? parent) as GraphQLCompositeType, value, fragment.selectionSet, path, concrete);
      }
    }
  };

  if (!isRecord(data)) return ['data: not an object'];
  walkObject(rootType, data, operation.selectionSet, 'data');
  return problems;
}
