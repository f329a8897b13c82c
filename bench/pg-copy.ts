import fs from 'node:fs';
import { once } from 'node:events';
import type pg from 'pg';

/**
 * `COPY … FROM STDIN` with the pg client alone (no pg-copy-streams): a minimal "submittable"
 * that streams a file to the server with backpressure. The baseline of the import benchmark.
 */
interface Connection {
  query(text: string): void;
  sendCopyFromChunk(chunk: Buffer): void;
  endCopyFrom(): void;
  sendCopyFail(message: string): void;
  stream: NodeJS.WritableStream & { writableNeedDrain?: boolean };
}

class CopyFromFile {
  callback?: (err: Error | null, rowCount?: number) => void;
  private error: Error | null = null;
  private rowCount = 0;
  constructor(
    readonly text: string,
    readonly file: string,
  ) {}

  submit(connection: Connection) {
    connection.query(this.text);
  }

  handleCopyInResponse(connection: Connection) {
    (async () => {
      try {
        for await (const chunk of fs.createReadStream(this.file, { highWaterMark: 256 * 1024 })) {
          connection.sendCopyFromChunk(chunk as Buffer);
          if (connection.stream.writableNeedDrain) await once(connection.stream, 'drain');
        }
        connection.endCopyFrom();
      } catch (e) {
        connection.sendCopyFail(String(e));
      }
    })();
  }

  handleCommandComplete(msg: { text?: string }) {
    this.rowCount = Number(/(\d+)$/.exec(msg.text ?? '')?.[1] ?? 0);
  }

  handleReadyForQuery() {
    this.callback?.(this.error, this.rowCount);
  }

  handleError(err: Error) {
    this.error = err;
  }

  // Not used by COPY FROM, but the client may call them.
  handleRowDescription() {}
  handleDataRow() {}
  handleEmptyQuery() {}
  handlePortalSuspended() {}
  handleCopyData() {}
}

/** Runs `COPY <table> (<columns>) FROM STDIN (FORMAT csv, HEADER true)` with the file's bytes. */
export function copyCsvFile(client: pg.Client, table: string, columns: string[], file: string): Promise<number> {
  const copy = new CopyFromFile(`COPY ${table} (${columns.join(', ')}) FROM STDIN (FORMAT csv, HEADER true, ENCODING 'UTF8')`, file);
  return new Promise((resolve, reject) => {
    copy.callback = (err, n) => (err ? reject(err) : resolve(n ?? 0));
    client.query(copy as never);
  });
}
