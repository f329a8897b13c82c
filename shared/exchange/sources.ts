import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { badInput } from '../platform/errors.js';
import { bufferSource, fileSource, type ImportSource } from './read.js';

/**
 * How a request names a file to import (GraphQL `FileReference`): a path under the server's
 * import directory, or the bytes inline (base64) for small files. No multipart uploads.
 */

export const MAX_INLINE_BYTES = 20 * 1024 * 1024;

/** `YIYE_IMPORT_DIR`, default `<repo>/.data/imports`. Paths in requests must resolve inside it. */
export function importDirectory(): string {
  return path.resolve(process.env.YIYE_IMPORT_DIR ?? fileURLToPath(new URL('../../.data/imports', import.meta.url)));
}

/** Turns a FileReference into a source, or throws BAD_USER_INPUT naming the field at fault. */
export function resolveFileReference(ref: { path?: string | null; contentBase64?: string | null; fileName?: string | null }, dir = importDirectory()): ImportSource {
  const hasPath = ref.path != null && ref.path !== '';
  const hasContent = ref.contentBase64 != null && ref.contentBase64 !== '';
  if (hasPath === hasContent) {
    throw badInput('file', '请提供 path 或 contentBase64 二者之一 / give either file.path or file.contentBase64, not both and not neither');
  }
  if (hasPath) {
    const requested = ref.path!;
    const resolved = path.resolve(dir, requested);
    let real: string;
    let realDir: string;
    try {
      realDir = fs.realpathSync(dir);
    } catch {
      throw badInput('file.path', `服务器的导入目录不存在 / the server's import directory does not exist (${dir})`);
    }
    const inside = (p: string, root: string) => p === root || p.startsWith(root + path.sep);
    // Checked before and after resolving symbolic links: neither "../x" nor a link may leave the directory.
    if (!inside(resolved, path.resolve(dir))) {
      throw badInput('file.path', `路径“${requested}”不在导入目录内 / the path "${requested}" is outside the import directory`, { reason: 'outside-import-dir' });
    }
    try {
      real = fs.realpathSync(resolved);
    } catch {
      throw badInput('file.path', `导入目录中没有文件“${requested}” / there is no file "${requested}" in the import directory`, { reason: 'not-found' });
    }
    if (!inside(real, realDir)) {
      throw badInput('file.path', `路径“${requested}”不在导入目录内 / the path "${requested}" is outside the import directory`, { reason: 'outside-import-dir' });
    }
    if (!fs.statSync(real).isFile()) throw badInput('file.path', `“${requested}”不是文件 / "${requested}" is not a file`);
    return fileSource(real);
  }
  const text = ref.contentBase64!.replace(/\s+/g, '');
  if (!ref.fileName) throw badInput('file.fileName', '内联文件需要文件名 / an inline file needs fileName');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 === 1) {
    throw badInput('file.contentBase64', 'contentBase64 不是有效的Base64编码 / contentBase64 is not valid base64');
  }
  if (Math.floor((text.length * 3) / 4) > MAX_INLINE_BYTES + 2) {
    throw badInput(
      'file.contentBase64',
      `内联文件不能超过20 MB，请放入导入目录后用 path 导入，或使用 npm run import / inline files are limited to 20 MB; put the file in the import directory and use file.path, or use npm run import`,
      { reason: 'too-large' },
    );
  }
  return bufferSource(ref.fileName, Buffer.from(text, 'base64'));
}

