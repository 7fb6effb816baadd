export interface MailCatcherLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
}

export interface MailCatcherOptions {
  smtpPort: number;
  httpPort: number;
  /** Default 127.0.0.1; use 0.0.0.0 inside a container. */
  host?: string;
  /** When set, each message is kept as <id>.eml there and reloaded at start. */
  storageDir?: string;
  /** Messages kept in memory (and on disk); older ones are dropped. Default 10,000. */
  maxMessages?: number;
  logger?: MailCatcherLogger;
}

export interface CaughtMessage {
  /** Sortable by arrival: later messages have greater ids. */
  id: string;
  receivedAt: string;
  /** What the SMTP client said in MAIL FROM / RCPT TO, which includes Bcc recipients. */
  envelope: { from: string; to: string[] };
  messageId?: string;
  subject?: string;
  /** Address of the From header, without display name (the name is in headers.from). */
  from?: string;
  /** Addresses of the To header. */
  to: string[];
  text?: string;
  html?: string;
  /** Lower-case header names; repeated headers are joined with a newline. */
  headers: Record<string, string>;
  /** Attachment metadata only; their content is dropped to keep memory bounded. */
  attachments: { filename?: string; contentType: string; size: number }[];
}

export interface MailCatcher {
  smtpUrl: string;
  webUrl: string;
  smtpPort: number;
  httpPort: number;
  /** Messages still kept, oldest first. */
  messages(): CaughtMessage[];
  /** Messages accepted over SMTP since start, including those dropped or cleared since. */
  receivedCount(): number;
  /**
   * Resolves with the matching messages once at least `count` match (default 1, timeout 10 s).
   * Counts kept messages plus every message arriving while waiting, so it works for mailings
   * larger than maxMessages.
   */
  waitForMessages(predicate: (m: CaughtMessage) => boolean, count?: number, timeoutMs?: number): Promise<CaughtMessage[]>;
  /** Forgets all kept messages, on disk too. */
  clear(): Promise<void>;
  close(): Promise<void>;
}
