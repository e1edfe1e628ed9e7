/**
 * Text kept by key, up to a number of characters in all: the first kept go first when more
 * comes. A text longer than the whole bound is not kept at all.
 */
export class BoundedTextCache {
  #texts = new Map<string, string>();
  #length = 0;

  constructor(readonly mostLength: number) {}

  get(key: string): string | undefined {
    return this.#texts.get(key);
  }

  set(key: string, text: string): void {
    const old = this.#texts.get(key);
    if (old !== undefined) {
      this.#texts.delete(key);
      this.#length -= old.length;
    }
    if (text.length > this.mostLength) return;
    this.#length += text.length;
    for (const [first, firstText] of this.#texts) {
      if (this.#length <= this.mostLength) break;
      this.#texts.delete(first);
      this.#length -= firstText.length;
    }
    this.#texts.set(key, text);
  }

  /** How many texts are kept. */
  get size(): number {
    return this.#texts.size;
  }

  /** The characters kept, in all. */
  get length(): number {
    return this.#length;
  }
}
