import { Body, Controller, HttpCode, Param, Post, Put } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { AuthenticatedOnly, CurrentPrincipal, type Principal } from '@crm/auth';
import {
  ApiBilingual,
  ApiIdempotencyKey,
  ApiIfMatch,
  ApiStandardErrors,
  CommandMeta,
  type CommandOptions,
} from '@crm/service-kit';
import { ReferralParams } from '../../referral-dto';
import type { ReferralView } from '../../referral-view';
import { DraftReferralCommand } from './draft-referral.command';
import { CreateDraftReferralBody, DraftReferralBody } from './draft-referral.dto';

const DOC = {
  detail: {
    es: 'Abre la referencia de un caso de su país a una institución de protección de otro país, como borrador: aún no se comparte nada. El caso debe estar registrado por su país y abierto; la institución receptora debe estar activa en el directorio. Rol: gestor/a de casos de la institución remitente o sistema nacional de su país (`referrals.referral.act`; se comprueba en la orden, con la referencia).',
    en: "Opens the referral of one of your country's cases to a protection institution of another country, as a draft: nothing is shared yet. The case must be registered by your country and open; the receiving institution must be active in the directory. Role: case worker of the sending institution or your country's national system (`referrals.referral.act`, checked by the command against the referral).",
  },
};

/** The route is authorised by the handler: the resource's countries are the referral's own (`referral-access.ts`). */
@ApiTags('referrals')
@Controller('referrals/referrals')
export class DraftReferralController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post()
  @HttpCode(201)
  @AuthenticatedOnly()
  @ApiBilingual({ es: 'Crear el borrador de una referencia', en: 'Draft a referral', ...DOC })
  @ApiIdempotencyKey()
  @ApiIfMatch()
  @ApiStandardErrors(403, 409, 412, 422)
  create(
    @Body() body: CreateDraftReferralBody,
    @CurrentPrincipal() principal: Principal,
    @CommandMeta() meta: CommandOptions,
  ): Promise<ReferralView> {
    return this.commandBus.execute(new DraftReferralCommand(principal, { ...body }, meta));
  }

  @Put(':referralId')
  @HttpCode(200)
  @AuthenticatedOnly()
  @ApiBilingual({
    es: 'Crear el borrador de una referencia (id en la ruta)',
    en: 'Draft a referral (id in the path)',
    ...DOC,
  })
  @ApiIdempotencyKey()
  @ApiIfMatch()
  @ApiStandardErrors(403, 409, 412, 422)
  put(
    @Param() params: ReferralParams,
    @Body() body: DraftReferralBody,
    @CurrentPrincipal() principal: Principal,
    @CommandMeta() meta: CommandOptions,
  ): Promise<ReferralView> {
    return this.commandBus.execute(
      new DraftReferralCommand(principal, { ...body, referralId: params.referralId }, meta),
    );
  }
}
