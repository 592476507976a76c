import { Kind, print, type FieldNode, type SelectionSetNode, type TypeNode } from 'graphql';
import { ENUM_LIKE_VALUE } from '../catalog/enum-like.js';
import { PageParseError } from './errors.js';
import { ExampleSyntaxError, parseExampleValue, type ExampleValue } from './example-values.js';
import type { ParsedEntry, ParsedPage } from './parse-page.js';

export interface ModelField {
  name: string;
  /** GraphQL type string, e.g. "[PossibleErrorType]". */
  type: string;
  deprecationReason: string | null;
  description: string | null;
  args: ModelArgument[];
}

export interface ModelArgument {
  name: string;
  type: string;
  /** From the Arguments table, when its rows can be matched to the arguments. */
  description: string | null;
}

export interface ModelObjectType {
  name: string;
  /** Fields the page documents; empty for types only reached through fragments. */
  fields: Map<string, ModelField>;
}

/** What the page tells about one brand's schema, before rendering it as SDL. */
export interface SchemaModel {
  mutationFields: ModelField[];
  objectTypes: Map<string, ModelObjectType>;
  unions: Map<string, string[]>;
  /** Scalars carrying values (Date, UUID, enums seen only as values, ...). */
  valueScalars: Set<string>;
  /** Input object types the page never documents: modelled as opaque scalars. */
  opaqueInputScalars: Set<string>;
  /** Fragment name -> type condition. */
  fragments: Map<string, string>;
}

export const BUILT_IN_SCALARS = new Set(['String', 'Int', 'Float', 'Boolean', 'ID']);
const KNOWN_VALUE_SCALARS = new Set(['Date', 'DateTime', 'UUID', 'JSONString', 'GenericScalar', 'Decimal', 'Time', 'Duration', 'BigInt']);
const FRAGMENT_SUFFIX = 'Fragment';

/** The type a fragment spread targets: its name without the `Fragment` suffix. */
export function fragmentTypeCondition(fragmentName: string): string {
  return fragmentName.endsWith(FRAGMENT_SUFFIX) && fragmentName.length > FRAGMENT_SUFFIX.length
    ? fragmentName.slice(0, -FRAGMENT_SUFFIX.length)
    : fragmentName;
}

/** Name of the payload type when the page gives no `Type:` line: the operation's own name, as real servers name most payloads. */
export function defaultPayloadTypeName(operationName: string): string {
  return operationName;
}


/** The deprecation reason the schema carries: the page's reason with the catalog's dates. */
export function datedDeprecationReason(deprecation: { reason: string; deprecatedOn: string; removalOn: string }): string {
  return `${deprecation.reason} Marked as deprecated on ${deprecation.deprecatedOn}; scheduled for removal on or after ${deprecation.removalOn}.`;
}

export function buildSchemaModel(page: ParsedPage): SchemaModel {
  const model: SchemaModel = {
    mutationFields: [],
    objectTypes: new Map(),
    unions: new Map(),
    valueScalars: new Set(),
    opaqueInputScalars: new Set(),
    fragments: new Map(),
  };
  const unionNamesByMembers = new Map<string, string>();
  for (const entry of page.entries) {
    new EntryModeller(page, entry, model, unionNamesByMembers).run();
  }
  // A type reached only through a fragment spread is still an object type.
  for (const typeName of model.fragments.values()) {
    if (!model.unions.has(typeName) && !model.objectTypes.has(typeName)) {
      model.objectTypes.set(typeName, { name: typeName, fields: new Map() });
    }
  }
  return model;
}

class EntryModeller {
  /** Enum-like example value of an argument -> the argument's scalar, so a payload field echoing it shares the scalar. */
  private readonly enumLikeArgumentValues = new Map<string, string>();

  constructor(
    private readonly page: ParsedPage,
    private readonly entry: ParsedEntry,
    private readonly model: SchemaModel,
    private readonly unionNamesByMembers: Map<string, string>,
  ) {}

  fail(problem: string, line = this.entry.operationLine): never {
    throw new PageParseError(problem, { source: this.page.source, entry: this.entry.field, line });
  }

