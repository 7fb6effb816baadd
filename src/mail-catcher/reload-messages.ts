import type { MessageFiles } from './message-files';
import { parseMessage } from './message-parser';
import type { MessageStore } from './message-store';
import type { MailCatcherLogger } from './types';

// Small parallel batches: faster than one by one, without opening thousands of files at once.
const RELOAD_BATCH = 32;

/** Loads the newest stored messages and deletes older files, which would never be shown again. */
export async function reloadMessages(files: MessageFiles, store: MessageStore, maxMessages: number, logger: MailCatcherLogger): Promise<void> {
  await files.init();
  const ids = await files.ids();
  const keep = ids.slice(Math.max(0, ids.length - maxMessages));
  for (const id of ids.slice(0, ids.length - keep.length)) await files.remove(id);
  for (let i = 0; i < keep.length; i += RELOAD_BATCH) {
    const batch = await Promise.all(
      keep.slice(i, i + RELOAD_BATCH).map(async (id) => {
        try {
          return await parseMessage(id, await files.read(id));
        } catch (err) {
          logger.warn({ err, id }, 'mail catcher skipped an unreadable stored message');
          return undefined;
        }
      }),
    );
    for (const message of batch) if (message) store.add(message, false);
  }
  logger.info({ count: store.size() }, 'mail catcher reloaded stored messages');
}
