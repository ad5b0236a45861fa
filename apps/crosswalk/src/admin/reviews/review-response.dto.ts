import { type ReviewPage, type ReviewView } from '@crosswalk/sync';
import { ApiProperty } from '@nestjs/swagger';
import { SourceKeyDto } from '../customers/customer-request.dto';

const REVIEW_STATUSES = ['pending', 'accepted', 'rejected', 'superseded'] as const;

export class ReviewViewDto implements ReviewView {
  @ApiProperty()
  id!: string;

  @ApiProperty({ type: SourceKeyDto, description: 'the source record the match is about' })
  key!: SourceKeyDto;

  @ApiProperty({ format: 'uuid', description: 'the customer the record is linked to now' })
  customerId!: string;

  @ApiProperty({ format: 'uuid', description: 'the customer it may belong to instead' })
  candidateCustomerId!: string;

  @ApiProperty({ example: 'probabilistic' })
  matcher!: string;

  @ApiProperty({ type: Number, nullable: true, minimum: 0, maximum: 1 })
  matchProbability!: number | null;

  @ApiProperty({ type: 'object', additionalProperties: true })
  evidence!: Record<string, unknown>;

  @ApiProperty({ enum: REVIEW_STATUSES })
  status!: (typeof REVIEW_STATUSES)[number];

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  decidedAt!: string | null;

  @ApiProperty({ type: String, nullable: true })
  decidedBy!: string | null;

  @ApiProperty({ type: String, nullable: true })
  note!: string | null;
}

export class ReviewPageDto implements ReviewPage {
  @ApiProperty({ type: [ReviewViewDto] })
  items!: ReviewViewDto[];

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'pass as `after`; null on the last page',
  })
  next!: string | null;
}
