import { gcm } from '@noble/ciphers/aes.js';
import { hkdf } from '@noble/hashes/hkdf.js';
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';

/** The keys derived from the device's data key: one to seal records, one for blind indexes. */
export interface DataKeys {
  seal: Uint8Array;
  index: Uint8Array;
}

const text = new TextEncoder();
const untext = new TextDecoder();
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** Derives the sealing and index keys from the 32-byte device key (HKDF-SHA256). */
export function deriveDataKeys(deviceKey: Uint8Array): DataKeys {
  if (deviceKey.length !== 32) throw new Error('the device key must be 32 bytes');
  return {
    seal: hkdf(sha256, deviceKey, undefined, text.encode('clinicdesk record seal v1'), 32),
    index: hkdf(sha256, deviceKey, undefined, text.encode('clinicdesk blind index v1'), 32),
  };
}

/**
 * Seals a value with AES-256-GCM under a fresh random IV: the stored bytes are IV then
 * ciphertext and tag. Synchronous on purpose: IndexedDB transactions end if they await
 * anything but IndexedDB, and WebCrypto only answers with promises (ADR 0003).
 */
export function sealValue(keys: DataKeys, value: unknown): Uint8Array {
  const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const sealed = gcm(keys.seal, iv).encrypt(text.encode(JSON.stringify(value)));
  const out = new Uint8Array(IV_BYTES + sealed.length);
  out.set(iv);
  out.set(sealed, IV_BYTES);
  return out;
}

const webCryptoKeys = new WeakMap<DataKeys, Promise<CryptoKey>>();

/** The sealing key as a non-extractable WebCrypto key, imported once for each set of keys. */
function webCryptoKey(keys: DataKeys): Promise<CryptoKey> {
  let key = webCryptoKeys.get(keys);
  if (!key) {
    key = crypto.subtle.importKey('raw', keys.seal as BufferSource, 'AES-GCM', false, [
      'encrypt',
      'decrypt',
    ]);
    webCryptoKeys.set(keys, key);
  }
  return key;
}

/**
 * `sealValue` through WebCrypto, for rows sealed before their transaction opens (a first copy's
 * patients, issue 10): the browser encrypts off the main thread, which is then free to write the
 * page before. The bytes are the same AES-256-GCM form (IV, then ciphertext and tag), opened by
 * `openValue`.
 */
export function sealValueAsync(keys: DataKeys, value: unknown): Promise<Uint8Array> {
  return textSealer(keys)(JSON.stringify(value));
}

/**
 * Seals text later under `keys` while holding only their non-extractable WebCrypto key, not the
 * raw key bytes: for sealing after the keys themselves have left memory (a lock).
 */
export function textSealer(keys: DataKeys): (plain: string) => Promise<Uint8Array> {
  const key = webCryptoKey(keys);
  return async (plain) => {
    const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
    const sealed = await crypto.subtle.encrypt(
      { name: 'AES-GCM', iv },
      await key,
      text.encode(plain),
    );
    const out = new Uint8Array(IV_BYTES + sealed.byteLength);
    out.set(iv);
    out.set(new Uint8Array(sealed), IV_BYTES);
    return out;
  };
}

/** Opens a sealed value; throws when it was sealed under another key or was altered. */
export function openValue<T>(keys: DataKeys, bytes: Uint8Array): T {
  return JSON.parse(openText(keys, bytes)) as T;
}

/** A sealed value's JSON text; throws when it was sealed under another key or was altered. */
export function openText(keys: DataKeys, bytes: Uint8Array): string {
  const plain = gcm(keys.seal, bytes.subarray(0, IV_BYTES)).decrypt(bytes.subarray(IV_BYTES));
  return untext.decode(plain);
}

/**
 * `openText` by WebCrypto: the work leaves the main thread, for reads outside a transaction.
 * Rejects when the value was sealed under another key or was altered.
 */
export async function openTextAsync(keys: DataKeys, bytes: Uint8Array): Promise<string> {
  const plain = await crypto.subtle.decrypt(
    { name: 'AES-GCM', iv: bytes.subarray(0, IV_BYTES) as BufferSource },
    await webCryptoKey(keys),
    bytes.subarray(IV_BYTES) as BufferSource,
  );
  return untext.decode(plain);
}

/**
 * What tells one sealing from every other: its random IV and its authentication tag (the first
 * 12 and last 16 bytes), as a string to key a map by.
 */
export function sealingOf(bytes: Uint8Array): string {
  return String.fromCharCode(
    ...bytes.subarray(0, IV_BYTES),
    ...bytes.subarray(Math.max(IV_BYTES, bytes.length - TAG_BYTES)),
  );
}

/**
 * A blind index (HMAC-SHA256) of a value, so that an encrypted field can still be looked up
 * by equality (an NHS number) without storing it readable.
 */
export function blindIndex(keys: DataKeys, value: string): string {
  return [...hmac(sha256, keys.index, text.encode(value))]
    .map((b) => b.toString(16).padStart(2, '0'))
    .join('');
}
