/** Small shared pieces: loading, empty and error states, a field's error list. */
import type { ReactNode } from 'react';
import type { ApiError } from './lib/errors.js';

export function Loading({ what = '内容' }: { what?: string }) {
  return <p role="status" aria-live="polite" className="muted">正在加载{what}…</p>;
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="empty">{children}</p>;
}

export function ErrorList({ errors }: { errors: ApiError[] }) {
  if (!errors.length) return null;
  return (
    <div role="alert" className="error">
      {errors.map((e, i) => (
        <p key={i}>{e.message}</p>
      ))}
    </div>
  );
}

/** Errors of one form field, referenced by the input's aria-describedby. */
export function FieldErrors({ id, messages }: { id: string; messages?: string[] }) {
  if (!messages?.length) return null;
  return (
    <div id={id} role="alert" className="field-error">
      {messages.map((m, i) => (
        <p key={i}>{m}</p>
      ))}
    </div>
  );
}
