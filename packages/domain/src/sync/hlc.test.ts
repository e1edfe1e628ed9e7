import { describe, expect, it } from 'vitest';
import { formatHlc, isTooFarAhead, parseHlc, receiveHlc, tickHlc, type Hlc } from './hlc.ts';

describe('hybrid logical clocks', () => {
  it('round-trips through its string form, which sorts in clock order', () => {
    const clocks: Hlc[] = [
      { wall: 1_700_000_000_000, counter: 0, node: 'b' },
      { wall: 1_700_000_000_000, counter: 1, node: 'a' },
      { wall: 1_700_000_000_001, counter: 0, node: 'a' },
    ];
    const texts = clocks.map(formatHlc);
    expect(texts.map((t) => parseHlc(t))).toEqual(clocks);
    expect([...texts].sort()).toEqual(texts);
  });

  it.each(['', 'nonsense', '123:1:a', '000000000000001:00001'])('refuses %j as a clock', (text) => {
    expect(parseHlc(text)).toBeUndefined();
  });

  it('never runs backwards, even when the wall clock does', () => {
    const a = tickHlc(undefined, 1000, 'n');
    const b = tickHlc(a, 900, 'n');
    const c = tickHlc(b, 900, 'n');
    expect(formatHlc(b) > formatHlc(a)).toBe(true);
    expect(formatHlc(c) > formatHlc(b)).toBe(true);
  });

  it('moves past a remote clock it has seen, so a later edit here wins over it', () => {
    const remote = { wall: 5000, counter: 3, node: 'remote' };
    const after = receiveHlc({ wall: 1000, counter: 0, node: 'me' }, remote, 2000, 'me');
    const next = tickHlc(after, 2000, 'me');
    expect(formatHlc(next) > formatHlc(remote)).toBe(true);
  });

  it('takes the wall clock when it is ahead of everything seen', () => {
    expect(
      receiveHlc(
        { wall: 1000, counter: 4, node: 'me' },
        { wall: 1500, counter: 9, node: 'r' },
        3000,
        'me',
      ),
    ).toEqual({ wall: 3000, counter: 0, node: 'me' });
  });

  it('refuses a clock more than five minutes ahead of the server, and allows one within', () => {
    const server = 1_000_000;
    expect(isTooFarAhead({ wall: server + 5 * 60_000, counter: 0, node: 'n' }, server)).toBe(false);
    expect(isTooFarAhead({ wall: server + 5 * 60_000 + 1, counter: 0, node: 'n' }, server)).toBe(
      true,
    );
  });
});
