// The type of a document's operation, read from its text: the first `query`, `mutation` or `subscription` at the top
// level, past comments, strings, arguments and fragments (a `{` first is the query shorthand). Used by the code that
// reports a call (events, hooks, retries), loaded with it.
export function operationTypeOf(text: string): string {
  // Braces and parentheses open (inside parentheses a brace is an object value, not a selection), and in a fragment.
  let braces = 0;
  let parens = 0;
  let fragment = false;
  for (const [token] of text.matchAll(/#.*|"""[\s\S]*?"""|"(?:\\.|[^"\\])*"|[(){}]|\w+/g)) {
    if (token === '(' || token === ')') parens += token === '(' ? 1 : -1;
    else if (parens || /^[#"]/.test(token)) continue;
    else if (token === '}') {
      if (--braces === 0) fragment = false;
    } else if (token === '{') {
      if (!braces++ && !fragment) return 'query';
    } else if (!braces) {
      if (/^(query|mutation|subscription)$/.test(token) && !fragment) return token;
      fragment ||= token === 'fragment';
    }
  }
  return 'query';
}
