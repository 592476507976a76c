// Type-checked in the consumer project (CommonJS resolution).
import { createKrakenClient, VerifyIdentityDocument } from 'kraken-sdk/oejp';
import type { KrakenError } from 'kraken-sdk';

const client = createKrakenClient();
export async function verify(): Promise<string | null | undefined> {
  const result = await client.request(VerifyIdentityDocument, { input: {} });
  return result.verifyIdentity?.token;
}
export type Failure = KrakenError;
// @ts-expect-error st-only mutation
import { CreateOnSiteJobsAppointmentDocument } from 'kraken-sdk/oejp';
void CreateOnSiteJobsAppointmentDocument;
// A client built here, on the CommonJS types, takes a login made in typed.mts on the ESM types (one program, both builds).
import type { KrakenAuth, KrakenClient } from 'kraken-sdk';
export const clientWith = (auth: KrakenAuth): KrakenClient => createKrakenClient({ auth });
