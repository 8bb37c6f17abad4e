/**
 * A compiled copy of the project for benchmarks that must run as `npm start` runs Herald: plain
 * JavaScript (dist/), with no TypeScript loader in the process.
 *
 * Why: tsx's loader hooks every require() in the process, not only ours. discord.js requires
 * modules lazily on each reply (MessagePayload's isWebhook/isMessage): 2.5 µs per reply on plain
 * Node 24, 12.5 µs under tsx. The Discord bench weighs tens of microseconds per interaction, so under
 * tsx it charged Herald's replies (and not a bare bot's deferrals) a cost production never pays.
 *
 * The copy keeps the project's layout (src/, commands/, test/, seeds/, package.json) with every
 * TypeScript file compiled next to its source by src/launch/build.mjs's compile(), as dist/ is,
 * and node_modules linked in, so relative paths and package imports resolve as in the project.
 */
import { cpSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { compile, sourceFiles } from '../../src/launch/build.mjs';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const COPIED = ['src', 'commands', 'test', 'seeds', 'package.json', 'tsconfig.json'];

/** The compiled copy's folder, and a function that removes it. */
export async function compiledCopy(): Promise<{ root: string; cleanup: () => void }> {
  const root = mkdtempSync(path.join(tmpdir(), 'herald-bench-js-'));
  try {
    for (const name of COPIED) cpSync(path.join(ROOT, name), path.join(root, name), { recursive: true });
    symlinkSync(path.join(ROOT, 'node_modules'), path.join(root, 'node_modules'), 'dir');
    await compile(['src', 'commands', 'test'].flatMap((dir) => sourceFiles(path.join(root, dir))), root, root);
  } catch (error) {
    rmSync(root, { recursive: true, force: true });
    throw error;
  }
  return { root, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}
