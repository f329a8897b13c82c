import { CREDIT_CLASS_COLUMNS, INSPECTOR_COLUMNS, REGISTER_COLUMNS, targetColumns, type ColumnSpec } from '../shared/exchange/index.js';

/** The columns of each kind of file, for the error report's header names and for exports. */
export function columnsOf(kind: string, department: string): ColumnSpec[] {
  switch (kind) {
    case 'register':
      return REGISTER_COLUMNS;
    case 'credit-classes':
      return CREDIT_CLASS_COLUMNS;
    case 'inspectors':
      return INSPECTOR_COLUMNS;
    case 'targets':
      return targetColumns(department);
    default:
      throw new Error(`unknown kind ${kind}`);
  }
}
