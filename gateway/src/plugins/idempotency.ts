/**
 * Makes every ledger write idempotent under an `Idempotency-Key` header (see
 * `idempotency/idempotentWrites.ts`): decorates the application with the runner the write
 * routes use, and closes the key store with the application.
 */
import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import type { LedgerClient } from '../ledger/ledgerClient';
import type { IdempotencyStore } from '../idempotency/idempotencyStore';
import { idempotentWrites, type IdempotentWrites } from '../idempotency/idempotentWrites';

declare module 'fastify' {
  interface FastifyInstance {
    /** Runs ledger writes at most once per caller and idempotency key. */
    idempotentWrites: IdempotentWrites;
  }
}

/** Options of the idempotency plugin. */
export interface IdempotencyPluginOptions {
  readonly store: IdempotencyStore;
  readonly ledger: LedgerClient;
}

async function idempotencyPlugin(app: FastifyInstance, options: IdempotencyPluginOptions): Promise<void> {
  app.decorate('idempotentWrites', idempotentWrites({ store: options.store, ledger: options.ledger }));
  app.addHook('onClose', async () => options.store.close());
}

/** The idempotency plugin, applying to the whole application rather than an encapsulated scope. */
export const idempotency = fp(idempotencyPlugin, { name: 'suitrust-idempotency', fastify: '5.x' });
