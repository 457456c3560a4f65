import { Injectable } from '@nestjs/common';
import type { ReadinessCheck } from '#platform';
import { PartitionOwnership } from './partition-ownership.js';

/** Ready once the replica has loaded its partitions (and ranked again those it took over). */
@Injectable()
export class PartitionsReadiness implements ReadinessCheck {
  readonly key = 'partitions';

  constructor(private readonly ownership: PartitionOwnership) {}

  check(): Record<string, unknown> {
    const { replica, replicas, partitions } = this.ownership;
    if (!this.ownership.ready) throw new Error(`replica ${replica} of ${replicas} is loading its ${partitions.length} partitions`);
    return { replica, replicas, partitions: partitions.length };
  }
}
