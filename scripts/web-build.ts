/**
 * Builds the web app (web/ → web/dist, Vite) when it is stale: a stamp in web/dist holds the
 * SHA-256 of every input (web/index.html, web/*.config and tsconfig, web/src/**, the shared
 * modules the app imports, package-lock.json); a build whose stamp matches is kept. `npm start`
 * and the test suite's global setup call ensureWebBuild(), so the README's two commands serve a
 * current app; `npm run web:build` runs it alone (`--force` always builds).
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const WEB = path.join(ROOT, 'web');
export const WEB_DIST_DIR = path.join(WEB, 'dist');
export const STAMP_FILE = path.join(WEB_DIST_DIR, '.build-stamp');
/** Files outside web/ that the app imports or that decide its dependencies. */
const EXTRA_INPUTS = ['shared/domain/departments.ts', 'package-lock.json'];

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? filesUnder(p) : [p];
  });
}

/** The inputs of the build, relative to the project root, sorted. */
export function webInputs(): string[] {
  const top = fs.readdirSync(WEB).filter((f) => f === 'index.html' || /^(vite\.config\.ts|tsconfig\.json)$/.test(f)).map((f) => path.join(WEB, f));
  const all = [...top, ...filesUnder(path.join(WEB, 'src')), ...filesUnder(path.join(WEB, 'public')), ...EXTRA_INPUTS.map((f) => path.join(ROOT, f))];
  return all.map((f) => path.relative(ROOT, f).split(path.sep).join('/')).sort();
}

export function webSourceHash(): string {
  const h = createHash('sha256');
  for (const f of webInputs()) {
    h.update(`${f}\0`);
    h.update(fs.readFileSync(path.join(ROOT, f)));
    h.update('\0');
  }
  return h.digest('hex');
}

export function webBuildIsCurrent(hash = webSourceHash()): boolean {
  try {
    return fs.readFileSync(STAMP_FILE, 'utf8').trim() === hash && fs.existsSync(path.join(WEB_DIST_DIR, 'index.html'));
  } catch {
    return false;
  }
}

/** Runs `vite build` in a child process (the project's own Vite); rejects with its output. */
function viteBuild(): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', path.join(WEB, 'vite.config.ts'), '--logLevel', 'warn'], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NODE_ENV: 'production' },
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`vite build failed (exit ${code}):\n${out}`))));
  });
}

export async function ensureWebBuild(opts: { force?: boolean; log?: (line: string) => void } = {}): Promise<{ built: boolean; ms: number }> {
  const log = opts.log ?? ((l: string) => console.log(l));
  const started = Date.now();
  const hash = webSourceHash();
  if (!opts.force && webBuildIsCurrent(hash)) return { built: false, ms: Date.now() - started };
  log('building the web app… (web/ changed since the last build)');
  await viteBuild();
  fs.writeFileSync(STAMP_FILE, `${hash}\n`);
  const ms = Date.now() - started;
  log(`built the web app into web/dist in ${(ms / 1000).toFixed(1)} s`);
  return { built: true, ms };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { built } = await ensureWebBuild({ force: process.argv.includes('--force') });
  if (!built) console.log('the web app in web/dist is current');
}
