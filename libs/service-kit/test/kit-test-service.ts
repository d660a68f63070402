import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  Body,
  Controller,
  Get,
  HttpCode,
  Inject,
  Module,
  Param,
  Post,
  Put,
  type LoggerService,
} from '@nestjs/common';
import { IsString, MaxLength } from 'class-validator';
import request from 'supertest';
import { AuthenticatedOnly, CurrentPrincipal, DevIssuer, Public, type Principal } from '@crm/auth';
import { uuidV5 } from '@crm/decider';
import type { EventStore, Position } from '@crm/event-store';
import { NotFoundError } from '@crm/kernel';
import { startRelay } from '@crm/messaging';
import { EVENT_STORE } from '@crm/platform';
import { createTestDatabase } from '@crm/testing';
import {
  BACKLOG_SOURCES,
  CommandMeta,
  IntegrationModule,
  LAG_SOURCES,
  LoginRateLimit,
  startService,
  type Backlog,
  type BacklogSource,
  type CommandMetadata,
  type LagSource,
  type RunningService,
  type ServiceDefinition,
} from '../src';

/** A tiny aggregate of the kit's tests: a note, one stream `kitNote-<id>`, one event type. */
export const NOTE_PREFIX = 'kitNote-';
const NOTE_NAMESPACE = '5d1f0b7e-8c43-4d3a-9b1e-0c2f6a7d9e41';

class NoteBody {
  @IsString()
  @MaxLength(10_000_000)
  text!: string;
}

class NoteNotFoundError extends NotFoundError {
  constructor(id: string) {
    super('kit.note.not_found', { es: `No existe la nota ${id}.`, en: `Note ${id} does not exist.` }, { id });
  }
}

interface NoteView {
  id: string;
  revision: number;
  text: string;
}

@Controller('notes')
class NotesController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  private async view(id: string): Promise<NoteView> {
    const events = await this.store.readStream(`${NOTE_PREFIX}${id}`, {
      direction: 'backwards',
      maxCount: 1,
    });
    if (events.length === 0) throw new NoteNotFoundError(id);
    return { id, revision: events[0].revision, text: (events[0].data as { text: string }).text };
  }

  @AuthenticatedOnly()
  @Get(':id')
  read(@Param('id') id: string): Promise<NoteView> {
    return this.view(id);
  }

  /** Writes the note; If-Match → the expected revision; the Idempotency-Key → the event id (a retry is a no-op). */
  @AuthenticatedOnly()
  @Put(':id')
  @HttpCode(200)
  async write(
    @Param('id') id: string,
    @Body() body: NoteBody,
    @CurrentPrincipal() principal: Principal,
    @CommandMeta() meta: CommandMetadata,
  ): Promise<NoteView> {
    const stream = `${NOTE_PREFIX}${id}`;
    await this.store.appendToStream(
      stream,
      [
        {
          eventId: meta.commandId ? uuidV5(`${stream}/${meta.commandId}`, NOTE_NAMESPACE) : randomUUID(),
          type: 'NoteWritten',
          schemaVersion: 1,
          data: { text: body.text },
          occurredAt: new Date(),
          actor: { subject: principal.subject, role: principal.roles[0], country: principal.country ?? 'ST' },
          countries: [],
          correlationId: meta.correlationId ?? 'none',
        },
      ],
      { expectedRevision: meta.expectedRevision ?? 'any' },
    );
    return this.view(id);
  }

  @AuthenticatedOnly()
  @Get(':id/meta')
  meta(@CommandMeta() meta: CommandMetadata): CommandMetadata {
    return meta;
  }
}

@Controller('auth')
class LoginController {
  @Public()
  @LoginRateLimit()
  @Post('login')
  @HttpCode(200)
  login(): { ok: true } {
    return { ok: true };
  }
}

/** A lag source the tests move by hand (a projection that is behind, then catches up). */
export class FakeProjection implements LagSource {
  readonly kind = 'projection' as const;
  readonly name = 'kit-notes';
  readonly filter = { streamPrefixes: [NOTE_PREFIX] };
  at: Position | undefined | null = null;
  position(): Position | undefined | null {
    return this.at;
  }
}

export const FAKE_PROJECTION = new FakeProjection();

