// The one pack step: `npm pack` of the repository's package (run `npm run build` first)
// into a directory, unpacked there as `package/`. Used by the apps built on the package as
// published (clients/react-sdk-app, the fresh-app e2e test) and by the size bench.
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_DIR = fileURLToPath(new URL('..', import.meta.url));

/** Packs into `destination` (emptied first) and unpacks; returns what npm reports of the tarball. */
export function packGatehouse(destination) {
  rmSync(destination, { recursive: true, force: true });
  mkdirSync(destination, { recursive: true });
  const output = execFileSync('npm', ['pack', '--json', '--pack-destination', destination], {
    cwd: REPO_DIR,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const [report] = JSON.parse(output);
  if (!report?.filename) throw new Error('npm pack produced no tarball');
  const tarball = join(destination, report.filename);
  execFileSync('tar', ['-xzf', report.filename], { cwd: destination });
  return {
    tarball,
    packageDir: join(destination, 'package'),
    size: report.size,
    unpackedSize: report.unpackedSize,
    files: report.files.map((file) => file.path).sort(),
  };
}
