// Compiles src/ and commands/ to dist/ (same layout, .js), so that starting Herald runs plain
// JavaScript instead of transpiling ~100 TypeScript files on every start. `npm install` runs this
// (the "prepare" script); src/launch/start.mjs runs it again when the sources changed since.
//
// The compiler is esbuild, the one tsx already runs Herald's TypeScript with, reached through tsx
// (a production dependency), so the output behaves exactly as under tsx and no dev dependency is
// needed, e.g. in the Docker image.
//
//   node src/launch/build.mjs            compile; exit 1 on failure
//   node src/launch/build.mjs --prepare  compile; on failure warn and exit 0 (npm start then runs the sources)
import { mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The project's root folder. */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** Where the compiled files go: dist/src/index.js is the entry point. */
export const DIST = path.join(ROOT, 'dist');
export const COMPILED_ENTRY = path.join(DIST, 'src', 'index.js');
/** Written last by a build: its time is the build's. */
const STAMP = path.join(DIST, '.built');
/** What the compiled output depends on: the folders (their files and the files' list) and the settings. */
const SOURCE_DIRS = ['src', 'commands'];
const SETTINGS = ['tsconfig.json', 'package.json'];

/**
 * True when dist/ was built after every source file, folder and setting last changed. A folder's
 * time changes when a file is added or removed, so a deleted command is caught too.
 */
export function compiledIsFresh() {
  let built;
  try {
    built = statSync(STAMP).mtimeMs;
  } catch {
    return false;
  }
  const newer = (file) => statSync(file).mtimeMs > built;
  try {
    if (SETTINGS.some((name) => newer(path.join(ROOT, name)))) return false;
    return !SOURCE_DIRS.some((dir) => anyNewer(path.join(ROOT, dir), newer));
  } catch {
    return false;
  }
}

function anyNewer(dir, newer) {
  if (newer(dir)) return true;
  return readdirSync(dir, { withFileTypes: true }).some((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? anyNewer(full, newer) : newer(full);
  });
}

/** The TypeScript files under `dir` that make up the program: no declarations, no tests. */
export function sourceFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.ts$/.test(entry.name) && !/\.(d|test)\.ts$/.test(entry.name) ? [full] : [];
  });
}

/**
 * Compiles `files` (under `root`) to JavaScript in `outdir`, keeping their layout: how dist/ is made,
 * and the Discord bench's compiled copy (test/bench/compiled.ts). Throws when esbuild is missing or a
 * file does not compile.
 */
export async function compile(files, outdir, root = ROOT) {
  const esbuild = createRequire(createRequire(import.meta.url).resolve('tsx/package.json'))('esbuild');
  await esbuild.build({
    entryPoints: files,
    outdir,
    outbase: root,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    tsconfig: path.join(root, 'tsconfig.json'),
    logLevel: 'silent',
  });
}

/**
 * Compiles into a fresh folder and then puts it in place of dist/, so a process starting meanwhile
 * never sees half a build. Throws when esbuild is missing or a file does not compile.
 */
export async function build() {
  const files = SOURCE_DIRS.flatMap((dir) => sourceFiles(path.join(ROOT, dir)));
  if (files.length === 0) throw new Error('no TypeScript sources to compile (src/ and commands/ are missing)');
  const staging = `${DIST}.${process.pid}.tmp`;
  rmSync(staging, { recursive: true, force: true });
  try {
    await compile(files, staging);
    mkdirSync(staging, { recursive: true });
    writeFileSync(path.join(staging, path.basename(STAMP)), `${new Date().toISOString()}\n`);
    const old = `${DIST}.${process.pid}.old`;
    rmSync(old, { recursive: true, force: true });
    try {
      renameSync(DIST, old);
    } catch {
      // No dist/ yet.
    }
    renameSync(staging, DIST);
    rmSync(old, { recursive: true, force: true });
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  return files.length;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const prepare = process.argv.includes('--prepare');
  const started = performance.now();
  build().then(
    (count) => {
      if (!prepare) process.stdout.write(`compiled ${count} files to dist/ in ${Math.round(performance.now() - started)} ms\n`);
    },
    (error) => {
      const message = error instanceof Error ? error.message : String(error);
      process.stderr.write(`Herald could not compile its TypeScript (${message.split('\n')[0]}); npm start will run the sources instead, only slower to start.\n`);
      if (!prepare) process.exitCode = 1;
    },
  );
}
