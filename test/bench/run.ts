/**
 * `npm run bench`: runs every area's benchmark script in turn, each in its own process so that one
 * area's memory and timers never skew another's. Pass area names to run only those
 * (`npm run bench -- offline cache`). Figures are printed by each script; see README "Benchmarks".
 */
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';

const here = import.meta.dirname;
const tsx = import.meta.resolve('tsx');
const order = ['offline', 'articles', 'ask', 'llm', 'cache', 'discord', 'digests', 'briefings', 'stories', 'ops', 'scale'];
const available = readdirSync(here)
  .filter((file) => file.endsWith('.ts') && file !== 'run.ts')
  .map((file) => file.slice(0, -3));
const requested = process.argv.slice(2);
const areas = (requested.length > 0 ? requested : [...order, ...available.filter((a) => !order.includes(a))]).filter(
  (area) => available.includes(area) || (console.error(`no benchmark named "${area}"`), false),
);

function run(area: string): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', tsx, path.join(here, `${area}.ts`)], { stdio: 'inherit' });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
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
