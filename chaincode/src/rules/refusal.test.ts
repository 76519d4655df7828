import { describe, expect, it } from 'vitest';
import { Refusal } from './refusal';
import { RULES } from './ruleCodes';

describe('Refusal', () => {
  it('carries its rule, field and detail', () => {
    const refusal = new Refusal('INPUT_REQUIRED', 'annotation.reason', 'say why');
    expect([refusal.name, refusal.rule, refusal.field, refusal.detail]).toEqual(['Refusal', 'INPUT_REQUIRED', 'annotation.reason', 'say why']);
  });

  it('is an Error', () => {
    expect(new Refusal('INPUT_JSON', '')).toBeInstanceOf(Error);
  });

  it('writes its message as the JSON {rule, field, message}', () => {
    expect(JSON.parse(new Refusal('INPUT_TYPE', 'count', 'expected an integer, got string').message)).toEqual({
      rule: 'INPUT_TYPE',
      field: 'count',
      message: 'expected an integer, got string',
    });
  });

  it('uses the rule\'s own text when no detail is given', () => {
    const refusal = new Refusal('CREDIT_CODE_CHECK', 'creditCode');
    expect([refusal.detail, Refusal.parse(refusal.message)?.message]).toEqual([RULES.CREDIT_CODE_CHECK, RULES.CREDIT_CODE_CHECK]);
  });

  it('parses back what it wrote, Chinese and quotes included', () => {
    const refusal = new Refusal('INPUT_DUPLICATE_ITEM', 'fields', '"统一社会信用代码" appears twice');
    expect(Refusal.parse(refusal.message)).toEqual({ rule: 'INPUT_DUPLICATE_ITEM', field: 'fields', message: '"统一社会信用代码" appears twice' });
  });

  it('parses every registered rule', () => {
    for (const rule of Object.keys(RULES) as (keyof typeof RULES)[]) {
      expect(Refusal.parse(new Refusal(rule, 'f').message)).toEqual({ rule, field: 'f', message: RULES[rule] });
    }
  });

  it('does not take prose for a refusal', () => {
    expect(Refusal.parse('chaincode response 500, something went wrong')).toBeUndefined();
  });

  it('does not take JSON that lacks a member for a refusal', () => {
    expect(Refusal.parse('{"rule":"INPUT_JSON","field":""}')).toBeUndefined();
  });

  it('does not take an unknown rule for a refusal', () => {
    expect(Refusal.parse('{"rule":"NO_SUCH_RULE","field":"","message":"x"}')).toBeUndefined();
  });

  it('does not take members of the wrong type for a refusal', () => {
    expect(Refusal.parse('{"rule":"INPUT_JSON","field":1,"message":"x"}')).toBeUndefined();
    expect(Refusal.parse('null')).toBeUndefined();
    expect(Refusal.parse('"INPUT_JSON"')).toBeUndefined();
  });

  it('does not take names every object inherits for rule codes', () => {
    for (const rule of ['toString', 'constructor', '__proto__', 'hasOwnProperty']) {
      expect(Refusal.parse(JSON.stringify({ rule, field: '', message: 'x' }))).toBeUndefined();
    }
  });

  it('reads a refusal as Fabric\'s gateway relays it, after "chaincode response 500, "', () => {
    const refusal = new Refusal('CERTIFICATE_EXISTS', 'certificateId');
    expect(Refusal.parse(`chaincode response 500, ${refusal.message}`)).toEqual({ rule: 'CERTIFICATE_EXISTS', field: 'certificateId', message: refusal.detail });
  });
});
