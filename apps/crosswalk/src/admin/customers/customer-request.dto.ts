import { ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayNotEmpty,
  IsArray,
  IsDefined,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { PINNABLE_FIELDS, type PinnableField } from '../../curation/curation-input';

export class SourceKeyDto {
  @ApiProperty({ example: 'erp-csv' })
  @IsString()
  @IsNotEmpty()
  connector!: string;

  @ApiProperty({ example: 'customer' })
  @IsString()
  @IsNotEmpty()
  object!: string;

  @ApiProperty({ example: 'C000042' })
  @IsString()
  @IsNotEmpty()
  externalId!: string;
}

export class OverrideParamsDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  id!: string;

  @ApiProperty({ enum: PINNABLE_FIELDS, description: 'a canonical field but kind' })
  @IsIn(PINNABLE_FIELDS)
  field!: PinnableField;
}

export class PinOverrideDto {
  @ApiProperty({
    description:
      'the value to pin, as a source would give it; normalised like one (e.g. a phone to E.164)',
    oneOf: [
      { type: 'string' },
      { type: 'number' },
      { type: 'boolean' },
      { type: 'array', items: {} },
      { type: 'object' },
    ],
    example: '+46 8 123 45 67',
  })
  @IsDefined()
  value!: unknown;

  @ApiPropertyOptional({ example: 'confirmed by phone with the customer' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  reason?: string;
}

export class SplitCustomerDto {
  @ApiProperty({
    description:
      'each group of source records becomes a new customer; records not named stay with this one',
    type: 'array',
    minItems: 1,
    items: { type: 'array', minItems: 1, items: { $ref: getSchemaPath(SourceKeyDto) } },
  })
  @IsArray()
  @ArrayNotEmpty()
  @IsArray({ each: true })
  @ArrayNotEmpty({ each: true, message: 'each group must name at least one source record' })
  @ValidateNested({ each: true })
  @Type(() => SourceKeyDto)
  groups!: SourceKeyDto[][];
}

export class UnmergeCustomerDto {
  @ApiProperty({ format: 'uuid', description: 'the id this customer absorbed in a merge' })
  @IsUUID()
  absorbedId!: string;
}
