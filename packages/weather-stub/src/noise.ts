/**
 * Deterministic noise: the same inputs give the same numbers on every run and
 * every machine, so the simulated weather for a place and hour never changes.
 */

/** Mixes integers into a number in [0, 1). */
export function hash(...values: number[]): number {
  let h = 0x9e3779b9;
  for (const value of values) {
    h = Math.imul(h ^ (value | 0), 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
  }
  return (h >>> 0) / 2 ** 32;
}

const smoothstep = (f: number) => f * f * (3 - 2 * f);
const lerp = (a: number, b: number, f: number) => a + (b - a) * f;

/**
 * Smooth value noise in [0, 1) over three axes (two of space, one of time),
 * so that neighbouring places and neighbouring hours get similar weather.
 */
export function noise3(seed: number, x: number, y: number, z: number): number {
  const [x0, y0, z0] = [Math.floor(x), Math.floor(y), Math.floor(z)];
  const [fx, fy, fz] = [smoothstep(x - x0), smoothstep(y - y0), smoothstep(z - z0)];
  const corner = (dx: number, dy: number, dz: number) => hash(seed, x0 + dx, y0 + dy, z0 + dz);
  const plane = (dz: number) =>
    lerp(
      lerp(corner(0, 0, dz), corner(1, 0, dz), fx),
      lerp(corner(0, 1, dz), corner(1, 1, dz), fx),
      fy,
    );
  return lerp(plane(0), plane(1), fz);
}
