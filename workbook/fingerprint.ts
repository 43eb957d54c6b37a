/** A version fingerprint of a grid: a save is refused when the sheet no longer matches it. */

/** cyrb53: a fast 53-bit string hash; collisions are negligible for "did this sheet change". */
function hash53(text: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/** The fingerprint of a grid of wire cells (dates already ISO text). */
export function fingerprint(rows: unknown): string {
  return hash53(JSON.stringify(rows)).toString(36);
}