  run(): void {
    const { entry } = this;
    const root = entry.operation.selectionSet.selections[0] as FieldNode;
    const operationName = entry.operation.name?.value ?? '';
    const response = this.example(entry.responseText, entry.responseLine, 'Response');
    const data = response.kind === 'object' ? response.entries.get('data') : undefined;
    const payloadExample = data?.kind === 'object' ? data.entries.get(root.alias?.value ?? entry.field) : undefined;
    if (payloadExample === undefined) this.fail(`the Response example has no data.${entry.field}`, entry.responseLine);

    const variables = this.variableTypes();
    const rootArguments = root.arguments ?? [];
    // The Arguments table lost its Name column: rows match arguments only when the counts agree.
    const argumentRows = entry.argumentDescriptions.length === rootArguments.length ? entry.argumentDescriptions : [];
    const args = rootArguments.map((argument, index): ModelArgument => {
      if (argument.value.kind !== Kind.VARIABLE) this.fail(`argument "${argument.name.value}" is not passed as a variable`);
      const type = variables.get(argument.value.name.value);
      if (type === undefined) this.fail(`argument "${argument.name.value}" uses undeclared $${argument.value.name.value}`);
      return { name: argument.name.value, type, description: argumentRows[index]?.trim() || null };
    });

    const typeName = (entry.returnType ?? defaultPayloadTypeName(operationName)).replace(/[[\]!]/g, '');
    let fieldType: string;
    if (root.selectionSet) {
      this.defineSelectionOwner(typeName, root.selectionSet, unwrapList(payloadExample));
      fieldType = entry.returnType ?? typeName;
    } else {
      fieldType = this.leafType(payloadExample);
    }
    const deprecated = new Map(entry.fieldDeprecations.map((d) => [d.field, d.reason]));
    this.model.mutationFields.push({
      name: entry.field,
      type: fieldType,
      deprecationReason: entry.deprecation ? datedDeprecationReason(entry.deprecation) : null,
      description: entry.description || null,
      args,
    });
    // Return-field deprecations apply to the payload's own fields.
    const payload = this.model.objectTypes.get(typeName);
    this.describePayloadFields(root, typeName);
    for (const [name, reason] of deprecated) {
      const field = payload?.fields.get(name);
      if (field) field.deprecationReason = reason;
    }
  }

  /**
   * The Return-fields table lost its Name column; its rows follow the selection's order, so
   * descriptions are attached only when the row count equals the selected field count.
   */
  private describePayloadFields(root: FieldNode, typeName: string): void {
    const payload = this.model.objectTypes.get(typeName);
    const selections = root.selectionSet?.selections ?? [];
    const rows = this.entry.returnFieldDescriptions;
    if (!payload || rows.length !== selections.length) return;
    selections.forEach((selection, index) => {
      if (selection.kind !== Kind.FIELD) return;
      const field = payload.fields.get(selection.name.value);
      const text = (rows[index] ?? '').replace(/\s*Deprecated The '[A-Za-z0-9_]+' field is deprecated\.\s*/g, ' ').trim().replace(/(\n-)+$/, '');
      if (field && field.description === null && text !== '') field.description = text;
    });
  }

  private example(text: string, line: number, what: string): ExampleValue {
    try {
      return parseExampleValue(text);
    } catch (error) {
      if (error instanceof ExampleSyntaxError) this.fail(`unreadable ${what} example: ${error.message}`, line);
      throw error;
    }
  }

  /** Declared variable types (authoritative), registering the scalars they name. */
  private variableTypes(): Map<string, string> {
    const { entry } = this;
    const examples = entry.variablesText === null ? null : this.example(entry.variablesText, entry.operationLine, 'Variables');
    const types = new Map<string, string>();
    for (const definition of entry.operation.variableDefinitions ?? []) {
      const name = definition.variable.name.value;
      const namedType = innermostName(definition.type);
      const example = examples?.kind === 'object' ? examples.entries.get(name) : undefined;
      if (!BUILT_IN_SCALARS.has(namedType)) {
        const shown = example === undefined ? undefined : unwrapList(example);
        // The page shows an input object as its bare type name; anything else is a value.
        const isInputObject = KNOWN_VALUE_SCALARS.has(namedType)
          ? false
          : shown === undefined
            ? /Input(Type)?$/.test(namedType)
            : shown.kind === 'typeName';
        (isInputObject ? this.model.opaqueInputScalars : this.model.valueScalars).add(namedType);
        if (!isInputObject && shown?.kind === 'string' && ENUM_LIKE_VALUE.test(shown.value)) {
          this.enumLikeArgumentValues.set(shown.value, namedType);
        }
      }
      types.set(name, print(definition.type));
    }
    return types;
  }

  /** Defines `typeName` as the owner of a selection set: an object type or, for `... on` blocks, a union. */
  private defineSelectionOwner(typeName: string, selectionSet: SelectionSetNode, example: ExampleValue | undefined): void {
    const selections = selectionSet.selections;
    const inlineFragments = selections.filter((s) => s.kind === Kind.INLINE_FRAGMENT);
    const spreads = selections.filter((s) => s.kind === Kind.FRAGMENT_SPREAD);
    const fields = selections.filter((s) => s.kind === Kind.FIELD);

    for (const spread of spreads) {
      const target = fragmentTypeCondition(spread.name.value);
      if (target !== typeName) {
        this.fail(`fragment ${spread.name.value} is spread on ${typeName}, but its name says ${target}`);
      }
      this.model.fragments.set(spread.name.value, target);
    }
    if (inlineFragments.length > 0) {
      if (fields.length > 0) this.fail(`a selection on ${typeName} mixes fields and "... on" blocks`);
      const members: string[] = [];
      for (const inline of inlineFragments) {
        const member = inline.typeCondition?.name.value;
        if (member === undefined) this.fail('an inline fragment has no type condition');
        members.push(member);
        this.defineSelectionOwner(member, inline.selectionSet, undefined);
      }
      this.defineUnion(typeName, members);
      return;
    }
    if (fields.length === 0) {
      if (!this.model.unions.has(typeName)) this.ensureObjectType(typeName);
      return;
    }
    if (example?.kind !== 'object') this.fail(`the Response example does not show the fields of ${typeName}`, this.entry.responseLine);
    const owner = this.ensureObjectType(typeName);
    for (const field of fields) {
      const key = field.alias?.value ?? field.name.value;
      const value = example.entries.get(key);
      if (value === undefined) this.fail(`the Response example does not show field "${key}"`, this.entry.responseLine);
      if ((field.arguments ?? []).length > 0) this.fail(`field "${key}" has arguments the page does not type`);
      const type = field.selectionSet ? this.nestedFieldType(typeName, field, value) : this.leafType(value);
      this.addField(owner, { name: field.name.value, type, deprecationReason: null, description: null, args: [] });
    }
  }

