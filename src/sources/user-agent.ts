import { readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Herald's version from its package.json, looked up from this file's folder upwards so it is found
 * both from src/ (tsx) and from the compiled dist/ tree. '0' when it cannot be read.
 */
function heraldVersion(): string {
  let dir = import.meta.dirname;
  for (let depth = 0; depth < 5; depth += 1) {
    try {
      const data: unknown = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
      if (typeof data === 'object' && data !== null && 'name' in data && data.name === 'herald' && 'version' in data && typeof data.version === 'string') {
        return data.version;
      }
    } catch {
      // No package.json at this level: keep climbing.
    }
    dir = path.dirname(dir);
  }
  return '0';
}

/** Sent with every feed and page request, so site owners can tell who is calling and why. */
export const HERALD_USER_AGENT = `Herald/${heraldVersion()} (Discord news bot)`;
