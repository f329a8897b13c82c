import { once } from 'node:events';

/**
 * `COPY … FROM STDIN` with the pg client alone (no pg-copy-streams): a "submittable" that the
 * caller feeds chunk by chunk, with the socket's backpressure. Used by the register import (valid
 * rows streamed into a staging table while the file is still being read) and by the import
 * benchmark's baseline (a whole file).
 */
interface Connection {
  query(text: string): void;
  sendCopyFromChunk(chunk: Buffer): void;
  endCopyFrom(): void;
  sendCopyFail(message: string): void;
  stream: NodeJS.WritableStream & { writableNeedDrain?: boolean };
}

interface Deferred<T> {
  promise: Promise<T>;
  resolve: (value: T) => void;
  reject: (error: Error) => void;
}
/** `Promise.withResolvers`, which Node 20 lacks. */
function deferred<T>(): Deferred<T> {
  const d = {} as Deferred<T>;
  d.promise = new Promise<T>((resolve, reject) => Object.assign(d, { resolve, reject }));
  return d;
}

/** The part of a pg client that runs a submittable (pg.Client and pg.PoolClient have it). */
export interface CopyClient {
  query(submittable: never): unknown;
}

export class CopyIn {
  private connection?: Connection;
  private error: Error | null = null;
  private rowCount = 0;
  private finished = false;
  private ready = deferred<void>();
  private done = deferred<number>();
  callback?: (err: Error | null, rowCount?: number) => void;

  private constructor(readonly text: string) {
    this.ready.promise.catch(() => {});
    this.done.promise.catch(() => {});
  }

  /** Sends `statement` (a `COPY … FROM STDIN`) and resolves once the server waits for data. */
  static async start(client: CopyClient, statement: string): Promise<CopyIn> {
    const copy = new CopyIn(statement);
    copy.callback = (err, n) => {
      copy.finished = true;
      if (err) {
        copy.ready.reject(err);
        copy.done.reject(err);
      } else copy.done.resolve(n ?? 0);
    };
    client.query(copy as never);
    await copy.ready.promise;
    return copy;
  }

  /** Sends a chunk; the promise (when there is one) resolves when the socket can take more. */
  write(chunk: Buffer): Promise<void> | undefined {
    if (this.error) throw this.error;
    this.connection!.sendCopyFromChunk(chunk);
    if (this.connection!.stream.writableNeedDrain) return once(this.connection!.stream, 'drain').then(() => undefined);
    return undefined;
  }

  /** Ends the data; resolves with the rows the server loaded (rejects with its error). */
  end(): Promise<number> {
    if (!this.finished && !this.error) this.connection!.endCopyFrom();
    return this.done.promise;
  }

  /** Abandons the COPY (the server rolls back the statement); resolves once it answered. */
  async fail(message: string): Promise<void> {
    // After the server's own error it has left COPY already: nothing to abandon.
    if (!this.finished && !this.error) this.connection!.sendCopyFail(message);
    await this.done.promise.catch(() => {});
  }

  submit(connection: Connection) {
    this.connection = connection;
    connection.query(this.text);
  }

  handleCopyInResponse() {
    this.ready.resolve();
  }

  handleCommandComplete(msg: { text?: string }) {
    this.rowCount = Number(/(\d+)$/.exec(msg.text ?? '')?.[1] ?? 0);
  }

  handleReadyForQuery() {
    this.callback?.(this.error, this.rowCount);
  }

  /** The client forgets the query on an error (no ReadyForQuery reaches it): it ends here. */
  handleError(err: Error) {
    this.error = err;
    this.callback?.(err);
  }

  // Not used by COPY FROM, but the client may call them.
  handleRowDescription() {}
  handleDataRow() {}
  handleEmptyQuery() {}
  handlePortalSuspended() {}
  handleCopyData() {}
}

/** A COPY text-format field: backslash, tab, line feed and carriage return escaped; `\N` is NULL. */
export function copyText(value: string | null): string {
  if (value === null) return '\\N';
  return /[\\\t\n\r]/.test(value) ? value.replace(/[\\\t\n\r]/g, (c) => COPY_ESCAPES[c]) : value;
}
const COPY_ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };
