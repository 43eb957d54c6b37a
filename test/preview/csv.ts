/**
 * A few lines of RFC 4180 for the preview's tests: fields split on commas, quoted fields may hold
 * commas, line breaks and doubled quotes. Deliberately not papaparse, which the generator and the
 * preview use, so a parser quirk cannot hide on both sides of a test.
 */
export function parseCsvText(text: string): string[][] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      record.push(field);
      field = '';
    } else if (ch === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  const width = records[0]?.length ?? 0;
  records.forEach((row, i) => {
    if (row.length !== width) throw new Error(`CSV record ${i + 1} has ${row.length} fields, not ${width}`);
  });
  return records;
}
