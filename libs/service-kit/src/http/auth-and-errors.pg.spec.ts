import { APP_FILTER } from '@nestjs/core';
import { LocalizedErrorFilter } from './localized-error.filter';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Body, Controller, Get, Module, Param, Post, type INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { Pool } from 'pg';
import request from 'supertest';
import { NotFoundError } from '@crm/kernel';
import { WrongExpectedRevisionError } from '@crm/event-store';
import { createTestDatabase } from '@crm/testing';
import {
  AuthenticatedOnly,
  AuthModule,
  CurrentPrincipal,
  definePolicy,
  DevIssuer,
  PostgresAuditSink,
  Public,
  Role,
  type Principal,
} from '@crm/auth';

/** A service's rows (as the plan declares its own): the guard authorises each route with the policy it names. */
const { RequireOperation } = definePolicy({
  'example.report.read': [
    { roles: [Role.ReportingOfficer], scope: 'own-country' },
    { roles: [Role.SecretariatCoordinator], scope: 'secretariat' },
  ],
  'example.report.submit': [{ roles: [Role.ReportingOfficer, Role.NationalSystem], scope: 'own-country' }],
});

class ReportNotFoundError extends NotFoundError {
  constructor(id: string) {
    super(
      'plan.report.not_found',
      { es: `No existe el informe ${id}.`, en: `Report ${id} does not exist.` },
      { id },
    );
  }
}

@Controller()
class TestController {
  @Public()
  @Get('health')
  health() {
    return { ok: true };
  }

  @AuthenticatedOnly()
  @Get('me')
  me(@CurrentPrincipal() p: Principal) {
    return p;
  }

  @RequireOperation('example.report.read', { country: 'params.country' })
  @Get('countries/:country/reports')
  reports(@Param('country') country: string, @CurrentPrincipal() p: Principal) {
    return { country, readBy: p.subject };
  }

  @RequireOperation('example.report.submit', { country: 'body.country' })
  @Post('reports')
  submit(@Body() body: { country: string; id: string }) {
    if (body.id === 'conflict') throw new WrongExpectedRevisionError(`planReport-${body.country}-x`, 3, 4);
    if (body.id === 'missing') throw new ReportNotFoundError(body.id);
    if (body.id === 'boom') throw new Error('secret internal detail');
    return { submitted: body.id };
  }

  @Get('undeclared')
  undeclared() {
    return { leaked: true };
  }
}

