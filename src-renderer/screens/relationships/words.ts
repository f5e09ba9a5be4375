/**
 * The words a person picks from when saying what one client is to another: every type's
 * name and reverse name ("Parent", "Child"), once for types that read the same both ways.
 * The value encodes the type and which of its words was picked, as the contract's `side`.
 */
import type { RelationshipType } from '../../../src-preload/contract';

export type Side = 'name' | 'reverse';

export interface WordOption {
  value: string;
  label: string;
  typeId: number;
  side: Side;
}

export const wordValue = (typeId: number, side: Side) => `${typeId}:${side}`;

export function wordOptions(types: readonly RelationshipType[]): WordOption[] {
  const options: WordOption[] = [];
  for (const t of types) {
    options.push({ value: wordValue(t.id, 'name'), label: t.name, typeId: t.id, side: 'name' });
    if (t.reverseName.toLocaleLowerCase() !== t.name.toLocaleLowerCase()) {
      options.push({ value: wordValue(t.id, 'reverse'), label: t.reverseName, typeId: t.id, side: 'reverse' });
    }
  }
  return options.sort((a, b) => a.label.localeCompare(b.label));
}

export function parseWord(value: string | null): { typeId: number; side: Side } | null {
  if (!value) return null;
  const [id, side] = value.split(':');
  if (side !== 'name' && side !== 'reverse') return null;
  return { typeId: Number(id), side };
}
