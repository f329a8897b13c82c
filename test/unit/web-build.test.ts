import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ensureWebBuild, STAMP_FILE, webBuildIsCurrent, webInputs, webSourceHash } from '../../scripts/web-build.js';

/** Build-when-stale (scripts/web-build.ts), as `npm start` and the test setup use it. */
describe('the web build stamp', () => {
  it('hashes every input of the build and nothing it produces', () => {
    const inputs = webInputs();
    for (const f of ['web/index.html', 'web/vite.config.ts', 'web/tsconfig.json', 'web/src/main.tsx', 'web/src/App.tsx', 'web/src/api/generated/graphql.ts', 'web/src/lib/draw-check.ts', 'shared/domain/departments.ts', 'package-lock.json']) {
      expect(inputs).toContain(f);
    }
    expect(inputs.filter((f) => f.startsWith('web/dist/') || f.includes('node_modules'))).toEqual([]);
  });

  it('a current build is kept; a stamp that does not match the sources is rebuilt', async () => {
    await ensureWebBuild({ log: () => {} });
    expect(webBuildIsCurrent()).toBe(true);
    const kept = await ensureWebBuild({ log: () => {} });
    expect(kept.built).toBe(false);
    fs.writeFileSync(STAMP_FILE, 'stale\n');
    expect(webBuildIsCurrent()).toBe(false);
    const lines: string[] = [];
    const rebuilt = await ensureWebBuild({ log: (l) => lines.push(l) });
    expect(rebuilt.built).toBe(true);
    expect(lines[0]).toBe('building the web app… (web/ changed since the last build)');
    expect(lines[1]).toMatch(/^built the web app into web\/dist in \d+\.\d s$/);
    expect(fs.readFileSync(STAMP_FILE, 'utf8')).toBe(`${webSourceHash()}\n`);
  }, 120_000);
});