describe('NestJS guards, error filter and the postgres audit of denials', () => {
  let app: INestApplication;
  let pool: Pool;
  let db: { url: string; drop(): Promise<void> };
  let issuer: DevIssuer;
  let dir: string;
  const token = (user: string) => issuer.mint(user);

  beforeAll(async () => {
    db = await createTestDatabase('auth_e2e');
    pool = new Pool({ connectionString: db.url, max: 2 });
    const audit = new PostgresAuditSink(pool);
    await audit.migrate();
    dir = mkdtempSync(join(tmpdir(), 'crm-auth-e2e-'));
    issuer = await DevIssuer.open({ dir });

    @Module({
      imports: [AuthModule.forRoot({ verifier: issuer.verifier(), audit })],
      controllers: [TestController],
      providers: [{ provide: APP_FILTER, useClass: LocalizedErrorFilter }],
    })
    class TestAppModule {}

    const moduleRef = await Test.createTestingModule({ imports: [TestAppModule] }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    await app.init();
  });

  afterAll(async () => {
    await app?.close();
    await pool?.end();
    await db?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  const denials = async () => (await pool.query('SELECT * FROM audit.access_denials ORDER BY id')).rows;

  it('lets public routes through without a token', async () => {
    await request(app.getHttpServer()).get('/health').expect(200, { ok: true });
  });

  it('answers 401 with { code, message: { es, en }, details } when the token is missing or invalid', async () => {
    const missing = await request(app.getHttpServer()).get('/countries/HN/reports').expect(401);
    expect(missing.body).toEqual({
      code: 'auth.missing_token',
      message: { es: expect.stringContaining('token'), en: expect.stringContaining('token') },
      details: { reason: 'missing_token' },
    });
    const forged = await request(app.getHttpServer())
      .get('/me')
      .set('Authorization', 'Bearer a.b.c')
      .expect(401);
    expect(forged.body.code).toBe('auth.malformed_token');
  });

  it('allows an official to read their own country (200) and returns the principal', async () => {
    const res = await request(app.getHttpServer())
      .get('/countries/HN/reports')
      .set('Authorization', `Bearer ${await token('hn.reporting_officer')}`)
      .expect(200);
    expect(res.body).toEqual({ country: 'HN', readBy: 'dev|hn.reporting_officer' });
    const me = await request(app.getHttpServer())
      .get('/me')
      .set('Authorization', `Bearer ${await token('unicef.observer')}`)
      .expect(200);
    expect(me.body).toMatchObject({ country: null, organisation: 'UNICEF' });
  });

  it('answers 403 to another country and records the denial in audit.access_denials', async () => {
    const before = (await denials()).length;
    const res = await request(app.getHttpServer())
      .get('/countries/GT/reports')
      .set('Authorization', `Bearer ${await token('hn.reporting_officer')}`)
      .expect(403);
    expect(res.body).toMatchObject({
      code: 'auth.forbidden.other_country',
      details: { reason: 'other_country', operation: 'example.report.read' },
    });
    expect(res.body.message.es).toMatch(/propio país/);
    expect(res.body.message.en).toMatch(/own country/);
    const rows = await denials();
    expect(rows).toHaveLength(before + 1);
    expect(rows[rows.length - 1]).toMatchObject({
      subject: 'dev|hn.reporting_officer',
      country: 'HN',
      roles: ['reporting_officer'],
      operation: 'example.report.read',
      outcome: 'denied',
      reason: 'other_country',
      resource: { country: 'GT', method: 'GET', path: '/countries/GT/reports' },
    });
  });

  it('takes the country from the body and denies observers writing country reports', async () => {
    const server = app.getHttpServer();
    await request(server)
      .post('/reports')
      .set('Authorization', `Bearer ${await token('sv.national_system')}`)
      .send({ country: 'SV', id: 'r1' })
      .expect(201, { submitted: 'r1' });
    const res = await request(server)
      .post('/reports')
      .set('Authorization', `Bearer ${await token('iom.observer')}`)
      .send({ country: 'SV', id: 'r1' })
      .expect(403);
    expect(res.body.code).toBe('auth.forbidden.role_not_permitted');
    expect(
      (await denials()).some((d) => d.organisation === 'IOM' && d.operation === 'example.report.submit'),
    ).toBe(true);
  });

  it('denies routes that declare no operation (default deny) and audits it', async () => {
    const res = await request(app.getHttpServer())
      .get('/undeclared')
      .set('Authorization', `Bearer ${await token('st.coordinator')}`)
      .expect(403);
    expect(res.body.code).toBe('auth.forbidden.operation_not_declared');
    expect(
      (await denials()).some(
        (d) => d.reason === 'operation_not_declared' && d.subject === 'dev|st.coordinator',
      ),
    ).toBe(true);
  });

  it('answers 400 for a country that is not a member', async () => {
    const res = await request(app.getHttpServer())
      .get('/countries/AR/reports')
      .set('Authorization', `Bearer ${await token('st.analyst')}`)
      .expect(400);
    expect(res.body.code).toBe('auth.invalid_resource');
  });

  it('maps domain errors: 409 conflict, 404 not found, 500 without internals', async () => {
    const server = app.getHttpServer();
    const auth = `Bearer ${await token('hn.reporting_officer')}`;
    const conflict = await request(server)
      .post('/reports')
      .set('Authorization', auth)
      .send({ country: 'HN', id: 'conflict' })
      .expect(409);
    expect(conflict.body.code).toBe('event_store.wrong_expected_revision');
    const missing = await request(server)
      .post('/reports')
      .set('Authorization', auth)
      .send({ country: 'HN', id: 'missing' })
      .expect(404);
    expect(missing.body.message).toEqual({
      es: 'No existe el informe missing.',
      en: 'Report missing does not exist.',
    });
    const boom = await request(server)
      .post('/reports')
      .set('Authorization', auth)
      .send({ country: 'HN', id: 'boom' })
      .expect(500);
    expect(JSON.stringify(boom.body)).not.toContain('secret internal detail');
    expect(boom.body.message.es).toBeTruthy();
  });
});
