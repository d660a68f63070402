import { Controller, HttpCode, Inject, Logger, Post, Res } from '@nestjs/common';
import { ApiResponse, ApiTags } from '@nestjs/swagger';
import { ApiBilingual, ApiStandardErrors } from '@crm/service-kit';
import { RequireOperation } from '../referrals.policy';
import { ReferralReadModels } from './referral-read-models';

/** How long the route waits for the rebuild before answering 202 (the rebuild goes on). */
export const REBUILD_WAIT_MS = 25_000;

/** `POST /referrals/read-models/rebuild` (`referrals.readModels.rebuild`): truncate and replay the pipeline read models. */
@ApiTags('dashboards')
@Controller('referrals/read-models')
export class ReadModelsRebuildController {
  private readonly logger = new Logger('ReferralReadModels');

  constructor(@Inject(ReferralReadModels) private readonly readModels: ReferralReadModels) {}

  @RequireOperation('referrals.readModels.rebuild')
  @HttpCode(200)
  @Post('rebuild')
  @ApiBilingual({
    es: 'Reconstruir los modelos de lectura',
    en: 'Rebuild the read models',
    detail: {
      es: 'Vacía los modelos de lectura de referencias y casos y los reconstruye desde los eventos. Responde 200 al terminar, o 202 si la reconstrucción sigue en curso tras 25 s. Coordinación de la Secretaría Técnica y administración de la plataforma.',
      en: 'Empties the referral and case read models and rebuilds them from the events. Answers 200 when done, or 202 when the rebuild is still running after 25 s. Technical Secretariat coordinator and platform administrator.',
    },
  })
  @ApiResponse({
    status: 200,
    description: 'ES: reconstruidos. EN: rebuilt. `{ rebuilt, caughtUp, position, seconds }`',
  })
  @ApiResponse({
    status: 202,
    description:
      'ES: reconstrucción en curso. EN: rebuild still running. `{ rebuilt: false, caughtUp: false, position, seconds }`',
  })
  @ApiStandardErrors()
  async rebuild(@Res({ passthrough: true }) res: { status(code: number): unknown }) {
    const answer = await this.readModels.requestRebuild(REBUILD_WAIT_MS, (e) =>
      this.logger.error(`read-model rebuild failed: ${e instanceof Error ? e.message : String(e)}`),
    );
    if (answer.status === 202) res.status(202);
    return answer.body;
  }
}
