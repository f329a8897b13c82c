import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Arg, Directive, Field, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { badInput } from '../errors.js';
import { bufferSource, fileSource, type ImportSource } from './read.js';
import type { ImportResult, RowError } from './importer.js';

/**
 * The GraphQL side of the exchange, shared by every subgraph that imports files: how a file is
 * named in a request (`FileReference`), the report (`ImportReport`), and the export result.
 * No multipart uploads: a path under the server's import directory, or small files inline.
 */

export const MAX_INLINE_BYTES = 20 * 1024 * 1024;

/** `YIYE_IMPORT_DIR`, default `<repo>/.data/imports`. Paths in requests must resolve inside it. */
export function importDirectory(): string {
  return path.resolve(process.env.YIYE_IMPORT_DIR ?? fileURLToPath(new URL('../../.data/imports', import.meta.url)));
}

@InputType('FileReference', {
  description:
    'A file to import: either `path`, relative to the server\'s import directory (YIYE_IMPORT_DIR), or `contentBase64` with `fileName` for files up to 20 MB.',
})
export class FileReference {
  @Field(() => String, { nullable: true, description: 'Path inside the import directory, e.g. "2026-11/register.csv".' })
  path?: string | null;

  @Field(() => String, { nullable: true, description: 'The file\'s bytes, base64 (at most 20 MB once decoded).' })
  contentBase64?: string | null;

  @Field(() => String, { nullable: true, description: 'Name of the inline file (shown in the report and the source batch).' })
  fileName?: string | null;
}

/** Turns a FileReference into a source, or throws BAD_USER_INPUT naming the field at fault. */
export function resolveFileReference(ref: FileReference, dir = importDirectory()): ImportSource {
  const hasPath = ref.path != null && ref.path !== '';
  const hasContent = ref.contentBase64 != null && ref.contentBase64 !== '';
  if (hasPath === hasContent) {
    throw badInput('file', '请提供 path 或 contentBase64 二者之一 / give either file.path or file.contentBase64, not both and not neither');
  }
  if (hasPath) {
    const requested = ref.path!;
    const resolved = path.resolve(dir, requested);
    let real: string;
    let realDir: string;
    try {
      realDir = fs.realpathSync(dir);
    } catch {
      throw badInput('file.path', `服务器的导入目录不存在 / the server's import directory does not exist (${dir})`);
    }
    const inside = (p: string, root: string) => p === root || p.startsWith(root + path.sep);
    // Checked before and after resolving symbolic links: neither "../x" nor a link may leave the directory.
    if (!inside(resolved, path.resolve(dir))) {
      throw badInput('file.path', `路径“${requested}”不在导入目录内 / the path "${requested}" is outside the import directory`, { reason: 'outside-import-dir' });
    }
    try {
      real = fs.realpathSync(resolved);
    } catch {
      throw badInput('file.path', `导入目录中没有文件“${requested}” / there is no file "${requested}" in the import directory`, { reason: 'not-found' });
    }
    if (!inside(real, realDir)) {
      throw badInput('file.path', `路径“${requested}”不在导入目录内 / the path "${requested}" is outside the import directory`, { reason: 'outside-import-dir' });
    }
    if (!fs.statSync(real).isFile()) throw badInput('file.path', `“${requested}”不是文件 / "${requested}" is not a file`);
    return fileSource(real);
  }
  const text = ref.contentBase64!.replace(/\s+/g, '');
  if (!ref.fileName) throw badInput('file.fileName', '内联文件需要文件名 / an inline file needs fileName');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 === 1) {
    throw badInput('file.contentBase64', 'contentBase64 不是有效的Base64编码 / contentBase64 is not valid base64');
  }
  if (Math.floor((text.length * 3) / 4) > MAX_INLINE_BYTES + 2) {
    throw badInput(
      'file.contentBase64',
      `内联文件不能超过20 MB，请放入导入目录后用 path 导入，或使用 npm run import / inline files are limited to 20 MB; put the file in the import directory and use file.path, or use npm run import`,
      { reason: 'too-large' },
    );
  }
  return bufferSource(ref.fileName, Buffer.from(text, 'base64'));
}

@ObjectType('ImportRowError', { description: 'One bad cell, row or header of an imported file.' })
@Directive('@shareable')
export class ImportRowError {
  @Field(() => Int, { description: 'Row as Excel shows it: the header is row 1 (0: the whole file).' })
  row!: number;

  @Field(() => String, { description: 'Column key (e.g. "uscc"), or the header text of an unknown column; "" for a whole row.' })
  column!: string;

  @Field(() => String)
  value!: string;

  @Field(() => String)
  reasonZh!: string;

  @Field(() => String)
  reasonEn!: string;
}

@ObjectType('ImportReport', { description: 'What an import did, or why the file was refused (then nothing was written).' })
@Directive('@shareable')
export class ImportReport {
  @Field(() => String, { description: 'register, credit-classes, targets, inspectors.' })
  kind!: string;

  @Field(() => String)
  fileName!: string;

  @Field(() => String, { description: 'csv or xlsx.' })
  format!: string;

  @Field(() => String, { description: 'utf-8 or gb18030 for CSV; xlsx.' })
  encoding!: string;

  @Field(() => String, { description: 'SHA-256 of the file (hex); empty if it could not be read.' })
  sha256!: string;

  @Field(() => String, { description: 'Recorded on what the import wrote: `<file name>@sha256:<hex>`.' })
  sourceBatch!: string;

  @Field(() => Int, { description: 'Data rows read (empty rows are skipped).' })
  rows!: number;

  @Field(() => Int)
  inserted!: number;

  @Field(() => Int)
  updated!: number;

  @Field(() => Int, { description: 'Rows equal to what is stored: not written at all.' })
  unchanged!: number;

  @Field(() => Boolean, { description: 'True when every row was valid. A file with any error imports nothing.' })
  accepted!: boolean;

  @Field(() => Boolean, { description: 'A dry run validates and applies in a transaction that is rolled back.' })
  dryRun!: boolean;

  @Field(() => Int)
  errorCount!: number;

  allErrors!: RowError[];

  @Field(() => [ImportRowError], { description: 'The errors in file order.' })
  errors(@Arg('first', () => Int, { defaultValue: 100, description: 'At most this many (default 100).' }) first: number): ImportRowError[] {
    if (!Number.isInteger(first) || first < 0) throw badInput('first', `first 应为非负整数 / first must be a whole number ≥ 0`);
    return this.allErrors.slice(0, first);
  }

  static of(result: ImportResult): ImportReport {
    const { errors, ...rest } = result;
    return Object.assign(new ImportReport(), rest, { allErrors: errors });
  }
}

export enum ExportFormat {
  CSV = 'csv',
  XLSX = 'xlsx',
}
registerEnumType(ExportFormat, { name: 'ExportFormat', description: 'File format of an export.' });

export enum HeaderLanguage {
  ZH = 'zh',
  EN = 'en',
}
registerEnumType(HeaderLanguage, { name: 'HeaderLanguage', description: 'Header row of an export: Chinese (default) or English. Both re-import.' });

@ObjectType('ExportResult', { description: 'A small export, inline. Larger ones: `npm run export`.' })
@Directive('@shareable')
export class ExportResult {
  @Field(() => String)
  fileName!: string;

  @Field(() => Int, { description: 'Data rows (the header not counted).' })
  rows!: number;

  @Field(() => String, { description: 'SHA-256 of the file (hex).' })
  sha256!: string;

  @Field(() => String)
  contentBase64!: string;
}
