import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The README and docs/ stay true to the repository: the README is short, every relative link
 * leads to a file (and heading) of this repository, nothing points outside it (a clone has
 * nothing there), and every repository path the text names in backticks exists. A failure names
 * the page and what it points to.
 */
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const README = 'README.md';
const README_MAX_LINES = 300;

/** README.md and every Markdown page under docs/, relative to the root. */
function pages(): string[] {
  const out = [README];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
      const rel = path.posix.join(dir, entry.name);
      if (entry.isDirectory()) walk(rel);
      else if (entry.name.endsWith('.md')) out.push(rel);
    }
  };
  walk('docs');
  return out;
}

const read = (rel: string) => fs.readFileSync(path.join(ROOT, rel), 'utf8');

/** The text with fenced code blocks blanked: examples there are not links. */
function withoutCodeBlocks(markdown: string): string {
  let fenced = false;
  return markdown
    .split('\n')
    .map((line) => {
      if (/^\s*```/.test(line)) {
        fenced = !fenced;
        return '';
      }
      return fenced ? '' : line;
    })
    .join('\n');
}

/** GitHub's anchor of a heading: lower case, punctuation dropped, spaces to hyphens. */
const anchorOf = (heading: string) =>
  heading
    .replace(/`/g, '')
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc}\- ]/gu, '')
    .replace(/ /g, '-');

function anchors(file: string): Set<string> {
  const headings = withoutCodeBlocks(fs.readFileSync(file, 'utf8'))
    .split('\n')
    .filter((line) => /^#{1,6} /.test(line));
  return new Set(headings.map((line) => anchorOf(line.replace(/^#+ /, ''))));
}

/** Relative link targets of a page: `[text](target)` outside code, not a URL with a scheme. */
function links(markdown: string): string[] {
  const prose = withoutCodeBlocks(markdown).replace(/`[^`\n]*`/g, (code) => ' '.repeat(code.length));
  return [...prose.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]).filter((target) => !/^[a-z][a-z+.-]*:/i.test(target));
}

/**
 * Repository paths named in backticks (`shared/domain/draw.ts`, `subgraphs/joint-inspection/plans/`).
 * Placeholders (`subgraphs/<name>/`) and globs are not paths and are left out.
 */
const REPO_PATH = /`((?:shared|subgraphs|gateway|scripts|bench|test|web|docs|\.ci)\/[\w./-]*)`/g;
/** Built or generated, not in a clone until a build or a test run makes them. */
const GENERATED = [/^web\/dist(\/|$)/, /^test-output\//, /^bench\/out\//, /\.errors\.(csv|xlsx)$/];
/**
 * Named before they exist: the example department of the recipe, and the architecture test that
 * the branch `purity` of issue 15 adds (remove it here once it is merged).
 */
const NOT_YET = new Set(['subgraphs/health/']);

describe('the README and docs/', () => {
  it(`the README is at most ${README_MAX_LINES} lines`, () => {
    const lines = read(README).split('\n').length - (read(README).endsWith('\n') ? 1 : 0);
    expect(lines, `README.md has ${lines} lines: move detail into docs/`).toBeLessThanOrEqual(README_MAX_LINES);
  });

  it('every relative link leads to a file of the repository, and to a heading of it when it names one', () => {
    const problems: string[] = [];
    for (const page of pages()) {
      for (const target of links(read(page))) {
        const [file, anchor] = target.split('#');
        const resolved = file ? path.resolve(ROOT, path.dirname(page), decodeURI(file)) : path.join(ROOT, page);
        if (path.relative(ROOT, resolved).startsWith('..') || path.isAbsolute(file)) {
          problems.push(`${page}: ${target} points outside the repository`);
        } else if (!fs.existsSync(resolved)) {
          problems.push(`${page}: ${target} does not exist`);
        } else if (anchor && resolved.endsWith('.md') && !anchors(resolved).has(anchor)) {
          problems.push(`${page}: ${target} has no heading #${anchor}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('nothing points outside the repository (the glossary is docs/domain.md)', () => {
    const problems: string[] = [];
    for (const page of pages()) {
      read(page)
        .split('\n')
        .forEach((line, i) => {
          if (/DOMAIN\.md|\.\.\/shared\b|\.\.\/\.\.\//.test(line)) problems.push(`${page}:${i + 1}: ${line.trim()}`);
        });
    }
    expect(problems).toEqual([]);
  });

  it('every repository path named in backticks exists', () => {
    const problems: string[] = [];
    for (const page of pages()) {
      for (const [, named] of read(page).matchAll(REPO_PATH)) {
        if (GENERATED.some((re) => re.test(named)) || NOT_YET.has(named)) continue;
        if (!fs.existsSync(path.join(ROOT, named))) problems.push(`${page}: ${named}`);
      }
    }
    expect(problems).toEqual([]);
  });
});
