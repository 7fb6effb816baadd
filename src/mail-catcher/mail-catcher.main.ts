import pino from 'pino';
import { startMailCatcher } from './mail-catcher';

function port(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > 65535) throw new Error(`${name} must be a port number, got "${raw}"`);
  return value;
}

async function main(): Promise<void> {
  const logger = pino({ base: undefined, timestamp: pino.stdTimeFunctions.isoTime });
  const catcher = await startMailCatcher({
    smtpPort: port('MAIL_CATCHER_SMTP_PORT', 1025),
    httpPort: port('MAIL_CATCHER_HTTP_PORT', 1080),
    host: process.env.MAIL_CATCHER_HOST || '127.0.0.1',
    storageDir: process.env.MAIL_CATCHER_DIR || '.data/mail',
    logger,
  });
  // startMailCatcher already logs both URLs; this line is for whoever reads the terminal.
  process.stdout.write(`Mail catcher: SMTP ${catcher.smtpUrl}, web ${catcher.webUrl}\n`);

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      // A second Ctrl-C means "now", e.g. when a client keeps a connection open.
      process.exit(1);
    }
    stopping = true;
    logger.info({ signal }, 'mail catcher stopping');
    catcher.close().then(
      () => process.exit(0),
      (err: unknown) => {
        logger.warn({ err }, 'mail catcher did not stop cleanly');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  process.stderr.write(`mail catcher failed to start: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
