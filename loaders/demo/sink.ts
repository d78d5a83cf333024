/**
 * A growable byte buffer for CSV text. The generator writes ~750 MB of CSV for the kanreg8 demo;
 * built as strings, the text cost more to concatenate, collect and encode (over half the run) than
 * to compute. Almost every byte is ASCII (NIPs, codes, dates, fixed words), written here directly;
 * a string with other characters is encoded as UTF-8 exactly as TextEncoder would.
 */
const enc = new TextEncoder();

export class Sink {
  buf = new Uint8Array(1 << 16);
  n = 0;
  /** Lines written since the last `reset` (the caller counts them). */
  rows = 0;

  private room(k: number): void {
    if (this.n + k <= this.buf.length) return;
    const next = new Uint8Array(Math.max(this.buf.length * 2, this.n + k));
    next.set(this.buf.subarray(0, this.n));
    this.buf = next;
  }

  bytes(b: Uint8Array): void {
    this.room(b.length);
    if (b.length < 32) { for (let i = 0; i < b.length; i++) this.buf[this.n++] = b[i]; }
    else {
      this.buf.set(b, this.n);
      this.n += b.length;
    }
  }

  byte(c: number): void {
    this.room(1);
    this.buf[this.n++] = c;
  }

  text(s: string): void {
    this.room(s.length * 3);
    const buf = this.buf;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c < 0x80) buf[this.n++] = c;
      else {
        this.n += enc.encodeInto(s.slice(i), buf.subarray(this.n)).written;
        return;
      }
    }
  }

  /** A non-negative whole number in decimal, as String(x) writes it. */
  int(x: number): void {
    if (x < 10) return this.byte(48 + x);
    this.text(String(x));
  }

  /** The bytes written so far (a view: valid until the next write or `reset`). */
  view(): Uint8Array {
    return this.buf.subarray(0, this.n);
  }

  reset(): void {
    this.n = 0;
    this.rows = 0;
  }
}

/** A string's UTF-8 bytes (for constant pieces written on every row). */
export function utf8(s: string): Uint8Array {
  return enc.encode(s);
}
