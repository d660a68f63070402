/**
 * Regional review from the command line: the state of a country's reports as of an instant, its
 * accountability history, and the hash-chain verification, read from the event store.
 *
 *   npm run review -- --country HN --as-of 2020-06-30T23:59:59Z --format markdown [--history] [--verify] [--lang en]
 *
 * Connects with createPlatform(): DATABASE_URL, or the embedded PostgreSQL in .data/. Exit codes:
 * 0 done (and the chain verified when --verify), 1 bad arguments or failure, 3 the verification found tampering.
 */
import 'reflect-metadata';
import { Command, CommanderError } from 'commander';
import { LocalizedError, InvalidRequestError } from '@crm/kernel';
import { createPlatform } from '@crm/platform';
import { countryOrThrow, formatOrThrow, instantOrThrow, langOrThrow, rangeOrThrow } from '../review/errors';
import {
  PlanReview,
  renderHistory,
  renderState,
  verificationText,
  type CountryVerification,
} from '../review/plan-review';

export interface ReviewCliArgs {
  country?: string;
  asOf?: string;
  from?: string;
  format?: string;
  lang?: string;
  history?: boolean;
  verify?: boolean;
}

function program(): Command {
  return new Command('review')
    .description(
      'Revisión regional / regional review: estado a una fecha, historial y verificación / as-of state, history and verification',
    )
    .option('--country <code>', 'país miembro / member country (HN, GT, ...)')
    .option('--as-of <instant>', 'instante ISO 8601 con zona / ISO 8601 instant with zone (default: now)')
    .option('--from <instant>', 'historial desde / history from (with --history)')
    .option('--format <format>', 'json | csv | markdown', 'json')
    .option('--lang <lang>', 'es | en', 'es')
    .option(
      '--history',
      'historial de rendición de cuentas hasta --as-of / accountability history up to --as-of',
    )
    .option('--verify', "verificar la cadena de huellas del país / verify the country's hash chain")
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
}

/** Validates the arguments (es/en errors) before anything connects. */
export function parseArgs(args: ReviewCliArgs) {
  if (!args.country) {
    throw new InvalidRequestError('plan.review.country_required', {
      es: 'Indique el país con --country (p. ej. --country HN).',
      en: 'Give the country with --country (e.g. --country HN).',
    });
  }
  const country = countryOrThrow(args.country);
  const asOf = instantOrThrow(args.asOf, '--as-of', false);
  const from = instantOrThrow(args.from, '--from', false);
  rangeOrThrow(from, asOf);
  return {
    country,
    asOf,
    from,
    format: formatOrThrow(args.format),
    lang: langOrThrow(args.lang),
    history: !!args.history,
    verify: !!args.verify,
  };
}

async function main(argv: string[]): Promise<number> {
  let opts: ReturnType<typeof parseArgs>;
  try {
    const cmd = program();
    cmd.parse(argv);
    opts = parseArgs(cmd.opts<ReviewCliArgs>());
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.exitCode === 0) return 0; // --help, --version
      process.stderr.write(
        'error: argumentos no válidos (vea --help)\nerror: invalid arguments (see --help)\n',
      );
      return 1;
    }
    if (error instanceof LocalizedError) {
      process.stderr.write(`error: ${error.text.es}\nerror: ${error.text.en}\n`);
      return 1;
    }
    throw error;
  }
  const platform = await createPlatform({ log: () => undefined });
  try {
    const review = new PlanReview(platform.store);
    const asOf = opts.asOf ?? platform.clock();
    const parts: Record<string, unknown> = {};
    let text = '';
    if (opts.history) {
      const entries = await review.history(opts.country, { from: opts.from, to: asOf });
      if (opts.format === 'json') parts.history = entries;
      else text += renderHistory(entries, opts.format, opts.lang).body;
    } else {
      const state = await review.stateAsOf(opts.country, asOf);
      if (opts.format === 'json') parts.state = state;
      else text += renderState(state, opts.format, opts.lang).body;
    }
    let verification: CountryVerification | undefined;
    if (opts.verify) {
      verification = await review.verify(opts.country);
      if (opts.format === 'json') parts.verification = verification;
      else text += `${text ? '\n' : ''}${verificationText(verification, opts.lang)}\n`;
    }
    process.stdout.write(opts.format === 'json' ? `${JSON.stringify(parts, null, 2)}\n` : text);
    return verification && !verification.ok ? 3 : 0;
  } finally {
    await platform.close();
  }
}

if (require.main === module) {
  main(process.argv)
    .then((code) => {
      process.exitCode = code;
    })
    .catch((error: unknown) => {
      if (error instanceof LocalizedError)
        process.stderr.write(`error: ${error.text.es}\nerror: ${error.text.en}\n`);
      else process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    });
}
