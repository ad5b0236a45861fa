import { type RunProgress } from '@crosswalk/sync';
import { MultiBar, Presets, type SingleBar } from 'cli-progress';

/** Progress bars on a terminal; plain lines (one per page at most every few seconds) otherwise. */
export interface ProgressReporter {
  update(progress: RunProgress): void;
  stop(): void;
}

export function createProgressReporter(stream: NodeJS.WriteStream): ProgressReporter {
  return stream.isTTY ? new BarReporter(stream) : new LineReporter(stream);
}

class BarReporter implements ProgressReporter {
  private readonly bars: MultiBar;
  private readonly byRun = new Map<string, SingleBar>();

  constructor(stream: NodeJS.WriteStream) {
    this.bars = new MultiBar(
      {
        stream,
        format: ' {connector} |{bar}| {value}/{total} records | {counts}',
        hideCursor: true,
        clearOnComplete: false,
      },
      Presets.shades_classic,
    );
  }

  update(progress: RunProgress): void {
    const payload = { connector: progress.connector, counts: summarise(progress) };
    const total = progress.total ?? progress.done ?? progress.counts.read;
    const value = progress.done ?? progress.counts.read;
    const bar = this.byRun.get(progress.runId);
    if (bar) {
      bar.setTotal(Math.max(total, value));
      bar.update(value, payload);
    } else {
      this.byRun.set(progress.runId, this.bars.create(Math.max(total, value), value, payload));
    }
  }

  stop(): void {
    this.bars.stop();
  }
}

class LineReporter implements ProgressReporter {
  private lastWrite = 0;

  constructor(private readonly stream: NodeJS.WriteStream) {}

  update(progress: RunProgress): void {
    const now = Date.now();
    if (now - this.lastWrite < 2_000) return;
    this.lastWrite = now;
    const of = progress.total === undefined ? '' : `/${progress.total}`;
    const done = progress.done === undefined ? '' : ` ${progress.done}${of}`;
    this.stream.write(`${progress.connector}:${done} ${summarise(progress)}\n`);
  }

  stop(): void {}
}

function summarise(progress: RunProgress): string {
  const counts = progress.counts;
  return `read ${counts.read}, created ${counts.created}, updated ${counts.updated}, merged ${counts.merged}, unchanged ${counts.unchanged}, quarantined ${counts.quarantined}`;
}
