/** Views of evidence from the read model: by case reference, for courts assembling a case file. */
import type { FastifyInstance } from 'fastify';
import { evidenceQueries, type SqliteCheckpointStore } from '@suitrust/projections';
import { callerOf } from '../plugins/authentication';
import { answerPage, pageQueryProperties, pageRequestOf, pageResponse } from './viewPage';

const evidenceItem = {
  type: 'object',
  properties: {
    algorithm: { type: 'string' },
    digest: { type: 'string' },
    caseReference: { type: ['string', 'null'] },
    submitterMsp: { type: 'string' },
    submitterDepartment: { type: 'string' },
    notarisedAt: { type: 'string' },
    transactionId: { type: 'string', description: "the notarising transaction; '' for evidence submitted through the transparency log" },
    logOrigin: { type: ['string', 'null'], description: 'for evidence submitted through the log: its origin' },
    leafIndex: { type: ['integer', 'null'], description: 'for evidence submitted through the log: its leaf index (GET /log/records/{leafIndex}/proof)' },
  },
} as const;

/** Registers the evidence view routes. */
export async function evidenceViewRoutes(app: FastifyInstance, options: { views: SqliteCheckpointStore }): Promise<void> {
  app.get('/views/evidence', {
    schema: {
      tags: ['views'],
      summary: 'Every piece of evidence notarised for a court case (read model)',
      querystring: { type: 'object', required: ['caseReference'], additionalProperties: false, properties: { caseReference: { type: 'string', minLength: 1, maxLength: 128 }, ...pageQueryProperties } },
      response: pageResponse(evidenceItem),
    },
  }, async (request) => {
    callerOf(request);
    const { caseReference } = request.query as { caseReference: string };
    return answerPage(pageRequestOf(request.query), (page) => options.views.query((db) => evidenceQueries.byCase(db, caseReference, page)));
  });
}
