/**
 * Base of every SuiTrust contract: gives transactions a {@link SuiTrustContext}, sends the
 * transaction's domain events as one chaincode event (Fabric keeps only the last `setEvent` of a
 * transaction), and refuses unknown functions with a rule code.
 */
import { Contract } from 'fabric-contract-api';
import { SuiTrustContext } from './suiTrustContext';
import { Refusal } from '../rules/refusal';

/** Name of the chaincode event carrying a transaction's EventBatch. */
export const EVENT_NAME = 'suitrust';

/** A contract of the SuiTrust chaincode. */
export abstract class SuiTrustContract extends Contract {
  override createContext(): SuiTrustContext {
    return new SuiTrustContext();
  }

  override async afterTransaction(ctx: SuiTrustContext): Promise<void> {
    const batch = ctx.eventBatch(ctx.stub.getFunctionAndParameters().fcn);
    if (batch !== undefined) ctx.stub.setEvent(EVENT_NAME, batch);
  }

  override async unknownTransaction(ctx: SuiTrustContext): Promise<void> {
    throw new Refusal('TRANSACTION_UNKNOWN', 'function', `no transaction ${ctx.stub.getFunctionAndParameters().fcn} in ${this.getName()}`);
  }
}
