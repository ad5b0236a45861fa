import {
  Body,
  Get,
  HttpCode,
  HttpStatus,
  NotFoundException,
  Param,
  Post,
  Query,
} from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam } from '@nestjs/swagger';
import {
  type Actor,
  type CurationOutcome,
  CustomerCurationService,
  type ReviewPage,
  type ReviewView,
} from '@crosswalk/sync';
import { AdminController } from '../admin-controller.decorator';
import { AdminActor } from '../auth/admin-actor.decorator';
import { CurationOutcomeDto } from '../customers/customer-response.dto';
import { AdminErrorBodyDto } from '../errors/admin-error-body.dto';
import { ListReviewsQueryDto, ReviewDecisionDto } from './review-request.dto';
import { ReviewPageDto, ReviewViewDto } from './review-response.dto';

@AdminController('reviews', 'reviews')
export class ReviewsController {
  constructor(private readonly curation: CustomerCurationService) {}

  @Get()
  @ApiOperation({ summary: 'pending match reviews, oldest first, a page at a time' })
  @ApiOkResponse({ type: ReviewPageDto })
  list(@Query() query: ListReviewsQueryDto): Promise<ReviewPage> {
    return this.curation.listReviews(
      query.after === undefined
        ? { limit: query.limit }
        : { limit: query.limit, after: query.after },
    );
  }

  @Get(':id')
  @ApiOperation({ summary: 'one review, decided or not' })
  @ApiParam({ name: 'id' })
  @ApiOkResponse({ type: ReviewViewDto })
  @ApiNotFoundResponse({ description: 'no such review', type: AdminErrorBodyDto })
  async find(@Param('id') id: string): Promise<ReviewView> {
    const review = await this.curation.findReview(id);
    if (review === null) throw new NotFoundException(`no review ${id}`);
    return review;
  }

  @Post(':id/accept')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'the pair is the same customer: merge, and remember the decision' })
  @ApiParam({ name: 'id' })
  @ApiOkResponse({ type: CurationOutcomeDto })
  @ApiNotFoundResponse({ description: 'no such review', type: AdminErrorBodyDto })
  accept(
    @Param('id') id: string,
    @Body() body: ReviewDecisionDto,
    @AdminActor() tokenName: string,
  ): Promise<CurationOutcome> {
    return this.curation.acceptReview(id, actorOf(body, tokenName));
  }

  @Post(':id/reject')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'the pair is two customers: never propose it again' })
  @ApiParam({ name: 'id' })
  @ApiOkResponse({ type: CurationOutcomeDto })
  @ApiNotFoundResponse({ description: 'no such review', type: AdminErrorBodyDto })
  reject(
    @Param('id') id: string,
    @Body() body: ReviewDecisionDto,
    @AdminActor() tokenName: string,
  ): Promise<CurationOutcome> {
    return this.curation.rejectReview(id, actorOf(body, tokenName));
  }
}

/** The token decides, as for every other command; a name in the body is only noted. */
function actorOf(body: ReviewDecisionDto, tokenName: string): Actor {
  const onBehalf =
    body.by === undefined || body.by === tokenName ? [] : [`on behalf of ${body.by}`];
  const note = [...onBehalf, ...(body.note === undefined ? [] : [body.note])].join('; ');
  return note === '' ? { by: tokenName } : { by: tokenName, note };
}
