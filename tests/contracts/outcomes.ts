/** Assertions on transaction outcomes shared by the contract suites. */
import { expect } from 'vitest';
import { suitrust } from '@suitrust/proto';
import { Refusal, EVENT_NAME, type RuleCode } from '@suitrust/chaincode';
import type { TransactionOutcome } from '@suitrust/network';

/**
 * Asserts the transaction was refused for `rule` on `field`, and that it wrote nothing: not
 * even its simulation holds a write, and no event was emitted.
 */
export function expectRefused(outcome: TransactionOutcome, rule: RuleCode, field?: string): void {
  expect(outcome.status, `expected a refusal, got ${outcome.status} ${outcome.payload}`).toBe(500);
  const refusal = Refusal.parse(outcome.message);
  expect(refusal, `not a refusal: ${outcome.message}`).toBeDefined();
  expect(refusal?.rule).toBe(rule);
  if (field !== undefined) expect(refusal?.field).toBe(field);
  expect(refusal?.message.length).toBeGreaterThan(0);
  expect(outcome.readWriteSet.writes.size).toBe(0);
  expect(outcome.committed).toBe(false);
  expect(outcome.event).toBeUndefined();
}

/** Asserts success and returns the parsed JSON result. */
export function accepted<T = Record<string, unknown>>(outcome: TransactionOutcome): T {
  expect(outcome.status, `refused: ${outcome.message}`).toBe(200);
  return JSON.parse(outcome.payload) as T;
}

/** The transaction's event batch, decoded. */
export function eventBatch(outcome: TransactionOutcome): suitrust.events.v1.EventBatch {
  expect(outcome.event?.name).toBe(EVENT_NAME);
  return suitrust.events.v1.EventBatch.decode(outcome.event?.payload as Uint8Array);
}

/** The single domain event of a transaction, with its oneof case. */
export function singleEvent(outcome: TransactionOutcome): suitrust.events.v1.DomainEvent {
  const batch = eventBatch(outcome);
  expect(batch.txId).toBe(outcome.txId);
  expect(batch.events).toHaveLength(1);
  return batch.events[0] as suitrust.events.v1.DomainEvent;
}

/** A JSON request argument. */
export const req = (body: object): string => JSON.stringify(body);
