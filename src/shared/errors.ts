/** Machine-readable codes of every domain error, each with its HTTP status. */
export const ERROR_STATUS = {
  VALIDATION_FAILED: 400,
  BAD_QUERY: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  RECORD_NOT_FOUND: 404,
  INSTITUTION_NOT_FOUND: 404,
  VERSION_NOT_FOUND: 404,
  CONFLICT: 409,
  STALE_VERSION: 409,
  ALREADY_EXISTS: 409,
  PAYLOAD_TOO_LARGE: 413,
  PRECONDITION_REQUIRED: 428,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  UNAVAILABLE: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

/** One problem with one field of the input: where it is and why it is wrong. */
export interface FieldProblem {
  /** JSON pointer-like path, e.g. `/title/en/0` or `date.edtf`. */
  field: string;
  message: string;
}

/** A coded domain error; the HTTP layer maps it to a status and a JSON or HTML answer. */
export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: { problems?: FieldProblem[]; [key: string]: unknown },
  ) {
    super(message);
    this.name = 'AppError';
    this.status = ERROR_STATUS[code];
  }
}

/** A validation error listing every problem found, with the field each one concerns. */
export function validationError(problems: FieldProblem[], what = 'input'): AppError {
  const summary = problems
    .slice(0, 3)
    .map((p) => `${p.field}: ${p.message}`)
    .join('; ');
  return new AppError('VALIDATION_FAILED', `Invalid ${what}: ${summary}${problems.length > 3 ? ` (and ${problems.length - 3} more)` : ''}`, { problems });
}
