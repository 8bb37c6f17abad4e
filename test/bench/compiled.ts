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
 * TypeScript file compiled next to its source by esbuild, as src/launch/build.mjs compiles dist/,
 * and node_modules linked in, so relative paths and package imports resolve as in the project.
 */
import { cpSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const COPIED = ['src', 'commands', 'test', 'seeds', 'package.json', 'tsconfig.json'];

interface Esbuild {
  build(options: Record<string, unknown>): Promise<unknown>;
}

function typeScriptFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return typeScriptFiles(full);
    return /\.ts$/.test(entry.name) && !/\.(d|test)\.ts$/.test(entry.name) ? [full] : [];
  });
}

/** The compiled copy's folder, and a function that removes it. */
export async function compiledCopy(): Promise<{ root: string; cleanup: () => void }> {
  const root = mkdtempSync(path.join(tmpdir(), 'herald-bench-js-'));
  try {
    for (const name of COPIED) cpSync(path.join(ROOT, name), path.join(root, name), { recursive: true });
    symlinkSync(path.join(ROOT, 'node_modules'), path.join(root, 'node_modules'), 'dir');
    // esbuild comes with tsx, as for dist/ (src/launch/build.mjs).
    const esbuild = createRequire(createRequire(import.meta.url).resolve('tsx/package.json'))('esbuild') as Esbuild;
    await esbuild.build({
      entryPoints: ['src', 'commands', 'test'].flatMap((dir) => typeScriptFiles(path.join(root, dir))),
      outdir: root,
      outbase: root,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      tsconfig: path.join(root, 'tsconfig.json'),
      logLevel: 'silent',
    });
  } catch (error) {
    rmSync(root, { recursive: true, force: true });
    throw error;
  }
  return { root, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}
