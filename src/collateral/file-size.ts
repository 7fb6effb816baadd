// File sizes as the configuration writes them (20MB) and as messages say them.

const units = { B: 1, KB: 1024, MB: 1024 ** 2, GB: 1024 ** 3 } as const;

/** "20MB", "512KB", "1GB" or a bare number of bytes; undefined when the text is none of these. */
export function parseFileSize(text: string): number | undefined {
  const match = /^(\d{1,12})\s*(B|KB|MB|GB)?$/i.exec(text.trim());
  if (!match) return undefined;
  return Number(match[1]) * units[(match[2]?.toUpperCase() ?? 'B') as keyof typeof units];
}

/** 20971520 → "20 MB"; sizes that are not whole units keep their bytes: "1.5 MB (1572864 bytes)". */
export function describeFileSize(bytes: number): string {
  for (const unit of ['GB', 'MB', 'KB'] as const) {
    const amount = bytes / units[unit];
    if (amount >= 1) return Number.isInteger(amount) ? `${amount} ${unit}` : `${amount.toFixed(1)} ${unit} (${bytes} bytes)`;
  }
  return `${bytes} bytes`;
}
