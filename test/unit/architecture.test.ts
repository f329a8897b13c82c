import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The layering of the code, as a specification read from the source (README, "Architecture"):
 *
 *   shared/domain     pure rules: imports only itself, Node's built-ins and the department manifests
 *   shared/platform   serving, auth, ORM, errors: may use the domain, never a department, inspection, demo or exchange
 *   shared/*          the department kit, inspection, exchange, demo: never a subgraph, only the catalog and the manifests
 *   subgraphs/<name>  one service: never another service's folder, only its manifest
 *   manifests         subgraphs/<name>/department.ts and their registry subgraphs/departments.ts:
 *                     plain data, importing only shared/domain and each other
 *   web/src           the browser: from outside web/, only the pure rules
 *
 * and no import cycles anywhere. Imports are read with a regular expression over `import … from`,
 * `export … from`, side-effect imports and `import('…')` with a literal path; `import type` counts,
 * as the issue that introduced this test counts type-only cycles too (they still couple the files).
 */

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SOURCE_ROOTS = ['shared', 'subgraphs', 'gateway', 'scripts', 'bench', 'web/src', 'test'];
const SOURCE_FILE = /\.(ts|tsx|mts|mjs)$/;

interface Import {
  /** Repository-relative path of the importing file, with forward slashes. */
  from: string;
  /** The specifier as written. */
  spec: string;
  /** The repository-relative file a relative specifier names; null for a package or a built-in. */
  to: string | null;
  /** `import('…')`, loaded when called: not part of the module graph a cycle is about. */
  dynamic: boolean;
}

const STATIC = /^\s*(?:import|export)\s+(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]/gm;
const DYNAMIC = /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;

function sourceFiles(): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (entry.name === 'node_modules' || entry.name === 'dist' || entry.name.startsWith('.')) continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (SOURCE_FILE.test(entry.name) && !entry.name.endsWith('.d.ts')) files.push(full);
    }
  };
  for (const root of SOURCE_ROOTS) walk(path.join(ROOT, root));
  return files.map(relative).sort();
}

const relative = (file: string) => path.relative(ROOT, file).split(path.sep).join('/');

/** The file a relative specifier names: `./x.js` is `x.ts` (or .tsx, or x/index.ts) in this code base. */
function resolve(importer: string, spec: string): string | null {
  if (!spec.startsWith('.')) return null;
  const target = path.resolve(ROOT, path.dirname(importer), spec);
  const stem = target.replace(/\.js$/, '');
  for (const candidate of [target, `${stem}.ts`, `${stem}.tsx`, path.join(stem, 'index.ts')]) {
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return relative(candidate);
  }
  throw new Error(`${importer} imports ${spec}, which names no file`);
}

function importsOf(file: string): Import[] {
  const source = fs.readFileSync(path.join(ROOT, file), 'utf8');
  const found: Import[] = [];
  for (const [, spec] of source.matchAll(STATIC)) found.push({ from: file, spec, to: resolve(file, spec), dynamic: false });
  for (const [, spec] of source.matchAll(DYNAMIC)) found.push({ from: file, spec, to: resolve(file, spec), dynamic: true });
  return found;
}

const FILES = sourceFiles();
const IMPORTS = FILES.flatMap(importsOf);

const under = (folder: string) => (file: string | null) => file != null && file.startsWith(`${folder}/`);
const show = (i: Import) => `${i.from} → ${i.to ?? i.spec}`;

/** A department manifest (`subgraphs/<name>/department.ts`) or their registry (`subgraphs/departments.ts`): plain data every layer may read. */
const isDepartmentManifest = (file: string | null) => file === 'subgraphs/departments.ts' || /^subgraphs\/[^/]+\/department\.ts$/.test(file ?? '');
/** The manifests and the catalog derived from them: what shared/ and other subgraphs may read of subgraphs/. */
const isManifest = (file: string) => file === 'subgraphs/catalog.ts' || isDepartmentManifest(file);

