// Makes sure a Chromium for the end-to-end tests exists. Playwright's own browser
// download is not used (it is blocked on many CI and sandbox networks); the tests run
// Debian's chromium package, or whatever CHROMIUM_PATH names.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const DEFAULT_PATH = '/usr/bin/chromium';
const chromiumPath = process.env.CHROMIUM_PATH || DEFAULT_PATH;

if (existsSync(chromiumPath)) process.exit(0);

if (chromiumPath !== DEFAULT_PATH) {
  fail(`CHROMIUM_PATH is set to ${chromiumPath}, but no file is there.`);
}

const installer = findInstaller();
if (installer === null) {
  fail(
    [
      `Chromium is not installed at ${DEFAULT_PATH}, and installing it needs apt-get run as root or with passwordless sudo.`,
      'Install it as root with:',
      '  apt-get update && apt-get install -y chromium',
      'or point CHROMIUM_PATH at an existing Chromium or Chrome binary.',
    ].join('\n'),
  );
}

console.log(`Chromium is missing; installing Debian's chromium package${installer.length ? ' with sudo' : ''}…`);
for (const args of [['apt-get', 'update'], ['apt-get', 'install', '-y', 'chromium']]) {
  const command = [...installer, ...args];
  const result = spawnSync(command[0], command.slice(1), {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  if (result.status !== 0) fail(`\`${command.join(' ')}\` failed; install Chromium by hand (see above).`);
}
if (!existsSync(DEFAULT_PATH)) fail(`apt-get finished, but ${DEFAULT_PATH} still does not exist.`);
console.log(`Chromium installed at ${DEFAULT_PATH}.`);

/** The command prefix that runs apt-get as root ([] when already root), or null. */
function findInstaller() {
  if (spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).status !== 0) return null;
  if (process.getuid?.() === 0) return [];
  if (spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status === 0) return ['sudo', '-n'];
  return null;
}

function fail(message) {
  console.error(`ensure-chromium: ${message}`);
  process.exit(1);
}
