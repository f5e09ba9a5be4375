import { describe, expect, it } from 'vitest';
import { countOf } from '../../src-renderer/format';

describe('countOf', () => {
  it('puts the noun in the singular for one, in the plural otherwise, and groups digits as the locale does', () => {
    expect(countOf(1, 'warning')).toBe('1 warning');
    expect(countOf(0, 'warning')).toBe('0 warnings');
    expect(countOf(2, 'person', 'people')).toBe('2 people');
    expect(countOf(1, 'person', 'people')).toBe('1 person');
    expect(countOf(456_790, 'warning')).toBe(`${(456_790).toLocaleString()} warnings`);
  });
});
