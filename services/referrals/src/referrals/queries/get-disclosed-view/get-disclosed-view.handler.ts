import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { Principal } from '@crm/auth';
import { PII_POLICY, type PersonalDataProtector } from '@crm/pii';
import { COMMAND_DEPS, PERSONAL_DATA, type CommandDeps } from '@crm/service-kit';
import {
  disclosedView,
  interviewCount,
  interviewWarning,
  type CaseState,
  type CategoryDisclosure,
  type DisclosureBasis,
} from '../../../cases/domain';
import { calendarDateOf } from '../../../shared/formats';
import { revealRecord } from '../../../shared/personal-data';
import type { ProtectedRecord } from '../../../shared/protected-record';
import { DATA_CATEGORIES, type DataCategory } from '../../../shared/vocabulary';
import { OVERRIDE_REASONS, sideOf, stillShared, type ReferralState } from '../../domain';
import { notRecipient, notSent, purposeNotRequested, unknownCase } from '../../errors';
import { loadCase } from '../../../cases/case-reader';
import { authorizeOnReferral, loadReferral, type LoadedReferral } from '../../referral-access';
import { REFERRAL_SETTINGS, type ReferralSettings } from '../../referral-settings';
import type { DisclosedReferralView } from './disclosed-referral-view';
import { GetDisclosedViewQuery } from './get-disclosed-view.query';

const ALL_CATEGORIES = Object.keys(DATA_CATEGORIES) as DataCategory[];

/**
 * The recipient's disclosed view, in this order: load (404); `referrals.referral.read` on the referral (403,
 * audited: third countries, the Secretariat) and the side's institution (403); only the receiving side (403
 * `referral.not_recipient`) of a sent referral (409 `referral.not_sent`), for one of its requested services
 * (422 `referral.invalid_purpose`); then `disclosedView` on the case with the referral's basis, the categories
 * it still shares and the viewer's role; the referral's withdrawn categories show `withdrawn`, those withheld at
 * sending `withheld`; finally the reveals (`protector.reveal`, each logged) of what is disclosed only.
 */
@QueryHandler(GetDisclosedViewQuery)
export class GetDisclosedViewHandler implements IQueryHandler<GetDisclosedViewQuery> {
  constructor(
    @Inject(COMMAND_DEPS) private readonly deps: CommandDeps,
    @Inject(PERSONAL_DATA) private readonly protector: PersonalDataProtector,
    @Inject(REFERRAL_SETTINGS) private readonly settings: ReferralSettings,
  ) {}

  async execute({ principal, referralId, purpose }: GetDisclosedViewQuery): Promise<DisclosedReferralView> {
    const loaded = await loadReferral(this.deps.store, referralId);
    const actor = await authorizeOnReferral(
      this.deps,
      principal,
      loaded.parties,
      'referrals.referral.read',
      GetDisclosedViewQuery.name,
    );
    const { state } = loaded;
    const side = sideOf(state, actor);
    if (side !== 'receiver') throw notRecipient(side);
    if (state.status === 'draft' || state.basis === null) throw notSent(referralId);
    if (!state.servicesRequested.includes(purpose))
      throw purposeNotRequested(purpose, state.servicesRequested);
    const caseId = state.caseId!;
    const { state: caseState, revision } = await loadCase(this.deps.store, caseId);
    if (revision < 0) throw unknownCase(caseId);

    const on = calendarDateOf(this.deps.clock());
    const view = disclosedView(caseState, {
      recipient: { country: state.to!.country, institutionId: state.to!.institutionId, role: actor.role },
      requestedCategories: stillShared(state),
      purpose,
      basis: basisOf(state),
      on,
    });
    const reveal = this.revealer(principal, loaded, purpose);
    const mayReveal = PII_POLICY.authorize(principal, 'pii.read', {
      country: loaded.parties.from.country,
      addressedTo: [loaded.parties.to.country],
      purpose: 'disclosed view',
    }).allowed;
    return {
      referralId,
      caseId,
      revision: loaded.revision,
      purpose,
      on,
      recipient: view.recipient,
      categories: categoriesOf(view.categories, state),
      basis: state.basis.kind,
      consentIds: view.consentIds,
      override: await this.override(state, mayReveal, reveal),
      indicators: view.indicators,
      identifying:
        mayReveal && view.revealableFields.length > 0
          ? await reveal(view.identifying, view.revealableFields)
          : {},
      identifyingRevealed: mayReveal,
      revealableFields: view.revealableFields,
      bestInterests: await Promise.all(
        view.bestInterests.map(async ({ recommendations, ...record }) => ({
          ...record,
          recommendations: mayReveal
            ? (await reveal(recommendations, ['recommendations'])).recommendations
            : null,
        })),
      ),
      interviews: this.interviews(caseState, view.interviews),
    };
  }

  /** Reveals `fields` of one protected record for this view (`revealRecord`); each call is one access-log entry. */
  private revealer(principal: Principal, loaded: LoadedReferral, purpose: string) {
    const caseId = loaded.state.caseId!;
    return <F extends string>(record: ProtectedRecord<F>, fields: readonly F[]) =>
      revealRecord(
        this.protector,
        {
          principal,
          caseId,
          purpose: `referral ${loaded.state.referralId} disclosed view (${purpose})`,
          caseCountry: loaded.parties.from.country,
          addressedTo: [loaded.parties.to.country],
        },
        record,
        fields,
      );
  }

  private async override(
    state: ReferralState,
    mayReveal: boolean,
    reveal: ReturnType<GetDisclosedViewHandler['revealer']>,
  ): Promise<DisclosedReferralView['override']> {
    if (state.basis?.kind !== 'override') return null;
    const { reason, note, authorisedBy } = state.basis;
    const text = note && mayReveal ? (await reveal(note, ['text'])).text : null;
    return { reason, reasonLabel: OVERRIDE_REASONS[reason], authorisedBy, note: text };
  }

  private interviews(caseState: CaseState, records: DisclosedReferralView['interviews']['records']) {
    const threshold = this.settings.interviewWarningThreshold;
    return {
      count: interviewCount(caseState),
      threshold,
      warning: interviewWarning(caseState, threshold),
      records,
    };
  }
}

/** The referral's recorded basis as the cases domain reads it (an override's reason is its code). */
function basisOf(state: ReferralState): DisclosureBasis {
  const basis = state.basis!;
  return basis.kind === 'consent'
    ? { kind: 'consent', consentIds: basis.consentIds }
    : { kind: 'override', reason: basis.reason, by: basis.authorisedBy };
}

/**
 * The case domain's answer, narrowed by the referral: a category a withdrawal took back is `withdrawn`; one the
 * sender asked for but the basis did not cover at sending is `withheld` (not covered).
 */
function categoriesOf(
  computed: Record<DataCategory, CategoryDisclosure>,
  state: ReferralState,
): Record<DataCategory, CategoryDisclosure> {
  const out = { ...computed };
  for (const c of ALL_CATEGORIES) {
    if (state.withdrawnCategories.includes(c)) out[c] = { status: 'withdrawn' };
    else if (state.categories.includes(c) && !state.sharedCategories.includes(c))
      out[c] = { status: 'withheld', reason: 'not_covered' };
  }
  return out;
}
