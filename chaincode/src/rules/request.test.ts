import { describe, expect, it } from 'vitest';
import { Refusal, type RefusalBody } from './refusal';
import { creditCodeOrRefuse, RequestReader } from './request';

const SM3_ABC = '66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0';
const VALID_CODE = '91350100M000100Y43';
const OTHER_VALID_CODE = '914403001922038216';
// 91350100M000100Y44: well formed, but its check character should be 3 (GB 32100-2015).
const MISMATCH_CODE = '91350100M000100Y44';

/**
 * The refusal `act` throws, checked to be a {@link Refusal} whose message parses with
 * `Refusal.parse` into the same rule, field and message.
 */
function refusalOf(act: () => unknown): RefusalBody {
  try {
    act();
  } catch (error) {
    return bodyOf(error);
  }
  throw new Error('expected a refusal, but nothing was thrown');
}

async function asyncRefusalOf(act: () => Promise<unknown>): Promise<RefusalBody> {
  try {
    await act();
  } catch (error) {
    return bodyOf(error);
  }
  throw new Error('expected a refusal, but nothing was thrown');
}

function bodyOf(error: unknown): RefusalBody {
  expect(error).toBeInstanceOf(Refusal);
  const refusal = error as Refusal;
  const body = Refusal.parse(refusal.message);
  expect(body).toEqual({ rule: refusal.rule, field: refusal.field, message: refusal.detail });
  return body as RefusalBody;
}

const read = (body: unknown, fields: readonly string[] = Object.keys(body as object)): RequestReader => RequestReader.parse(JSON.stringify(body), fields);

describe('RequestReader.parse', () => {
  it('refuses text that is not JSON with INPUT_JSON', () => {
    expect(refusalOf(() => RequestReader.parse('{"a":', ['a']))).toEqual({ rule: 'INPUT_JSON', field: '', message: 'the request is not valid JSON' });
  });

  it.each([['an array', '[]'], ['a string', '"x"'], ['a number', '1'], ['null', 'null']])('refuses %s with INPUT_JSON', (_name, json) => {
    expect(refusalOf(() => RequestReader.parse(json, []))).toMatchObject({ rule: 'INPUT_JSON', field: '' });
  });

  it('refuses an unknown field with INPUT_UNKNOWN_FIELD naming it and the allowed fields', () => {
    expect(refusalOf(() => RequestReader.parse('{"name":"x","colour":"red"}', ['name', 'purpose']))).toEqual({
      rule: 'INPUT_UNKNOWN_FIELD',
      field: 'colour',
      message: 'unknown field; allowed: name, purpose',
    });
  });

  it('names the alphabetically first of several unknown fields', () => {
    expect(refusalOf(() => RequestReader.parse('{"zeta":1,"beta":2,"name":"x"}', ['name']))).toMatchObject({ field: 'beta' });
  });

  it('does not take a field\'s name in another case for the field', () => {
    expect(refusalOf(() => RequestReader.parse('{"Name":"x"}', ['name']))).toMatchObject({ rule: 'INPUT_UNKNOWN_FIELD', field: 'Name' });
  });

  it('accepts a request that leaves out optional fields', () => {
    expect(RequestReader.parse('{}', ['name', 'purpose']).has('name')).toBe(false);
  });
});

describe('RequestReader.has', () => {
  it('is true for a present field, even an empty string', () => {
    expect(read({ a: 'x', b: '' }).has('a')).toBe(true);
    expect(read({ a: 'x', b: '' }).has('b')).toBe(true);
  });

  it('is false for an absent or null field', () => {
    expect(read({ a: null }, ['a', 'b']).has('a')).toBe(false);
    expect(read({ a: null }, ['a', 'b']).has('b')).toBe(false);
  });
});

