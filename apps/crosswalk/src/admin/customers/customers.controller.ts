import {
  Body,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  NotFoundException,
  Param,
  ParseUUIDPipe,
  Post,
  Put,
} from '@nestjs/common';
import {
  ApiExtraModels,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
} from '@nestjs/swagger';
import {
  type CurationOutcome,
  CustomerCurationService,
  type CustomerExplanation,
} from '@crosswalk/sync';
import { AdminController } from '../admin-controller.decorator';
import { AdminActor } from '../auth/admin-actor.decorator';
import { AdminErrorBodyDto } from '../errors/admin-error-body.dto';
import {
  OverrideParamsDto,
  PinOverrideDto,
  SourceKeyDto,
  SplitCustomerDto,
  UnmergeCustomerDto,
} from './customer-request.dto';
import { CurationOutcomeDto, CustomerExplanationDto } from './customer-response.dto';

const ID = new ParseUUIDPipe();

@AdminController('customers', 'customers')
@ApiExtraModels(SourceKeyDto)
@ApiParam({ name: 'id', format: 'uuid', description: 'golden record id' })
@ApiNotFoundResponse({ description: 'no such customer', type: AdminErrorBodyDto })
export class CustomersController {
  constructor(private readonly curation: CustomerCurationService) {}

  @Get(':id/explain')
  @ApiOperation({
    summary: 'why the customer looks as it does: links with evidence, lineage, overrides',
    description: 'An id merged away answers with the survivor; `requestedId` keeps the one asked.',
  })
  @ApiOkResponse({ type: CustomerExplanationDto })
  async explain(@Param('id', ID) id: string): Promise<CustomerExplanation> {
    const explanation = await this.curation.explain(id);
    if (explanation === null) throw new NotFoundException(`no customer ${id}`);
    return explanation;
  }

  @Put(':id/overrides/:field')
  @ApiOperation({
    summary: 'pin a field to a value that survives later syncs',
    description: 'The value is normalised as a source value would be; an updated event follows.',
  })
  @ApiParam({ name: 'field', description: 'a canonical field (docs/model.md)' })
  @ApiOkResponse({ type: CurationOutcomeDto })
  pin(
    @Param() params: OverrideParamsDto,
    @Body() body: PinOverrideDto,
    @AdminActor() by: string,
  ): Promise<CurationOutcome> {
    return this.curation.pin(params.id, params.field, body.value, actor(by, body.reason));
  }

  @Delete(':id/overrides/:field')
  @ApiOperation({ summary: 'remove a pin; survivorship decides the field again' })
  @ApiParam({ name: 'field', description: 'a canonical field (docs/model.md)' })
  @ApiOkResponse({ type: CurationOutcomeDto })
  unpin(@Param() params: OverrideParamsDto, @AdminActor() by: string): Promise<CurationOutcome> {
    return this.curation.unpin(params.id, params.field, { by });
  }

  @Post(':id/split')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'move groups of source records out into new customers (split events)',
    description: 'The moved records are remembered as distinct from those that stay.',
  })
  @ApiOkResponse({ type: CurationOutcomeDto })
  split(
    @Param('id', ID) id: string,
    @Body() body: SplitCustomerDto,
    @AdminActor() by: string,
  ): Promise<CurationOutcome> {
    return this.curation.split(id, body.groups, { by });
  }

  @Post(':id/unmerge')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'give a customer absorbed by a merge back its records and its id' })
  @ApiOkResponse({ type: CurationOutcomeDto })
  unmerge(
    @Param('id', ID) id: string,
    @Body() body: UnmergeCustomerDto,
    @AdminActor() by: string,
  ): Promise<CurationOutcome> {
    return this.curation.unmerge(id, body.absorbedId, { by });
  }
}

function actor(by: string, note: string | undefined): { by: string; note?: string } {
  return note === undefined ? { by } : { by, note };
}
