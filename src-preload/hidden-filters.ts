/**
 * Which client-list filters and sorts read a field group. A role that may not see a group
 * may not search on it either: filtering by tags or sorting by spend would reveal, one
 * page at a time, what the projection blanks. The main process refuses such a request;
 * the renderer hides the controls (a convenience, never the enforcement).
 */
import type { ClientFilters, ClientSortBy } from './contract';
import { FIELD_GROUP_LABELS, type FieldGroup } from './policy';

export const FILTER_FIELD_GROUPS: Partial<Record<keyof ClientFilters, FieldGroup>> = {
  tagIds: 'tags',
  lapsedDays: 'purchases',
  birthdayThisMonth: 'dates',
  anniversaryThisMonth: 'dates',
};

export const SORT_FIELD_GROUPS: Partial<Record<ClientSortBy, FieldGroup>> = {
  lastVisit: 'purchases',
  totalSpend: 'purchases',
};

export interface HiddenFieldUse {
  /** The request's field, as a dotted path: "filters.tagIds", "sort.by". */
  field: string;
  group: FieldGroup;
  message: string;
}

/** The first filter or sort in the request that reads a group hidden from the role, if any. */
export function hiddenFieldUse(
  hidden: ReadonlySet<FieldGroup> | readonly FieldGroup[],
  filters: ClientFilters,
  sortBy?: ClientSortBy,
): HiddenFieldUse | null {
  const has = (g: FieldGroup) => (hidden instanceof Set ? hidden.has(g) : (hidden as readonly FieldGroup[]).includes(g));
  for (const [key, group] of Object.entries(FILTER_FIELD_GROUPS) as [keyof ClientFilters, FieldGroup][]) {
    const value = filters[key];
    const used = value !== undefined && value !== false && !(Array.isArray(value) && value.length === 0);
    if (used && has(group)) return use(`filters.${key}`, group, 'filter by');
  }
  const sortGroup = sortBy ? SORT_FIELD_GROUPS[sortBy] : undefined;
  if (sortGroup && has(sortGroup)) return use('sort.by', sortGroup, 'sort by');
  return null;
}

/**
 * The filters and sort without what reads a hidden group: for a screen whose person just
 * lost sight of a field (an Admin changed their role) while a filter on it was set.
 */
export function withoutHidden(
  hidden: readonly FieldGroup[],
  filters: ClientFilters,
  sort: { by: ClientSortBy; dir: 'asc' | 'desc' },
): { filters: ClientFilters; sort: { by: ClientSortBy; dir: 'asc' | 'desc' } } {
  const next = { ...filters };
  for (const [key, group] of Object.entries(FILTER_FIELD_GROUPS) as [keyof ClientFilters, FieldGroup][]) {
    if (hidden.includes(group)) delete next[key];
  }
  const sortGroup = SORT_FIELD_GROUPS[sort.by];
  return { filters: next, sort: sortGroup && hidden.includes(sortGroup) ? { by: 'name', dir: 'asc' } : sort };
}

function use(field: string, group: FieldGroup, verb: string): HiddenFieldUse {
  const label = FIELD_GROUP_LABELS[group].replace(/ \(.*\)$/, '').toLowerCase();
  return { field, group, message: `Your role cannot ${verb} ${label}: they are hidden from you.` };
}