describe('RequestReader.text', () => {
  it('returns the exact text, untrimmed', () => {
    expect(read({ name: '  厦门市 ' }).text('name')).toBe('  厦门市 ');
  });

  it('refuses a missing field with INPUT_REQUIRED', () => {
    expect(refusalOf(() => read({}, ['name']).text('name'))).toEqual({ rule: 'INPUT_REQUIRED', field: 'name', message: 'the field is required' });
  });

  it('refuses null with INPUT_REQUIRED', () => {
    expect(refusalOf(() => read({ name: null }).text('name'))).toMatchObject({ rule: 'INPUT_REQUIRED', field: 'name' });
  });

  it('refuses the empty string with INPUT_REQUIRED', () => {
    expect(refusalOf(() => read({ name: '' }).text('name'))).toMatchObject({ rule: 'INPUT_REQUIRED', field: 'name' });
  });

  it.each([
    [42, 'number'],
    [true, 'boolean'],
    [['x'], 'array'],
    [{ x: 'y' }, 'object'],
  ])('refuses %j with INPUT_TYPE naming its JSON type', (value, type) => {
    expect(refusalOf(() => read({ name: value }).text('name'))).toEqual({ rule: 'INPUT_TYPE', field: 'name', message: `expected a string, got ${type}` });
  });

  it('accepts 256 characters by default', () => {
    expect(read({ name: 'a'.repeat(256) }).text('name')).toHaveLength(256);
  });

  it('refuses 257 characters by default with INPUT_LENGTH', () => {
    expect(refusalOf(() => read({ name: 'a'.repeat(257) }).text('name'))).toEqual({
      rule: 'INPUT_LENGTH',
      field: 'name',
      message: 'expected 1 to 256 characters, got 257',
    });
  });

  it('counts Chinese text per character, not per byte', () => {
    // 10 characters, 30 bytes of UTF-8.
    expect(read({ name: '厦门市市场监督管理局' }).text('name', { max: 10 })).toBe('厦门市市场监督管理局');
  });

  it('counts a character outside the Basic Multilingual Plane once, not per UTF-16 unit', () => {
    // 𠮷 (U+20BB7) is one character, two UTF-16 code units.
    expect(read({ name: '𠮷'.repeat(10) }).text('name', { max: 10 })).toBe('𠮷'.repeat(10));
  });

  it('reports the length in characters when refusing', () => {
    expect(refusalOf(() => read({ name: '𠮷'.repeat(11) }).text('name', { max: 10 }))).toMatchObject({
      rule: 'INPUT_LENGTH',
      message: 'expected 1 to 10 characters, got 11',
    });
  });

  it('refuses text shorter than the minimum with INPUT_LENGTH', () => {
    expect(refusalOf(() => read({ code: 'ab' }).text('code', { min: 3, max: 8 }))).toEqual({
      rule: 'INPUT_LENGTH',
      field: 'code',
      message: 'expected 3 to 8 characters, got 2',
    });
  });

  it('accepts text that matches the pattern', () => {
    expect(read({ code: 'RES-001' }).text('code', { pattern: /^[A-Z]+-\d{3}$/, patternName: 'a resource code' })).toBe('RES-001');
  });

  it('refuses text that does not match the pattern with INPUT_FORMAT naming the pattern', () => {
    expect(refusalOf(() => read({ code: 'res-001' }).text('code', { pattern: /^[A-Z]+-\d{3}$/, patternName: 'a resource code' }))).toEqual({
      rule: 'INPUT_FORMAT',
      field: 'code',
      message: 'expected a resource code',
    });
  });

  it('shows the pattern\'s source when the pattern has no name', () => {
    expect(refusalOf(() => read({ code: 'x' }).text('code', { pattern: /^\d+$/ }))).toMatchObject({ rule: 'INPUT_FORMAT', message: 'expected ^\\d+$' });
  });

  it('checks the length before the pattern', () => {
    expect(refusalOf(() => read({ code: 'x'.repeat(300) }).text('code', { pattern: /^\d+$/ }))).toMatchObject({ rule: 'INPUT_LENGTH' });
  });
});

