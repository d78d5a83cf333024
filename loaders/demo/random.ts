/** Deterministic randomness from hashing: the same seed and keys give the same numbers anywhere. */

/** 32-bit hash of a list of numbers and strings (murmur3-style mixing). */
export function hash(...keys: (number | string)[]): number {
  return hashOn(0x811c9dc5, keys);
}

/**
 * The hash is a left fold over its keys, so the state after a common prefix (seed, nip) can be
 * kept and continued: `hashOn(hash(a, b), [c, d]) === hash(a, b, c, d)`. The generator hashes every
 * person's (seed, nip) prefix once instead of in each of the ~10 per-period draws (19 of about 30
 * mixing rounds per draw; the demo made ~40 M such draws).
 */
export function hashOn(h: number, keys: readonly (number | string)[]): number {
  for (let j = 0; j < keys.length; j++) {
    const k = keys[j];
    if (typeof k === "number") h = mixNumber(h, k);
    else h = mixString(h, k);
  }
  return h >>> 0;
}

/** `hash(...prefix, s, n)` from the prefix's hash `h`, without allocating the key list. */
export function hashSN(h: number, s: string, n: number): number {
  return mixNumber(mixString(h, s), n);
}

function mixNumber(h: number, k: number): number {
  h = mix(h ^ (k | 0));
  h = mix(h ^ Math.floor(k / 4294967296));
  return mix(h ^ 0x9e3779b9);
}

function mixString(h: number, k: string): number {
  for (let i = 0; i < k.length; i++) h = mix(h ^ k.charCodeAt(i));
  return mix(h ^ 0x9e3779b9);
}

function mix(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** Uniform in [0, 1) from keys. */
export function unit(...keys: (number | string)[]): number {
  return hash(...keys) / 4294967296;
}

/** A small seeded generator (sfc32) for sequential draws. */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  constructor(...keys: (number | string)[]) {
    this.a = hash(...keys, 1);
    this.b = hash(...keys, 2);
    this.c = hash(...keys, 3);
    this.d = 1;
    for (let i = 0; i < 12; i++) this.next();
  }
  next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return (t >>> 0) / 4294967296;
  }
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.next() * xs.length)];
  }
  /** Pick by weights (need not sum to 1). */
  weighted<T>(pairs: readonly (readonly [T, number])[]): T {
    const total = pairs.reduce((s, p) => s + p[1], 0);
    let x = this.next() * total;
    for (const [v, w] of pairs) if ((x -= w) < 0) return v;
    return pairs[pairs.length - 1][0];
  }
  normal(mean = 0, sd = 1): number {
    const u = Math.max(this.next(), 1e-12), v = this.next();
    return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }
}
