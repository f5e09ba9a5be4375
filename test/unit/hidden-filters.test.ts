import { describe, expect, it } from 'vitest';
import { hiddenFieldUse, withoutHidden } from '../../src-preload/hidden-filters';
import type { ClientFilters, ClientSortBy } from '../../src-preload/contract';
import type { FieldGroup } from '../../src-preload/policy';

describe('hiddenFieldUse: which filter or sort reads a hidden field group', () => {
  const cases: [FieldGroup[], ClientFilters, ClientSortBy | undefined, string | null][] = [
    [['tags'], { tagIds: [1] }, undefined, 'filters.tagIds'],
    [['tags'], { tagIds: [] }, undefined, null],
    [['purchases'], { lapsedDays: 30 }, undefined, 'filters.lapsedDays'],
    [['purchases'], {}, 'totalSpend', 'sort.by'],
    [['purchases'], {}, 'lastVisit', 'sort.by'],
    [['purchases'], { status: 'existing' }, 'created', null],
    [['dates'], { birthdayThisMonth: true }, undefined, 'filters.birthdayThisMonth'],
    [['dates'], { birthdayThisMonth: false }, undefined, null],
    [['dates'], { anniversaryThisMonth: true }, 'name', 'filters.anniversaryThisMonth'],
    [['contact', 'notes', 'address'], { tagIds: [1], lapsedDays: 5, birthdayThisMonth: true }, 'totalSpend', null],
    [[], { tagIds: [1] }, 'totalSpend', null],
  ];
  for (const [hidden, filters, sort, field] of cases) {
    it(`${JSON.stringify(filters)} sorted by ${sort ?? '-'} with ${hidden.join('+') || 'nothing'} hidden -> ${field ?? 'allowed'}`, () => {
      expect(hiddenFieldUse(new Set(hidden), filters, sort)?.field ?? null).toBe(field);
      expect(hiddenFieldUse(hidden, filters, sort)?.field ?? null).toBe(field);
    });
  }

  it('drops exactly the hidden filters and sort', () => {
    expect(withoutHidden(['tags', 'purchases'], { tagIds: [1], status: 'guest', lapsedDays: 3, birthdayThisMonth: true }, { by: 'totalSpend', dir: 'desc' })).toEqual({
      filters: { status: 'guest', birthdayThisMonth: true },
      sort: { by: 'name', dir: 'asc' },
    });
    expect(withoutHidden(['dates'], { tagIds: [1] }, { by: 'created', dir: 'desc' })).toEqual({ filters: { tagIds: [1] }, sort: { by: 'created', dir: 'desc' } });
  });
});
