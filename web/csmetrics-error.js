// SPDX-License-Identifier: MIT
/** Error thrown for bad input or bad options; `code` is from a closed list (docs/errors.md). */
export class CsMetricsError extends Error {
  constructor({ code, message, table = null, line = null, column = null }) {
    super(message);
    this.name = 'CsMetricsError';
    this.code = code;
    this.table = table;
    this.line = line;
    this.column = column;
  }
}
