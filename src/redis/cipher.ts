// Encryption of stored sessions (AES-GCM, Web Crypto) and the keyed key names that go with it.

export interface SessionCipher {
  encrypt(text: string, key: string): Promise<string>;
  decrypt(value: string, key: string): Promise<string>;
  /** 32 bytes only the key's holders can compute, for keyed key names. */
  nameKey(): Promise<Uint8Array>;
}

// AES-GCM of 32 zero bytes under this fixed IV is a pseudo-random function of the key alone (a CryptoKey may not be
// extractable, so the name key is derived through it). Session writes use random IVs, which meet this one with chance 2^-96.
const NAME_KEY_IV = new TextEncoder().encode('kraken-names');

const VERSION = 'v1';

/** What the store does with its key: a CryptoKey given must allow both. */
const KEY_USAGES: readonly KeyUsage[] = ['encrypt', 'decrypt'];

/** AES-GCM with a fresh 96-bit IV per write; the Redis key is the associated data, so a value cannot be moved to another identity. */
export function sessionCipher(given: Uint8Array | CryptoKey): SessionCipher {
  const { subtle } = globalThis.crypto;
  let key: Promise<CryptoKey>;
  if (given instanceof Uint8Array) {
    if (![16, 24, 32].includes(given.byteLength)) {
      throw new TypeError(`createRedisSessionStore: encryptionKey must be 16, 24 or 32 bytes, got ${given.byteLength}.`);
    }
    key = subtle.importKey('raw', new Uint8Array(given), 'AES-GCM', false, [...KEY_USAGES]);
  } else if (typeof given === 'object' && given !== null && (given as CryptoKey).algorithm?.name === 'AES-GCM') {
    // Checked here: a key that cannot encrypt would otherwise fail in forScope's key-name derivation, which
    // nothing awaits yet, as an unhandled rejection.
    const { usages } = given as CryptoKey;
    if (!KEY_USAGES.every((usage) => usages?.includes(usage))) {
      throw new TypeError(`createRedisSessionStore: encryptionKey must allow both encrypt and decrypt, got usages [${String(usages)}].`);
    }
    key = Promise.resolve(given);
  } else {
    throw new TypeError('createRedisSessionStore: encryptionKey must be a Uint8Array of 16, 24 or 32 bytes or an AES-GCM CryptoKey.');
  }
  const encoder = new TextEncoder();
  let nameKey: Promise<Uint8Array> | undefined;
  return {
    nameKey: () =>
      (nameKey ??= key.then(async (cryptoKey) => new Uint8Array(await subtle.encrypt({ name: 'AES-GCM', iv: NAME_KEY_IV }, cryptoKey, new Uint8Array(32))).slice(0, 32))),
    encrypt: async (text, associated) => {
      const iv = globalThis.crypto.getRandomValues(new Uint8Array(12));
      const sealed = await subtle.encrypt({ name: 'AES-GCM', iv, additionalData: encoder.encode(associated) }, await key, encoder.encode(text));
      return `${VERSION}.${Buffer.from(iv).toString('base64')}.${Buffer.from(sealed).toString('base64')}`;
    },
    decrypt: async (value, associated) => {
      const [version, iv, sealed] = value.split('.');
      if (version !== VERSION || iv === undefined || sealed === undefined) throw new Error('the stored session is not encrypted with this store\'s format');
      try {
        const opened = await subtle.decrypt(
          { name: 'AES-GCM', iv: Buffer.from(iv, 'base64'), additionalData: encoder.encode(associated) },
          await key,
          Buffer.from(sealed, 'base64'),
        );
        return new TextDecoder().decode(opened);
      } catch {
        throw new Error('the stored session could not be decrypted (a different encryptionKey?)');
      }
    },
  };
}
