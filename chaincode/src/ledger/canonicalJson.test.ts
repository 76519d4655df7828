import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonicalJson';

describe('canonicalJson', () => {
  it('sorts top-level keys', () => {
    expect(canonicalJson({ b: 1, a: 2, c: 3 })).toBe('{"a":2,"b":1,"c":3}');
  });

  it('gives the same bytes whatever the insertion order, at every depth', () => {
    const one = { z: { y: 1, x: [{ q: 1, p: { n: 2, m: 3 } }] }, a: 'first' };
    const other = { a: 'first', z: { x: [{ p: { m: 3, n: 2 }, q: 1 }], y: 1 } };
    expect(canonicalJson(one)).toBe(canonicalJson(other));
    expect(canonicalJson(one)).toBe('{"a":"first","z":{"x":[{"p":{"m":3,"n":2},"q":1}],"y":1}}');
  });

  it('gives the same bytes for every permutation of the keys', () => {
    const entries: [string, number][] = [['issuer', 1], ['holder', 2], ['status', 3], ['validFrom', 4]];
    const expected = '{"holder":2,"issuer":1,"status":3,"validFrom":4}';
    const permutations = (items: [string, number][]): [string, number][][] =>
      items.length <= 1 ? [items] : items.flatMap((item, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]));
    for (const order of permutations(entries)) expect(canonicalJson(Object.fromEntries(order))).toBe(expected);
  });

  it('sorts keys by code unit, upper case before lower case', () => {
    expect(canonicalJson({ b: 1, B: 2, a: 3, A: 4 })).toBe('{"A":4,"B":2,"a":3,"b":1}');
  });

  it('drops undefined members at every depth', () => {
    expect(canonicalJson({ a: undefined, b: { c: undefined, d: 1 } })).toBe('{"b":{"d":1}}');
  });

  it('keeps null members', () => {
    expect(canonicalJson({ a: null })).toBe('{"a":null}');
  });

  it('keeps array order', () => {
    expect(canonicalJson({ list: [3, 1, 2, 'b', 'a'] })).toBe('{"list":[3,1,2,"b","a"]}');
  });

  it('sorts the keys of objects inside arrays', () => {
    expect(canonicalJson([{ b: 1, a: 2 }, { d: 3, c: 4 }])).toBe('[{"a":2,"b":1},{"c":4,"d":3}]');
  });

  it('writes undefined inside an array as null, like JSON.stringify', () => {
    expect(canonicalJson([1, undefined, 3])).toBe('[1,null,3]');
  });

  it('writes scalars as JSON.stringify does', () => {
    expect([canonicalJson('厦门'), canonicalJson(1.5), canonicalJson(true), canonicalJson(null)]).toEqual(['"厦门"', '1.5', 'true', 'null']);
  });

  it('keeps Chinese text as characters, not escapes', () => {
    expect(canonicalJson({ reason: '办理营业执照变更' })).toBe('{"reason":"办理营业执照变更"}');
  });

  it('does not change its input', () => {
    const input = { b: { d: 1, c: 2 }, a: [2, 1] };
    canonicalJson(input);
    expect(Object.keys(input)).toEqual(['b', 'a']);
    expect(Object.keys(input.b)).toEqual(['d', 'c']);
  });

  it('parses back to an equal value', () => {
    const record = { status: 'valid', fields: ['name', 'address'], uses: 0, nested: { k: 'v' } };
    expect(JSON.parse(canonicalJson(record))).toEqual(record);
  });

  it('orders integer-like keys as strings, as a verifier in another language would', () => {
    expect(canonicalJson({ 10: 'a', 9: 'b', a: 1 })).toBe('{"10":"a","9":"b","a":1}');
  });

  it('writes the same text JSON.stringify would for scalars and nested arrays', () => {
    expect(canonicalJson({ b: [1, 'x', null, true, { d: 2, c: 1 }], a: 'é"\\' })).toBe(JSON.stringify({ a: 'é"\\', b: [1, 'x', null, true, { c: 1, d: 2 }] }));
  });
});
