import { Connection, isGrpcServiceError } from '@temporalio/client';
import type { SearchAttributeType } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { crmSearchAttributeKeys } from '../../workflows/search-attributes';

/** The Temporal type names, as the CLI and Temporal Cloud spell them (KEYWORD → Keyword). */
const typeName = (type: SearchAttributeType) => type.charAt(0) + type.slice(1).toLowerCase();

export class SearchAttributesRefused extends Error {}

/**
 * Registers our search attributes with the namespace; a workflow that sets an unknown attribute fails
 * its task. Idempotent: attributes that exist already are left alone. Where the server does not let a
 * worker create them (Temporal Cloud, or a server at its limit), the error says how to create them.
 */
export async function registerSearchAttributes(options: Parameters<typeof Connection.connect>[0] & { namespace: string }): Promise<void> {
  const { namespace, ...connectionOptions } = options;
  const connection = await Connection.connect(connectionOptions);
  try {
    const { customAttributes } = await connection.operatorService.listSearchAttributes({ namespace });
    const missing = crmSearchAttributeKeys.filter((key) => !customAttributes?.[key.name]);
    if (!missing.length) return;
    try {
      await connection.operatorService.addSearchAttributes({
        namespace,
        searchAttributes: Object.fromEntries(missing.map((key) => [key.name, temporal.api.enums.v1.IndexedValueType[`INDEXED_VALUE_TYPE_${key.type}`]])),
      });
    } catch (error) {
      throw new SearchAttributesRefused(refusalMessage(namespace, missing, error));
    }
  } finally {
    await connection.close();
  }
}

function refusalMessage(namespace: string, missing: typeof crmSearchAttributeKeys, error: unknown): string {
  const reason = isGrpcServiceError(error) ? error.details || error.message : String(error);
  const pairs = missing.map((key) => `${key.name}=${typeName(key.type)}`);
  return [
    `Temporal refused to create the search attributes this worker needs in namespace "${namespace}" (${reason}).`,
    `Missing: ${pairs.join(', ')}. Create them once, then start the worker again:`,
    `  self-hosted:     temporal operator search-attribute create --namespace ${namespace} ${missing.map((key) => `--name ${key.name} --type ${typeName(key.type)}`).join(' ')}`,
    `  Temporal Cloud:  tcld namespace search-attributes add --namespace <namespace>.<account> ${pairs.map((pair) => `--search-attribute "${pair}"`).join(' ')}`,
    `                   (or in the Cloud UI: Namespaces, ${namespace}, Custom Search Attributes)`,
  ].join('\n');
}