describe('RequestReader.optionalText', () => {
  it('is undefined when absent or null', () => {
    expect(read({ b: null }, ['a', 'b']).optionalText('a')).toBeUndefined();
    expect(read({ b: null }, ['a', 'b']).optionalText('b')).toBeUndefined();
  });

  it('checks a present value like text', () => {
    expect(refusalOf(() => read({ note: 'x'.repeat(5) }).optionalText('note', { max: 4 }))).toMatchObject({ rule: 'INPUT_LENGTH', field: 'note' });
  });
});

describe('RequestReader.oneOf', () => {
  it('accepts a listed value', () => {
    expect(read({ sharingClass: 'conditional' }).oneOf('sharingClass', ['unconditional', 'conditional'])).toBe('conditional');
  });

  it('refuses an unlisted value with INPUT_ENUM listing the values', () => {
    expect(refusalOf(() => read({ sharingClass: 'none' }).oneOf('sharingClass', ['unconditional', 'conditional']))).toEqual({
      rule: 'INPUT_ENUM',
      field: 'sharingClass',
      message: 'expected one of unconditional, conditional',
    });
  });

  it('refuses a listed value in another case with INPUT_ENUM', () => {
    expect(refusalOf(() => read({ sharingClass: 'Conditional' }).oneOf('sharingClass', ['conditional']))).toMatchObject({ rule: 'INPUT_ENUM' });
  });
});

describe('RequestReader.count', () => {
  it('returns the fallback when absent or null', () => {
    expect(read({ b: null }, ['a', 'b']).count('a', 7)).toBe(7);
    expect(read({ b: null }, ['a', 'b']).count('b', 7)).toBe(7);
  });

  it('returns a non-negative integer, zero included', () => {
    expect(read({ useLimit: 0 }).count('useLimit', 1)).toBe(0);
    expect(read({ useLimit: 12 }).count('useLimit', 1)).toBe(12);
  });

  it('refuses a fraction with INPUT_TYPE', () => {
    expect(refusalOf(() => read({ useLimit: 1.5 }).count('useLimit', 0))).toEqual({ rule: 'INPUT_TYPE', field: 'useLimit', message: 'expected an integer, got number' });
  });

  it('refuses a number written as a string with INPUT_TYPE', () => {
    expect(refusalOf(() => read({ useLimit: '5' }).count('useLimit', 0))).toEqual({ rule: 'INPUT_TYPE', field: 'useLimit', message: 'expected an integer, got string' });
  });

  it('refuses a negative integer with INPUT_FORMAT', () => {
    expect(refusalOf(() => read({ useLimit: -1 }).count('useLimit', 0))).toEqual({ rule: 'INPUT_FORMAT', field: 'useLimit', message: 'expected 0 to 1000000000, got -1' });
  });

  it('refuses an integer above the maximum with INPUT_FORMAT', () => {
    expect(refusalOf(() => read({ useLimit: 11 }).count('useLimit', 0, 10))).toMatchObject({ rule: 'INPUT_FORMAT', message: 'expected 0 to 10, got 11' });
  });
});

describe('RequestReader.instant', () => {
  it('canonicalises an instant with an offset to UTC with milliseconds', () => {
    expect(read({ validFrom: '2026-04-01T08:00:00+08:00' }).instant('validFrom')).toBe('2026-04-01T00:00:00.000Z');
  });

  it('canonicalises fractional seconds to milliseconds', () => {
    expect(read({ validFrom: '2026-04-01T00:00:00.123456Z' }).instant('validFrom')).toBe('2026-04-01T00:00:00.123Z');
  });

  it('refuses an instant without a zone with INPUT_TIME', () => {
    expect(refusalOf(() => read({ validFrom: '2026-04-01T08:00:00' }).instant('validFrom'))).toEqual({
      rule: 'INPUT_TIME',
      field: 'validFrom',
      message: 'the field must be an ISO 8601 instant with a time zone',
    });
  });

  it('refuses an instant on 30 February with INPUT_TIME', () => {
    expect(refusalOf(() => read({ validFrom: '2026-02-30T00:00:00Z' }).instant('validFrom'))).toMatchObject({ rule: 'INPUT_TIME' });
  });

  it('refuses an epoch number with INPUT_TYPE', () => {
    expect(refusalOf(() => read({ validFrom: 1775001600000 }).instant('validFrom'))).toMatchObject({ rule: 'INPUT_TYPE', field: 'validFrom' });
  });

  it('refuses more than 40 characters with INPUT_LENGTH', () => {
    expect(refusalOf(() => read({ validFrom: `2026-04-01T00:00:00.${'1'.repeat(20)}Z` }).instant('validFrom'))).toMatchObject({ rule: 'INPUT_LENGTH' });
  });

  it('is undefined when optional and absent', () => {
    expect(read({}, ['validUntil']).optionalInstant('validUntil')).toBeUndefined();
  });

  it('canonicalises an optional instant that is present', () => {
    expect(read({ validUntil: '2027-01-01T00:00:00+08:00' }).optionalInstant('validUntil')).toBe('2026-12-31T16:00:00.000Z');
  });
});

