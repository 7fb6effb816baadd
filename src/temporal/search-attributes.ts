import { Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';

/** Search attributes our workflows set: ids and statuses only, never personal data. */
export const crmSearchAttributes = {
  CrmAccountStatus: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
  CrmAccountOwnerId: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
  CrmAccountSegment: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
};

/**
 * Registers them with the namespace; a workflow that sets an unknown attribute fails its task.
 * Idempotent: attributes that exist already are left alone.
 */
export async function registerSearchAttributes(options: Parameters<typeof Connection.connect>[0] & { namespace: string }): Promise<void> {
  const { namespace, ...connectionOptions } = options;
  const connection = await Connection.connect(connectionOptions);
  try {
    const { customAttributes } = await connection.operatorService.listSearchAttributes({ namespace });
    const missing = Object.entries(crmSearchAttributes).filter(([name]) => !customAttributes?.[name]);
    if (missing.length) await connection.operatorService.addSearchAttributes({ namespace, searchAttributes: Object.fromEntries(missing) });
  } finally {
    await connection.close();
  }
}
