import { formatSeconds } from '../../../duration';

/** A median stay for people: "3 days 4 hours", "5 hours 20 minutes", "45 seconds" (the console's one duration wording, duration.ts). */
export const formatDuration = (seconds: number | null): string => formatSeconds(seconds);
