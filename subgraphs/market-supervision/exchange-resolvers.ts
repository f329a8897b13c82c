import { CreditRiskClass } from '../../shared/platform/enums.js';
import { DateScalar } from '../../shared/platform/scalars.js';
import { createHash } from 'node:crypto';
import { Arg, Authorized, Ctx, FieldResolver, Mutation, Query, Resolver, Root, registerEnumType } from 'type-graphql';
import { badInput } from '../../shared/platform/errors.js';
import { runImport, validators, writeTableToBuffer } from '../../shared/exchange/index.js';
import { resolveFileReference } from '../../shared/exchange/sources.js';
import {
  ExportFormat,
  ExportResult,
  FileReference,
  HeaderLanguage,
  ImportReport,
  MAX_INLINE_EXPORT_ROWS,
} from '../../shared/exchange/graphql.js';
import type { SubgraphContext } from '../../shared/platform/subgraph.js';
import { CreditRiskClassChange, Enterprise } from './entities.js';
import { countRows, exportColumns, exportRows, importDefinition, withExportTx, withImportTx } from './exchange.js';
import type { Loaders } from './loaders.js';

type Ctx = SubgraphContext<Loaders>;

export enum RegisterImportKind {
  REGISTER = 'register',
  CREDIT_CLASSES = 'credit-classes',
}
registerEnumType(RegisterImportKind, {
  name: 'RegisterImportKind',
  description: 'Files market supervision imports: the register, or a credit-risk reclassification batch.',
  valuesConfig: {
    REGISTER: { description: 'uscc, name, industry code, region code, status, credit-risk class, registration date; upsert by USCC.' },
    CREDIT_CLASSES: { description: 'uscc, class, optional effective date; the USCC must be registered; history is kept.' },
  },
});

function requireDate(field: string, value: string): string {
  const date = validators.normalizeDate(value.trim());
  const problem = validators.date(date);
  if (problem) throw badInput(field, `${problem.zh} / ${problem.en}`);
  return date;
}

@Resolver(() => Enterprise)
export class CreditRiskClassHistoryResolver {
  @FieldResolver(() => [CreditRiskClassChange], {
    nullable: true,
    description: 'Credit-risk class periods, oldest first (signed-in users only).',
  })
  @Authorized()
  async creditRiskClassHistory(@Root() e: Enterprise, @Ctx() ctx: Ctx): Promise<CreditRiskClassChange[]> {
    return ctx.loaders.creditRiskClassHistory.load(e.uscc);
  }

  @FieldResolver(() => CreditRiskClass, {
    nullable: true,
    description: 'The credit-risk class in force on a date; null before the first known class. Signed-in users only.',
  })
  @Authorized()
  async creditRiskClassAsOf(@Root() e: Enterprise, @Arg('date', () => DateScalar, { description: 'The day asked about.' }) date: string, @Ctx() ctx: Ctx): Promise<string | null> {
    const day = requireDate('date', date);
    const periods = await ctx.loaders.creditRiskClassHistory.load(e.uscc);
    // Periods are [since, until): a zero-length one (two batches on one day) never answers.
    const match = periods.filter((p) => p.since <= day && (p.until == null || p.until > day)).pop();
    return match?.creditRiskClass ?? null;
  }
}

@Resolver()
export class RegisterExchangeResolver {
  @Mutation(() => ImportReport, {
    description:
      'Imports a register or credit-class file (CSV or XLSX) in one transaction: any bad row and nothing is written; the report lists every error. Market supervision department admins only.',
  })
  async importRegister(
    @Arg('file', () => FileReference, { description: 'The file: a path in the import directory, or inline content.' }) file: FileReference,
    @Arg('kind', () => RegisterImportKind, { description: 'Which kind of file.' }) kind: RegisterImportKind,
    @Arg('dryRun', () => Boolean, { defaultValue: false, description: 'Validate and apply, then roll back: the report says what would change.' })
    dryRun: boolean,
    @Arg('effectiveDate', () => DateScalar, {
      nullable: true,
      description: 'credit-classes: the date of rows without their own effective date (default: today, China time).',
    })
    effectiveDate: string | null | undefined,
    @Ctx() ctx: Ctx,
  ): Promise<ImportReport> {
    const options = { effectiveDate: effectiveDate ? requireDate('effectiveDate', effectiveDate) : undefined };
    if (options.effectiveDate) {
      const future = validators.notAfter()(options.effectiveDate);
      if (future) throw badInput('effectiveDate', `${future.zh} / ${future.en}`);
    }
    const source = resolveFileReference(file);
    const result = await runImport(importDefinition(kind), source, {
      transaction: (work) => withImportTx(ctx.em, work),
      dryRun,
      importedBy: ctx.identity.subject,
      options,
    });
    return ImportReport.of(result);
  }

  @Query(() => ExportResult, {
    nullable: true,
    description: `The register or the current credit-risk classes as a file, in the import format (re-imports unchanged). At most ${MAX_INLINE_EXPORT_ROWS.toLocaleString('en-US')} rows; larger: npm run export. Signed-in users only.`,
  })
  @Authorized()
  async registerExport(
    @Arg('kind', () => RegisterImportKind, { description: 'Which kind of file.' }) kind: RegisterImportKind,
    @Arg('format', () => ExportFormat, { defaultValue: ExportFormat.CSV, description: 'File format (default CSV).' }) format: ExportFormat,
    @Arg('headers', () => HeaderLanguage, { defaultValue: HeaderLanguage.ZH, description: 'Header row language (default Chinese).' }) headers: HeaderLanguage,
    @Ctx() ctx: Ctx,
  ): Promise<ExportResult> {
    return withExportTx(ctx.em, async ({ sql }) => {
      const total = await countRows(sql);
      if (total > MAX_INLINE_EXPORT_ROWS) {
        throw badInput(
          'kind',
          `共${total}行，超过在线导出上限${MAX_INLINE_EXPORT_ROWS}行，请使用 npm run export / ${total} rows is more than the ${MAX_INLINE_EXPORT_ROWS} an inline export allows; use npm run export`,
        );
      }
      const { bytes, rows } = await writeTableToBuffer(format, exportColumns(kind), exportRows(sql, kind), { headers, sheetName: kind });
      return {
        fileName: `${kind}-${validators.todayInChina()}.${format}`,
        rows,
        sha256: createHash('sha256').update(bytes).digest('hex'),
        contentBase64: bytes.toString('base64'),
      };
    });
  }
}
