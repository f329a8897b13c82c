/**
 * Sends a GraphQL operation by XMLHttpRequest, the one browser API that reports upload progress
 * (fetch does not): the import screen shows how much of the file has gone up, then waits for the
 * server's report. The signed-in user's token as Authorization: Bearer, like the urql client.
 */
import { stringifyDocument, type TypedDocumentNode } from 'urql';
import { getToken } from '../../../lib/auth.js';
import type { ApiError } from '../../../lib/errors.js';

export type UploadStage = 'reading' | 'uploading' | 'processing' | 'done';

export interface UploadProgress {
  stage: UploadStage;
  /** Bytes sent of the request's total (stage uploading). */
  sent: number;
  total: number;
}

export interface UploadResult<R> {
  data?: R | null;
  errors: ApiError[];
}

/** A file's bytes as base64 (the FileReference's contentBase64). */
export function fileToBase64(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.onload = () => {
      const url = String(reader.result);
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.readAsDataURL(file);
  });
}

export function postWithProgress<R, V>(
  document: TypedDocumentNode<R, V>,
  variables: V,
  onProgress: (p: UploadProgress) => void,
  url = '/graphql',
): Promise<UploadResult<R>> {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.setRequestHeader('content-type', 'application/json');
    xhr.setRequestHeader('accept', 'application/graphql-response+json, application/json');
    const token = getToken();
    if (token) xhr.setRequestHeader('authorization', `Bearer ${token}`);
    xhr.upload.onprogress = (e) => onProgress({ stage: 'uploading', sent: e.loaded, total: e.lengthComputable ? e.total : 0 });
    xhr.upload.onload = () => onProgress({ stage: 'processing', sent: 1, total: 1 });
    const network = (why: string) =>
      resolve({ errors: [{ message: `无法连接服务器，请稍后重试 / cannot reach the server, try again later (${why})`, code: 'NETWORK' }] });
    xhr.onerror = () => network('network error');
    xhr.onload = () => {
      onProgress({ stage: 'done', sent: 1, total: 1 });
      let body: { data?: R | null; errors?: { message: string; extensions?: Record<string, unknown> }[] };
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        network(`HTTP ${xhr.status}`);
        return;
      }
      resolve({
        data: body.data,
        errors: (body.errors ?? []).map((e) => ({ message: e.message, code: e.extensions?.code as string | undefined, field: e.extensions?.field as string | undefined })),
      });
    };
    xhr.send(JSON.stringify({ query: stringifyDocument(document), variables }));
  });
}

/** Saves base64 content as a file download (an export). */
export function downloadBase64(contentBase64: string, fileName: string, type = 'application/octet-stream') {
  const bytes = Uint8Array.from(atob(contentBase64), (c) => c.charCodeAt(0));
  downloadBlob(new Blob([bytes], { type }), fileName);
}

export function downloadBlob(blob: Blob, fileName: string) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
