/**
 * Amounts travel in integer cents. The shop keeps no currency, so money reads as a plain
 * amount with two decimals in the person's own number format (1,234.50 or 1.234,50).
 */
const money = new Intl.NumberFormat(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 2 });

export function formatMoney(cents: number): string {
  return money.format(cents / 100);
}
