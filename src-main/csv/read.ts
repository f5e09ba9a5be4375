/**
 * Reading a CSV file we did not write: guess its encoding and delimiter from the first
 * bytes (the person can override both), then stream its records with their line numbers.
 * The file is never loaded whole: the parser sees one decoded chunk at a time.
 */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import chardet from 'chardet';
import { parse, CsvError } from 'csv-parse';
import iconv from 'iconv-lite';

export const DELIMITERS = [',', ';', '\t', '|'] as const;
export type Delimiter = (typeof DELIMITERS)[number];

/** A problem with the file as a whole (not one row): nothing past it can be trusted. */
export class FileProblem extends Error {
  constructor(
    message: string,
    readonly line: number | null = null,
  ) {
    super(line ? `Line ${line}: ${message}` : message);
    this.name = 'FileProblem';
  }
}

/** The largest record we accept; the longest field we store (notes) is 10,000 characters. */
export const MAX_RECORD_CHARS = 1_000_000;
const SAMPLE_BYTES = 64 * 1024;

export async function readSample(path: string, bytes = SAMPLE_BYTES): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** Valid UTF-8 up to the sample's end (a character cut in half at the end is fine). */
function isUtf8(sample: Buffer): boolean {
  let end = sample.length;
  // Back off over a trailing partial sequence so the cut does not count as invalid.
  for (let i = 1; i <= 3 && end - i >= 0; i++) {
    const b = sample[end - i]!;
    if ((b & 0xc0) === 0xc0) {
      end -= i;
      break;
    }
    if ((b & 0x80) === 0) break;
  }
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(sample.subarray(0, end));
    return true;
  } catch {
    return false;
  }
}

export function detectEncoding(sample: Buffer): string {
  if (sample.length === 0) throw new FileProblem('The file is empty.');
  if (sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) return 'utf-8';
  if (sample[0] === 0xff && sample[1] === 0xfe) return 'utf-16le';
  if (sample[0] === 0xfe && sample[1] === 0xff) return 'utf-16be';
  const guess = chardet.detect(sample)?.toLowerCase() ?? '';
  if (guess.startsWith('utf-16') || guess.startsWith('utf-32')) return guess;
  if (sample.includes(0)) throw new FileProblem('This looks like a binary file, not a CSV file.');
  if (isUtf8(sample)) return 'utf-8';
  // Spreadsheets on Windows save "CSV" in the ANSI code page; Latin-1 is its subset.
  if (guess === 'iso-8859-1' || guess === 'windows-1252' || !iconv.encodingExists(guess)) return 'windows-1252';
  return guess;
}

export function decodeSample(sample: Buffer, encoding: string): string {
  return iconv.decode(sample, encoding).replace(/^\uFEFF/, '');
}

/** The candidate that splits the first line into the most fields, quotes respected. */
export function detectDelimiter(text: string): Delimiter {
  const counts = new Map<Delimiter, number>(DELIMITERS.map((d) => [d, 0]));
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && counts.has(ch as Delimiter)) counts.set(ch as Delimiter, counts.get(ch as Delimiter)! + 1);
  }
  let best: Delimiter = ',';
  for (const [d, n] of counts) if (n > counts.get(best)!) best = d;
  return best;
}

export interface CsvRecord {
  /** 1-based line of the file where the record starts. */
  line: number;
  fields: string[];
}

export interface ReadOptions {
  encoding: string;
  delimiter: string;
  onBytes?: (bytesRead: number) => void;
}

/** Every record, the header first. Throws FileProblem for a file that cannot be parsed. */
export async function* readRecords(path: string, options: ReadOptions): AsyncGenerator<CsvRecord> {
  if (!iconv.encodingExists(options.encoding)) throw new FileProblem(`Unknown encoding "${options.encoding}".`);
  const source = createReadStream(path, { highWaterMark: 1 << 20 });
  let bytes = 0;
  source.on('data', (chunk) => {
    bytes += chunk.length;
    options.onBytes?.(bytes);
  });
  // Line numbers are taken as the parser emits each record (it runs ahead of the consumer).
  let parsedEnd = 0;
  const parser = parse({
    delimiter: options.delimiter,
    bom: true,
    relax_column_count: true,
    relax_quotes: true,
    max_record_size: MAX_RECORD_CHARS,
    on_record: (record: string[], context: { lines: number }) => {
      const line = parsedEnd + 1;
      parsedEnd = context.lines;
      // csv-parse passes the returned value through; typed as a record, it is a CsvRecord.
      return { line, fields: record } as unknown as string[];
    },
  });
  const decoded = source.pipe(iconv.decodeStream(options.encoding)).pipe(parser);
  source.on('error', (err) => parser.destroy(err));
  try {
    for await (const record of decoded as AsyncIterable<CsvRecord>) {
      // A blank line is not a record.
      if (record.fields.length === 1 && record.fields[0] === '') continue;
      yield record;
    }
  } catch (err) {
    // The record that failed starts on the line after the last good one.
    if (err instanceof CsvError) throw new FileProblem(describeCsvError(err), parsedEnd + 1);
    throw err;
  } finally {
    source.destroy();
  }
}

function describeCsvError(err: CsvError): string {
  switch (err.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return 'a quoted field is never closed (an unterminated quote); nothing after it can be read.';
    case 'CSV_MAX_RECORD_SIZE':
      return `a record is longer than ${MAX_RECORD_CHARS.toLocaleString('en')} characters; is the delimiter or encoding right?`;
    default:
      return err.message;
  }
}
