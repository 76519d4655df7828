/** A key's version: the block and transaction that last wrote it (Fabric's `kvrwset.Version`). */
export interface Version {
  readonly blockNum: number;
  readonly txNum: number;
}

/** Whether two versions are the same (both absent counts as the same). */
export function sameVersion(a: Version | undefined, b: Version | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return a.blockNum === b.blockNum && a.txNum === b.txNum;
}

/**
 * Orders keys as Fabric does: by their UTF-8 bytes (Go string comparison), which differs from
 * JavaScript's UTF-16 order for characters beyond the Basic Multilingual Plane.
 */
export function compareKeys(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}
