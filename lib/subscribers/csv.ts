// A small RFC 4180 reader and writer for subscriber import/export. Reads what
// spreadsheets write: quoted fields holding commas, quotes ("") and line breaks;
// CRLF, LF or CR line ends; a UTF-8 byte-order mark. Row numbers count records from 1
// (the header), as a spreadsheet numbers its rows, blank rows included.

export class CsvParseError extends Error {
  constructor(
    readonly row: number,
    message: string,
    /** The file went past `maxRows` (as opposed to being malformed). */
    readonly tooManyRows = false,
  ) {
    super(`row ${row}: ${message}`);
    this.name = "CsvParseError";
  }
}

/** Every record, blank ones included (as `[""]`), so indexes stay row numbers − 1. */
export function parseCsv(text: string, options: { maxRows?: number } = {}): string[][] {
  const maxRows = options.maxRows ?? Infinity;
  const input = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  // Whether the current field has begun (a quoted "" is a field even though it is empty).
  let started = false;
  let i = 0;
  const endField = () => {
    row.push(field);
    field = "";
    started = false;
  };
  const endRow = () => {
    endField();
    rows.push(row);
    row = [];
    if (rows.length > maxRows) throw new CsvParseError(rows.length, `the file has more than ${maxRows} rows`, true);
  };

  while (i < input.length) {
    const c = input[i]!;
    if (c === '"' && !started) {
      // A quoted field: runs to the next lone quote, across commas and line breaks.
      const start = rows.length + 1;
      started = true;
      i++;
      for (;;) {
        if (i >= input.length) throw new CsvParseError(start, 'a quoted field is never closed (a " is missing)');
        const q = input[i]!;
        i++;
        if (q !== '"') field += q;
        else if (input[i] === '"') {
          field += '"';
          i++;
        } else break;
      }
      const next = input[i];
      if (next !== undefined && next !== "," && next !== "\r" && next !== "\n") {
        throw new CsvParseError(start, 'unexpected text after a closing quote (write a quote inside a quoted field as "")');
      }
      continue;
    }
    if (c === ",") {
      endField();
    } else if (c === "\r" || c === "\n") {
      endRow();
      if (c === "\r" && input[i + 1] === "\n") i++;
    } else {
      field += c;
      started = true;
    }
    i++;
  }
  // A last record without a final line break.
  if (started || row.length > 0) endRow();
  return rows;
}

/** Whether a record is blank (an empty line). */
export function isBlankRow(row: readonly string[]): boolean {
  return row.every((f) => f.trim() === "");
}

function quote(value: string): string {
  return /[",\r\n]|^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Records as CSV with CRLF line ends (RFC 4180), quoting only where needed. */
export function toCsv(rows: readonly (readonly string[])[]): string {
  return rows.map((r) => `${r.map(quote).join(",")}\r\n`).join("");
}
