// Prints a request document (operations and fragments) as compact GraphQL text, for a user's DocumentNode
// that carries no source text. graphql's own printer is about 14 KB minified and pretty-prints; a server
// needs only the tokens.
import type { ASTNode, DocumentNode } from 'graphql';

type Named = { readonly name?: { readonly value: string } | undefined };

const all = (nodes: readonly ASTNode[] | undefined, separator: string): string => (nodes ?? []).map(printNode).join(separator);

const wrapped = (open: string, nodes: readonly ASTNode[] | undefined, close: string): string =>
  nodes !== undefined && nodes.length > 0 ? `${open}${all(nodes, ',')}${close}` : '';

const nameOf = (node: Named): string => node.name?.value ?? '';

const directives = (node: { readonly directives?: readonly ASTNode[] | undefined }): string =>
  node.directives !== undefined && node.directives.length > 0 ? ` ${all(node.directives, ' ')}` : '';

function printNode(node: ASTNode): string {
  switch (node.kind) {
    case 'Document':
      return all(node.definitions, ' ');
    case 'OperationDefinition':
      return `${node.operation}${node.name ? ` ${node.name.value}` : ''}${wrapped('(', node.variableDefinitions, ')')}${directives(node)} ${printNode(node.selectionSet)}`;
    case 'FragmentDefinition':
      return `fragment ${node.name.value}${wrapped('(', node.variableDefinitions, ')')} on ${node.typeCondition.name.value}${directives(node)} ${printNode(node.selectionSet)}`;
    case 'VariableDefinition':
      return `${printNode(node.variable)}:${printNode(node.type)}${node.defaultValue ? `=${printNode(node.defaultValue)}` : ''}${directives(node)}`;
    case 'SelectionSet':
      return `{${all(node.selections, ' ')}}`;
    case 'Field':
      return `${node.alias ? `${node.alias.value}:` : ''}${node.name.value}${wrapped('(', node.arguments, ')')}${directives(node)}${node.selectionSet ? printNode(node.selectionSet) : ''}`;
    case 'FragmentSpread':
      return `...${node.name.value}${directives(node)}`;
    case 'InlineFragment':
      return `...${node.typeCondition ? ` on ${node.typeCondition.name.value}` : ''}${directives(node)}${printNode(node.selectionSet)}`;
    case 'Argument':
    case 'ObjectField':
      return `${node.name.value}:${printNode(node.value)}`;
    case 'Directive':
      return `@${node.name.value}${wrapped('(', node.arguments, ')')}`;
    case 'Variable':
      return `$${node.name.value}`;
    case 'IntValue':
    case 'FloatValue':
    case 'EnumValue':
      return node.value;
    case 'StringValue':
      // A block string's value is already its processed text; JSON's escapes are all valid GraphQL escapes.
      return JSON.stringify(node.value);
    case 'BooleanValue':
      return node.value ? 'true' : 'false';
    case 'NullValue':
      return 'null';
    case 'ListValue':
      return `[${all(node.values, ',')}]`;
    case 'ObjectValue':
      return `{${all(node.fields, ',')}}`;
    case 'NamedType':
      return node.name.value;
    case 'ListType':
      return `[${printNode(node.type)}]`;
    case 'NonNullType':
      return `${printNode(node.type)}!`;
    default:
      throw new TypeError(`A request document cannot hold a ${node.kind}${nameOf(node as Named) ? ` (${nameOf(node as Named)})` : ''}: only operations and fragments are sent.`);
  }
}

/** The document as compact GraphQL text (same meaning as graphql's `print`, without its layout). */
export function printDocument(document: DocumentNode): string {
  return printNode(document);
}
