/**
 * A pure function of a string remembered for its most recent inputs. For work that runs on every
 * request with inputs from a small set (language tags, cache-key parts): the first call pays,
 * later ones are a map look-up. Bounded, because the inputs come from users.
 */
export function memoize<R>(compute: (input: string) => R, maxEntries = 1_024): (input: string) => R {
  const remembered = new Map<string, R>();
  return (input) => {
    if (remembered.has(input)) return remembered.get(input) as R;
    const result = compute(input);
    // Insertion order: the first key is the oldest one stored.
    if (remembered.size >= maxEntries) {
      const oldest = remembered.keys().next();
      if (!oldest.done) remembered.delete(oldest.value);
    }
    remembered.set(input, result);
    return result;
  };
}
