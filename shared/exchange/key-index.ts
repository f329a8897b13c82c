/**
 * The keys seen in a file and the row where each was first seen, kept compact and outside the
 * JavaScript heap: the only state pass 1 keeps per row. For a million USCCs about 40 MB (key bytes
 * in one buffer, an open-addressing table of int32), against ~130 MB and a slower garbage
 * collector for a Map of strings.
 */
export class KeyIndex {
  private arena = Buffer.allocUnsafe(1 << 16);
  private used = 0;
  /** Per entry: where its key starts in the arena (a 2-byte length, then UTF-8 bytes), and its row. */
  private starts = new Int32Array(1024);
  private rows = new Int32Array(1024);
  /** Open addressing, linear probing: entry index + 1, 0 for empty. */
  private table = new Int32Array(2048);
  size = 0;

  /** Remembers `key` at `row` and returns -1, or returns the row where `key` was seen before. */
  firstRow(key: string, row: number): number {
    const maxBytes = key.length * 3 + 2;
    if (this.used + maxBytes > this.arena.length) this.growArena(maxBytes);
    const start = this.used;
    const arena = this.arena;
    // ASCII keys (USCCs, certificate numbers) byte by byte: no call into C++ per key.
    let length = key.length;
    for (let i = 0; i < key.length; i++) {
      const c = key.charCodeAt(i);
      if (c >= 0x80) {
        length = arena.write(key, start + 2, 'utf8');
        break;
      }
      arena[start + 2 + i] = c;
    }
    if (length > 0xffff) throw new Error('key too long for KeyIndex');
    arena[start] = length & 0xff;
    arena[start + 1] = length >>> 8;
    const hash = fnv1a(this.arena, start + 2, length);
    const mask = this.table.length - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const entry = this.table[slot];
      if (entry === 0) {
        // New key: keep the bytes just written.
        if (this.size === this.starts.length) this.growEntries();
        this.starts[this.size] = start;
        this.rows[this.size] = row;
        this.size++;
        this.table[slot] = this.size;
        this.used = start + 2 + length;
        if (this.size * 2 > this.table.length) this.rehash();
        return -1;
      }
      const other = this.starts[entry - 1];
      if (arena[other] + (arena[other + 1] << 8) === length && sameBytes(arena, start + 2, other + 2, length)) return this.rows[entry - 1];
    }
  }

  /** Bytes held (for tests and curiosity). */
  get bytes(): number {
    return this.arena.length + this.starts.byteLength + this.rows.byteLength + this.table.byteLength;
  }

  private growArena(atLeast: number) {
    const next = Buffer.allocUnsafe(Math.max(this.arena.length * 2, this.used + atLeast));
    this.arena.copy(next, 0, 0, this.used);
    this.arena = next;
  }

  private growEntries() {
    const starts = new Int32Array(this.starts.length * 2);
    starts.set(this.starts);
    this.starts = starts;
    const rows = new Int32Array(this.rows.length * 2);
    rows.set(this.rows);
    this.rows = rows;
  }

  private rehash() {
    const table = new Int32Array(this.table.length * 2);
    const mask = table.length - 1;
    for (let e = 0; e < this.size; e++) {
      const start = this.starts[e];
      let slot = fnv1a(this.arena, start + 2, this.arena.readUInt16LE(start)) & mask;
      while (table[slot] !== 0) slot = (slot + 1) & mask;
      table[slot] = e + 1;
    }
    this.table = table;
  }
}

function sameBytes(buf: Buffer, a: number, b: number, length: number): boolean {
  for (let i = 0; i < length; i++) if (buf[a + i] !== buf[b + i]) return false;
  return true;
}

function fnv1a(buf: Buffer, start: number, length: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < start + length; i++) {
    h ^= buf[i];
    h = Math.imul(h, 0x01000193);
  }
  // Mix the high bits down: the table uses the low ones.
  h ^= h >>> 16;
  return h >>> 0;
}
