/**
 * The page's example values are JSON-like but not JSON: a bare type name stands for an object
 * (or enum) of that type, `[X]` for a list, and `a | b | c` for a value of several kinds.
 */
export type ExampleValue =
  | { kind: 'object'; entries: Map<string, ExampleValue> }
  | { kind: 'list'; items: ExampleValue[] }
  | { kind: 'string'; value: string }
  | { kind: 'int'; value: number }
  | { kind: 'float'; value: number }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'null' }
  | { kind: 'typeName'; name: string }
  | { kind: 'alternatives'; options: ExampleValue[] };

type Token = { type: 'punct'; value: string } | { type: 'string'; value: string } | { type: 'word'; value: string };

export class ExampleSyntaxError extends Error {
  override readonly name = 'ExampleSyntaxError';
}

export function parseExampleValue(text: string): ExampleValue {
  const tokens = tokenize(text);
  let position = 0;
  const peek = (): Token | undefined => tokens[position];
  const expect = (value: string): void => {
    const token = tokens[position];
    if (token?.type !== 'punct' || token.value !== value) {
      throw new ExampleSyntaxError(`expected "${value}" but found ${token ? `"${token.value}"` : 'the end'}`);
    }
    position += 1;
  };

  const parseValue = (): ExampleValue => {
    const first = parsePrimary();
    if (!(peek()?.type === 'punct' && peek()?.value === '|')) return first;
    const options = [first];
    while (peek()?.type === 'punct' && peek()?.value === '|') {
      position += 1;
      options.push(parsePrimary());
    }
    return { kind: 'alternatives', options };
  };

  const parsePrimary = (): ExampleValue => {
    const token = tokens[position];
    if (token === undefined) throw new ExampleSyntaxError('unexpected end of example');
    position += 1;
    if (token.type === 'string') return { kind: 'string', value: token.value };
    if (token.type === 'word') {
      if (token.value === 'true' || token.value === 'false') return { kind: 'boolean', value: token.value === 'true' };
      if (token.value === 'null') return { kind: 'null' };
      if (/^-?\d+$/.test(token.value)) return { kind: 'int', value: Number(token.value) };
      if (/^-?\d+\.\d+([eE][-+]?\d+)?$/.test(token.value)) return { kind: 'float', value: Number(token.value) };
      if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(token.value)) return { kind: 'typeName', name: token.value };
      throw new ExampleSyntaxError(`unreadable value "${token.value}"`);
    }
    if (token.value === '{') {
      const entries = new Map<string, ExampleValue>();
      while (!(peek()?.type === 'punct' && peek()?.value === '}')) {
        const key = tokens[position];
        if (key?.type !== 'string') throw new ExampleSyntaxError('expected a quoted key');
        position += 1;
        expect(':');
        entries.set(key.value, parseValue());
        if (peek()?.type === 'punct' && peek()?.value === ',') position += 1;
      }
      expect('}');
      return { kind: 'object', entries };
    }
    if (token.value === '[') {
      const items: ExampleValue[] = [];
      while (!(peek()?.type === 'punct' && peek()?.value === ']')) {
        items.push(parseValue());
        if (peek()?.type === 'punct' && peek()?.value === ',') position += 1;
      }
      expect(']');
      return { kind: 'list', items };
    }
    throw new ExampleSyntaxError(`unexpected "${token.value}"`);
  };

  const value = parseValue();
  if (position !== tokens.length) throw new ExampleSyntaxError('unexpected text after the example value');
  return value;
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const char = text[i] ?? '';
    if (/\s/.test(char)) {
      i += 1;
    } else if ('{}[]:,|'.includes(char)) {
      tokens.push({ type: 'punct', value: char });
      i += 1;
    } else if (char === '"') {
      let end = i + 1;
      while (end < text.length && text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
      if (end >= text.length) throw new ExampleSyntaxError('unterminated string');
      tokens.push({ type: 'string', value: JSON.parse(text.slice(i, end + 1)) as string });
      i = end + 1;
    } else {
      const match = /^[^\s{}[\]:,|"]+/.exec(text.slice(i));
      const word = match?.[0] ?? char;
      tokens.push({ type: 'word', value: word });
      i += word.length;
    }
  }
  return tokens;
}
