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
    /** 1-based text line of the first bad byte (as far as it can be told). */
    readonly line: number,
  ) {
    super(`the file is not valid ${encoding} (line ${line}, byte ${byteOffset})`);
  }
}

const countNewlines = (buf: Buffer, end = buf.length) => {
  let n = 0;
  for (let i = buf.indexOf(0x0a); i >= 0 && i < end; i = buf.indexOf(0x0a, i + 1)) n++;
  return n;
};

/** Trailing bytes of buf[0, n) that start a multi-byte sequence not finished yet (0 if none). */
function incompleteTail(buf: Buffer, n: number): number {
  for (let k = 1; k <= 3 && k <= n; k++) {
    const b = buf[n - k];
    if ((b & 0xc0) === 0x80) continue; // continuation byte: look further back for the lead
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return need > k ? k : 0;
  }
  return 0;
}

/** Where a chunk stops being UTF-8: the longest valid prefix (a sequence cut by the prefix's end counts as valid). */
function firstInvalidUtf8(chunk: Buffer): number {
  const validPrefix = (n: number) => isUtf8(chunk.subarray(0, n - incompleteTail(chunk, n)));
  let lo = 0;
  let hi = chunk.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (validPrefix(mid)) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

export class DecodeStream extends Transform {
  encoding: TextEncoding | undefined;
  private decoder: TextDecoder | undefined;
  private bytes = 0;
  private lines = 0;

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
      // Look at the rest of the first line with a non-ASCII byte (the header, in practice), without
      // a sequence cut at the chunk's end: a UTF-8 file that goes wrong later is then reported
      // where it goes wrong, instead of being read as GB18030 from the start.
      const newline = chunk.indexOf(0x0a, firstHigh);
      let probe = chunk.subarray(firstHigh, newline < 0 ? chunk.length : newline);
      if (newline < 0) for (let cut = 0; cut < 3 && probe.length > 0 && !isUtf8(probe); cut++) probe = probe.subarray(0, probe.length - 1);
      this.decide(probe.length > 0 && isUtf8(probe) ? 'utf-8' : 'gb18030');
    }
    let text: string;
    try {
      text = this.decoder!.decode(chunk, { stream: true });
    } catch {
      const at = this.encoding === 'utf-8' ? firstInvalidUtf8(chunk) : 0;
      return done(new EncodingError(this.encoding!, start + at, this.lines + countNewlines(chunk, at) + 1));
    }
    this.lines += countNewlines(chunk);
    done(null, text);
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
      done(new EncodingError(this.encoding!, this.bytes, this.lines + 1));
    }
  }
}
