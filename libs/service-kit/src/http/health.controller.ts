import { Controller, Get, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Public } from '@crm/auth';
import { SERVICE_NAME } from '../bootstrap/tokens';
import { ApiBilingual } from './api-docs';

@ApiTags('health')
@Controller()
export class HealthController {
  constructor(@Inject(SERVICE_NAME) private readonly service: string) {}

  @Public()
  @Get('health')
  @ApiBilingual({ es: 'Estado del servicio', en: 'Service health' })
  health(): { status: 'ok'; service: string } {
    return { status: 'ok', service: this.service };
  }
}