describe('RequestReader.date', () => {
  it('refuses an instant where a date is due with INPUT_DATE', () => {
    expect(refusalOf(() => read({ decisionDate: '2026-05-10T00:00:00Z' }).date('decisionDate'))).toMatchObject({ rule: 'INPUT_DATE', field: 'decisionDate' });
  });

  it('accepts a calendar date', () => {
    expect(read({ decisionDate: '2024-02-29' }).date('decisionDate')).toBe('2024-02-29');
  });

  it('refuses 30 February with INPUT_DATE', () => {
    expect(refusalOf(() => read({ decisionDate: '2026-02-30' }).date('decisionDate'))).toEqual({
      rule: 'INPUT_DATE',
      field: 'decisionDate',
      message: 'the field must be a calendar date YYYY-MM-DD',
    });
  });

  it('refuses a date without leading zeros with INPUT_DATE', () => {
    expect(refusalOf(() => read({ decisionDate: '2026-4-1' }).date('decisionDate'))).toMatchObject({ rule: 'INPUT_DATE' });
  });

  it('refuses an instant where a date is due', () => {
    const refusal = refusalOf(() => read({ decisionDate: '2026-04-01T00:00:00Z' }).date('decisionDate'));
    expect(refusal.field).toBe('decisionDate');
    expect(['INPUT_DATE', 'INPUT_LENGTH']).toContain(refusal.rule);
  });

  it('is undefined when optional and absent', () => {
    expect(read({}, ['effectiveUntil']).optionalDate('effectiveUntil')).toBeUndefined();
  });
});

