/**
 * The generator's docs step: a Markdown reference per brand (docs/<brand>.md) from the catalog and the
 * brand schema. Each operation: description, variables, result fields, documented errors, deprecation.
 */
import {
  buildSchema,
  getNamedType,
  isInputObjectType,
  isObjectType,
  isSpecifiedScalarType,
  isUnionType,
  type GraphQLField,
  type GraphQLInputField,
  type GraphQLNamedType,
  type GraphQLSchema,
} from 'graphql';
import type { Catalog, CatalogOperation } from '../catalog/types.js';
import type { GenerationStep } from './generate.js';
import { PLACEHOLDER_FIELD } from './schema-sdl.js';

export const docsPath = (brand: string): string => `docs/${brand}.md`;

/** Text safe inside one Markdown table cell. */
function cell(text: string | null | undefined): string {
  return (text ?? '').replace(/\s*\n\s*/g, ' ').replace(/\|/g, '\\|').trim();
}

function table(headers: string[], rows: string[][]): string[] {
  return [`| ${headers.join(' | ')} |`, `|${headers.map(() => '---').join('|')}|`, ...rows.map((row) => `| ${row.join(' | ')} |`)];
}

/** The GitHub-style anchor of an operation's heading (headings are the field names). */
const anchor = (field: string): string => field.toLowerCase();

function fieldNote(field: GraphQLField<unknown, unknown> | GraphQLInputField): string {
  const deprecation = field.deprecationReason ? ` (deprecated: ${field.deprecationReason})` : '';
  return cell(`${field.description ?? ''}${deprecation}`);
}

function variableRows(operation: CatalogOperation, schema: GraphQLSchema): string[][] {
  const rows: string[][] = [];
  for (const argument of operation.args) {
    const named: GraphQLNamedType | undefined = schema.getType(argument.type.replace(/[[\]!]/g, ''));
    // Without its own description, an argument borrows its type's (the brand's, never a built-in scalar's).
    const typeDescription = named === undefined || isSpecifiedScalarType(named) ? undefined : named.description;
    rows.push([`\`${argument.name}\``, `\`${argument.type}\``, cell(argument.description ?? typeDescription)]);
    // Input objects the schema spells out are listed one level deep; opaque input scalars cannot be.
    if (named !== undefined && isInputObjectType(named)) {
      for (const field of Object.values(named.getFields())) {
        rows.push([`\`${argument.name}.${field.name}\``, `\`${String(field.type)}\``, fieldNote(field)]);
      }
    }
  }
  return rows;
}

function resultLines(operation: CatalogOperation, schema: GraphQLSchema): string[] {
  const mutationField = schema.getMutationType()?.getFields()[operation.field];
  if (mutationField === undefined) return ['**Result**: not documented on the page.'];
  const type = getNamedType(mutationField.type);
  const fieldsOf = (label: string, fields: Record<string, GraphQLField<unknown, unknown>>): string[] => {
    const documented = Object.values(fields).filter((field) => field.name !== PLACEHOLDER_FIELD);
    return [
      label,
      '',
      ...(documented.length === 0
        ? ['No fields documented on the page.']
        : table(
            ['field', 'type', 'description'],
            documented.map((field) => [`\`${field.name}\``, `\`${String(field.type)}\``, fieldNote(field)]),
          )),
    ];
  };
  if (isObjectType(type)) return fieldsOf(`**Result** \`${type.name}\``, type.getFields());
  if (isUnionType(type)) {
    const members = type.getTypes();
    return [
      `**Result** \`${type.name}\`, one of ${members.map((member) => `\`${member.name}\``).join(', ')}`,
      ...members.flatMap((member) => ['', ...fieldsOf(`Member \`${member.name}\``, member.getFields())]),
    ];
  }
  return [`**Result** \`${String(mutationField.type)}\``];
}

function operationSection(operation: CatalogOperation, catalog: Catalog, schema: GraphQLSchema): string[] {
  const lines = [`## ${operation.field}`, ''];
  const endpoint = operation.endpoint === 'auth' ? `authentication server (${catalog.endpoints.auth ?? ''})` : 'API';
  lines.push(`\`${operation.operationName}Document\` from \`kraken-sdk/${catalog.brand}\` · endpoint: ${endpoint} · [${operation.document}](../${operation.document})`, '');
  if (operation.deprecation !== null) {
    const { reason, deprecatedOn, removalOn } = operation.deprecation;
    lines.push(`> **Deprecated** since ${deprecatedOn}, to be removed on ${removalOn}: ${cell(reason)}`, '');
  }
  if (operation.description.trim() !== '') lines.push(operation.description.trim(), '');
  lines.push('**Variables**', '');
  const variables = variableRows(operation, schema);
  lines.push(...(variables.length === 0 ? ['None.'] : table(['name', 'type', 'description'], variables)), '');
  lines.push(...resultLines(operation, schema), '');
  lines.push('**Documented errors**', '');
  lines.push(
    ...(operation.errors.length === 0
      ? ['None documented.']
      : table(
          ['code', 'message'],
          operation.errors.map((error) => [`\`${error.code}\``, cell(error.message)]),
        )),
    '',
  );
  return lines;
}

/** The whole reference page of one brand. Deterministic: operations in catalog order. */
export function renderBrandDocs(catalog: Catalog, schemaSdl: string, pageFileName: string): string {
  const schema = buildSchema(schemaSdl);
  const deprecated = catalog.operations.filter((operation) => operation.deprecation !== null).length;
  const lines = [
    `<!-- Generated by src/generator from ${pageFileName}. Do not edit: change the generator and run npm run generate. -->`,
    `# \`${catalog.brand}\` reference`,
    '',
    `${catalog.operations.length} documented mutations (${deprecated} deprecated) of \`kraken-sdk/${catalog.brand}\`, from \`catalog/${catalog.brand}.json\`. API: ${catalog.endpoints.api}` +
      (catalog.endpoints.auth === undefined ? '' : `; authentication server: ${catalog.endpoints.auth}`) +
      '. Besides the errors listed per operation, any call may fail as the README\'s Errors section describes (authentication, rate limit, network).',
    '',
    ...catalog.operations.map(
      (operation) =>
        `- [${operation.field}](#${anchor(operation.field)})${operation.deprecation === null ? '' : ' (deprecated)'}` +
        (operation.description.trim() === '' ? '' : `: ${cell(operation.description.trim().split('\n')[0])}`),
    ),
    '',
    ...catalog.operations.flatMap((operation) => operationSection(operation, catalog, schema)),
  ];
  return `${lines.join('\n').trimEnd()}\n`;
}

/** Generation step: docs/<brand>.md for each brand generated. */
export const docsStep: GenerationStep = (generation) =>
  new Map([[docsPath(generation.catalog.brand), renderBrandDocs(generation.catalog, generation.schemaSdl, generation.pageFileName)]]);
