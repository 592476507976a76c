import type { DocumentNode, FragmentDefinitionNode, GraphQLCompositeType, GraphQLOutputType, GraphQLSchema, SelectionSetNode } from 'graphql';
import { Kind, isAbstractType, isCompositeType, isEnumType, isListType, isNonNullType, isObjectType, isScalarType } from 'graphql';

const SCALAR_CHECKS: Record<string, (value: unknown) => boolean> = {
  String: (value) => typeof value === 'string',
  ID: (value) => typeof value === 'string',
  Int: (value) => Number.isInteger(value),
  Float: (value) => typeof value === 'number',
  Boolean: (value) => typeof value === 'boolean',
  Date: (value) => typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value),
  DateTime: (value) => typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}/.test(value) && !Number.isNaN(Date.parse(value)),
  UUID: (value) => typeof value === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(value),
  JSONString: (value) => {
    if (typeof value !== 'string') return false;
    try {
      JSON.parse(value);
      return true;
    } catch {
      return false;
    }
  },
};

/**
 * Problems with `data` against the operation's selection: missing selected fields, wrong scalar
 * shapes, unknown enum values, wrong __typename. Empty when the response fits.
 */
export function responseProblems(schema: GraphQLSchema, document: DocumentNode, data: unknown): string[] {
  const problems: string[] = [];
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const operation = document.definitions.find((definition) => definition.kind === Kind.OPERATION_DEFINITION);
  const root = operation?.kind === Kind.OPERATION_DEFINITION && operation.operation === 'mutation' ? schema.getMutationType() : schema.getQueryType();
  if (!operation || operation.kind !== Kind.OPERATION_DEFINITION || !root) return ['no operation or root type'];

  function checkValue(type: GraphQLOutputType, value: unknown, selectionSet: SelectionSetNode | undefined, path: string): void {
    if (value === undefined) return void problems.push(`${path}: missing`);
    if (value === null) {
      if (isNonNullType(type)) problems.push(`${path}: null for non-null ${String(type)}`);
      return;
    }
    const inner = isNonNullType(type) ? type.ofType : type;
    if (isListType(inner)) {
      if (!Array.isArray(value)) return void problems.push(`${path}: expected a list`);
      value.forEach((item, index) => checkValue(inner.ofType, item, selectionSet, `${path}.${index}`));
      return;
    }
    if (isScalarType(inner)) {
      const check = SCALAR_CHECKS[inner.name];
      if (check && !check(value)) problems.push(`${path}: ${JSON.stringify(value)} is not a ${inner.name}`);
      return;
    }
    if (isEnumType(inner)) {
      if (!inner.getValues().some((enumValue) => enumValue.name === value)) problems.push(`${path}: ${JSON.stringify(value)} not in ${inner.name}`);
      return;
    }
    if (isCompositeType(inner) && selectionSet) checkSelection(inner, value, selectionSet, path);
  }

  function appliesTo(condition: string | undefined, parent: GraphQLCompositeType, runtimeTypeName: string | undefined): boolean {
    if (condition === undefined || condition === parent.name) return true;
    if (runtimeTypeName === undefined) return false;
    if (condition === runtimeTypeName) return true;
    const conditionType = schema.getType(condition);
    const runtimeType = schema.getType(runtimeTypeName);
    return conditionType !== undefined && isAbstractType(conditionType) && isObjectType(runtimeType) && schema.isSubType(conditionType, runtimeType);
  }

  function checkSelection(parent: GraphQLCompositeType, value: unknown, selectionSet: SelectionSetNode, path: string): void {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return void problems.push(`${path}: expected an object`);
    const record = value as Record<string, unknown>;
    const runtimeTypeName = typeof record.__typename === 'string' ? record.__typename : isObjectType(parent) ? parent.name : undefined;
    if (isAbstractType(parent) && runtimeTypeName !== undefined) {
      const runtime = schema.getType(runtimeTypeName);
      if (!isObjectType(runtime) || !schema.isSubType(parent, runtime)) problems.push(`${path}.__typename: ${runtimeTypeName} is not a member of ${parent.name}`);
    }
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        const key = (selection.alias ?? selection.name).value;
        if (selection.name.value === '__typename') {
          if (typeof record[key] !== 'string') problems.push(`${path}.${key}: missing __typename`);
          else if (isObjectType(parent) && record[key] !== parent.name) problems.push(`${path}.${key}: ${String(record[key])} is not ${parent.name}`);
          continue;
        }
        const concrete = isObjectType(parent) ? parent : runtimeTypeName ? schema.getType(runtimeTypeName) : undefined;
        const fieldType = isObjectType(concrete) ? concrete.getFields()[selection.name.value]?.type : 'getFields' in parent ? parent.getFields()[selection.name.value]?.type : undefined;
        if (!fieldType) return void problems.push(`${path}.${key}: field unknown on ${parent.name}`);
        checkValue(fieldType, record[key], selection.selectionSet, `${path}.${key}`);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        if (appliesTo(selection.typeCondition?.name.value, parent, runtimeTypeName)) {
          const condition = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent;
          checkSelection(isCompositeType(condition) ? condition : parent, record, selection.selectionSet, path);
        }
      } else {
        const fragment = fragments.get(selection.name.value);
        if (!fragment) return void problems.push(`${path}: fragment ${selection.name.value} missing`);
        if (appliesTo(fragment.typeCondition.name.value, parent, runtimeTypeName)) {
          const condition = schema.getType(fragment.typeCondition.name.value);
          checkSelection(isCompositeType(condition) ? condition : parent, record, fragment.selectionSet, path);
        }
      }
    }
  }

  checkSelection(root, data, operation.selectionSet, 'data');
  return problems;
}
