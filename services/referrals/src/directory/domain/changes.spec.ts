import { given } from '@crm/decider';
import { ConflictError, NotFoundError, ValidationError } from '@crm/kernel';
import { institutionDecider } from './decider';
import type { InstitutionEvent } from './events';
import { directoryViewOf } from './directory-view';
import { focalPoint, NOW, register } from './test-support';

const registered: InstitutionEvent[] = given(institutionDecider).when(register(), NOW).events;
const deactivated: InstitutionEvent = {
  type: 'InstitutionDeactivated',
  data: {
    institutionId: 'HN-DINAF',
    version: 2,
    reason: 'closed',
    deactivatedAt: '2020-06-30T12:00:00.000Z',
    deactivatedBy: 'official-hn',
  },
};

describe('UpdateInstitution', () => {
  it('records only the fields that changed and raises the version', () => {
    const newBackup = focalPoint('fp-marta', ['es', 'mam']);
    given(institutionDecider, ...registered)
      .when(
        {
          type: 'UpdateInstitution',
          institutionId: 'HN-DINAF',
          kind: 'child_protection', // unchanged: not recorded
          backup: newBackup,
        },
        NOW,
      )
      .then({
        type: 'InstitutionUpdated',
        data: {
          institutionId: 'HN-DINAF',
          version: 2,
          changes: { backup: newBackup },
          changed: ['backup'],
          updatedAt: '2020-06-30T12:00:00.000Z',
          updatedBy: 'official-hn',
        },
      })
      .thenState({
        status: 'active',
        entry: {
          ...given(institutionDecider, ...registered).state.entry!,
          backup: newBackup,
        },
        version: 2,
        deactivationReason: null,
        updatedAt: '2020-06-30T12:00:00.000Z',
      });
  });

  it('swapping intake and backup is a change of both', () => {
    const { events } = given(institutionDecider, ...registered).when(
      {
        type: 'UpdateInstitution',
        institutionId: 'HN-DINAF',
        intake: focalPoint('fp-luis'),
        backup: focalPoint('fp-ana', ['es', 'en']),
      },
      NOW,
    );
    expect(events[0]?.type === 'InstitutionUpdated' && events[0].data.changed).toEqual(['intake', 'backup']);
  });

  it('nothing given, or nothing different, records nothing', () => {
    given(institutionDecider, ...registered)
      .when({ type: 'UpdateInstitution', institutionId: 'HN-DINAF' }, NOW)
      .thenNothingHappened();
    given(institutionDecider, ...registered)
      .when(
        {
          type: 'UpdateInstitution',
          institutionId: 'HN-DINAF',
          name: {
            es: 'Dirección de Niñez, Adolescencia y Familia ',
            en: 'Directorate for Children, Adolescents and Family',
          },
          intake: focalPoint('fp-ana', ['es', 'en']),
        },
        NOW,
      )
      .thenNothingHappened();
  });

  it('refuses a backup that is the intake focal point (422)', () => {
    given(institutionDecider, ...registered)
      .when({ type: 'UpdateInstitution', institutionId: 'HN-DINAF', backup: focalPoint('fp-ana') }, NOW)
      .thenThrows('referral.institution.same_focal_point');
  });

  it('refuses an unknown kind (422) even when the entry is deactivated: the payload is checked first', () => {
    given(institutionDecider, ...registered, deactivated)
      .when({ type: 'UpdateInstitution', institutionId: 'HN-DINAF', kind: 'ngo' as never }, NOW)
      .thenThrows('referral.institution.unknown_kind');
  });

  it('refuses an institution not registered (404), a deactivated one (409), another id (422)', () => {
    const update = { type: 'UpdateInstitution', institutionId: 'HN-DINAF', kind: 'shelter' } as const;
    expect(
      given(institutionDecider).when(update, NOW).thenThrows('referral.institution.not_registered'),
    ).toBeInstanceOf(NotFoundError);
    expect(
      given(institutionDecider, ...registered, deactivated)
        .when(update, NOW)
        .thenThrows('referral.institution.deactivated'),
    ).toBeInstanceOf(ConflictError);
    expect(
      given(institutionDecider, ...registered)
        .when({ ...update, institutionId: 'HN-SENAF' }, NOW)
        .thenThrows('referral.institution.id_mismatch'),
    ).toBeInstanceOf(ValidationError);
  });
});

