import { ImportKind } from '../platform/enums.js';
import { Arg, Directive, Field, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { badInput } from '../platform/errors.js';
import type { ImportResult, RowError } from './importer.js';
export { resolveFileReference, importDirectory, MAX_INLINE_BYTES } from './sources.js';

/**
 * The GraphQL side of the exchange, shared by every subgraph that imports files: how a file is
 * named in a request (`FileReference`), the report (`ImportReport`), and the export result.
 * No multipart uploads: a path under the server's import directory, or small files inline.
 */

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

@ObjectType('ImportRowError', { description: 'One bad cell, row or header of an imported file.' })
@Directive('@shareable')
export class ImportRowError {
  @Field(() => Int, { description: 'Row as Excel shows it: the header is row 1 (0: the whole file).' })
  row!: number;

  @Field(() => String, { description: 'Column key (e.g. "uscc"), or the header text of an unknown column; "" for a whole row.' })
  column!: string;

  @Field(() => String, { description: 'The value as read from the file.' })
  value!: string;

  @Field(() => String, { description: 'Why the row was refused, in Chinese.' })
  reasonZh!: string;

  @Field(() => String, { description: 'Why the row was refused, in English.' })
  reasonEn!: string;
}

@ObjectType('ImportReport', { description: 'What an import did, or why the file was refused (then nothing was written).' })
@Directive('@shareable')
export class ImportReport {
  @Field(() => ImportKind, { description: 'What was imported.' })
  kind!: string;

  @Field(() => String, { description: 'File name.' })
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

  @Field(() => Int, { description: 'Rows that added a record.' })
  inserted!: number;

  @Field(() => Int, { description: 'Rows that changed a record (a new version).' })
  updated!: number;

  @Field(() => Int, { description: 'Rows equal to what is stored: not written at all.' })
  unchanged!: number;

  @Field(() => Boolean, { description: 'True when every row was valid. A file with any error imports nothing.' })
  accepted!: boolean;

  @Field(() => Boolean, { description: 'A dry run validates and applies in a transaction that is rolled back.' })
  dryRun!: boolean;

  @Field(() => Int, { description: 'Rows refused (all listed in errors).' })
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
registerEnumType(ExportFormat, {
  name: 'ExportFormat',
  description: 'File format of an export.',
  valuesConfig: { CSV: { description: 'CSV, UTF-8 with a byte-order mark.' }, XLSX: { description: 'Excel workbook (.xlsx).' } },
});

export enum HeaderLanguage {
  ZH = 'zh',
  EN = 'en',
}
registerEnumType(HeaderLanguage, {
  name: 'HeaderLanguage',
  description: 'Header row of an export: Chinese (default) or English. Both re-import.',
  valuesConfig: { ZH: { description: 'Chinese headers (中文表头).' }, EN: { description: 'English headers.' } },
});

@ObjectType('ExportResult', { description: 'A small export, inline. Larger ones: `npm run export`.' })
@Directive('@shareable')
export class ExportResult {
  @Field(() => String, { description: 'File name.' })
  fileName!: string;

  @Field(() => Int, { description: 'Data rows (the header not counted).' })
  rows!: number;

  @Field(() => String, { description: 'SHA-256 of the file (hex).' })
  sha256!: string;

  @Field(() => String, { description: 'The file, base64-encoded.' })
  contentBase64!: string;
}

/** Exports larger than this go through `npm run export` (a file on the server), not a response. */
export const MAX_INLINE_EXPORT_ROWS = 100_000;

export enum DirectoryImportKind {
  TARGETS = 'targets',
  INSPECTORS = 'inspectors',
}
registerEnumType(DirectoryImportKind, {
  name: 'DirectoryImportKind',
  description: "A department's directory files: its target directory or its inspector directory.",
  valuesConfig: {
    TARGETS: { description: '检查对象名录: uscc, supervisedSince, then the department\'s own columns; the USCC must be in the register.' },
    INSPECTORS: { description: '执法检查人员名录: certificateNumber, name, department, brigade, expertise, status; a certificate number current in another department is refused.' },
  },
});
