import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient, Prisma } from '../generated/prisma/client';

export type Db = PrismaClient;
/** Data access takes this, so the same function runs alone or inside `$transaction`. */
export type DbClient = PrismaClient | Prisma.TransactionClient;

export function createPrismaClient(databaseUrl: string, options: { maxConnections?: number } = {}): Db {
  return new PrismaClient({
    adapter: new PrismaPg({ connectionString: databaseUrl, max: options.maxConnections ?? 10 }),
  });
}
