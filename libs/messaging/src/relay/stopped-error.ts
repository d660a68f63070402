/** Thrown inside the relay when it was stopped while waiting to retry: nothing more is published or saved. */
export class RelayStoppedError extends Error {
  constructor() {
    super('relay stopped');
    this.name = 'RelayStoppedError';
  }
}
