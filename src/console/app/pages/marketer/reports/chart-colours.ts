/** Series colours from the console palette (styles.css): dark enough to read against white. */
export const seriesColours = ['#0b5cad', '#1d6b34', '#7a4f00', '#a4161a', '#5b3f8c'] as const;
