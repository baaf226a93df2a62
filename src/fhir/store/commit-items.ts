import type { CommitBatch, Db } from './db.js';

/** Items handed to commit batches (Db.atCommit): per batch in the order handed; batches in the order first handed. */
export class CommitItems {
  private readonly byBatch = new Map<CommitBatch<unknown>, unknown[]>();

  add<T>(batch: CommitBatch<T>, items: readonly T[]): void {
    if (!items.length) return;
    const list = this.byBatch.get(batch as CommitBatch<unknown>);
    if (list) for (const i of items) list.push(i);
    else this.byBatch.set(batch as CommitBatch<unknown>, [...items]);
  }

  /** append another member's items (it released its savepoint) */
  take(other: CommitItems): void {
    for (const [batch, items] of other.byBatch) this.add(batch, items);
  }

  /** run every batch once with its items; items handed meanwhile (a batch's own work) run after */
  async run(db: Db): Promise<void> {
    while (this.byBatch.size) {
      const [batch, items] = this.byBatch.entries().next().value as [CommitBatch<unknown>, unknown[]];
      this.byBatch.delete(batch);
      await batch.commit(db, items);
    }
  }
}