  private nestedFieldType(parent: string, field: FieldNode, value: ExampleValue): string {
    const selectionSet = field.selectionSet as SelectionSetNode;
    const inner = unwrapList(value);
    let named: string;
    if (selectionSet.selections.some((s) => s.kind === Kind.INLINE_FRAGMENT)) {
      const members = selectionSet.selections.flatMap((s) =>
        s.kind === Kind.INLINE_FRAGMENT && s.typeCondition ? [s.typeCondition.name.value] : [],
      );
      named = this.unionNameFor(parent, field.name.value, members);
    } else if (inner?.kind === 'typeName') {
      named = inner.name;
    } else {
      this.fail(`the Response example does not name the type of "${field.name.value}"`, this.entry.responseLine);
    }
    this.defineSelectionOwner(named, selectionSet, inner);
    return wrapLike(value, named);
  }

  /** Union naming: `<ParentType><Field>Union`; a later field with the same members reuses the first name. */
  private unionNameFor(parent: string, fieldName: string, members: string[]): string {
    const key = [...members].sort().join('|');
    return this.unionNamesByMembers.get(key) ?? `${parent}${fieldName[0]?.toUpperCase() ?? ''}${fieldName.slice(1)}Union`;
  }

  private defineUnion(name: string, members: string[]): void {
    const known = this.model.unions.get(name);
    if (known) {
      const merged = [...known, ...members.filter((m) => !known.includes(m))];
      this.model.unions.set(name, merged);
    } else {
      this.model.unions.set(name, [...members]);
    }
    const key = [...members].sort().join('|');
    if (!this.unionNamesByMembers.has(key)) this.unionNamesByMembers.set(key, name);
    if (this.model.objectTypes.has(name)) this.fail(`${name} is used both as a union and as an object type`);
  }

  private ensureObjectType(name: string): ModelObjectType {
    if (this.model.unions.has(name)) this.fail(`${name} is used both as a union and as an object type`);
    let type = this.model.objectTypes.get(name);
    if (!type) {
      type = { name, fields: new Map() };
      this.model.objectTypes.set(name, type);
    }
    return type;
  }

  private addField(owner: ModelObjectType, field: ModelField): void {
    const known = owner.fields.get(field.name);
    if (known && known.type !== field.type) {
      this.fail(`${owner.name}.${field.name} is ${field.type} here but ${known.type} in an earlier entry`);
    }
    if (!known) owner.fields.set(field.name, field);
  }

  /** The scalar a leaf example shows; `[X]` is a list of it. */
  private leafType(value: ExampleValue): string {
    if (value.kind === 'list') {
      const item = value.items[0];
      if (item === undefined) this.fail('an empty list example does not show its item type', this.entry.responseLine);
      return `[${this.leafType(item)}]`;
    }
    const echoed = value.kind === 'string' ? this.enumLikeArgumentValues.get(value.value) : undefined;
    const scalar = echoed ?? scalarOf(value);
    if (scalar === null) this.fail(`a leaf field's example ${value.kind} does not show a scalar`, this.entry.responseLine);
    if (!BUILT_IN_SCALARS.has(scalar)) this.model.valueScalars.add(scalar);
    return scalar;
  }
}

/** Scalar name an example value shows; null when it shows none (a null literal). */
export function scalarOf(value: ExampleValue): string | null {
  switch (value.kind) {
    case 'string':
      if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value.value)) return 'UUID';
      if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/.test(value.value)) return 'DateTime';
      if (/^\d{4}-\d{2}-\d{2}$/.test(value.value)) return 'Date';
      return 'String';
    case 'int':
      return 'Int';
    case 'float':
      return 'Float';
    case 'boolean':
      return 'Boolean';
    case 'object':
      return 'JSONString';
    case 'alternatives':
      return 'GenericScalar';
    case 'typeName':
      // A leaf shown by a type name is a scalar or enum whose values the page does not list.
      return value.name;
    default:
      return null;
  }
}

function unwrapList(value: ExampleValue | undefined): ExampleValue | undefined {
  return value?.kind === 'list' ? unwrapList(value.items[0]) : value;
}

function wrapLike(value: ExampleValue, named: string): string {
  if (value.kind !== 'list') return named;
  const item = value.items[0];
  return item === undefined ? `[${named}]` : `[${wrapLike(item, named)}]`;
}

function innermostName(type: TypeNode): string {
  return type.kind === Kind.NAMED_TYPE ? type.name.value : innermostName(type.type);
}