/** Import cycles among the files (Tarjan's strongly connected components), each as its files, sorted. */
function cycles(): string[][] {
  const graph = new Map<string, string[]>(FILES.map((f) => [f, []]));
  for (const i of IMPORTS) if (i.to && !i.dynamic) graph.get(i.from)!.push(i.to);
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  const visit = (v: string) => {
    index.set(v, next);
    low.set(v, next);
    next++;
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      const importsItself = component.length === 1 && (graph.get(v) ?? []).includes(v);
      if (component.length > 1 || importsItself) components.push(component.sort());
    }
  };
  for (const f of FILES) if (!index.has(f)) visit(f);
  return components.sort((a, b) => (a[0] < b[0] ? -1 : 1));
}

describe('the architecture, read from the imports', () => {
  it('reads the source it judges: every layer has files, and every relative import names a file', () => {
    for (const folder of ['shared/domain', 'shared/platform', 'shared/department', 'subgraphs', 'gateway', 'web/src', 'test']) {
      expect(FILES.filter(under(folder)).length, folder).toBeGreaterThan(0);
    }
    expect(IMPORTS.filter((i) => i.to).length).toBeGreaterThan(500);
  });

  it('has no import cycles in shared, subgraphs, gateway, scripts, bench, web/src or test (type-only imports included)', () => {
    expect(cycles().map((files) => files.join('  ↔  '))).toEqual([]);
  });

  it('keeps shared/domain pure: its modules import only each other, Node built-ins and the department manifests (no ORM, no GraphQL, no platform)', () => {
    const impure = IMPORTS.filter(
      (i) => under('shared/domain')(i.from) && !(i.spec.startsWith('node:') || under('shared/domain')(i.to) || isDepartmentManifest(i.to)),
    );
    expect(impure.map(show)).toEqual([]);
  });

  it('keeps the department manifests plain data: they and their registry import only shared/domain and each other', () => {
    const manifests = FILES.filter(isDepartmentManifest);
    expect(manifests).toContain('subgraphs/departments.ts');
    expect(manifests.length).toBeGreaterThan(1);
    const impure = IMPORTS.filter((i) => isDepartmentManifest(i.from) && !(under('shared/domain')(i.to) || isDepartmentManifest(i.to)));
    expect(impure.map(show)).toEqual([]);
  });

  it('keeps shared/platform below the departments: it imports no shared/department, inspection, demo, exchange, nor any subgraph', () => {
    const above = ['shared/department', 'shared/inspection', 'shared/demo', 'shared/exchange', 'subgraphs'].map(under);
    const upward = IMPORTS.filter((i) => under('shared/platform')(i.from) && above.some((isAbove) => isAbove(i.to)));
    expect(upward.map(show)).toEqual([]);
  });

  it('keeps shared/ below the subgraphs: it reads only the catalog and the department manifests from subgraphs/', () => {
    const upward = IMPORTS.filter((i) => under('shared')(i.from) && under('subgraphs')(i.to) && !isManifest(i.to!));
    expect(upward.map(show)).toEqual([]);
  });

  it('keeps each subgraph to its own folder: none imports another subgraph folder, except its department manifest', () => {
    const folderOf = (file: string | null) => file?.match(/^subgraphs\/([^/]+)\//)?.[1];
    const across = IMPORTS.filter((i) => {
      const from = folderOf(i.from);
      const to = folderOf(i.to);
      return from != null && to != null && from !== to && !isManifest(i.to!);
    });
    expect(across.map(show)).toEqual([]);
  });

  it('keeps the web app to itself: from outside web/ it imports only the pure rules of shared/domain', () => {
    const outside = IMPORTS.filter((i) => under('web/src')(i.from) && i.to != null && !under('web')(i.to) && !under('shared/domain')(i.to));
    expect(outside.map(show)).toEqual([]);
  });
});
