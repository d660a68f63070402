import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Public } from '@crm/auth';
import { ApiBilingual } from './api-docs';

@ApiTags('health')
@Controller()
export class HealthController {
  @Public()
  @Get('health')
  @ApiBilingual({ es: 'Estado del servicio', en: 'Service health' })
  health(): { status: 'ok'; service: 'plan' } {
    return { status: 'ok', service: 'plan' };
  }
}