describe('RequestReader.digest', () => {
  it('reads an SM3 digest object', () => {
    expect(read({ contentDigest: { algorithm: 'sm3', value: SM3_ABC } }).digest('contentDigest')).toEqual({ algorithm: 'sm3', value: SM3_ABC });
  });

  it('reads a SHA-256 digest object', () => {
    const value = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
    expect(read({ contentDigest: { algorithm: 'sha256', value } }).digest('contentDigest')).toEqual({ algorithm: 'sha256', value });
  });

  it('refuses an unknown algorithm with DIGEST_ALGORITHM naming the nested field', () => {
    expect(refusalOf(() => read({ contentDigest: { algorithm: 'md5', value: SM3_ABC } }).digest('contentDigest'))).toMatchObject({
      rule: 'DIGEST_ALGORITHM',
      field: 'contentDigest.algorithm',
    });
  });

  it('refuses an algorithm name in upper case with DIGEST_ALGORITHM', () => {
    expect(refusalOf(() => read({ contentDigest: { algorithm: 'SM3', value: SM3_ABC } }).digest('contentDigest'))).toMatchObject({ rule: 'DIGEST_ALGORITHM' });
  });

  it('refuses upper-case hex with DIGEST_FORMAT naming the nested field', () => {
    expect(refusalOf(() => read({ contentDigest: { algorithm: 'sm3', value: SM3_ABC.toUpperCase() } }).digest('contentDigest'))).toEqual({
      rule: 'DIGEST_FORMAT',
      field: 'contentDigest.value',
      message: 'expected 64 lower-case hex characters for sm3',
    });
  });

  it('refuses hex of the wrong length with DIGEST_FORMAT', () => {
    expect(refusalOf(() => read({ contentDigest: { algorithm: 'sm3', value: SM3_ABC.slice(2) } }).digest('contentDigest'))).toMatchObject({
      rule: 'DIGEST_FORMAT',
      field: 'contentDigest.value',
    });
  });

  it('refuses an unknown nested field with INPUT_UNKNOWN_FIELD naming its path', () => {
    expect(refusalOf(() => read({ contentDigest: { algorithm: 'sm3', value: SM3_ABC, encoding: 'hex' } }).digest('contentDigest'))).toMatchObject({
      rule: 'INPUT_UNKNOWN_FIELD',
      field: 'contentDigest.encoding',
    });
  });

  it('refuses a missing value with INPUT_REQUIRED naming its path', () => {
    expect(refusalOf(() => read({ contentDigest: { algorithm: 'sm3' } }).digest('contentDigest'))).toMatchObject({
      rule: 'INPUT_REQUIRED',
      field: 'contentDigest.value',
    });
  });

  it('refuses a bare hex string with INPUT_TYPE', () => {
    expect(refusalOf(() => read({ contentDigest: SM3_ABC }).digest('contentDigest'))).toEqual({
      rule: 'INPUT_TYPE',
      field: 'contentDigest',
      message: 'expected a JSON object',
    });
  });

  it('refuses a missing digest with INPUT_REQUIRED', () => {
    expect(refusalOf(() => read({}, ['contentDigest']).digest('contentDigest'))).toMatchObject({ rule: 'INPUT_REQUIRED', field: 'contentDigest' });
  });

  it('is undefined when optional and absent', () => {
    expect(read({}, ['consentDigest']).optionalDigest('consentDigest')).toBeUndefined();
  });
});

describe('RequestReader.pseudonym', () => {
  it('accepts 64 lower-case hex characters', () => {
    expect(read({ holder: SM3_ABC }).pseudonym('holder')).toBe(SM3_ABC);
  });

  it('refuses upper-case hex with PSEUDONYM_FORMAT', () => {
    expect(refusalOf(() => read({ holder: SM3_ABC.toUpperCase() }).pseudonym('holder'))).toMatchObject({ rule: 'PSEUDONYM_FORMAT', field: 'holder' });
  });

  it('refuses a resident identity number in clear with PSEUDONYM_FORMAT', () => {
    expect(refusalOf(() => read({ holder: '11010519491231002X' }).pseudonym('holder'))).toMatchObject({ rule: 'PSEUDONYM_FORMAT', field: 'holder' });
  });

  it('refuses 63 or 65 hex characters with PSEUDONYM_FORMAT', () => {
    expect(refusalOf(() => read({ holder: SM3_ABC.slice(1) }).pseudonym('holder'))).toMatchObject({ rule: 'PSEUDONYM_FORMAT' });
    expect(refusalOf(() => read({ holder: `${SM3_ABC}0` }).pseudonym('holder'))).toMatchObject({ rule: 'PSEUDONYM_FORMAT' });
  });
});

