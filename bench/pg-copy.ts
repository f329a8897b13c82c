import fs from 'node:fs';
import type pg from 'pg';
import { CopyIn } from '../shared/platform/pg-copy.js';

/** Runs `COPY <table> (<columns>) FROM STDIN (FORMAT csv, HEADER true)` with the file's bytes: the baseline of the import benchmark. */
export async function copyCsvFile(client: pg.Client, table: string, columns: string[], file: string): Promise<number> {
  const copy = await CopyIn.start(client as never, `COPY ${table} (${columns.join(', ')}) FROM STDIN (FORMAT csv, HEADER true, ENCODING 'UTF8')`);
  try {
    for await (const chunk of fs.createReadStream(file, { highWaterMark: 256 * 1024 })) {
      const drained = copy.write(chunk as Buffer);
      if (drained) await drained;
    }
  } catch (e) {
    await copy.fail(String(e));
    throw e;
  }
  return copy.end();
}
