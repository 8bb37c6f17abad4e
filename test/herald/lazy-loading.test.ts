import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_SEEDS } from '../support/articles.js';
import { ROOT, runHeraldOnce } from '../support/herald-process.js';
import { aTempDir } from '../support/temp-dir.js';

/**
 * A module resolve hook (it runs off the main thread, so it is plain JavaScript written out here):
 * one line on standard error per package resolved from node_modules.
 */
const HOOKS = `export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  const match = /\\/node_modules\\/((?:@[^/]+\\/)?[^/]+)\\//.exec(result.url);
  if (match) process.stderr.write('package-loaded ' + match[1] + '\\n');
  return result;
}
`;

let folder: { dir: string; cleanup: () => Promise<void> };
let trace: string;
beforeAll(async () => {
  folder = await aTempDir('herald-trace-');
  await writeFile(path.join(folder.dir, 'hooks.mjs'), HOOKS);
  trace = path.join(folder.dir, 'trace.mjs');
  await writeFile(trace, `import { register } from 'node:module';\nregister(new URL('./hooks.mjs', import.meta.url));\n`);
});
afterAll(async () => folder.cleanup());

/** Packages a run of Herald resolved, as the hook reported them. */
function packagesIn(stderr: string): Set<string> {
  return new Set([...stderr.matchAll(/^package-loaded (\S+)$/gm)].map((match) => match[1] ?? ''));
}

describe('what each mode loads', () => {
  // The console starts for every one-shot question; the bot's libraries would only slow it down.
  it('GIVEN no DISCORD_TOKEN THEN the console answers without loading discord.js or prom-client', async () => {
    const run = await runHeraldOnce(['help'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', SEEDS_DIR: REPO_SEEDS, STORE_URL: 'memory://', NODE_OPTIONS: `--import=${trace}` },
    });
    expect(run.code).toBe(0);
    const loaded = packagesIn(run.stderr);
    // The hook works: the store's package is resolved in every mode.
    expect(loaded).toContain('keyv');
    expect([...loaded].filter((name) => name === 'discord.js' || name.startsWith('@discordjs/') || name === 'prom-client')).toEqual([]);
  });
});
