import { applyDecorators } from '@nestjs/common';
import { ApiHeader, ApiResponse } from '@nestjs/swagger';

/** The optional If-Match header of command routes, and the 412 it can answer. */
export function ApiIfMatch(): MethodDecorator {
  return applyDecorators(
    ApiHeader({
      name: 'If-Match',
      required: false,
      description:
        'ES: la revisión (`revision`) del registro sobre la que decidió, p. ej. "3"; si el registro cambió desde entonces, 412 y no se guarda nada. EN: the revision (`revision`) of the record you decided on, e.g. "3"; if the record changed since, 412 and nothing is stored.',
    }),
    ApiResponse({
      status: 412,
      description:
        'El registro cambió desde que lo leyó: vuelva a cargarlo / the record changed since you read it: reload it. Cuerpo / body: `{ code, message: { es, en }, details }`',
    }),
  );
}
