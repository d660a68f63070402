import { Global, Module, type DynamicModule } from '@nestjs/common';
import type { Platform } from './platform';

/** Nest injection tokens for the platform's ports. */
export const PLATFORM = Symbol('crm.Platform');
export const EVENT_STORE = Symbol('crm.EventStore');
export const BUS = Symbol('crm.Bus');
export const CLOCK = Symbol('crm.Clock');

/** Makes the platform's ports injectable everywhere in a service: `@Inject(EVENT_STORE) store: EventStore`. */
@Global()
@Module({})
export class PlatformModule {
  static forRoot(platform: Platform): DynamicModule {
    return {
      module: PlatformModule,
      providers: [
        { provide: PLATFORM, useValue: platform },
        { provide: EVENT_STORE, useValue: platform.store },
        { provide: BUS, useValue: platform.bus },
        { provide: CLOCK, useValue: platform.clock },
      ],
      exports: [PLATFORM, EVENT_STORE, BUS, CLOCK],
    };
  }
}
