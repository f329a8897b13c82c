import { ArgsType, Field, Int, ObjectType, Directive, type ClassType } from 'type-graphql';
import { badInput } from './errors.js';

@ObjectType('PageInfo', { description: 'Cursor pagination, the same in every subgraph.' })
@Directive('@shareable')
export class PageInfo {
  @Field(() => String, { nullable: true, description: 'Pass as `after` to get the next page.' })
  endCursor?: string | null;

  @Field(() => Boolean, { description: 'Whether another page follows.' })
  hasNextPage!: boolean;
}

@ArgsType()
export class PageArgs {
  @Field(() => Int, { defaultValue: 20, description: 'Page size, 1–100 (default 20).' })
  first: number = 20;

  @Field(() => String, { nullable: true, description: '`pageInfo.endCursor` of the previous page.' })
  after?: string | null;
}

export const MAX_PAGE = 100;

export interface Page<T> {
  nodes: T[];
  totalCount: number;
  pageInfo: PageInfo;
}

/** `shareable`: the same connection type is defined identically by several subgraphs. */
export function Connection<T extends object>(Item: ClassType<T>, name: string, opts: { shareable?: boolean } = {}) {
  class ConnectionType implements Page<T> {
    @Field(() => [Item], { description: 'This page.' })
    nodes!: T[];

    @Field(() => Int, { description: 'All matches, not just this page.' })
    totalCount!: number;

    @Field(() => PageInfo, { description: 'Where this page ends and whether another follows.' })
    pageInfo!: PageInfo;
  }
  if (opts.shareable) Directive('@shareable')(ConnectionType);
  ObjectType(name, { description: `A page of ${name.replace(/Connection$/, '')} (cursor pagination: nodes, totalCount, pageInfo).` })(ConnectionType);
  return ConnectionType;
}

/** Cursors are opaque to clients: base64url of the sort key of the last node. */
export const encodeCursor = (key: string) => Buffer.from(key, 'utf8').toString('base64url');

export function decodeCursor(cursor: string | null | undefined): string | undefined {
  if (cursor == null || cursor === '') return undefined;
  const key = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!key || encodeCursor(key) !== cursor) throw badInput('after', `分页游标“${cursor}”无效，请使用上一页返回的 endCursor / the cursor "${cursor}" is not valid; use the endCursor of the previous page`);
  return key;
}

export function checkPageSize(first: number): number {
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE) {
    throw badInput('first', `每页条数应在1到${MAX_PAGE}之间，收到${first} / page size must be between 1 and ${MAX_PAGE}, got ${first}`);
  }
  return first;
}

/**
 * Code-point order of sort keys, whatever the database's collation: pages built in memory must
 * compare cursors exactly as they were sorted.
 */
export const byKey = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Given up to first+1 rows sorted by `keyOf`, builds the page. */
export function toPage<T>(rows: T[], first: number, totalCount: number, keyOf: (row: T) => string): Page<T> {
  const nodes = rows.slice(0, first);
  const last = nodes[nodes.length - 1];
  return {
    nodes,
    totalCount,
    pageInfo: { endCursor: last ? encodeCursor(keyOf(last)) : null, hasNextPage: rows.length > first },
  };
}
