import { CheckpointEntity } from './checkpoint.entity';
import { CustomerLinkEntity } from './customer-link.entity';
import { CustomerEntity } from './customer.entity';
import { FieldOverrideEntity } from './field-override.entity';
import { LeaseEntity } from './lease.entity';
import { MatchKeyEntity } from './match-key.entity';
import { MatchModelEntity } from './match-model.entity';
import { MatchReviewEntity } from './match-review.entity';
import { OutboxEntity } from './outbox.entity';
import { PairDecisionEntity } from './pair-decision.entity';
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
  MatchReviewEntity,
  PairDecisionEntity,
  FieldOverrideEntity,
  MatchModelEntity,
];

export {
  CheckpointEntity,
  CustomerEntity,
  CustomerLinkEntity,
  FieldOverrideEntity,
  LeaseEntity,
  MatchKeyEntity,
  MatchModelEntity,
  MatchReviewEntity,
  OutboxEntity,
  PairDecisionEntity,
  QuarantineEntity,
  SourceRecordEntity,
  SyncRunEntity,
};
