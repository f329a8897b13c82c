/** Small pieces the department panels share: a cursor pager and field-error wiring. */
import { useState } from 'react';
import type { CombinedError } from 'urql';
import { apiErrors, errorsByField, type ApiError } from '../../../lib/errors.js';

/** Cursor pages: the stack of `after` cursors walked so far. */
export function useCursors() {
  const [cursors, setCursors] = useState<string[]>([]);
  return {
    after: cursors.at(-1) ?? null,
    page: cursors.length + 1,
    reset: () => setCursors([]),
    back: () => setCursors(cursors.slice(0, -1)),
    next: (cursor: string | null | undefined) => cursor && setCursors([...cursors, cursor]),
  };
}

export function Pager({ label, cursors, pageInfo }: { label: string; cursors: ReturnType<typeof useCursors>; pageInfo: { endCursor?: string | null; hasNextPage: boolean } }) {
  return (
    <nav aria-label={label} className="pager">
      <button type="button" disabled={cursors.page === 1} onClick={cursors.back}>上一页</button>
      <span>第 {cursors.page} 页</span>
      <button type="button" disabled={!pageInfo.hasNextPage} onClick={() => cursors.next(pageInfo.endCursor)}>下一页</button>
    </nav>
  );
}

/** Errors of a form: by field (the argument or input field the API names) and the rest. */
export function formErrors(error: CombinedError | ApiError[] | undefined, fields: string[]) {
  const list = Array.isArray(error) ? error : apiErrors(error);
  const { byField, other } = errorsByField(list, fields);
  const props = (name: string) => ({
    'aria-invalid': byField[name] ? true : undefined,
    'aria-describedby': byField[name] ? `${name}-error` : undefined,
  });
  return { byField, other, props };
}

export const dateTime = (v: unknown) => (v ? String(v).replace('T', ' ').slice(0, 19) : '—');
