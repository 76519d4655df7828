/**
 * The seam to the durable record of idempotency keys (IETF httpapi `Idempotency-Key` draft,
 * §2): per caller and key, the request's fingerprint, the ledger transaction prepared for it
 * (written before the transaction is sent to the orderer), and the response once there is one.
 * One implementation: SQLite in the gateway's data directory (`sqliteIdempotencyStore.ts`).
 */

/** A ledger transaction prepared for a key: endorsed, signed bytes as fabric-gateway serialises them. */
export interface PreparedRecord {
  readonly transactionId: string;
  readonly transactionBytes: Uint8Array;
}

/** The response a key's first request got, replayed to every retry. */
export interface StoredResponse {
  readonly status: number;
  /** The `Location` header, when the first response had one. */
  readonly location?: string;
  /** The response body, JSON text. */
  readonly body: string;
  /** Its media type (`application/json` or `application/problem+json`). */
  readonly contentType: string;
}

/** A key's owner and the request it stands for. */
export interface KeyClaim {
  /** The caller's identity: keys of different callers never meet. */
  readonly caller: string;
  readonly key: string;
  /** SHA-256 of the method, path and canonical body. */
  readonly fingerprint: string;
  /** Milliseconds since the epoch (the gateway's clock; the ledger's rules never see it). */
  readonly now: number;
}

/** What the store knows of a claimed key. */
export type ClaimOutcome =
  /** Unknown (or expired) key, now recorded for this request. */
  | { readonly kind: 'new' }
  /** The key was used for a different request. */
  | { readonly kind: 'mismatch' }
  /** The same request finished before: answer what it answered. */
  | { readonly kind: 'replay'; readonly response: StoredResponse }
  /**
   * The same request started before and never finished (the gateway crashed or the ledger did
   * not answer): `prepared` is the transaction it may have sent, if it got that far.
   */
  | { readonly kind: 'unfinished'; readonly prepared: PreparedRecord | undefined };

/** The durable record of idempotency keys. */
export interface IdempotencyStore {
  /** Records a key for a request, or says what is known of it (expired records count as unknown). */
  claim(claim: Readonly<KeyClaim>): ClaimOutcome;
  /** Records the transaction prepared for a key; durable when this returns. */
  recordPrepared(caller: string, key: string, prepared: Readonly<PreparedRecord>): void;
  /** Records a key's final response; durable when this returns. */
  recordResponse(caller: string, key: string, response: Readonly<StoredResponse>): void;
  /** Forgets a key whose request wrote nothing, so that a retry starts afresh. */
  release(caller: string, key: string): void;
  /** Closes the store. */
  close(): void;
}
