/**
 * The shape of a department, as each department's manifest (`subgraphs/<code>/department.ts`)
 * declares it. Types only: the list itself is the registry, subgraphs/departments.ts, read through
 * shared/domain/departments.ts.
 */
export interface Brigade {
  code: string;
  nameZh: string;
  nameEn: string;
}

export interface Department {
  /** Stable identifier used in tokens, data and schema; also the name of its subgraph and folder. */
  code: string;
  /** Two letters used in task numbers (`FR-2026Q2-0001`). */
  short: string;
  nameZh: string;
  nameEn: string;
  /** Sub-units that own inspection items and inspectors (public security's brigades). */
  brigades: Brigade[];
}

/**
 * One of a department's own target columns in directory files (after `uscc` and
 * `supervisedSince`), as data: shared/exchange/directories.ts turns it into a column with its checks.
 * `key` is the property of the department's target entity.
 */
export type TargetColumn = {
  key: string;
  headerZh: string;
  headerEn: string;
  /** The column's title on screen (the department workspace), when shorter than the file header. */
  labelZh?: string;
  aliases?: string[];
  required?: boolean;
  descriptionZh?: string;
  descriptionEn?: string;
} & (
  | { kind: 'text'; maxLength: number }
  /** A whole number ≥ 0; 0 when the cell is empty. */
  | { kind: 'count' }
  /** Yes or no; no when the cell is empty. */
  | { kind: 'yes-no' }
  /** One of the choices, by code, Chinese label or alias; `labelEn` names the column in English messages. */
  | { kind: 'choice'; labelEn: string; choices: { value: string; zh: string; aliases?: string[] }[] }
  /** One of the department's brigades, by code or Chinese name. */
  | { kind: 'brigade' }
);

/** A department's manifest: everything the federation needs to know about it besides its folder's code. */
export interface DepartmentManifest extends Department {
  /** Default port of its subgraph (`npm start`; tests use free ports). */
  port: number;
  /** Its own target columns in directory files. */
  targetColumns: TargetColumn[];
}