describe('RequestReader.textSet', () => {
  it('names a bad item by its index in the list', () => {
    expect(refusalOf(() => read({ fields: ['a', 3] }).textSet('fields'))).toMatchObject({ rule: 'INPUT_TYPE', field: 'fields[1]' });
    expect(refusalOf(() => read({ fields: ['a', null] }).textSet('fields'))).toMatchObject({ rule: 'INPUT_REQUIRED', field: 'fields[1]' });
  });

  it('returns the items sorted', () => {
    expect(read({ fields: ['name', 'address', 'registeredCapital'] }).textSet('fields')).toEqual(['address', 'name', 'registeredCapital']);
  });

  it('refuses a repeated item with INPUT_DUPLICATE_ITEM naming the item', () => {
    expect(refusalOf(() => read({ fields: ['name', 'address', 'name'] }).textSet('fields'))).toEqual({
      rule: 'INPUT_DUPLICATE_ITEM',
      field: 'fields',
      message: '"name" appears twice',
    });
  });

  it('refuses an empty list with INPUT_LENGTH', () => {
    expect(refusalOf(() => read({ fields: [] }).textSet('fields'))).toEqual({ rule: 'INPUT_LENGTH', field: 'fields', message: 'expected 1 to 256 items, got 0' });
  });

  it('refuses more items than the maximum with INPUT_LENGTH', () => {
    expect(refusalOf(() => read({ fields: ['a', 'b', 'c'] }).textSet('fields', {}, 2))).toMatchObject({ rule: 'INPUT_LENGTH', message: 'expected 1 to 2 items, got 3' });
  });

  it('refuses a single string with INPUT_TYPE', () => {
    expect(refusalOf(() => read({ fields: 'name' }).textSet('fields'))).toEqual({ rule: 'INPUT_TYPE', field: 'fields', message: 'expected an array, got string' });
  });

  it('refuses a missing list with INPUT_REQUIRED', () => {
    expect(refusalOf(() => read({}, ['fields']).textSet('fields'))).toMatchObject({ rule: 'INPUT_REQUIRED', field: 'fields' });
  });

  it('applies the item rule to every item', () => {
    const refusal = refusalOf(() => read({ fields: ['name', 'Bad Field'] }).textSet('fields', { pattern: /^[a-zA-Z]+$/, patternName: 'a field name' }));
    expect(refusal).toMatchObject({ rule: 'INPUT_FORMAT', message: 'expected a field name' });
    expect(refusal.field.startsWith('fields[1]')).toBe(true);
  });

  it('refuses an item that is not text with INPUT_TYPE', () => {
    const refusal = refusalOf(() => read({ fields: ['name', 7] }).textSet('fields'));
    expect(refusal).toMatchObject({ rule: 'INPUT_TYPE', message: 'expected a string, got number' });
    expect(refusal.field.startsWith('fields[1]')).toBe(true);
  });
});

describe('RequestReader.creditCodeSet', () => {
  it('names the first bad code in request order by its index', async () => {
    expect(await asyncRefusalOf(() => read({ issuers: [VALID_CODE, '9135'] }).creditCodeSet('issuers'))).toMatchObject({ rule: 'INPUT_LENGTH', field: 'issuers[1]' });
    expect(await asyncRefusalOf(() => read({ issuers: [VALID_CODE, MISMATCH_CODE] }).creditCodeSet('issuers'))).toMatchObject({ rule: 'CREDIT_CODE_CHECK', field: 'issuers[1]' });
  });

  it('returns valid codes sorted', async () => {
    await expect(read({ issuers: [VALID_CODE, OTHER_VALID_CODE] }).creditCodeSet('issuers')).resolves.toEqual([VALID_CODE, OTHER_VALID_CODE].sort());
  });

  it('refuses a code with a wrong check character with CREDIT_CODE_CHECK naming its position in the request', async () => {
    await expect(asyncRefusalOf(() => read({ issuers: [VALID_CODE, MISMATCH_CODE] }).creditCodeSet('issuers'))).resolves.toMatchObject({
      rule: 'CREDIT_CODE_CHECK',
      field: 'issuers[1]',
    });
  });

  it('refuses a repeated code with INPUT_DUPLICATE_ITEM', async () => {
    await expect(asyncRefusalOf(() => read({ issuers: [VALID_CODE, VALID_CODE] }).creditCodeSet('issuers'))).resolves.toMatchObject({
      rule: 'INPUT_DUPLICATE_ITEM',
      field: 'issuers',
    });
  });

  it('accepts a listed legacy code', async () => {
    const reader = RequestReader.parse(JSON.stringify({ issuers: [MISMATCH_CODE, VALID_CODE] }), ['issuers'], async (code) => code === MISMATCH_CODE);
    await expect(reader.creditCodeSet('issuers')).resolves.toEqual([MISMATCH_CODE, VALID_CODE].sort());
  });
});