/** A backlog source the tests set by hand (a deadline runner falling behind, stopped, failing, caught up). */
export class FakeBacklog implements BacklogSource {
  readonly kind = 'deadlines';
  readonly name = 'kit-notes-reminders';
  /** What `backlog()` answers; an Error is thrown (a database that does not answer). */
  now: Backlog | null | Error = null;
  async backlog(): Promise<Backlog | null> {
    if (this.now instanceof Error) throw this.now;
    return this.now;
  }
}

export const FAKE_BACKLOG = new FakeBacklog();

@Module({
  controllers: [NotesController],
  providers: [
    { provide: LAG_SOURCES, useValue: [FAKE_PROJECTION] },
    { provide: BACKLOG_SOURCES, useValue: [FAKE_BACKLOG] },
  ],
})
class NotesModule {}

/** The notes service: its relay (publishing nothing) and inbound gateway give the relay lag and dead letters. */
export const NOTES_SERVICE: ServiceDefinition = {
  name: 'notes',
  title: { es: 'Notas de prueba', en: 'Test notes' },
  description: { es: 'Servicio mínimo de las pruebas del kit.', en: 'Minimal service of the kit tests.' },
  listener: { portVariable: 'NOTES_PORT', hostVariable: 'NOTES_HOST', defaultPort: 0 },
  modules: () => [NotesModule],
  features: [
    IntegrationModule.forService({
      service: 'plan',
      schema: 'kit_notes_gateway',
      relayName: 'kit-notes-relay',
      startRelay: (deps) =>
        startRelay({ ...deps, filter: { streamPrefixes: [NOTE_PREFIX] }, map: () => null, lingerMs: 1 }),
      inbound: () => async () => {
        throw new Error('the notes service accepts no inbound command');
      },
    }),
  ],
  controllers: () => [LoginController],
};

export interface TestNotesService {
  service: RunningService;
  http: () => ReturnType<typeof request>;
  bearer(username?: string): Promise<string>;
  revisions(id: string): Promise<number[]>;
  stop(): Promise<void>;
}

/** The notes service on a fresh database; `env` adds variables (limits, CORS); `logger` captures its logs. */
export async function startNotesService(
  options: { env?: Record<string, string>; logger?: LoggerService; databaseUrl?: string; features?: [] } = {},
): Promise<TestNotesService> {
  const db = options.databaseUrl ? undefined : await createTestDatabase('kit_notes');
  const dir = mkdtempSync(join(tmpdir(), 'crm-kit-notes-'));
  // tokens as in production: an issuer whose JWKS the service fetches over HTTP (a library cannot start the
  // identity service, so the auth library's DevIssuer signs and a plain HTTP server publishes its keys)
  const issuer = await DevIssuer.open({ dir: join(dir, 'issuer'), issuer: 'urn:crm:kit-notes-test' });
  const jwks: Server = createServer((_req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify(issuer.jwks()));
  });
  await new Promise<void>((ok) => jwks.listen(0, '127.0.0.1', ok));
  const jwksUrl = `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/jwks.json`;
  const service = await startService(NOTES_SERVICE, {
    env: {
      DATABASE_URL: options.databaseUrl ?? db!.url,
      CRM_DATA_DIR: dir,
      AUTH_MODE: 'oidc',
      OIDC_ISSUER: issuer.issuer,
      OIDC_AUDIENCE: issuer.audience,
      OIDC_JWKS_URL: jwksUrl,
      ...options.env,
    },
    port: 0,
    host: '127.0.0.1',
    log: () => undefined,
    logger: options.logger ?? { log: () => undefined, error: () => undefined, warn: () => undefined },
    ...(options.features ? { features: options.features } : {}),
  });
  return {
    service,
    http: () => request(service.url),
    bearer: async (username = 'hn.reporting_officer') => `Bearer ${await issuer.mint(username)}`,
    revisions: async (id) =>
      (await service.platform.store.readStream(`${NOTE_PREFIX}${id}`)).map((e) => e.revision),
    async stop() {
      await service.close();
      await new Promise((done) => jwks.close(done));
      await db?.drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Polls `check` every 50 ms until it is true (or fails after `ms`). */
export async function eventually(check: () => Promise<boolean> | boolean, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
