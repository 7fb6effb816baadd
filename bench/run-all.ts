// `npm run bench`: every bench/*.bench.ts in turn, each in its own process.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const only = process.argv[2];
const benches = fs.readdirSync(__dirname).filter((file) => file.endsWith('.bench.ts') && (!only || file.includes(only)));
for (const file of benches) {
  console.log(`\n== ${file}`);
  execFileSync(process.execPath, [require.resolve('tsx/cli'), path.join(__dirname, file)], { stdio: 'inherit' });
}
