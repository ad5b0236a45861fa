import {
  type CurationOutcome,
  type CustomerExplanation,
  type LinkExplanation,
} from '@crosswalk/sync';
import { type GoldenRecord } from '@crosswalk/model';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { SourceKeyDto } from './customer-request.dto';

/** OpenAPI shapes of what the curation use cases return; the controllers return those as they are. */

const CURATION_CHANGES = ['created', 'updated', 'merged', 'split', 'deleted'] as const;

export class CurationChangeDto {
  @ApiProperty({ enum: CURATION_CHANGES })
  type!: (typeof CURATION_CHANGES)[number];

  @ApiProperty({ format: 'uuid' })
  customerId!: string;
}

export class CurationOutcomeDto implements CurationOutcome {
  @ApiProperty({
    type: [String],
    description: 'customers whose golden record changed, survivor or remaining one first',
  })
  customerIds!: string[];

  @ApiProperty({ description: 'outbox messages written' })
  events!: number;

  @ApiProperty({ type: [CurationChangeDto] })
  changes!: CurationChangeDto[];
}

export class LinkExplanationDto implements LinkExplanation {
  @ApiProperty({ type: SourceKeyDto })
  key!: SourceKeyDto;

  @ApiProperty()
  deleted!: boolean;

  @ApiProperty({ format: 'date-time' })
  observedAt!: string;

  @ApiProperty({ format: 'date-time' })
  linkedAt!: string;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'rule, candidates considered, comparisons and weights of the link',
  })
  evidence!: Record<string, unknown>;
}

export class FieldOverrideViewDto {
  @ApiProperty({ example: 'phones' })
  field!: string;

  @ApiProperty({ description: 'the pinned value, normalised' })
  value!: unknown;

  @ApiProperty()
  pinnedBy!: string;

  @ApiProperty({ format: 'date-time' })
  pinnedAt!: string;

  @ApiPropertyOptional()
  reason?: string;
}

export class CustomerExplanationDto implements CustomerExplanation {
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'the golden record (docs/model.md, libs/model customer.schema.json)',
  })
  customer!: GoldenRecord;

  @ApiProperty({
    format: 'uuid',
    description: 'the id asked for; differs from customer.id when it was merged away',
  })
  requestedId!: string;

  @ApiProperty({ type: [String], description: 'ids this customer absorbed' })
  mergedIds!: string[];

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'per field: the source records and the survivorship rule that gave its value',
  })
  lineage!: CustomerExplanation['lineage'];

  @ApiProperty({ type: [LinkExplanationDto] })
  links!: LinkExplanationDto[];

  @ApiProperty({ type: [FieldOverrideViewDto] })
  overrides!: FieldOverrideViewDto[];
}
