import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { SUPERGRAPH_FILE } from '../../gateway/server.js';
import { GENERATED_DIR, ROOT, WEB_SCHEMA_FILE, generateWebTypes, webApiSchema } from '../../scripts/web-codegen.js';
import { DEPARTMENT_OPERATIONS_FILE, departmentOperations } from '../../scripts/web-departments.js';
import { DEPARTMENT_MANIFESTS } from '../../subgraphs/departments.js';

/**
 * The web app's operations are typed against the API schema of the checked-in supergraph: a
 * renamed or removed field makes the generated code stale (this test) and the app fail to
 * type-check (`tsc -p web`, also here, so `npm test` catches it).
 */
describe('the web app\'s API schema and generated operation types', () => {
  it('web/schema.graphql is the API schema of supergraph.graphql (run `npm run compose`)', () => {
    const fresh = webApiSchema(fs.readFileSync(SUPERGRAPH_FILE, 'utf8'));
    expect(fs.readFileSync(WEB_SCHEMA_FILE, 'utf8') === fresh, 'web/schema.graphql is stale: run `npm run compose` and commit it').toBe(true);
    expect(fresh).not.toContain('@inaccessible');
    expect(fresh).not.toMatch(/departmentDrawExport|join__/);
  });

  it('web/src/api/departments.graphql has every department of the registry (run `npm run compose`)', () => {
    const onDisk = fs.readFileSync(DEPARTMENT_OPERATIONS_FILE, 'utf8');
    expect(onDisk === departmentOperations(), 'web/src/api/departments.graphql is stale: run `npm run compose` and commit it').toBe(true);
    const prefixes = [...onDisk.matchAll(/^query (\w+)Targets\(/gm)].map((m) => m[1]);
    expect(prefixes).toEqual(DEPARTMENT_MANIFESTS.map((d) => d.code.replace(/(^|-)([a-z])/g, (_m, _d, c: string) => c.toUpperCase())));
  });

  it('web/src/api/generated/ is what codegen makes of web/src/api/*.graphql today (run `npm run compose`)', async () => {
    const fresh = await generateWebTypes();
    const onDisk = fs.readdirSync(GENERATED_DIR).map((f) => path.join(GENERATED_DIR, f)).sort();
    expect(onDisk).toEqual([...fresh.keys()].sort());
    for (const [file, content] of fresh) {
      expect(fs.readFileSync(file, 'utf8') === content, `${path.relative(ROOT, file)} is stale: run \`npm run compose\` and commit it`).toBe(true);
    }
  });

  it('the web app type-checks against them (tsc -p web)', async () => {
    const tsc = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
    const run = await promisify(execFile)(process.execPath, [tsc, '-p', path.join(ROOT, 'web')], { cwd: ROOT }).then(
      () => ({ ok: true, out: '' }),
      (e: { stdout?: string; stderr?: string }) => ({ ok: false, out: `${e.stdout ?? ''}${e.stderr ?? ''}` }),
    );
    expect(run.out).toBe('');
    expect(run.ok).toBe(true);
  });
});
