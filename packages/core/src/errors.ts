/**
 * Typed errors. Every problem a user can cause (bad data, bad formula, bad spec, bad prior) surfaces as
 * a subclass of StrataError whose message names the culprit (column, row, term, position), so callers
 * can catch by class and a CLI can print one line without a stack trace.
 */
export class StrataError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = new.target.name;
    this.code = code;
  }
}

/** A problem with the data: `column` names the column, `row` is the 1-based data row (header excluded). */
export class DataError extends StrataError {
  readonly column?: string;
  readonly row?: number;
  constructor(message: string, where: { column?: string; row?: number } = {}, code = 'DATA') {
    super(code, message);
    this.column = where.column;
    this.row = where.row;
  }
}

/** A syntax error in a formula or a nonlinear expression; `position` is the 0-based character offset. */
export class FormulaError extends StrataError {
  /** The problem alone, without position and source: for re-issuing the error against a larger text. */
  readonly detail: string;
  readonly position: number;
  readonly expected: string;
  readonly source: string;
  constructor(message: string, source: string, position: number, expected: string) {
    super('FORMULA', `${message} at position ${position} (expected ${expected}) in "${source}"`);
    this.detail = message;
    this.position = position;
    this.expected = expected;
    this.source = source;
  }
}

/** A model spec that is well-formed JSON but does not make a model (unknown family, bad term, unknown column, ...). */
export class SpecError extends StrataError {
  readonly path?: string;
  constructor(message: string, path?: string, code = 'SPEC') {
    super(code, path ? `${path}: ${message}` : message);
    this.path = path;
  }
}

/** A prior that cannot be parsed or does not fit the parameter it was given to. */
export class PriorError extends StrataError {
  constructor(message: string) {
    super('PRIOR', message);
  }
}

/** A user-registered function whose value or gradient is unusable (names the function and argument). */
export class FunctionRegistrationError extends StrataError {
  readonly functionName: string;
  constructor(functionName: string, message: string) {
    super('FUNCTION', `function ${functionName}: ${message}`);
    this.functionName = functionName;
  }
}
