/** Consumer-style GraphQL POST with plain fetch. */
export interface GraphQLReply {
  status: number;
  headers: Headers;
  json: { data?: Record<string, unknown> | null; errors?: Array<{ message: string; locations?: unknown; path?: unknown; extensions?: Record<string, unknown> }> };
}

export async function postGraphQL(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<GraphQLReply> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, headers: response.headers, json: (await response.json()) as GraphQLReply['json'] };
}
