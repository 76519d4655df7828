/**
 * Splits a segment file's bytes into block records and says where and how they stop being
 * intact: a damaged **tail** is what a crash during the last, unacknowledged write leaves; damage
 * in the **middle** is an acknowledged block gone bad, which no crash explains.
 *
 * One append writes one record and syncs it before the next begins, so at most the last record
 * can be incomplete after a crash. Hence: a record whose (checked) length runs past the end of
 * the file, or whose body fails while nothing follows it, is the tail; a failing body with bytes
 * after it, or an unreadable header with an intact record somewhere after it, is the middle.
 */
import { findBlockRecord, readBlockRecord } from './blockRecord';

/** An intact record. */
export interface ScannedRecord {
  /** The block number its header declares. */
  readonly number: number;
  /** Offset of the record in the file. */
  readonly offset: number;
  readonly bodyOffset: number;
  readonly bodyLength: number;
  /** Offset just past it. */
  readonly end: number;
}

/** Why the scan stopped before the end of the file. */
export interface SegmentDamage {
  readonly where: 'tail' | 'middle';
  /** Offset of the first damaged record. */
  readonly offset: number;
  /**
   * `TORN`: the record is incomplete; `CHECKSUM`: its body fails its SHA-256; `HEADER`: its
   * magic or header check is wrong.
   */
  readonly reason: 'TORN' | 'CHECKSUM' | 'HEADER';
}

/** The outcome of {@link scanSegment}. */
export interface SegmentScan {
  /** The intact records before the damage, in file order. */
  readonly records: readonly ScannedRecord[];
  /** `undefined` when every byte belongs to an intact record. */
  readonly damage: SegmentDamage | undefined;
}

/**
 * Scans a segment file's contents.
 *
 * @param bytes - the whole file
 * @returns its intact records and, if the file does not end cleanly, the damage
 */
export function scanSegment(bytes: Buffer): SegmentScan {
  const records: ScannedRecord[] = [];
  let offset = 0;
  while (offset < bytes.length) {
    const record = readBlockRecord(bytes, offset);
    switch (record.kind) {
      case 'record':
        records.push({ number: record.number, offset, bodyOffset: record.bodyOffset, bodyLength: record.bodyLength, end: record.end });
        offset = record.end;
        break;
      case 'torn':
        return { records, damage: { where: 'tail', offset, reason: 'TORN' } };
      case 'bad-checksum':
        return { records, damage: { where: record.end === bytes.length ? 'tail' : 'middle', offset, reason: 'CHECKSUM' } };
      case 'bad-header':
        return { records, damage: { where: findBlockRecord(bytes, offset + 1) >= 0 ? 'middle' : 'tail', offset, reason: 'HEADER' } };
    }
  }
  return { records, damage: undefined };
}
