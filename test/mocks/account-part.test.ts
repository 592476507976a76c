// The mock's readable account part (mocks/account-schema.ts): a query with a seeded Relay connection that the
// README's query and pagination examples run against.
import { describe, expect, it } from 'vitest';
import { createKrakenEngine } from '../../mocks/index.js';
import { brandSource } from '../../mocks/brands.js';

const QUERY = `query Transactions($accountNumber: String!, $first: Int, $after: String) {
  account(accountNumber: $accountNumber) { balance transactions(first: $first, after: $after) { edges { cursor node { id amount postedDate title } } pageInfo { hasNextPage endCursor } } }
}`;

async function ask(brand: 'st' | 'oejp', variables: Record<string, unknown>) {
  const engine = createKrakenEngine(brandSource(brand));
  const response = await engine.handleKrakenRequest({ endpoint: 'api', headers: {}, body: { query: QUERY, variables } });
  return response.body as { data?: { account: { transactions: { edges: Array<{ cursor: string; node: { id: string } }>; pageInfo: { hasNextPage: boolean; endCursor: string | null } } } } | null; errors?: unknown[] };
}

describe.each(['st', 'oejp'] as const)('the %s mock answers account(accountNumber) { transactions }', (brand) => {
  it('pages through 10 stable, seeded transactions with first/after', async () => {
    const first = await ask(brand, { accountNumber: 'A-1', first: 4 });
    expect(first.errors).toBeUndefined();
    const page1 = first.data!.account.transactions;
    expect(page1.edges).toHaveLength(4);
    expect(page1.pageInfo.hasNextPage).toBe(true);
    const ids: string[] = page1.edges.map((edge) => edge.node.id);
    let after = page1.pageInfo.endCursor;
    for (let page = 0; after !== null && page < 5; page += 1) {
      const next = (await ask(brand, { accountNumber: 'A-1', first: 4, after })).data!.account.transactions;
      ids.push(...next.edges.map((edge) => edge.node.id));
      after = next.pageInfo.hasNextPage ? next.pageInfo.endCursor : null;
    }
    expect(ids).toHaveLength(10);
    expect(new Set(ids).size).toBe(10);
    // Same request, same answer.
    expect((await ask(brand, { accountNumber: 'A-1', first: 4 })).data).toEqual(first.data);
  });
});
