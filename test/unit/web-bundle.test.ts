import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureWebBuild, WEB_DIST_DIR } from '../../scripts/web-build.js';

/**
 * The public pages' initial JavaScript: the entry chunk and its static imports (Vite's manifest),
 * gzipped, at most 250 KB; the sign-in and the console are lazy chunks, loaded only when opened.
 */
interface Chunk { file: string; isEntry?: boolean; imports?: string[]; dynamicImports?: string[]; src?: string }
const LIMIT = 250 * 1024;
let manifest: Record<string, Chunk>;

beforeAll(async () => {
  await ensureWebBuild({ log: () => {} });
  manifest = JSON.parse(fs.readFileSync(path.join(WEB_DIST_DIR, '.vite', 'manifest.json'), 'utf8'));
}, 120_000);

function initialChunks(): string[] {
  const seen = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key)) return;
    seen.add(key);
    for (const i of manifest[key].imports ?? []) visit(i);
  };
  visit('index.html');
  return [...seen];
}

describe('the public pages\' initial JavaScript', () => {
  it(`is at most ${LIMIT / 1024} KB gzipped`, () => {
    const files = initialChunks().map((k) => manifest[k].file).filter((f) => f.endsWith('.js'));
    const gzipped = files.reduce((n, f) => n + zlib.gzipSync(fs.readFileSync(path.join(WEB_DIST_DIR, f)), { level: 9 }).length, 0);
    console.log(`[web] initial JavaScript of the public pages: ${files.join(', ')}: ${(gzipped / 1024).toFixed(1)} KB gzipped`);
    expect(files.length).toBeGreaterThan(0);
    expect(gzipped).toBeLessThanOrEqual(LIMIT);
  });

  it('the sign-in and console pages are lazy chunks, not in the initial set', () => {
    const initial = new Set(initialChunks());
    const lazy = manifest['index.html'].dynamicImports ?? [];
    for (const page of ['src/pages/SignInPage.tsx', 'src/pages/console/ConsolePage.tsx']) {
      expect(lazy).toContain(page);
      expect(initial.has(page)).toBe(false);
    }
  });
});
