import fs from 'node:fs';
import path from 'node:path';

/** Every file a directory store holds under a hash (its temp folder aside), by relative path. */
export function storedFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => !name.startsWith('tmp') && fs.statSync(path.join(dir, name)).isFile())
    .sort();
}

/** What an upload left behind in the store's temp folder (nothing, once it is answered). */
export const leftoverTempFiles = (dir: string): string[] => (fs.existsSync(path.join(dir, 'tmp')) ? fs.readdirSync(path.join(dir, 'tmp')) : []);
