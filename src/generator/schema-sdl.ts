import { OPAQUE_INPUT_DESCRIPTION } from '../catalog/opaque-inputs.js';
import type { ModelField, SchemaModel } from './schema-model.js';

export { OPAQUE_INPUT_DESCRIPTION };

/** Placeholder field of object types whose fields the page does not document. */
export const PLACEHOLDER_FIELD = '_undocumented';
const VALUE_SCALAR_DESCRIPTION = 'Scalar inferred from the reference page examples.';
const OPAQUE_OBJECT_DESCRIPTION =
  'The reference page does not document the fields of this type: only __typename is certain.';
const PLACEHOLDER_REASON = 'Placeholder: the reference page documents no fields of this type. Never select it.';
const OPEN_INTERFACE_DESCRIPTION =
  'The reference page names this interface but not the object types implementing it: __typename is one of those, not this name.';

/**
 * A type the page names `…Interface` is an interface on the real servers: its values carry the
 * name of an implementing object type, which the page never shows.
 */
export function isInterfaceName(typeName: string): boolean {
  return typeName.endsWith('Interface') && typeName.length > 'Interface'.length;
}

/** Renders the model as SDL, every section sorted by name so output is stable. */
export function renderSchemaSdl(model: SchemaModel, header: string): string {
  const blocks: string[] = [];
  const mutationFields = [...model.mutationFields].sort(byName).map((field) => renderField(field, '  '));
  blocks.push(`schema {\n  query: Query\n  mutation: Mutation\n}`);
  // GraphQL requires a query root; the pages document mutations only.
  blocks.push(
    `${description('The reference pages document mutations only; no query field is known.', '')}type Query {\n` +
      `  ${PLACEHOLDER_FIELD}: Boolean @deprecated(reason: ${JSON.stringify(PLACEHOLDER_REASON)})\n}`,
  );
  blocks.push(`type Mutation {\n${mutationFields.join('\n')}\n}`);

  for (const name of [...model.valueScalars].sort()) {
    blocks.push(`${description(VALUE_SCALAR_DESCRIPTION, '')}scalar ${name}`);
  }
  for (const name of [...model.opaqueInputScalars].sort()) {
    blocks.push(`${description(OPAQUE_INPUT_DESCRIPTION, '')}scalar ${name}`);
  }
  for (const [name, members] of [...model.unions].sort(([a], [b]) => byName({ name: a }, { name: b }))) {
    blocks.push(`union ${name} = ${members.join(' | ')}`);
  }
  for (const type of [...model.objectTypes.values()].sort(byName)) {
    const isInterface = isInterfaceName(type.name);
    const keyword = isInterface ? 'interface' : 'type';
    if (type.fields.size === 0) {
      blocks.push(
        `${description(isInterface ? `${OPEN_INTERFACE_DESCRIPTION}\n${OPAQUE_OBJECT_DESCRIPTION}` : OPAQUE_OBJECT_DESCRIPTION, '')}${keyword} ${type.name} {\n` +
          `  ${PLACEHOLDER_FIELD}: Boolean @deprecated(reason: ${JSON.stringify(PLACEHOLDER_REASON)})\n}`,
      );
    } else {
      const fields = [...type.fields.values()].map((field) => renderField(field, '  '));
      blocks.push(`${isInterface ? description(OPEN_INTERFACE_DESCRIPTION, '') : ''}${keyword} ${type.name} {\n${fields.join('\n')}\n}`);
    }
  }
  return `${header}\n${blocks.join('\n\n')}\n`;
}

function renderField(field: ModelField, indent: string): string {
  const described = field.args.some((a) => a.description !== null);
  const args =
    field.args.length === 0
      ? ''
      : described
        ? `(\n${field.args.map((a) => `${a.description === null ? '' : description(a.description, `${indent}  `)}${indent}  ${a.name}: ${a.type}`).join('\n')}\n${indent})`
        : `(${field.args.map((a) => `${a.name}: ${a.type}`).join(', ')})`;
  const deprecated =
    field.deprecationReason === null ? '' : ` @deprecated(reason: ${JSON.stringify(field.deprecationReason)})`;
  const doc = field.description ? description(field.description, indent) : '';
  return `${doc}${indent}${field.name}${args}: ${field.type}${deprecated}`;
}

function description(text: string, indent: string): string {
  const body = text.replace(/"""/g, '\\"""');
  return `${indent}"""\n${body
    .split('\n')
    .map((line) => `${indent}${line}`)
    .join('\n')}\n${indent}"""\n`;
}

function byName(a: { name: string }, b: { name: string }): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}
