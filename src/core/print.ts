// Prints a request document (operations and fragments) as compact GraphQL text, for a user's DocumentNode
// that carries no source text. graphql's own printer is about 14 KB minified and pretty-prints; a server
// needs only the tokens.
import type { ASTNode } from 'graphql';

function all(nodes: readonly ASTNode[], separator: string): string {
  return nodes.map(printDocument).join(separator);
}

/** `(a,b)`, or nothing for an empty list. */
function parenthesized(nodes: readonly ASTNode[] | undefined): string {
  return nodes?.length ? `(${all(nodes, ',')})` : '';
}

function directives(node: { readonly directives?: readonly ASTNode[] | undefined }): string {
  return node.directives?.length ? ` ${all(node.directives, ' ')}` : '';
}

function on(node: { readonly typeCondition?: { readonly name: { readonly value: string } } | undefined }): string {
  return node.typeCondition ? ` on ${node.typeCondition.name.value}` : '';
}

/** The document (or any node of it) as compact GraphQL text (same meaning as graphql's `print`, without its layout). */
export function printDocument(node: ASTNode): string {
  switch (node.kind) {
    case 'Document':
      return all(node.definitions, ' ');
    case 'OperationDefinition':
      return `${node.operation}${node.name ? ` ${node.name.value}` : ''}${parenthesized(node.variableDefinitions)}${directives(node)} ${printDocument(node.selectionSet)}`;
    case 'FragmentDefinition':
      return `fragment ${node.name.value}${parenthesized(node.variableDefinitions)}${on(node)}${directives(node)} ${printDocument(node.selectionSet)}`;
    case 'VariableDefinition':
      return `${printDocument(node.variable)}:${printDocument(node.type)}${node.defaultValue ? `=${printDocument(node.defaultValue)}` : ''}${directives(node)}`;
    case 'SelectionSet':
      return `{${all(node.selections, ' ')}}`;
    case 'Field':
      return `${node.alias ? `${node.alias.value}:` : ''}${node.name.value}${parenthesized(node.arguments)}${directives(node)}${node.selectionSet ? printDocument(node.selectionSet) : ''}`;
    case 'FragmentSpread':
      return `...${node.name.value}${directives(node)}`;
    case 'InlineFragment':
      return `...${on(node)}${directives(node)}${printDocument(node.selectionSet)}`;
    case 'Argument':
    case 'ObjectField':
      return `${node.name.value}:${printDocument(node.value)}`;
    case 'Directive':
      return `@${node.name.value}${parenthesized(node.arguments)}`;
    case 'Variable':
      return `$${node.name.value}`;
    case 'IntValue':
    case 'FloatValue':
    case 'EnumValue':
    case 'BooleanValue':
      return `${node.value}`;
    case 'StringValue':
      // A block string's value is already its processed text; JSON's escapes are all valid GraphQL escapes.
      return JSON.stringify(node.value);
    case 'NullValue':
      return 'null';
    case 'ListValue':
      return `[${all(node.values, ',')}]`;
    case 'ObjectValue':
      return `{${all(node.fields, ',')}}`;
    case 'NamedType':
      return node.name.value;
    case 'ListType':
      return `[${printDocument(node.type)}]`;
    case 'NonNullType':
      return `${printDocument(node.type)}!`;
    default: {
      const name = (node as { readonly name?: { readonly value: string } }).name?.value;
      throw new TypeError(`A request document cannot hold a ${node.kind}${name ? ` (${name})` : ''}.`);
    }
  }
}
