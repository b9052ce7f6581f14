/**
 * The option ↑/↓ moves to in a list of `count` options, wrapping at both ends;
 * `-1` means none is active (the caret is in the text box).
 *
 * @example
 * nextActiveOption(-1, 5, 'down') // 0
 * nextActiveOption(0, 5, 'up')    // 4
 */
export function nextActiveOption(current: number, count: number, direction: 'up' | 'down'): number {
  if (count === 0) return -1;
  if (current < 0 || current >= count) return direction === 'down' ? 0 : count - 1;
  return direction === 'down' ? (current + 1) % count : (current - 1 + count) % count;
}
