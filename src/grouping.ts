/**
 * Items in order, in groups of at most `maxCount` whose sizes add up to at most `maxSize` (the
 * first group also carries `firstOverhead`, e.g. a title): embeds into messages, fields into
 * embeds, paragraphs into model calls. An item too big on its own still gets a group of its own.
 */
export function groupWithin<T>(items: readonly T[], size: (item: T) => number, limits: { maxCount: number; maxSize: number; firstOverhead?: number }): T[][] {
  const groups: T[][] = [];
  let current: T[] = [];
  let used = limits.firstOverhead ?? 0;
  for (const item of items) {
    const itemSize = size(item);
    if (current.length > 0 && (current.length >= limits.maxCount || used + itemSize > limits.maxSize)) {
      groups.push(current);
      current = [];
      used = 0;
    }
    current.push(item);
    used += itemSize;
  }
  if (current.length > 0) groups.push(current);
  return groups;
}
