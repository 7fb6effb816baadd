import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';

const FILE_PATTERN = /^([0-9a-z]+-[0-9a-z]+-[0-9a-f]+)\.eml$/;

let sequence = 0;

/**
 * Ids sort by arrival, across restarts too, so the newest files can be picked by name
 * without parsing or stat-ing thousands of them. The random part keeps two catchers
 * sharing a directory from colliding.
 */
export function newMessageId(): string {
  const time = Date.now().toString(36).padStart(9, '0');
  const seq = (sequence++ % 36 ** 4).toString(36).padStart(4, '0');
  return `${time}-${seq}-${randomBytes(3).toString('hex')}`;
}

/** One <id>.eml per message; only files named like our ids are ever read or deleted. */
export class MessageFiles {
  constructor(private readonly dir: string) {}

  async init(): Promise<void> {
    await mkdir(this.dir, { recursive: true });
  }

  /** Ids of stored messages, oldest first. */
  async ids(): Promise<string[]> {
    const names = await readdir(this.dir);
    return names.flatMap((name) => FILE_PATTERN.exec(name)?.[1] ?? []).sort();
  }

  read(id: string): Promise<Buffer> {
    return readFile(this.file(id));
  }

  /** Via a temp file and rename, so a crash mid-write never leaves a truncated .eml behind. */
  async write(id: string, raw: Buffer): Promise<void> {
    const temp = `${this.file(id)}.tmp`;
    await writeFile(temp, raw);
    await rename(temp, this.file(id));
  }

  async remove(id: string): Promise<void> {
    try {
      await unlink(this.file(id));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
  }

  async removeAll(): Promise<void> {
    for (const id of await this.ids()) await this.remove(id);
  }

  private file(id: string): string {
    return path.join(this.dir, `${id}.eml`);
  }
}
