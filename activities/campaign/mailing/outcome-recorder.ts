import type { Db } from '../../../src/db/prisma';
import { releaseDeliveries, writeOutcomes, type DeliveryOutcome } from './delivery-queries';
import { GroupCommit, type Gathering } from './group-commit';

/**
 * A write waits for one outcome per connection, or 2 ms: its senders wait that much longer,
 * while the other sender of each connection keeps it busy.
 */
const gatheringFor = (connections: number): Gathering => ({ items: connections, ms: 2 });

/**
 * Records one batch's work: outcomes by group commit (one statement for what the senders finished
 * meanwhile), and at the end puts back to PENDING what was claimed but not sent.
 */
export class OutcomeRecorder {
  private readonly commit: GroupCommit<DeliveryOutcome>;
  private readonly unsent: string[] = [];

  constructor(
    private readonly db: Db,
    private readonly stageId: string,
    connections: number,
    /** Called after each write: the batch heartbeats its progress. */
    written: () => void,
  ) {
    this.commit = new GroupCommit<DeliveryOutcome>(async (outcomes) => {
      await writeOutcomes(db, stageId, outcomes);
      written();
    }, gatheringFor(connections));
  }

  /** A write failed: the batch stops (what is unrecorded stays SENDING, for the next batch to resend). */
  get failed(): boolean {
    return this.commit.failed;
  }

  /** Resolves once the outcome is written (at once when a write has failed). */
  record(outcome: DeliveryOutcome): Promise<void> {
    return this.commit.add(outcome);
  }

  /** A claimed recipient the stopping batch did not send: PENDING again at the end. */
  putBack(contactId: string): void {
    this.unsent.push(contactId);
  }

  /** Writes every outcome added, then puts back what was not sent; throws the first write failure. */
  async finish(): Promise<void> {
    await this.commit.drain();
    if (this.unsent.length) await releaseDeliveries(this.db, this.stageId, this.unsent);
  }
}
