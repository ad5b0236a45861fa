import { type Actor, type CustomerCurationService } from '@crosswalk/sync';
import { ReviewsController } from './reviews.controller';
import { ReviewDecisionDto } from './review-request.dto';

describe('ReviewsController', () => {
  const decided: Actor[] = [];
  const curation = {
    acceptReview: (_id: string, actor: Actor) => {
      decided.push(actor);
      return Promise.resolve({ changes: [] });
    },
    rejectReview: (_id: string, actor: Actor) => {
      decided.push(actor);
      return Promise.resolve({ changes: [] });
    },
  } as unknown as CustomerCurationService;
  const controller = new ReviewsController(curation);
  const body = (plain: Partial<ReviewDecisionDto>) => Object.assign(new ReviewDecisionDto(), plain);

  beforeEach(() => decided.splice(0));

  it.each<[string, Partial<ReviewDecisionDto>, Actor]>([
    ['nothing', {}, { by: 'ops' }],
    ['a note', { note: 'same VAT' }, { by: 'ops', note: 'same VAT' }],
    ['its own name', { by: 'ops' }, { by: 'ops' }],
    ['another name', { by: 'anna' }, { by: 'ops', note: 'on behalf of anna' }],
    [
      'another name and a note',
      { by: 'anna', note: 'same VAT' },
      { by: 'ops', note: 'on behalf of anna; same VAT' },
    ],
  ])('records the token as the one who decides, given %s', async (_case, plain, actor) => {
    await controller.accept('r1', body(plain), 'ops');
    await controller.reject('r2', body(plain), 'ops');
    expect(decided).toEqual([actor, actor]);
  });
});
