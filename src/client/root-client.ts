// The root's createKrakenClient (`kraken-sdk`): any Kraken endpoint, logging in with the default login operation
// unless given another. A brand's createKrakenClient presets its own documented one on the core client instead,
// so a brand's client never carries this default.
import { defaultLoginDocument } from '../session/login-document.js';
import { createKrakenClient as createCoreClient } from './client.js';
import type { KrakenClient, KrakenClientOptions } from './types.js';

export function createKrakenClient(options: KrakenClientOptions): KrakenClient {
  // Anything but an object is the core's to refuse, naming what it was.
  return createCoreClient(typeof options === 'object' && options !== null ? { ...options, loginDocument: options.loginDocument ?? defaultLoginDocument } : options);
}
