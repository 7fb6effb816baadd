import fs from 'node:fs';
import path from 'node:path';

// Workflow code must be deterministic: it may import the workflow SDK, other workflow files
// and *types* of activities, nothing that does I/O. This test is the lint rule that says so.
const workflowsDir = path.join(__dirname, '..', '..', 'workflows');
const importPattern = /^\s*import\s+(type\s+)?[^'"]*?from\s+['"]([^'"]+)['"]|^\s*(?:const|let|var)\s+.*require\(\s*['"]([^'"]+)['"]\s*\)/gm;

function violations(file: string): string[] {
  const source = fs.readFileSync(file, 'utf8');
  const found: string[] = [];
  for (const match of source.matchAll(importPattern)) {
    const typeOnly = Boolean(match[1]);
    const specifier = match[2] ?? match[3];
    const allowed =
      specifier === '@temporalio/workflow' ||
      specifier === '@temporalio/common' ||
      (specifier.startsWith('./') && !specifier.includes('..')) ||
      (typeOnly && specifier.startsWith('../activities/'));
    if (!allowed) found.push(`${path.basename(file)} imports ${typeOnly ? 'type ' : ''}'${specifier}'`);
  }
  return found;
}

test('when workflow files import modules then only the workflow SDK, workflow files and activity types are used', () => {
  const files = fs.readdirSync(workflowsDir).filter((name) => name.endsWith('.ts'));
  expect(files.length).toBeGreaterThan(0);
  expect(files.flatMap((name) => violations(path.join(workflowsDir, name)))).toEqual([]);
});
