/** The engine's SM3 and random source as Node code gives them, for the engine's tests. */
import { randomBytes } from 'node:crypto';
import { sm3 } from '../sm3';

export const NODE_SOURCES = { sm3, randomBytes: (length: number): Uint8Array => new Uint8Array(randomBytes(length)) } as const;
