/** Progress of a long import or export: a callback every N rows, and a printer for the commands. */
export interface Progress {
  phase: 'validate' | 'write' | 'export';
  /** Rows of this phase so far. */
  rows: number;
  rowsPerSecond: number;
  elapsedMs: number;
  /** The last call of the phase. */
  done: boolean;
}

export type ProgressCallback = (p: Progress) => void;

/** Calls `callback` every `every` rows and once at the end of the phase. */
export class ProgressMeter {
  private started = performance.now();
  private rows = 0;
  constructor(
    private readonly phase: Progress['phase'],
    private readonly callback: ProgressCallback | undefined,
    private readonly every = 10_000,
  ) {}

  tick(n = 1): void {
    const before = this.rows;
    this.rows += n;
    if (this.callback && Math.floor(before / this.every) !== Math.floor(this.rows / this.every)) this.emit(false);
  }

  finish(): void {
    if (this.callback) this.emit(true);
  }

  get elapsedMs(): number {
    return performance.now() - this.started;
  }

  private emit(done: boolean) {
    const elapsedMs = this.elapsedMs;
    this.callback!({ phase: this.phase, rows: this.rows, elapsedMs, rowsPerSecond: elapsedMs > 0 ? (this.rows / elapsedMs) * 1000 : 0, done });
  }
}

const PHASE = { validate: '校验 validate', write: '写入 write', export: '导出 export' };

/**
 * For the commands: on a terminal, one line rewritten in place; otherwise (logs, CI) one line
 * every `lineEvery` rows and at the end of each phase.
 */
export function stderrProgress(stream: NodeJS.WriteStream = process.stderr, lineEvery = 100_000): ProgressCallback {
  let lastLine = new Map<string, number>();
  return (p) => {
    const text = `${PHASE[p.phase]}: ${p.rows.toLocaleString('en-US')} rows, ${Math.round(p.rowsPerSecond).toLocaleString('en-US')} rows/s, ${(p.elapsedMs / 1000).toFixed(1)} s`;
    if (stream.isTTY) {
      stream.write(`\r\x1b[2K${text}${p.done ? '\n' : ''}`);
      return;
    }
    const bucket = Math.floor(p.rows / lineEvery);
    if (p.done || bucket > (lastLine.get(p.phase) ?? 0)) {
      lastLine.set(p.phase, bucket);
      stream.write(`${text}\n`);
    }
  };
}
