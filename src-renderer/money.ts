/**
 * Amounts travel in integer cents. The shop keeps no currency, so money reads as a plain
 * amount with two decimals in the shop's number format (1,234.50 or 1.234,50; format.ts).
 */
import { formatAmount } from './format';

export function formatMoney(cents: number): string {
  return formatAmount(cents / 100);
}
