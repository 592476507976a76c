import { expect, it } from 'vitest';
import { createKrakenClient as createCore } from 'kraken-sdk';
import { createKrakenClient, endpoints } from 'kraken-sdk/st';

it('resolves the package by name to the sources, as a consumer imports it', () => {
  expect(endpoints.api).toBe('https://api.st.kraken.tech/v1/graphql/');
  expect(createKrakenClient).not.toBe(createCore);
});
