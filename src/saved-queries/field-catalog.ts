import { entityFields } from './entity-fields';
import { entitySources, queryEntities } from './query-entities';
import { opsFor } from './query-fields';
import type { QueryFieldCatalog } from './query-results.schemas';

const operators: QueryFieldCatalog['operators'] = [
  { op: 'eq', label: 'is', value: 'one' },
  { op: 'neq', label: 'is not', value: 'one' },
  { op: 'in', label: 'is any of', value: 'list' },
  { op: 'notIn', label: 'is none of', value: 'list' },
  { op: 'contains', label: 'contains', value: 'one' },
  { op: 'gt', label: 'more than', value: 'one' },
  { op: 'gte', label: 'at least', value: 'one' },
  { op: 'lt', label: 'less than', value: 'one' },
  { op: 'lte', label: 'at most', value: 'one' },
  { op: 'between', label: 'between', value: 'range' },
  { op: 'before', label: 'before', value: 'one' },
  { op: 'onOrAfter', label: 'on or after', value: 'one' },
  { op: 'inPeriod', label: 'in the period', value: 'period' },
  { op: 'isSet', label: 'is filled in', value: 'none' },
  { op: 'isNotSet', label: 'is empty', value: 'none' },
];

/** What GET /queries/fields answers: the builder draws its field, operator and value controls from it. */
export const fieldCatalog: QueryFieldCatalog = {
  operators,
  entities: queryEntities.map((entity) => ({
    entity,
    label: entitySources[entity].label,
    defaultColumns: [...entitySources[entity].defaultColumns],
    fields: Object.entries(entityFields[entity]).map(([field, def]) => ({
      field,
      label: def.label,
      type: def.type,
      ops: def.noFilter ? [] : [...opsFor(def)],
      ...(def.options ? { options: [...def.options] } : {}),
      column: def.column !== undefined,
      summable: def.type === 'money',
    })),
  })),
};
