import { badInput } from '../../shared/platform/errors.js';
import { checkPageSize, decodeCursor, toPage, type Page } from '../../shared/platform/pagination.js';

/**
 * Pages a list already in its order (a draw's tasks, a record's versions, a history): the cursor
 * is the position of the last node, opaque to clients like every cursor (shared/platform/pagination.ts).
 */
export function pageOf<T>(items: T[], first: number, after: string | null | undefined): Page<T> {
  checkPageSize(first);
  const key = decodeCursor(after);
  let start = 0;
  if (key !== undefined) {
    if (!/^\d{1,9}$/.test(key)) throw badInput('after', `分页游标“${after}”无效，请使用上一页返回的 endCursor / the cursor "${after}" is not valid; use the endCursor of the previous page`);
    start = Number(key) + 1;
  }
  const rows = items.slice(start, start + first + 1).map((node, i) => ({ node, at: start + i }));
  const page = toPage(rows, first, items.length, (r) => String(r.at));
  return { ...page, nodes: page.nodes.map((r) => r.node) };
}
