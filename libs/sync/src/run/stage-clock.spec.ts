import { StageClock } from './stage-clock';

/** A clock whose time moves only when a test says so, in milliseconds. */
function manualClock(): {
  clock: StageClock;
  advance: (ms: number) => void;
  idle: (ms: number) => void;
} {
  let now = 0;
  let idle = 500;
  return {
    clock: new StageClock(
      () => now,
      () => idle,
    ),
    advance: (ms) => (now += ms),
    idle: (ms) => {
      now += ms;
      idle += ms;
    },
  };
}

describe('StageClock', () => {
  it('starts at zero for every stage', () => {
    expect(manualClock().clock.timings()).toEqual({
      read: 0,
      prepare: 0,
      reconcile: 0,
      store: 0,
      idle: 0,
    });
  });

  it('tells how long the thread sat idle since the clock started, within the stages', async () => {
    const { clock, advance, idle } = manualClock();
    await clock.timeAsync('store', async () => {
      advance(100);
      idle(300);
      await Promise.resolve();
    });
    expect(clock.timings()).toMatchObject({ store: 0.4, idle: 0.3 });
  });

  it('adds up the time of each step under its stage, in seconds', () => {
    const { clock, advance } = manualClock();
    const result = clock.time('prepare', () => {
      advance(250);
      return 'page';
    });
    clock.time('prepare', () => advance(750));
    clock.time('reconcile', () => advance(500));
    expect(result).toBe('page');
    expect(clock.timings()).toEqual({ read: 0, prepare: 1, reconcile: 0.5, store: 0, idle: 0 });
  });

  it('counts time spent in a nested stage for that stage only', async () => {
    const { clock, advance } = manualClock();
    await clock.timeAsync('store', async () => {
      advance(1000);
      clock.time('reconcile', () => advance(300));
      await Promise.resolve();
      // The next page prepared while this one waits on the store.
      clock.time('prepare', () => advance(200));
      advance(500);
    });
    expect(clock.timings()).toEqual({
      read: 0,
      prepare: 0.2,
      reconcile: 0.3,
      store: 1.5,
      idle: 0,
    });
  });

  it('counts a wait from a mark, less what was timed meanwhile', () => {
    const { clock, advance } = manualClock();
    const waiting = clock.mark();
    advance(400);
    clock.time('prepare', () => advance(100));
    clock.addSince('read', waiting);
    expect(clock.timings()).toMatchObject({ read: 0.4, prepare: 0.1 });
  });

  it('counts a step that fails, and lets its error through', async () => {
    const { clock, advance } = manualClock();
    expect(() =>
      clock.time('reconcile', () => {
        advance(100);
        throw new Error('boom');
      }),
    ).toThrow('boom');
    await expect(
      clock.timeAsync('store', () => {
        advance(200);
        return Promise.reject(new Error('lost connection'));
      }),
    ).rejects.toThrow('lost connection');
    expect(clock.timings()).toMatchObject({ reconcile: 0.1, store: 0.2 });
  });

  it('hands out copies: a caller cannot change the totals', () => {
    const { clock, advance } = manualClock();
    clock.time('read', () => advance(1000));
    const timings = clock.timings();
    timings.read = 99;
    expect(clock.timings().read).toBe(1);
  });
});
