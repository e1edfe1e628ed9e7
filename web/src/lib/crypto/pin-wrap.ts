// The device key, wrapped with a key derived from a user's PIN (WebCrypto: PBKDF2-SHA256 and
// AES-GCM), so that the user can unlock the device offline. The unwrapped key lives only in
// memory. ADR 0003 records what this protects against and what it does not.

const ITERATIONS = 600_000; // OWASP 2023 for PBKDF2-HMAC-SHA256

/** A PIN the desk accepts: 6 to 12 digits, not all the same, not a plain run. */
export function explainPin(pin: string): string | undefined {
  if (!/^\d{6,12}$/.test(pin)) return 'Use 6 to 12 digits for your PIN';
  if (/^(\d)\1+$/.test(pin)) return 'Do not use the same digit throughout';
  if ('01234567890123456789'.includes(pin) || '98765432109876543210'.includes(pin))
    return 'Do not use a run of digits like 123456';
  return undefined;
}

async function pinKey(pin: string, salt: Uint8Array): Promise<CryptoKey> {
  const material = await crypto.subtle.importKey(
    'raw',
    new TextEncoder().encode(pin),
    'PBKDF2',
    false,
    ['deriveKey'],
  );
  return crypto.subtle.deriveKey(
    { name: 'PBKDF2', hash: 'SHA-256', salt: salt as BufferSource, iterations: ITERATIONS },
    material,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

export interface WrappedKey {
  pinSalt: Uint8Array;
  wrapIv: Uint8Array;
  wrappedKey: Uint8Array;
}

/** Wraps the device key under the PIN. */
export async function wrapWithPin(deviceKey: Uint8Array, pin: string): Promise<WrappedKey> {
  const pinSalt = crypto.getRandomValues(new Uint8Array(16));
  const wrapIv = crypto.getRandomValues(new Uint8Array(12));
  const key = await pinKey(pin, pinSalt);
  const wrapped = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv: wrapIv as BufferSource },
    key,
    deviceKey as BufferSource,
  );
  return { pinSalt, wrapIv, wrappedKey: new Uint8Array(wrapped) };
}

/** Unwraps the device key with the PIN; undefined when the PIN is wrong. */
export async function unwrapWithPin(
  wrapped: WrappedKey,
  pin: string,
): Promise<Uint8Array | undefined> {
  const key = await pinKey(pin, wrapped.pinSalt);
  try {
    const raw = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: wrapped.wrapIv as BufferSource },
      key,
      wrapped.wrappedKey as BufferSource,
    );
    return new Uint8Array(raw);
  } catch {
    return undefined;
  }
}
