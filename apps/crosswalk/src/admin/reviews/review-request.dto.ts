import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { DEFAULT_REVIEW_PAGE, MAX_REVIEW_PAGE } from '../../curation/curation-input';

export class ListReviewsQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_REVIEW_PAGE, default: DEFAULT_REVIEW_PAGE })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_REVIEW_PAGE)
  limit: number = DEFAULT_REVIEW_PAGE;

  @ApiPropertyOptional({ description: "the previous page's `next`" })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  after?: string;
}

export class ReviewDecisionDto {
  @ApiPropertyOptional({
    description:
      "on whose behalf the token's holder decides: recorded in the note; the decision is always the token's",
    example: 'anna',
  })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  by?: string;

  @ApiPropertyOptional({ example: 'same VAT number, new address after a move' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}
