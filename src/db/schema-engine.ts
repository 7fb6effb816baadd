import fs from 'node:fs';
import path from 'node:path';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import type * as SchemaEngineGlue from '@prisma/schema-engine-wasm/schema_engine_bg';
import { createSchemaEngineAdapterFactory } from './schema-engine-adapter';

export type SchemaEngine = SchemaEngineGlue.SchemaEngine;

export interface OpenedSchemaEngine {
  engine: SchemaEngine;
  /** Frees the engine, ends its connection pools (releasing its advisory lock) and drops shadow databases. */
  close(): Promise<void>;
}

export const NO_SCHEMA_FILTER: SchemaEngineGlue.SchemaFilter = { externalTables: [], externalEnums: [] };

// The ES2022 lib has no WebAssembly types and @types/node 20 adds none: declare what is used.
declare const WebAssembly: {
  instantiate(
    bytes: Uint8Array,
    imports: Record<string, object>,
  ): Promise<{ instance: { exports: Record<string, unknown> } }>;
};

let gluePromise: Promise<typeof SchemaEngineGlue> | undefined;

/** The wasm module is 5 MB: compile and start it once per process (once per test file under jest). */
function loadSchemaEngineGlue(): Promise<typeof SchemaEngineGlue> {
  gluePromise ??= instantiateSchemaEngineWasm();
  return gluePromise;
}

async function instantiateSchemaEngineWasm(): Promise<typeof SchemaEngineGlue> {
  installPanicRegistry();
  const gluePath = require.resolve('@prisma/schema-engine-wasm/schema_engine_bg');
  const glue = evaluateEsmGlue(fs.readFileSync(gluePath, 'utf8'));
  const wasmBytes = fs.readFileSync(path.join(path.dirname(gluePath), 'schema_engine_bg.wasm'));
  const { instance } = await WebAssembly.instantiate(wasmBytes, { './schema_engine_bg.js': withUnrefTimers(glue) });
  glue.__wbg_set_wasm(instance.exports);
  (instance.exports.__wbindgen_start as () => void)();
  return glue;
}

/**
 * The engine never cancels its timers (the glue has no clearTimeout), so the 10 s timeout it arms
 * around pg_advisory_lock in every applyMigrations kept the process alive 10 s after the work was
 * done. While the engine really waits, its pg sockets keep the process alive anyway.
 */
function withUnrefTimers(glue: typeof SchemaEngineGlue): Record<string, unknown> {
  const imports: Record<string, unknown> = { ...glue };
  for (const [name, setEngineTimeout] of Object.entries(glue)) {
    if (!name.startsWith('__wbg_setTimeout_')) continue;
    imports[name] = (...args: unknown[]) => {
      const timer = (setEngineTimeout as (...timerArgs: unknown[]) => { unref?: () => void })(...args);
      timer.unref?.();
      return timer;
    };
  }
  return imports;
}

/**
 * The glue file is an ES module. `require()` of it works in plain Node 20.19+ (require(esm)) and
 * under tsx, but jest's CommonJS runtime refuses it ("Must use import to load ES Module"), swc
 * compiles `import()` to that same require, and a real `import()` under jest needs
 * --experimental-vm-modules. The file has no imports and only `export function|class`
 * declarations, so stripping `export` and evaluating it as a function body loads it the same way
 * everywhere, in the caller's realm.
 */
function evaluateEsmGlue(source: string): typeof SchemaEngineGlue {
  const exportedNames: string[] = [];
  const body = source.replace(/^export (function|class) (\w+)/gm, (_match, kind: string, name: string) => {
    exportedNames.push(name);
    return `${kind} ${name}`;
  });
  if (/^\s*(import|export)\b|import\.meta/m.test(body)) {
    throw new Error('@prisma/schema-engine-wasm changed its glue format: update evaluateEsmGlue');
  }
  const moduleFactory = new Function(`'use strict';\n${body}\nreturn { ${exportedNames.join(', ')} };`);
  return moduleFactory() as typeof SchemaEngineGlue;
}

/**
 * A Rust panic in the engine calls `global.PRISMA_WASM_PANIC_REGISTRY.set_message` and then traps
 * with an uncatchable "RuntimeError: unreachable". Without a registry the process dies with an
 * unrelated TypeError instead, so the panic message would be lost.
 */
function installPanicRegistry(): void {
  const globals = globalThis as { PRISMA_WASM_PANIC_REGISTRY?: { set_message(message: string): void } };
  globals.PRISMA_WASM_PANIC_REGISTRY ??= {
    set_message: (message) => process.stderr.write(`Prisma schema engine (wasm) ${message}\n`),
  };
}

export async function openSchemaEngine(options: { databaseUrl: string; schemaPath: string }): Promise<OpenedSchemaEngine> {
  const glue = await loadSchemaEngineGlue();
  const adapterFactory = createSchemaEngineAdapterFactory(options.databaseUrl);
  const logEngineEvent = (event: string) => {
    if (process.env.SCHEMA_ENGINE_DEBUG) process.stderr.write(`${event}\n`);
  };
  try {
    const engine = await glue.SchemaEngine.new(
      { datamodels: [[options.schemaPath, fs.readFileSync(options.schemaPath, 'utf8')]] },
      logEngineEvent,
      bindMigrationAwareSqlAdapterFactory(adapterFactory.factory),
    );
    return {
      engine,
      close: async () => {
        engine.free();
        await adapterFactory.close();
      },
    };
  } catch (error) {
    await adapterFactory.close();
    throw error;
  }
}