describe('RequestReader.object', () => {
  it('reads the nested object\'s fields', () => {
    expect(read({ annotation: { reason: '办理营业执照变更', expires: '2026-05-01T00:00:00Z' } }).object('annotation', ['reason', 'expires']).text('reason')).toBe('办理营业执照变更');
  });

  it('names a missing nested field by its dotted path', () => {
    expect(refusalOf(() => read({ annotation: { expires: '2026-05-01T00:00:00Z' } }).object('annotation', ['reason', 'expires']).text('reason'))).toEqual({
      rule: 'INPUT_REQUIRED',
      field: 'annotation.reason',
      message: 'the field is required',
    });
  });

  it('names an unknown nested field by its dotted path', () => {
    expect(refusalOf(() => read({ annotation: { reason: 'x', colour: 'red' } }).object('annotation', ['reason', 'expires']))).toMatchObject({
      rule: 'INPUT_UNKNOWN_FIELD',
      field: 'annotation.colour',
    });
  });

  it('names fields two levels down by their full path', () => {
    const outer = read({ provenance: { witness: { name: 42 } } }).object('provenance', ['witness']);
    expect(refusalOf(() => outer.object('witness', ['name']).text('name'))).toMatchObject({ rule: 'INPUT_TYPE', field: 'provenance.witness.name' });
  });

  it('refuses an array where an object is due with INPUT_TYPE', () => {
    expect(refusalOf(() => read({ annotation: ['x'] }).object('annotation', ['reason']))).toEqual({ rule: 'INPUT_TYPE', field: 'annotation', message: 'expected a JSON object' });
  });

  it('refuses a missing object with INPUT_REQUIRED', () => {
    expect(refusalOf(() => read({}, ['annotation']).object('annotation', ['reason']))).toMatchObject({ rule: 'INPUT_REQUIRED', field: 'annotation' });
  });
});

describe('RequestReader.textMap', () => {
  it('counts key length in characters, not UTF-16 units', () => {
    const key = '𠮷'.repeat(33);
    expect(read({ metadata: { [key]: 'v' } }).textMap('metadata')).toEqual([{ key, value: 'v' }]);
  });

  it('returns entries sorted by key', () => {
    expect(read({ metadata: { zone: '思明区', case: '(2026)闽0203民初1号', author: 'x' } }).textMap('metadata')).toEqual([
      { key: 'author', value: 'x' },
      { key: 'case', value: '(2026)闽0203民初1号' },
      { key: 'zone', value: '思明区' },
    ]);
  });

  it('is empty when absent or null', () => {
    expect(read({ b: null }, ['a', 'b']).textMap('a')).toEqual([]);
    expect(read({ b: null }, ['a', 'b']).textMap('b')).toEqual([]);
  });

  it('refuses an array with INPUT_TYPE', () => {
    expect(refusalOf(() => read({ metadata: [['k', 'v']] }).textMap('metadata'))).toEqual({ rule: 'INPUT_TYPE', field: 'metadata', message: 'expected an object, got array' });
  });

  it('refuses a value that is not text with INPUT_TYPE naming its key', () => {
    expect(refusalOf(() => read({ metadata: { pages: 3 } }).textMap('metadata'))).toMatchObject({ rule: 'INPUT_TYPE', field: 'metadata.pages' });
  });

  it('refuses more entries than the maximum with INPUT_LENGTH', () => {
    expect(refusalOf(() => read({ metadata: { a: '1', b: '2', c: '3' } }).textMap('metadata', 2))).toEqual({
      rule: 'INPUT_LENGTH',
      field: 'metadata',
      message: 'expected at most 2 entries',
    });
  });

  it('refuses a key longer than 64 characters with INPUT_LENGTH', () => {
    const key = 'k'.repeat(65);
    expect(refusalOf(() => read({ metadata: { [key]: 'v' } }).textMap('metadata'))).toMatchObject({ rule: 'INPUT_LENGTH', field: `metadata.${key}` });
  });

  it('refuses a value longer than 1024 characters with INPUT_LENGTH', () => {
    expect(refusalOf(() => read({ metadata: { note: 'v'.repeat(1025) } }).textMap('metadata'))).toMatchObject({ rule: 'INPUT_LENGTH', field: 'metadata.note' });
  });
});

