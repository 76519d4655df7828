/** Crash-safe file primitives shared by SuiTrust's durable stores. */
export { syncDirectory, makeDirectoryDurably, writeFileAtomically, writeFully, readFully, readFullySync } from './durableFs';
export { lockDirectory, DirectoryLockedError, type DirectoryLock } from './directoryLock';
