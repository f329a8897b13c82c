import { Transform, type TransformCallback } from 'node:stream';
import { isUtf8 } from 'node:buffer';
import { TextDecoder } from 'node:util';

/**
 * Bytes → text for CSV files: UTF-8 (with or without a BOM) or, when the file is not valid UTF-8,
 * GB18030 (a superset of GBK and GB2312, what Excel on a Chinese Windows writes by default).
 *
 * Streaming: ASCII-only chunks pass through undecided (the same in both encodings); the first
 * chunk with a byte ≥ 0x80 decides. Headers of our files are Chinese, so the decision is made on
 * the first line in practice. After a UTF-8 decision an invalid sequence is an error (a file mixing
 * encodings), not a silent replacement character.
 */
export type TextEncoding = 'utf-8' | 'gb18030';

export class EncodingError extends Error {
  constructor(
    readonly encoding: TextEncoding,
    readonly byteOffset: number,
  ) {
    super(`the file is not valid ${encoding} (near byte ${byteOffset})`);
  }
}

export class DecodeStream extends Transform {
  encoding: TextEncoding | undefined;
  private decoder: TextDecoder | undefined;
  private bytes = 0;

  constructor(readonly forced?: TextEncoding) {
    super({ readableObjectMode: true });
    if (forced) this.decide(forced);
  }

  private decide(encoding: TextEncoding) {
    this.encoding = encoding;
    this.decoder = new TextDecoder(encoding, { fatal: true });
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    const start = this.bytes;
    this.bytes += chunk.length;
    if (!this.decoder) {
      const firstHigh = chunk.findIndex((b) => b >= 0x80);
      if (firstHigh < 0) return done(null, chunk.toString('latin1'));
      // Look at the bytes from the first non-ASCII one, without a sequence cut at the chunk's end.
      let probe = chunk.subarray(firstHigh);
      for (let cut = 0; cut < 4 && probe.length > 0 && !isUtf8(probe); cut++) probe = probe.subarray(0, probe.length - 1);
      this.decide(probe.length > 0 && isUtf8(probe) ? 'utf-8' : 'gb18030');
    }
    try {
      done(null, this.decoder!.decode(chunk, { stream: true }));
    } catch {
      done(new EncodingError(this.encoding!, start));
    }
  }

  override _flush(done: TransformCallback): void {
    if (!this.decoder) {
      this.encoding ??= 'utf-8';
      return done();
    }
    try {
      const rest = this.decoder.decode();
      done(null, rest || undefined);
    } catch {
      done(new EncodingError(this.encoding!, this.bytes));
    }
  }
}
