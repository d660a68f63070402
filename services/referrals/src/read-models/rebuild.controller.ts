import { Controller, HttpCode, Inject, Logger, Post, Res } from '@nestjs/common';
import { ApiResponse, ApiTags } from '@nestjs/swagger';
import { rebuildWithin } from '@crm/projection';
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
  /** The rebuild in progress: a second request while it runs waits on the same one. */
  private rebuilding: Promise<void> | undefined;

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
    const started = Date.now();
    this.rebuilding ??= this.readModels.rebuild().finally(() => {
      this.rebuilding = undefined;
    });
    const outcome = await rebuildWithin(this.rebuilding, REBUILD_WAIT_MS, (e) =>
      this.logger.error(`read-model rebuild failed: ${e instanceof Error ? e.message : String(e)}`),
    );
    const left = Math.max(0, REBUILD_WAIT_MS - (Date.now() - started));
    const caughtUp = outcome === 'done' && (await this.readModels.whenCaughtUp(left));
    if (!caughtUp) res.status(202);
    return {
      rebuilt: outcome === 'done',
      caughtUp,
      position: this.readModels.runner.position?.toString() ?? null,
      seconds: (Date.now() - started) / 1000,
    };
  }
}
