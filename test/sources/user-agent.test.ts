import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { HERALD_USER_AGENT } from '../../src/sources/user-agent.js';

describe('HERALD_USER_AGENT', () => {
  it('names Herald and its version from package.json, so site owners know who is calling', () => {
    const pkg = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../package.json'), 'utf8')) as { version: string };
    expect(HERALD_USER_AGENT).toBe(`Herald/${pkg.version} (Discord news bot)`);
  });
});
