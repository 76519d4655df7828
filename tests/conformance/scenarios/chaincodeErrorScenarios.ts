/**
 * Errors that are not SuiTrust refusals, as Fabric's gateway and the contract API word them: a
 * chaincode the channel does not define (the gateway answers itself, asking no peer), a contract
 * the chaincode does not have, and a transaction called with the wrong number of arguments.
 */
import { expect, it } from 'vitest';
import { status as GrpcStatus } from '@grpc/grpc-js';
import { EndorseError, GatewayError } from '@hyperledger/fabric-gateway';
import type { ConformanceFixture, ScenarioModule } from './conformanceFixture';
import { rejectionOf } from './gatewayOutcomes';

/** Gateway and contract-API errors. */
export const chaincodeErrorScenarios: ScenarioModule = {
  title: 'gateway and contract errors',
  register(fixture: () => ConformanceFixture): void {
    it('answers FAILED_PRECONDITION for a chaincode the channel does not define, with no endorser’s details', async () => {
      const { profile } = fixture();
      const undefinedChaincode = fixture().network('admin').getContract('nochaincode');
      const evaluated = await rejectionOf(undefinedChaincode.evaluateTransaction('anything'));
      expect(evaluated).toBeInstanceOf(GatewayError);
      expect(evaluated).toMatchObject({ code: GrpcStatus.FAILED_PRECONDITION, details: [], message: `9 FAILED_PRECONDITION: no peers available to evaluate chaincode nochaincode in channel ${profile.channel}` });
      const submitted = await rejectionOf(undefinedChaincode.submitTransaction('anything'));
      expect(submitted).toBeInstanceOf(EndorseError);
      expect(submitted).toMatchObject({
        code: GrpcStatus.FAILED_PRECONDITION,
        details: [],
        message: `9 FAILED_PRECONDITION: no combination of peers can be derived which satisfy the endorsement policy: No metadata was found for chaincode nochaincode in channel ${profile.channel}`,
      });
    });

    it('relays the contract API’s own errors as chaincode errors: an unknown contract, a wrong argument count', async () => {
      const { profile } = fixture();
      const unknownContract = fixture().network('admin').getContract(profile.chaincode, 'nocontract');
      const evaluated = (await rejectionOf(unknownContract.evaluateTransaction('get'))) as GatewayError;
      expect(evaluated).toBeInstanceOf(GatewayError);
      expect(evaluated.code).toBe(GrpcStatus.UNKNOWN);
      expect(evaluated.details.map((detail) => detail.message)).toEqual(['chaincode response 500, Contract name is not known: nocontract']);
      const submitted = (await rejectionOf(unknownContract.submitTransaction('get'))) as EndorseError;
      expect(submitted).toBeInstanceOf(EndorseError);
      expect(submitted.code).toBe(GrpcStatus.ABORTED);
      expect(submitted.details.map((detail) => detail.message)).toEqual(['chaincode response 500, Contract name is not known: nocontract']);
      const wrongCount = (await rejectionOf(fixture().contract('admin', 'registry').evaluateTransaction('getCertificateType'))) as GatewayError;
      expect(wrongCount.details.map((detail) => detail.message)).toEqual(['chaincode response 500, Expected 1 parameters, but 0 have been supplied']);
    });
  },
};
