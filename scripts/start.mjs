// `npm start`: runs Herald from dist/ (compiled by `npm install`), compiling again first when the
// sources changed since. If compiling is not possible (no esbuild, a read-only folder), it runs
// the TypeScript sources through tsx, as before dist/ existed: slower to start, same behaviour.
import { build, COMPILED_ENTRY, compiledIsFresh, ROOT } from './build.mjs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

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
