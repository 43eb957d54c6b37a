/**
 * Loops the learner runs over every account, written out: in V8, `TypedArray.from(source, fn)`
 * and `TypedArray.prototype.filter` cost some 20 times a plain loop, which on a million deals is
 * seconds.
 */

/** The rows for which `test` holds, in order. */
export function keep(rows: Int32Array, test: (i: number) => boolean): Int32Array {
  const out = new Int32Array(rows.length);
  let k = 0;
  for (let r = 0; r < rows.length; r++) if (test(rows[r]!)) out[k++] = rows[r]!;
  return out.slice(0, k);
}

/** 0…n−1 where `test` holds. */
export function indexes(n: number, test: (i: number) => boolean): Int32Array {
  const out = new Int32Array(n);
  let k = 0;
  for (let i = 0; i < n; i++) if (test(i)) out[k++] = i;
  return out.slice(0, k);
}

/** Per account, `table[codes[i]]`. */
export function lookup<T extends Int16Array | Int32Array | Uint8Array | Float64Array>(make: new (n: number) => T, codes: ArrayLike<number>, table: ArrayLike<number>): T {
  const out = new make(codes.length);
  for (let i = 0; i < codes.length; i++) out[i] = table[codes[i]!]!;
  return out;
}

/** A vector of n entries computed one by one. */
export function fill<T extends Int16Array | Int32Array | Uint8Array | Float64Array>(make: new (n: number) => T, n: number, f: (i: number) => number): T {
  const out = new make(n);
  for (let i = 0; i < n; i++) out[i] = f(i);
  return out;
}
