import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { InvalidRequestError } from '@crm/kernel';

/** One field that failed validation: its dotted path and the constraints it broke (class-validator names). */
export interface FieldProblem {
  field: string;
  constraints: string[];
}

/** 400: the request body, path or query does not have the expected shape. Nothing was stored. */
export class RequestValidationError extends InvalidRequestError {
  constructor(readonly problems: FieldProblem[]) {
    const fields = problems.map((p) => p.field).join(', ');
    super(
      'request.validation',
      {
        es: `La solicitud no es válida; revise estos campos: ${fields}.`,
        en: `The request is not valid; check these fields: ${fields}.`,
      },
      { problems },
    );
  }
}

/** Flattens class-validator's tree into one entry per failing field (`content.narrative.es`, `evidence.0`). */
export function flattenValidationErrors(errors: ValidationError[], prefix = ''): FieldProblem[] {
  const out: FieldProblem[] = [];
  for (const e of errors) {
    const field = prefix ? `${prefix}.${e.property}` : e.property || '(body)';
    if (e.constraints && Object.keys(e.constraints).length > 0)
      out.push({ field, constraints: Object.keys(e.constraints) });
    if (e.children?.length) out.push(...flattenValidationErrors(e.children, field));
  }
  return out;
}

/**
 * The pipe every route of the service uses: unknown fields are refused (whitelist + forbidNonWhitelisted),
 * values are converted to the DTO classes, failures become a RequestValidationError (400, es/en, fields listed).
 * The constraint messages of class-validator (English only) are not sent; the constraint names are.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    // false: a DTO without fields (POST .../submit) must still refuse any field via the whitelist instead of failing as 'unknown value'
    forbidUnknownValues: false,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new RequestValidationError(flattenValidationErrors(errors)),
  });
}

/**
 * The query string of a route that takes no parameter: with the global ValidationPipe (whitelist +
 * forbidNonWhitelisted) any parameter, e.g. `?bogus=1`, is refused with 400 `request.validation`. Every GET
 * route takes its query string as one DTO: this one, or a class-validator class of its own.
 */
export class NoQueryString {}
