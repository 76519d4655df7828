/**
 * Object types of the composite keys under which records live. One key per record, so
 * concurrent transactions touch the same key only when they really conflict.
 */
export const STATE = {
  certificateType: 'certificate-type',
  certificate: 'certificate',
  /** Keyed by (certificate, transaction): every use its own key, so uses never conflict. */
  certificateUse: 'certificate-use',
  /** Keyed by (department, day): a department's count of matters handled that day; a new report replaces it. */
  mattersHandled: 'matters-handled',
  authorisation: 'authorisation',
  /** Keyed by (enterprise, event id). */
  creditEntry: 'credit-entry',
  /** Keyed by (source department, decision number): refuses a decision recorded twice. */
  creditDecision: 'credit-decision',
  /** Keyed by (algorithm, digest). */
  evidence: 'evidence',
  legacyCreditCode: 'legacy-credit-code',
  /** Keyed by origin; holds the latest anchor, so concurrent anchors of one log conflict (MVCC). */
  transparencyLog: 'transparency-log',
  /** Keyed by (origin, size as 16 zero-padded digits): the anchors in size order. */
  checkpointAnchor: 'checkpoint-anchor',
} as const;

/** An object type of the state. */
export type StateType = (typeof STATE)[keyof typeof STATE];
