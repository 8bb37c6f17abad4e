// `npm start`: runs Herald from dist/ (compiled by `npm install`), compiling again first when the
// sources changed since. If compiling is not possible (no esbuild, a read-only folder), it runs
// the TypeScript sources through tsx, as before dist/ existed: slower to start, same behaviour.
import module from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, COMPILED_ENTRY, compiledIsFresh, ROOT } from './build.mjs';

// Node 22.1 and later keep compiled code on disk between starts (discord.js alone is hundreds of
// files); Node 20 has no such cache and starts as before.
module.enableCompileCache?.();

async function compiled() {
  if (compiledIsFresh()) return true;
  try {
    await build();
    return true;
  } catch {
    return false;
  }
}

if (await compiled()) {
  await import(pathToFileURL(COMPILED_ENTRY).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import(pathToFileURL(path.join(ROOT, 'src', 'index.ts')).href);
}
