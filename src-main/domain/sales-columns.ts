import type { RawSale } from './sales';

/**
 * Header names a POS export uses for each field, normalised (lower case, letters and
 * digits only). Our own sample files, Shopify and Lightspeed-style exports are covered;
 * anything else can be renamed in the file before importing.
 */
const SYNONYMS: Record<keyof RawSale, string[]> = {
  transactionId: ['transactionid', 'transaction', 'orderid', 'order', 'receiptid', 'receipt', 'saleid', 'ticket', 'ticketid', 'invoice', 'invoiceid'],
  email: ['clientemail', 'customeremail', 'email', 'emailaddress'],
  phone: ['clientphone', 'customerphone', 'phone', 'phonenumber', 'mobile'],
  externalId: ['clientid', 'customerid', 'externalid', 'customer', 'customernumber'],
  posAssociateId: ['associateposid', 'posassociateid', 'associateid', 'employeeid', 'staffid', 'salespersonid', 'associate', 'employee', 'salesperson', 'posid'],
  amount: ['amount', 'total', 'totalamount', 'netamount', 'subtotal', 'price'],
  soldAt: ['soldat', 'date', 'saledate', 'orderdate', 'transactiondate', 'createdat', 'datetime', 'timestamp'],
  location: ['location', 'store', 'shop', 'outlet', 'locationname', 'storename'],
  firstName: ['clientfirstname', 'customerfirstname', 'firstname', 'billingfirstname'],
  lastName: ['clientlastname', 'customerlastname', 'lastname', 'surname', 'billinglastname'],
  name: ['clientname', 'customername', 'name', 'billingname', 'fullname'],
};

const normalise = (h: string) => h.toLowerCase().replace(/[^a-z0-9]/g, '');

export type SalesColumns = Partial<Record<keyof RawSale, number>>;

/** Which column feeds which field; the first matching header wins. */
export function mapSalesHeaders(headers: string[]): { columns: SalesColumns; unused: string[] } {
  const columns: SalesColumns = {};
  const used = new Set<number>();
  for (const [field, names] of Object.entries(SYNONYMS) as [keyof RawSale, string[]][]) {
    for (const name of names) {
      const index = headers.findIndex((h, i) => !used.has(i) && normalise(h) === name);
      if (index >= 0) {
        columns[field] = index;
        used.add(index);
        break;
      }
    }
  }
  return { columns, unused: headers.filter((_, i) => !used.has(i)) };
}

export function toRawSale(record: string[], columns: SalesColumns): RawSale {
  const raw: RawSale = {};
  for (const [field, index] of Object.entries(columns) as [keyof RawSale, number][]) raw[field] = record[index];
  return raw;
}

/** Why a header row cannot feed a sales import, or null when it can. */
export function missingSalesColumns(headers: string[], columns: SalesColumns): string | null {
  const labels = { transactionId: 'transaction id', amount: 'amount', soldAt: 'date' } as const;
  const missing = (Object.keys(labels) as (keyof typeof labels)[]).filter((f) => columns[f] === undefined);
  if (missing.length) return `No column for ${missing.map((f) => labels[f]).join(', ')} (found: ${headers.join(', ')})`;
  if (columns.email === undefined && columns.phone === undefined && columns.externalId === undefined) {
    return 'No column to find clients by: add client email, phone or client id';
  }
  return null;
}
