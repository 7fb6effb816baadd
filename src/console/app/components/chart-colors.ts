/** Chart colours from the console palette (styles.css): distinct from each other and dark enough to read against white. */
export const chartColors = {
  blue: '#0b5cad',
  green: '#1d6b34',
  brown: '#7a4f00',
  red: '#a4161a',
  purple: '#5b3f8c',
  grey: '#7b8794',
} as const;

/** The colours in order, for a chart whose series mean nothing by colour (the n-th series takes the n-th). */
export const seriesColors = [chartColors.blue, chartColors.green, chartColors.brown, chartColors.red, chartColors.purple] as const;
