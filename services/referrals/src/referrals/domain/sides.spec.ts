import { given } from '@crm/decider';
import { ForbiddenError } from '@crm/kernel';
import type { ReferralCommand, ReferralTransitionCommandType } from './commands';
import { referralDecider } from './decider';
import type { ReferralEvent } from './events';
import { sideOf } from './sides';
import { initialReferralState } from './state';
import { TRANSITIONS } from './transitions';
import {
  cmd,
  ctx,
  DEADLINES,
  hoursAfter,
  nextAt,
  reach,
  RECEIVER,
  SECRETARIAT,
  SENDER,
  stateOf,
  SYSTEM,
  THIRD_COUNTRY,
  TRANSFEREE,
  withPendingTransfer,
  withPendingWithdrawal,
} from './test-support';

const ACTORS = { SENDER, RECEIVER, TRANSFEREE, THIRD_COUNTRY, SECRETARIAT, SYSTEM };
type ActorName = keyof typeof ACTORS;
/** The side each actor of the fixtures acts for (while a transfer is pending, for TRANSFEREE). */
const SIDE_OF_ACTOR: Record<ActorName, string | null> = {
  SENDER: 'sender',
  RECEIVER: 'receiver',
  TRANSFEREE: 'transferee',
  THIRD_COUNTRY: null,
  SECRETARIAT: null,
  SYSTEM: null,
};

describe('sideOf', () => {
  const withTransfer = stateOf(withPendingTransfer('accepted'));

  it('is computed from the actor’s country and the referral alone', () => {
    expect(sideOf(withTransfer, SENDER)).toBe('sender');
    expect(sideOf(withTransfer, RECEIVER)).toBe('receiver');
    expect(sideOf(withTransfer, TRANSFEREE)).toBe('transferee');
    expect(sideOf(withTransfer, THIRD_COUNTRY)).toBeNull();
    expect(sideOf(withTransfer, SECRETARIAT)).toBeNull();
    expect(sideOf(withTransfer, SYSTEM)).toBeNull();
  });

  it('the role does not matter for a country official, but the system role is never a side', () => {
    expect(sideOf(withTransfer, { ...SENDER, role: 'national_system' })).toBe('sender');
    expect(sideOf(withTransfer, { ...SENDER, role: 'system' })).toBeNull();
  });

  it('no transfer pending: the transferee country is a third country; no referral: nobody has a side', () => {
    expect(sideOf(stateOf(reach('accepted')), TRANSFEREE)).toBeNull();
    expect(sideOf(initialReferralState(), SENDER)).toBeNull();
  });

  it('after an accepted transfer the transferee is the receiver and the previous receiver no side', () => {
    const history = withPendingTransfer('accepted');
    const state = given(referralDecider, ...history).when(
      cmd.acceptTransfer(),
      ctx(hoursAfter(nextAt('accepted'), 1), TRANSFEREE),
    ).state;
    expect(sideOf(state, TRANSFEREE)).toBe('receiver');
    expect(sideOf(state, RECEIVER)).toBeNull();
    expect(sideOf(state, SENDER)).toBe('sender');
  });
});

/** Each command in a state where its owner may send it (the history) and at which instant. */
const VALID_SCENE: Record<
  ReferralTransitionCommandType,
  { history: ReferralEvent[]; at: string; command: ReferralCommand }
> = {
  DraftReferral: { history: [], at: nextAt('none'), command: cmd.draft() },
  UpdateDraft: { history: reach('draft'), at: nextAt('draft'), command: cmd.update() },
  SendReferral: { history: reach('draft'), at: nextAt('draft'), command: cmd.send() },
  RevokeReferral: { history: reach('requested'), at: nextAt('requested'), command: cmd.revoke() },
  MarkEnteredInError: { history: reach('draft'), at: nextAt('draft'), command: cmd.enteredInError() },
  AcknowledgeReferral: { history: reach('requested'), at: nextAt('requested'), command: cmd.acknowledge() },
  AcceptReferral: { history: reach('requested'), at: nextAt('requested'), command: cmd.accept() },
  DeclineReferral: { history: reach('acknowledged'), at: nextAt('acknowledged'), command: cmd.decline() },
  ReportFollowUp: { history: reach('accepted'), at: nextAt('accepted'), command: cmd.followUp('f-2') },
  CloseReferral: { history: reach('in_progress'), at: nextAt('in_progress'), command: cmd.close() },
  RequestTransfer: {
    history: reach('in_progress'),
    at: nextAt('in_progress'),
    command: cmd.requestTransfer(),
  },
  AcceptTransfer: {
    history: withPendingTransfer('accepted'),
    at: hoursAfter(nextAt('accepted'), 1),
    command: cmd.acceptTransfer(),
  },
  DeclineTransfer: {
    history: withPendingTransfer('in_progress'),
    at: hoursAfter(nextAt('in_progress'), 1),
    command: cmd.declineTransfer(),
  },
  AcknowledgeConsentWithdrawal: {
    history: withPendingWithdrawal('accepted'),
    at: hoursAfter(nextAt('accepted'), 1),
    command: cmd.acknowledgeWithdrawal(),
  },
};

