/**
 * SM3 (GB/T 32905-2016) in plain TypeScript, for where Node's OpenSSL is not: a browser page
 * that verifies proofs, a verifier bundled without Node modules. Node code uses `sm3.ts`
 * (OpenSSL, several times faster); both give the same digests (a test compares them).
 *
 * Section numbers are those of GB/T 32905-2016.
 */

/** §4.1 the initial value IV. */
const IV = Uint32Array.of(0x7380166f, 0x4914b2b9, 0x172442d7, 0xda8a0600, 0xa96f30bc, 0x163138aa, 0xe38dee4d, 0xb0fb0e4e);

/** §4.2 the constants T_j, rotated left by j mod 32 as step 5.3.3 uses them. */
const ROTATED_T = Uint32Array.from({ length: 64 }, (_, j) => rotl(j < 16 ? 0x79cc4519 : 0x7a879d8a, j % 32));

function rotl(x: number, n: number): number {
  return ((x << n) | (x >>> (32 - n))) >>> 0;
}

/** §4.4 permutations. */
const p0 = (x: number): number => x ^ rotl(x, 9) ^ rotl(x, 17);
const p1 = (x: number): number => x ^ rotl(x, 15) ^ rotl(x, 23);

const w = new Uint32Array(68);
const w1 = new Uint32Array(64);

/** §5.3.2–5.3.3: expands one 64-byte block and compresses it into `v`. */
function compress(v: Uint32Array, block: DataView, offset: number): void {
  for (let j = 0; j < 16; j++) w[j] = block.getUint32(offset + 4 * j);
  for (let j = 16; j < 68; j++) {
    w[j] = (p1(w[j - 16]! ^ w[j - 9]! ^ rotl(w[j - 3]!, 15)) ^ rotl(w[j - 13]!, 7) ^ w[j - 6]!) >>> 0;
  }
  for (let j = 0; j < 64; j++) w1[j] = (w[j]! ^ w[j + 4]!) >>> 0;
  let [a, b, c, d, e, f, g, h] = v as unknown as [number, number, number, number, number, number, number, number];
  for (let j = 0; j < 64; j++) {
    const a12 = rotl(a, 12);
    const ss1 = rotl((a12 + e + ROTATED_T[j]!) >>> 0, 7);
    const ss2 = ss1 ^ a12;
    const ff = j < 16 ? a ^ b ^ c : (a & b) | (a & c) | (b & c);
    const gg = j < 16 ? e ^ f ^ g : (e & f) | (~e & g);
    const tt1 = (ff + d + ss2 + w1[j]!) >>> 0;
    const tt2 = (gg + h + ss1 + w[j]!) >>> 0;
    d = c;
    c = rotl(b, 9);
    b = a;
    a = tt1;
    h = g;
    g = rotl(f, 19);
    f = e;
    e = p0(tt2) >>> 0;
  }
  v[0]! ^= a;
  v[1]! ^= b;
  v[2]! ^= c;
  v[3]! ^= d;
  v[4]! ^= e;
  v[5]! ^= f;
  v[6]! ^= g;
  v[7]! ^= h;
}

/**
 * SM3 digest of the concatenation of `parts`.
 * @param parts - the data, in order.
 * @returns the 32-byte digest.
 */
export function portableSm3(...parts: readonly Uint8Array[]): Uint8Array {
  const length = parts.reduce((sum, part) => sum + part.length, 0);
  // §5.2 padding: a 1 bit, zeros to 448 mod 512 bits, the bit length as 64 bits big-endian.
  const padded = new Uint8Array(Math.ceil((length + 9) / 64) * 64);
  let offset = 0;
  for (const part of parts) {
    padded.set(part, offset);
    offset += part.length;
  }
  padded[length] = 0x80;
  const view = new DataView(padded.buffer);
  const bits = length * 8;
  view.setUint32(padded.length - 8, Math.floor(bits / 2 ** 32));
  view.setUint32(padded.length - 4, bits >>> 0);
  const v = Uint32Array.from(IV);
  for (let block = 0; block < padded.length; block += 64) compress(v, view, block);
  const digest = new Uint8Array(32);
  const out = new DataView(digest.buffer);
  for (let i = 0; i < 8; i++) out.setUint32(4 * i, v[i]!);
  return digest;
}
