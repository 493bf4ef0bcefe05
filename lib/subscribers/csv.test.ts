import { describe, expect, it } from "vitest";
import { CsvParseError, isBlankRow, parseCsv, toCsv } from "./csv";

describe("parseCsv", () => {
  it.each([
    [
      "plain LF",
      "a,b\nc,d\n",
      [
        ["a", "b"],
        ["c", "d"],
      ],
    ],
    [
      "CRLF",
      "a,b\r\nc,d\r\n",
      [
        ["a", "b"],
        ["c", "d"],
      ],
    ],
    [
      "lone CR (old Mac)",
      "a,b\rc,d",
      [
        ["a", "b"],
        ["c", "d"],
      ],
    ],
    [
      "no final line break",
      "a,b\nc,d",
      [
        ["a", "b"],
        ["c", "d"],
      ],
    ],
    ["byte-order mark", "\uFEFFchannel,target\n", [["channel", "target"]]],
    [
      "empty fields",
      "a,,c\n,,\n",
      [
        ["a", "", "c"],
        ["", "", ""],
      ],
    ],
    ["quoted comma", 'a,"b,c"\n', [["a", "b,c"]]],
    ["doubled quote", '"say ""hi""",x\n', [['say "hi"', "x"]]],
    [
      "quoted line breaks",
      'a,"line 1\r\nline 2\nline 3"\nnext,row\n',
      [
        ["a", "line 1\r\nline 2\nline 3"],
        ["next", "row"],
      ],
    ],
    ["empty quoted field", '"",b\n""\n', [["", "b"], [""]]],
    ["quoted field at the end of the file", 'a,"b"', [["a", "b"]]],
    ["blank lines kept, so row numbers match", "a\n\nb\n", [["a"], [""], ["b"]]],
    ["a quote inside an unquoted field stays", 'ab"c,d\n', [['ab"c', "d"]]],
    ["spaces are kept (the caller trims)", " a , b \n", [[" a ", " b "]]],
    ["empty input", "", []],
  ])("%s", (_name, text, expected) => {
    expect(parseCsv(text)).toEqual(expected);
  });

  it("names the row of an unclosed quote, counting records (a quoted line break stays in one row)", () => {
    const text = 'h1,h2\n"x\ny",1\nz,"unclosed\n';
    expect(() => parseCsv(text)).toThrow(new CsvParseError(3, 'a quoted field is never closed (a " is missing)'));
    expect(() => parseCsv(text)).toThrow(/^row 3: /);
  });

  it("refuses text after a closing quote", () => {
    expect(() => parseCsv('a\n"b"c,d\n')).toThrow(/^row 2: unexpected text after a closing quote/);
  });

  it("stops at the row limit", () => {
    expect(parseCsv("a\nb\n", { maxRows: 2 })).toHaveLength(2);
    expect(() => parseCsv("a\nb\nc\n", { maxRows: 2 })).toThrow(expect.objectContaining({ row: 3, tooManyRows: true }));
  });
});

describe("toCsv", () => {
  it("quotes only fields that need it and ends lines with CRLF", () => {
    expect(
      toCsv([
        ["channel", "target"],
        ["email", "a@example.com"],
        ["x", 'has "quotes", commas'],
        ["line\nbreak", " padded"],
      ]),
    ).toBe('channel,target\r\nemail,a@example.com\r\nx,"has ""quotes"", commas"\r\n"line\nbreak"," padded"\r\n');
  });

  it("round-trips through parseCsv", () => {
    const rows = [["a", "", 'q"uote'], ["multi\r\nline", ",", " x "], [""]];
    expect(parseCsv(toCsv(rows))).toEqual(rows);
  });
});

describe("isBlankRow", () => {
  it.each([
    [[""], true],
    [["", " "], true],
    [["", "x"], false],
  ])("%j → %s", (row, blank) => {
    expect(isBlankRow(row)).toBe(blank);
  });
});
