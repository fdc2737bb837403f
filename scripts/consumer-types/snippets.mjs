// Type-checks the TypeScript blocks of README.md and docs/recipes.md that use Gatehouse,
// under `strict`, against the published types (after `npm run build`), as an app compiles
// them: a page block with the DOM library, a worker block (`gatehouse/sw`) with the
// webworker library, a Vite config block (`gatehouse/vite`) with Node's types.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const out = fileURLToPath(new URL('.snippets', import.meta.url));
const tsc = join(repo, 'node_modules/typescript/bin/tsc');
/** Names the README uses as the app's own code. */
const PAGE_PRELUDE = 'declare function showUpsell(): void;\n';

const blocks = [];
for (const doc of ['README.md', 'docs/recipes.md']) {
  const text = readFileSync(join(repo, doc), 'utf8');
  for (const match of text.matchAll(/```ts\n([\s\S]*?)```/g)) {
    const code = match[1];
    const kind = /from 'gatehouse\/sw'/.test(code) ? 'sw' : /from 'gatehouse\/vite'/.test(code) ? 'vite' : /from 'gatehouse'/.test(code) ? 'page' : null;
    if (kind) blocks.push({ doc, line: text.slice(0, match.index).split('\n').length + 1, kind, code });
  }
}

const LIBS = { page: ['es2022', 'dom'], sw: ['es2022', 'webworker'], vite: ['es2022'] };
rmSync(out, { recursive: true, force: true });
let failed = false;
for (const kind of ['page', 'sw', 'vite']) {
  const dir = join(out, kind);
  mkdirSync(dir, { recursive: true });
  const files = blocks
    .filter((block) => block.kind === kind)
    .map((block, index) => {
      const file = `${block.doc.replace(/\W/g, '_')}_line${block.line}.ts`;
      writeFileSync(join(dir, file), `${kind === 'page' ? PAGE_PRELUDE : ''}${block.code}\nexport {};\n`);
      return file;
    });
  if (files.length === 0) continue;
  const config = {
    compilerOptions: {
      target: 'es2022',
      module: 'esnext',
      moduleResolution: 'bundler',
      lib: LIBS[kind],
      types: kind === 'vite' ? ['node'] : [],
      typeRoots: [join(repo, 'node_modules/@types')],
      strict: true,
      skipLibCheck: kind === 'vite',
      noEmit: true,
      isolatedModules: true,
    },
    files,
  };
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify(config, null, 2));
  const result = spawnSync(process.execPath, [tsc, '-p', join(dir, 'tsconfig.json')], { stdio: 'inherit' });
  console.log(`snippets ${kind}: ${files.length} block(s) ${result.status === 0 ? 'ok' : 'FAILED'} (${files.join(', ')})`);
  if (result.status !== 0) failed = true;
}
if (blocks.length < 5) {
  console.error(`only ${blocks.length} Gatehouse blocks found in README.md and docs/recipes.md`);
  failed = true;
}
process.exit(failed ? 1 : 0);
