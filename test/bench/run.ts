/**
 * `npm run bench`: runs every area's benchmark script in turn, each in its own process so that one
 * area's memory and timers never skew another's. Pass area names to run only those
 * (`npm run bench -- offline cache`). Figures are printed by each script; see README "Benchmarks".
 */
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { compiledCopy } from './compiled.js';

const here = import.meta.dirname;
const tsx = import.meta.resolve('tsx');
const order = ['offline', 'articles', 'ask', 'llm', 'cache', 'discord', 'digests', 'briefings', 'stories', 'ops', 'scale'];
const available = readdirSync(here)
  .filter((file) => file.endsWith('.ts') && !['run.ts', 'compiled.ts'].includes(file))
  .map((file) => file.slice(0, -3));
/**
 * Areas that run compiled, without tsx in their process, as `npm start` runs Herald (see compiled.ts):
 * the Discord bench weighs microseconds per interaction, which tsx's require hook distorts.
 */
const COMPILED = new Set(['discord']);
const requested = process.argv.slice(2);
const areas = (requested.length > 0 ? requested : [...order, ...available.filter((a) => !order.includes(a))]).filter(
  (area) => available.includes(area) || (console.error(`no benchmark named "${area}"`), false),
);

function spawned(args: string[]): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { stdio: 'inherit' });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

async function run(area: string): Promise<number> {
  const underTsx = () => spawned(['--import', tsx, path.join(here, `${area}.ts`)]);
  if (!COMPILED.has(area)) return underTsx();
  const copy = await compiledCopy().catch((error: unknown) => {
    console.error(`could not compile the ${area} bench (${String(error)}); it runs under tsx, so its figures overstate Herald's costs`);
    return undefined;
  });
  if (!copy) return underTsx();
  try {
    return await spawned([path.join(copy.root, 'test', 'bench', `${area}.js`)]);
  } finally {
    copy.cleanup();
  }
}

const failed: string[] = [];
for (const area of areas) {
  console.log(`\n=== bench: ${area} ===`);
  const started = performance.now();
  const code = await run(area);
  console.log(`=== ${area}: ${code === 0 ? 'done' : `exit ${code}`} in ${((performance.now() - started) / 1000).toFixed(1)} s ===`);
  if (code !== 0) failed.push(area);
}
if (failed.length > 0) {
  console.error(`\nbenchmarks that failed or missed their goal: ${failed.join(', ')}`);
  process.exitCode = 1;
}
