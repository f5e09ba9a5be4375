import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { FileProblem, readRecordBatches, readRecords, type CsvRecord } from '../../src-main/csv/read';

const dir = mkdtempSync(join(tmpdir(), 'clientele-csv-read-'));
let files = 0;
function fileOf(content: string | Buffer): string {
  const path = join(dir, `f${files++}.csv`);
  writeFileSync(path, content);
  return path;
}

async function readAll(content: string | Buffer, encoding = 'utf-8', delimiter = ','): Promise<CsvRecord[]> {
  const out: CsvRecord[] = [];
  for await (const r of readRecords(fileOf(content), { encoding, delimiter })) out.push(r);
  return out;
}

async function problemOf(content: string): Promise<FileProblem> {
  try {
    await readAll(content);
  } catch (err) {
    if (err instanceof FileProblem) return err;
    throw err;
  }
  throw new Error('expected a FileProblem');
}

/** A small deterministic generator, so a failure can be replayed. */
function random(seed: number) {
  return () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
}

const quote = (f: string) => (/[",\r\n]/.test(f) || f === '' ? `"${f.replace(/"/g, '""')}"` : f);

describe('reading CSV records', () => {
  it("reads records cut anywhere by the file's chunks: quotes, doubled quotes, line breaks, commas and their line numbers", async () => {
    const rnd = random(7);
    const pieces = ['Ann', 'é', '漢字', '"', ',', '\n', '\r\n', ' ', 'x'.repeat(300), '""', 'O\'Neil'];
    const expected: CsvRecord[] = [];
    let text = 'a,b,c\r\n';
    expected.push({ line: 1, fields: ['a', 'b', 'c'] });
    let line = 2;
    // Many chunks, so records straddle every kind of boundary.
    while (text.length < 3_500_000) {
      const fields = Array.from({ length: 3 }, () =>
        Array.from({ length: Math.floor(rnd() * 6) + 1 }, () => pieces[Math.floor(rnd() * pieces.length)]).join(''),
      );
      expected.push({ line, fields });
      text += fields.map(quote).join(',') + '\r\n';
      line += 1 + fields.join('').split('\n').length - 1;
    }
    const records = await readAll(text);
    expect(records.length).toBe(expected.length);
    expect(records).toEqual(expected);

    const batches: number[] = [];
    for await (const batch of readRecordBatches(fileOf(text), { encoding: 'utf-8', delimiter: ',' })) batches.push(batch.length);
    expect(batches.length).toBeGreaterThan(2);
    expect(batches.reduce((a, b) => a + b, 0)).toBe(expected.length);
  });

  it('takes LF, CRLF and old Mac CR files alike, skips blank lines but counts them, and drops a BOM', async () => {
    const lf = await readAll('\uFEFFname,city\nAnn,Lyon\n\nBo,"Ni\nce"\nCy,Metz');
    expect(lf).toEqual([
      { line: 1, fields: ['name', 'city'] },
      { line: 2, fields: ['Ann', 'Lyon'] },
      { line: 4, fields: ['Bo', 'Ni\nce'] },
      { line: 6, fields: ['Cy', 'Metz'] },
    ]);
    const cr = await readAll('name,city\rAnn,Lyon\rBo,"Ni\rce"\rCy,Metz\r');
    expect(cr.map((r) => r.line)).toEqual([1, 2, 3, 5]);
    expect(cr[2]!.fields).toEqual(['Bo', 'Ni\rce']);
    // A file whose one line break is its last character.
    expect(await readAll('name,city\r')).toEqual([{ line: 1, fields: ['name', 'city'] }]);
    const utf16 = await readAll(iconv.encode('\uFEFFname;city\r\nZoë;Köln\r\n', 'utf-16le'), 'utf-16le', ';');
    expect(utf16).toEqual([
      { line: 1, fields: ['name', 'city'] },
      { line: 2, fields: ['Zoë', 'Köln'] },
    ]);
  });

  it('reads a file that mixes CRLF and LF lines one record per line, as a person would, whichever break comes first', async () => {
    const crlfFirst = await readAll('name,city\r\nAnn,Lyon\nBo,"Nice"\r\nCy,"Me\r\ntz"\nDee,Paris\n');
    expect(crlfFirst).toEqual([
      { line: 1, fields: ['name', 'city'] },
      { line: 2, fields: ['Ann', 'Lyon'] },
      { line: 3, fields: ['Bo', 'Nice'] },
      { line: 4, fields: ['Cy', 'Me\r\ntz'] },
      { line: 6, fields: ['Dee', 'Paris'] },
    ]);
    const lfFirst = await readAll('name,city\nAnn,"Lyon"\r\nBo,Nice\r\n');
    expect(lfFirst.map((r) => r.fields)).toEqual([['name', 'city'], ['Ann', 'Lyon'], ['Bo', 'Nice']]);
    // Every other line of a large file in the other style, across many chunks.
    const rows = Array.from({ length: 60_000 }, (_, i) => `Guest${i},"City ${i}"${i % 2 ? '\n' : '\r\n'}`);
    const many = await readAll(`name,city\r\n${rows.join('')}`);
    expect(many).toHaveLength(60_001);
    expect(many.every((r) => r.fields.length === 2 && !r.fields[1]!.includes('\r'))).toBe(true);
    expect(many.at(-1)).toEqual({ line: 60_001, fields: ['Guest59999', 'City 59999'] });
  });

  it('reports an unterminated quote, text after a closing quote and an overlong record with the line they start on', async () => {
    expect((await problemOf('a,b\nAnn,ok\n"Bo\nb",x\nCy,"never closed\nDee,fine\n')).message).toMatch(
      /^Line 5: a quoted field is never closed/,
    );
    expect((await problemOf('a,b\nAnn,ok\nBo,"quoted"then more\nCy,fine\n')).message).toMatch(/^Line 3: a quoted field has more text after its closing quote/);
    // Under a chunk, but the record alone is over the limit.
    const long = await problemOf(`a,b\nAnn,ok\nBo,"${'y'.repeat(600_000)}","${'z'.repeat(500_000)}"\nCy,fine\n`);
    expect(long.message).toMatch(/^Line 3: a record is longer than 1,000,000 characters/);
  });
});
