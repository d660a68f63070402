import { fold } from '@crm/decider';
import { LocalizedError, ConflictError } from '@crm/kernel';
import { ctx, givenWhenThen, SECRETARIAT_ACTOR } from '../reports/test-support';
import { defaultWindow } from './window';
import {
  effectiveWindow,
  windowDecider,
  windowStreamName,
  type WindowCommand,
  type WindowEvent,
} from './window-decider';

const gwt = givenWhenThen(windowDecider);
const NOW = ctx('2020-06-01T00:00:00.000Z', SECRETARIAT_ACTOR);
const schedule: WindowCommand = {
  type: 'ScheduleWindow',
  period: '2020-S1',
  opensAt: '2020-07-01T00:00:00Z',
  closesAt: '2020-08-15T00:00:00Z',
  reason: { es: 'Reunión de la Red en agosto.' },
};
const scheduled: WindowEvent[] = windowDecider.decide(schedule, windowDecider.initialState(), NOW);
const change: WindowCommand = {
  type: 'ChangeWindow',
  period: '2020-S1',
  opensAt: '2020-07-01T00:00:00Z',
  closesAt: '2020-09-01T00:00:00Z',
  reason: { en: 'Pandemic: offices closed.' },
};

describe('the planWindows-<period> decider', () => {
  it('names one stream per period', () => {
    expect(windowStreamName('2020-S1')).toBe('planWindows-2020-S1');
    expect(() => windowStreamName('2020-S9' as never)).toThrow(LocalizedError);
  });

  it('without a scheduled window the default rule applies', () => {
    expect(effectiveWindow('2020-S1', windowDecider.initialState())).toEqual(defaultWindow('2020-S1'));
  });

  it('the Secretariat schedules a window', () => {
    expect(scheduled).toEqual([
      {
        type: 'WindowScheduled',
        data: {
          period: '2020-S1',
          opensAt: '2020-07-01T00:00:00.000Z',
          closesAt: '2020-08-15T00:00:00.000Z',
          reason: { es: 'Reunión de la Red en agosto.' },
          scheduledAt: '2020-06-01T00:00:00.000Z',
          scheduledBy: 'st-reviewer',
        },
      },
    ]);
    expect(effectiveWindow('2020-S1', fold(windowDecider, scheduled)).closesAt).toBe(
      '2020-08-15T00:00:00.000Z',
    );
  });

  it('a scheduled window changes only with a reason, and the previous window is recorded', () => {
    gwt
      .given(scheduled)
      .when(change, NOW)
      .then(([event], next) => {
        expect(event?.type).toBe('WindowChanged');
        expect(event?.type === 'WindowChanged' && event.data.previous).toEqual({
          opensAt: '2020-07-01T00:00:00.000Z',
          closesAt: '2020-08-15T00:00:00.000Z',
        });
        expect(next).toEqual({
          window: {
            period: '2020-S1',
            opensAt: '2020-07-01T00:00:00.000Z',
            closesAt: '2020-09-01T00:00:00.000Z',
          },
          changes: 1,
        });
      });
    gwt
      .given(scheduled)
      .when({ ...change, reason: { es: ' ' } }, NOW)
      .thenThrows('plan.window.reason_required');
  });

  it('changing to the same window records nothing', () => {
    gwt
      .given(scheduled)
      .when({ ...change, closesAt: '2020-08-15T00:00:00.000Z' }, NOW)
      .then((events) => expect(events).toEqual([]));
  });

  it('refuses to schedule twice or to change before scheduling (409)', () => {
    const twice = gwt.given(scheduled).when(schedule, NOW).thenThrows('plan.window.already_scheduled');
    expect(twice).toBeInstanceOf(ConflictError);
    expect((twice as ConflictError).kind).toBe('conflict');
    gwt.given([]).when(change, NOW).thenThrows('plan.window.not_scheduled');
  });

  it('refuses a command for another period and an invalid window (422)', () => {
    gwt
      .given(scheduled)
      .when(
        { ...change, period: '2020-S2', opensAt: '2021-01-01T00:00:00Z', closesAt: '2021-02-01T00:00:00Z' },
        NOW,
      )
      .thenThrows('plan.window.period_mismatch');
    gwt
      .given([])
      .when({ ...schedule, closesAt: '2020-06-01T00:00:00Z' }, NOW)
      .thenThrows('plan.window.closes_before_opening');
  });
});
