import { LocalizedError } from '@crm/kernel';
import type { SchemaProblem } from './validation';

/** An event does not satisfy its contract: thrown on produce, nothing is published. */
export class ContractViolationError extends LocalizedError {
  constructor(type: string, problems: SchemaProblem[]) {
    const first = problems[0];
    const where = first ? `${first.path || '/'}: ${first.message}` : '';
    super(
      'contract_violation',
      {
        es: `El evento "${type}" no cumple su contrato (${where}).`,
        en: `Event "${type}" does not satisfy its contract (${where}).`,
      },
      { type, problems },
    );
  }
}

/** The event type (name + version) is not a published contract. */
export class UnknownContractError extends LocalizedError {
  constructor(type: string) {
    super(
      'unknown_contract',
      { es: `Tipo de evento desconocido: "${type}".`, en: `Unknown event type: "${type}".` },
      { type },
    );
  }
}
