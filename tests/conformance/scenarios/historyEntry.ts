/** One version of a record as the contracts' history queries answer it (Fabric's GetHistoryForKey, oldest first). */
export interface HistoryEntry {
  readonly txId: string;
  /** The writing transaction's timestamp. */
  readonly at: string;
  readonly deleted: boolean;
  readonly record: { readonly status?: string; readonly updated: { readonly txId: string; readonly at: string } } & Record<string, unknown>;
}
