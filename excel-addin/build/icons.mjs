// The add-in's icons, drawn here at build time so no binary sits in the repository: a target
// (the ideal customer) in the panel's colours, as PNG at the sizes the manifest names.
import { deflateSync } from 'node:zlib';

export const ICON_SIZES = [16, 32, 64, 80];

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes) {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A PNG (8-bit RGBA) of `size`×`size` pixels from `pixel(x, y)` → [r, g, b, a]. */
export function encodePng(size, pixel) {
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    for (let x = 0; x < size; x++) {
      const [r, g, b, a] = pixel(x, y);
      raw.set([r, g, b, a], y * (size * 4 + 1) + 1 + x * 4);
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8 bits, RGBA, deflate, no filter, no interlace
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk('IHDR', header), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

const NAVY = [31, 58, 95];
const WHITE = [255, 255, 255];
const ACCENT = [46, 139, 87];

/** The colour of the target at a distance from the centre, as a share of the radius (null = outside). */
function targetColour(distance) {
  if (distance > 1) return null;
  if (distance > 0.78) return NAVY;
  if (distance > 0.58) return WHITE;
  if (distance > 0.38) return NAVY;
  if (distance > 0.2) return WHITE;
  return ACCENT;
}

/** The icon at one size, 4×4 supersampled so the rings are smooth. */
export function iconPng(size) {
  const samples = 4;
  return encodePng(size, (x, y) => {
    let r = 0;
    let g = 0;
    let b = 0;
    let covered = 0;
    for (let sy = 0; sy < samples; sy++) {
      for (let sx = 0; sx < samples; sx++) {
        const px = (x + (sx + 0.5) / samples) / size - 0.5;
        const py = (y + (sy + 0.5) / samples) / size - 0.5;
        const colour = targetColour(Math.hypot(px, py) / 0.48);
        if (!colour) continue;
        r += colour[0];
        g += colour[1];
        b += colour[2];
        covered++;
      }
    }
    if (covered === 0) return [0, 0, 0, 0];
    return [Math.round(r / covered), Math.round(g / covered), Math.round(b / covered), Math.round((255 * covered) / samples ** 2)];
  });
}
