// Text that a spreadsheet would take for a formula (=, +, -, @, or a tab or carriage return first) gets
// a leading apostrophe in every export, CSV and Excel alike: a name or a topic typed as
// "=HYPERLINK(...)" must stay text when someone opens the file and edits the cell.
import type ExcelJS from 'exceljs';

const FORMULA_START = /^[=+\-@\t\r]/;

export function spreadsheetText(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** Make every text cell of a workbook safe, just before it is written. */
export function neutraliseFormulas(workbook: ExcelJS.Workbook): void {
  workbook.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => {
    if (typeof cell.value === 'string') cell.value = spreadsheetText(cell.value);
  })));
}
