/** Directory exchange (Excel and CSV): reading, validating, importing, exporting. Database-free. */
export * as validators from './columns.js';
export type { ColumnSpec, Reason, Validator, EnumValue } from './columns.js';
export { fileSource, bufferSource, sniffFormat, readTable, mapHeader, FileProblem, type ImportSource, type FileFormat, type Values, type RawRow } from './read.js';
export { defineImport, runImport, validateFile, type ImportDefinition, type ImportResult, type ImportTx, type ImportContext, type RowError, type SqlClient, type ApplyCounts, type ParsedRow, type CellProblem, type Stager } from './importer.js';
export { writeTable, writeTableFile, writeTableToBuffer, writeErrorReport, formatOf, ERROR_REPORT_COLUMNS } from './write.js';
export { stderrProgress, ProgressMeter, type Progress, type ProgressCallback } from './progress.js';
export { REGISTER_COLUMNS, CREDIT_CLASS_COLUMNS, toRegisterRow, toCreditClassRow, requireRegistered, type RegisterRow, type CreditClassRow } from './register-kinds.js';
export {
  INSPECTOR_COLUMNS, DEPARTMENT_TARGET_COLUMNS, targetColumns, defineInspectorImport, defineTargetImport, inspectorFileCheck, targetFileCheck,
  type InspectorRow, type TargetRow, type DirectoryImportWiring,
} from './directories.js';