describe('VerifyInstitution', () => {
  const verify = (verifiedOn: string) =>
    ({ type: 'VerifyInstitution', institutionId: 'HN-DINAF', verifiedOn }) as const;

  it('records the new date and the previous one', () => {
    given(institutionDecider, ...registered)
      .when(verify('2020-06-29'), NOW)
      .then({
        type: 'InstitutionVerified',
        data: {
          institutionId: 'HN-DINAF',
          version: 2,
          verifiedOn: '2020-06-29',
          previousVerifiedOn: '2020-06-01',
          recordedAt: '2020-06-30T12:00:00.000Z',
          recordedBy: 'official-hn',
        },
      });
  });

  it('the date of the last verification again records nothing', () => {
    given(institutionDecider, ...registered)
      .when(verify('2020-06-01'), NOW)
      .thenNothingHappened();
  });

  it('refuses a date before the last verification or in the future (422), and a deactivated entry (409)', () => {
    given(institutionDecider, ...registered)
      .when(verify('2020-05-31'), NOW)
      .thenThrows('referral.institution.verification_before_last');
    given(institutionDecider, ...registered)
      .when(verify('2020-07-01'), NOW)
      .thenThrows('referral.institution.verification_in_future');
    given(institutionDecider, ...registered, deactivated)
      .when(verify('2020-06-29'), NOW)
      .thenThrows('referral.institution.deactivated');
    given(institutionDecider)
      .when(verify('2020-06-29'), NOW)
      .thenThrows('referral.institution.not_registered');
  });
});

describe('DeactivateInstitution and ReactivateInstitution', () => {
  it('deactivates with a reason code, then reactivates; each raises the version', () => {
    const then = given(institutionDecider, ...registered)
      .when({ type: 'DeactivateInstitution', institutionId: 'HN-DINAF', reason: 'closed' }, NOW)
      .then(deactivated);
    expect(then.state).toMatchObject({ status: 'deactivated', deactivationReason: 'closed', version: 2 });
    given(institutionDecider, ...registered, deactivated)
      .when({ type: 'ReactivateInstitution', institutionId: 'HN-DINAF' }, NOW)
      .then({
        type: 'InstitutionReactivated',
        data: {
          institutionId: 'HN-DINAF',
          version: 3,
          reactivatedAt: '2020-06-30T12:00:00.000Z',
          reactivatedBy: 'official-hn',
        },
      })
      .thenState({
        ...given(institutionDecider, ...registered).state,
        version: 3,
      });
  });

  it('deactivating a deactivated entry, or reactivating an active one, records nothing', () => {
    given(institutionDecider, ...registered, deactivated)
      .when({ type: 'DeactivateInstitution', institutionId: 'HN-DINAF', reason: 'merged' }, NOW)
      .thenNothingHappened();
    given(institutionDecider, ...registered)
      .when({ type: 'ReactivateInstitution', institutionId: 'HN-DINAF' }, NOW)
      .thenNothingHappened();
  });

  it('refuses a free-text reason (422) and an institution not registered (404)', () => {
    given(institutionDecider, ...registered)
      .when({ type: 'DeactivateInstitution', institutionId: 'HN-DINAF', reason: 'se cerró' as never }, NOW)
      .thenThrows('referral.institution.invalid_deactivation_reason');
    given(institutionDecider)
      .when({ type: 'ReactivateInstitution', institutionId: 'HN-DINAF' }, NOW)
      .thenThrows('referral.institution.not_registered');
  });

  it('refuses an unknown command (422)', () => {
    given(institutionDecider)
      .when({ type: 'RenameInstitution' } as never, NOW)
      .thenThrows('referral.institution.unknown_command');
  });
});

describe('DirectoryView', () => {
  it("tells another context each institution's status", () => {
    const view = directoryViewOf([
      given(institutionDecider, ...registered).state,
      given(
        institutionDecider,
        ...given(institutionDecider).when(register({ institutionId: 'HN-SENAF' }), NOW).events,
        { ...deactivated, data: { ...deactivated.data, institutionId: 'HN-SENAF' } },
      ).state,
      institutionDecider.initialState(),
    ]);
    expect(view.statusOf('HN-DINAF')).toBe('active');
    expect(view.statusOf('HN-SENAF')).toBe('deactivated');
    expect(view.statusOf('GT-SBS')).toBe('none');
  });
});
