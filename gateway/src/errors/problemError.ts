/**
 * The gateway's error family: every failure a client sees is a ProblemError with a registered
 * code, rendered as RFC 9457 problem details (`application/problem+json`). The field a client
 * must fix is named; secrets never appear in a detail.
 */
import { problemType, type ProblemCode } from './problemTypes';

/** An RFC 9457 problem details object, with SuiTrust's extension members. */
export interface ProblemDetails {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly instance?: string;
  /** The stable code clients branch on. */
  readonly code: ProblemCode;
  /** The request field (JSON pointer-like dotted path) or identity attribute at fault. */
  readonly field?: string;
  /** The ledger transaction concerned, when there is one. */
  readonly transactionId?: string;
}

/** Options of {@link ProblemError}. */
export interface ProblemErrorOptions {
  readonly field?: string;
  readonly transactionId?: string;
  readonly cause?: unknown;
}

/** A failure with a registered problem code. */
export class ProblemError extends Error {
  readonly code: ProblemCode;
  readonly status: number;
  readonly field: string | undefined;
  readonly transactionId: string | undefined;

  /**
   * @param code - the registered problem code
   * @param detail - what was wrong with this request, for a person to read
   */
  constructor(code: ProblemCode, detail: string, options: Readonly<ProblemErrorOptions> = {}) {
    super(detail, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = ProblemError.name;
    this.code = code;
    this.status = problemType(code).status;
    this.field = options.field;
    this.transactionId = options.transactionId;
  }

  /** The problem details body of this error for request `instance`. */
  toProblem(instance?: string): ProblemDetails {
    const type = problemType(this.code);
    return {
      type: `/problems/${this.code}`,
      title: type.title,
      status: this.status,
      detail: this.message,
      ...(instance === undefined ? {} : { instance }),
      code: this.code,
      ...(this.field === undefined ? {} : { field: this.field }),
      ...(this.transactionId === undefined ? {} : { transactionId: this.transactionId }),
    };
  }
}
