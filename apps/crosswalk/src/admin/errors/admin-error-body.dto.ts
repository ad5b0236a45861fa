import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { type AdminErrorBody } from './admin-error.filter';

export class AdminErrorBodyDto implements AdminErrorBody {
  @ApiProperty({ example: 404 })
  statusCode!: number;

  @ApiProperty({ example: 'Not Found' })
  error!: string;

  @ApiProperty({
    oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }],
    description: 'what went wrong; one entry per invalid input for a 400',
  })
  message!: string | string[];

  @ApiPropertyOptional({
    description: 'the error code of the use case, when it raised one',
    example: 'RECONCILE_SPLIT_UNKNOWN_MEMBER',
  })
  code?: string;
}
