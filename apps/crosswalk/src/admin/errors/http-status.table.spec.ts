import { HttpStatus } from '@nestjs/common';
import { MatchModelErrorCode, ReconcileErrorCode } from '@crosswalk/reconcile';
import { StoreErrorCode } from '@crosswalk/store';
import { SyncErrorCode } from '@crosswalk/sync';
import { httpStatusOfCode } from './http-status.table';

describe('httpStatusOfCode', () => {
  it.each([
    ['CURATION_CUSTOMER_NOT_FOUND', HttpStatus.NOT_FOUND],
    ['CURATION_REVIEW_NOT_FOUND', HttpStatus.NOT_FOUND],
    ['CURATION_REVIEW_DECIDED', HttpStatus.CONFLICT],
    ['CURATION_INVALID_VALUE', HttpStatus.BAD_REQUEST],
    [SyncErrorCode.AlreadyRunning, HttpStatus.CONFLICT],
    [SyncErrorCode.UnknownConnector, HttpStatus.NOT_FOUND],
    [ReconcileErrorCode.InvalidOverride, HttpStatus.BAD_REQUEST],
    [ReconcileErrorCode.SplitEmptyPart, HttpStatus.BAD_REQUEST],
    [ReconcileErrorCode.SplitUnknownMember, HttpStatus.BAD_REQUEST],
    [ReconcileErrorCode.InconsistentState, HttpStatus.INTERNAL_SERVER_ERROR],
    [MatchModelErrorCode.InvalidDecision, HttpStatus.BAD_REQUEST],
    [StoreErrorCode.InvalidCursor, HttpStatus.BAD_REQUEST],
    ['NOBODY_KNOWS_THIS_CODE', HttpStatus.INTERNAL_SERVER_ERROR],
  ])('%s -> %d', (code, status) => {
    expect(httpStatusOfCode(code)).toBe(status);
  });
});
