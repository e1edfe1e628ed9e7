import { describe, expect, it } from 'vitest';
import { deriveDataKeys, openText, sealValue, sealValueAsync } from './field-seal.ts';

const keys = deriveDataKeys(crypto.getRandomValues(new Uint8Array(32)));
const other = deriveDataKeys(crypto.getRandomValues(new Uint8Array(32)));
const VALUE = { familyName: 'Testwood', phone: '07700 900679', history: [{ field: 'phone' }] };

describe('sealing through pure-JS AES and through WebCrypto', () => {
  it('opens what either sealed, under the keys that sealed it', async () => {
    for (const sealed of [sealValue(keys, VALUE), await sealValueAsync(keys, VALUE)]) {
      expect(JSON.parse(openText(keys, sealed))).toEqual(VALUE);
      expect(() => openText(other, sealed)).toThrow();
    }
  });

  it('refuses a value altered after it was sealed', () => {
    const altered = sealValue(keys, VALUE).slice();
    altered[14] = altered[14]! ^ 0x01;
    expect(() => openText(keys, altered)).toThrow();
  });
});