describe('every transition is owned by its side: anyone else gets 403 referral.wrong_side', () => {
  const cases = (Object.keys(VALID_SCENE) as ReferralTransitionCommandType[]).flatMap((command) =>
    (Object.keys(ACTORS) as ActorName[]).map((actor) => {
      const side = SIDE_OF_ACTOR[actor];
      // Before a transfer is pending, Mexico is a third country.
      const effective = actor === 'TRANSFEREE' && !command.endsWith('Transfer') ? null : side;
      const owns =
        effective !== null && (TRANSITIONS[command].owners as readonly string[]).includes(effective);
      return [command, actor, owns] as const;
    }),
  );

  it.each(cases)('%s by %s (may send it: %s)', (command, actorName, owns) => {
    const scene = VALID_SCENE[command];
    const then = given(referralDecider, ...scene.history).when(
      scene.command,
      ctx(scene.at, ACTORS[actorName]),
    );
    if (owns) {
      expect(then.events.length).toBeGreaterThan(0);
    } else {
      const error = then.thenThrows(ForbiddenError);
      expect(error.code).toBe('referral.wrong_side');
      expect(error.details.attempted).toBe(command);
    }
  });

  it('the sender doing the receiver’s step is told which side owns it and what it is', () => {
    const scene = VALID_SCENE.AcceptReferral;
    const error = given(referralDecider, ...scene.history)
      .when(scene.command, ctx(scene.at, SENDER))
      .thenThrows('referral.wrong_side');
    expect(error.text.es).toBe(
      'Solo la institución receptora (GT) puede aceptar esta referencia; usted actúa por la institución remitente (Honduras (HN)).',
    );
    expect(error.text.en).toBe(
      'Only the receiving institution (GT) may accept this referral; you act for the sending institution (Honduras (HN)).',
    );
  });

  it('the receiver doing the sender’s step, the Secretariat and a third country are told so', () => {
    const scene = VALID_SCENE.RevokeReferral;
    const byReceiver = given(referralDecider, ...scene.history)
      .when(scene.command, ctx(scene.at, RECEIVER))
      .thenThrows('referral.wrong_side');
    expect(byReceiver.text.en).toContain('Only the sending institution (HN) may revoke this referral');
    const bySecretariat = given(referralDecider, ...scene.history)
      .when(scene.command, ctx(scene.at, SECRETARIAT))
      .thenThrows('referral.wrong_side');
    expect(bySecretariat.text.es).toContain('la Secretaría Técnica, que no es parte de esta referencia');
    expect(bySecretariat.text.en).toContain(
      'the Technical Secretariat, which is not a party to this referral',
    );
    const byThird = given(referralDecider, ...scene.history)
      .when(scene.command, ctx(scene.at, THIRD_COUNTRY))
      .thenThrows('referral.wrong_side');
    expect(byThird.text.en).toContain('Costa Rica (CR), which is not a party to this referral');
  });

  it('a follow-up names both sides that may report one', () => {
    const scene = VALID_SCENE.ReportFollowUp;
    const error = given(referralDecider, ...scene.history)
      .when(scene.command, ctx(scene.at, THIRD_COUNTRY))
      .thenThrows('referral.wrong_side');
    expect(error.text.es).toContain(
      'Solo la institución remitente (HN) o la institución receptora (GT) puede',
    );
  });

  it('a draft is the sender’s: the country of `from` must be the actor’s', () => {
    const error = given(referralDecider)
      .when(cmd.draft(), ctx(nextAt('none'), RECEIVER))
      .thenThrows('referral.wrong_side');
    expect(error.text.en).toContain('Only the sending institution (HN) may draft this referral');
  });
});

describe('the system commands come from the system actor only (403 referral.system_only)', () => {
  const history = reach('requested');
  const at = hoursAfter(DEADLINES.acknowledgeBy, 1);
  const commands: ReferralCommand[] = [
    cmd.remind('acknowledge', DEADLINES.acknowledgeBy),
    cmd.escalate('acknowledge', DEADLINES.acknowledgeBy),
    cmd.notifyWithdrawal(at),
  ];
  const cases = commands.flatMap((command) =>
    (['SENDER', 'RECEIVER', 'SECRETARIAT', 'THIRD_COUNTRY'] as const).map(
      (actor) => [command.type, actor, command] as const,
    ),
  );

  it.each(cases)('%s by %s', (_type, actor, command) => {
    const error = given(referralDecider, ...history)
      .when(command, ctx(at, ACTORS[actor]))
      .thenThrows('referral.system_only');
    expect(error).toBeInstanceOf(ForbiddenError);
  });

  it('the system actor itself is accepted', () => {
    for (const command of commands) {
      expect(given(referralDecider, ...history).when(command, ctx(at, SYSTEM)).events).toHaveLength(1);
    }
  });
});