describe('RequestReader.creditCode', () => {
  it('accepts a code whose check character holds', async () => {
    await expect(read({ creditCode: VALID_CODE }).creditCode('creditCode')).resolves.toBe(VALID_CODE);
  });

  it('refuses a wrong check character with CREDIT_CODE_CHECK', async () => {
    await expect(asyncRefusalOf(() => read({ creditCode: MISMATCH_CODE }).creditCode('creditCode'))).resolves.toMatchObject({
      rule: 'CREDIT_CODE_CHECK',
      field: 'creditCode',
    });
  });

  it('accepts a code that fails its check when the legacy list has it', async () => {
    const reader = RequestReader.parse(JSON.stringify({ creditCode: MISMATCH_CODE }), ['creditCode'], async (code) => code === MISMATCH_CODE);
    await expect(reader.creditCode('creditCode')).resolves.toBe(MISMATCH_CODE);
  });

  it('refuses a code that fails its check when the legacy list lacks it', async () => {
    const reader = RequestReader.parse(JSON.stringify({ creditCode: '91350100M000100Y45' }), ['creditCode'], async (code) => code === MISMATCH_CODE);
    await expect(asyncRefusalOf(() => reader.creditCode('creditCode'))).resolves.toMatchObject({ rule: 'CREDIT_CODE_CHECK' });
  });

  it('does not consult the legacy list for a valid code', async () => {
    const asked: string[] = [];
    const reader = RequestReader.parse(JSON.stringify({ creditCode: VALID_CODE }), ['creditCode'], async (code) => (asked.push(code), true));
    await reader.creditCode('creditCode');
    expect(asked).toEqual([]);
  });

  it('refuses a malformed code with CREDIT_CODE_FORMAT even when the legacy list would accept it', async () => {
    const reader = RequestReader.parse(JSON.stringify({ creditCode: '91350100m000100y43' }), ['creditCode'], async () => true);
    await expect(asyncRefusalOf(() => reader.creditCode('creditCode'))).resolves.toMatchObject({ rule: 'CREDIT_CODE_FORMAT', field: 'creditCode' });
  });

  it('refuses a code with a forbidden letter with CREDIT_CODE_FORMAT', async () => {
    await expect(asyncRefusalOf(() => read({ creditCode: '91350100O000100Y43' }).creditCode('creditCode'))).resolves.toMatchObject({ rule: 'CREDIT_CODE_FORMAT' });
  });

  it('refuses a code of the wrong length with INPUT_LENGTH', async () => {
    await expect(asyncRefusalOf(() => read({ creditCode: VALID_CODE.slice(1) }).creditCode('creditCode'))).resolves.toMatchObject({
      rule: 'INPUT_LENGTH',
      field: 'creditCode',
    });
  });

  it('names a nested code by its dotted path', async () => {
    const nested = read({ party: { creditCode: MISMATCH_CODE } }).object('party', ['creditCode']);
    await expect(asyncRefusalOf(() => nested.creditCode('creditCode'))).resolves.toMatchObject({ field: 'party.creditCode' });
  });
});

describe('creditCodeOrRefuse', () => {
  it('returns a valid code', async () => {
    await expect(creditCodeOrRefuse(VALID_CODE, 'issuer')).resolves.toBe(VALID_CODE);
  });

  it('refuses a wrong check character naming the given field', async () => {
    await expect(asyncRefusalOf(() => creditCodeOrRefuse(MISMATCH_CODE, 'department'))).resolves.toEqual({
      rule: 'CREDIT_CODE_CHECK',
      field: 'department',
      message: 'the check character of the unified social credit code is wrong (GB 32100-2015)',
    });
  });
});
