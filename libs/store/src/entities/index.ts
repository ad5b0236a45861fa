import { CheckpointEntity } from './checkpoint.entity';
import { CustomerLinkEntity } from './customer-link.entity';
import { CustomerEntity } from './customer.entity';
import { LeaseEntity } from './lease.entity';
import { MatchKeyEntity } from './match-key.entity';
import { OutboxEntity } from './outbox.entity';
import { QuarantineEntity } from './quarantine.entity';
import { SourceRecordEntity } from './source-record.entity';
import { SyncRunEntity } from './sync-run.entity';

export const STORE_ENTITIES = [
  SourceRecordEntity,
  CustomerEntity,
  CustomerLinkEntity,
  MatchKeyEntity,
  CheckpointEntity,
  SyncRunEntity,
  OutboxEntity,
  QuarantineEntity,
  LeaseEntity,
];

export {
  CheckpointEntity,
  CustomerEntity,
  CustomerLinkEntity,
  LeaseEntity,
  MatchKeyEntity,
  OutboxEntity,
  QuarantineEntity,
  SourceRecordEntity,
  SyncRunEntity,
};
