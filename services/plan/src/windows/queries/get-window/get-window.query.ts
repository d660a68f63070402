import { Query } from '@nestjs/cqrs';
import type { WindowView } from '../../window-reader';

export type WindowInForce = WindowView & {
  /** Whether the window is open at the service's clock now. */
  open: boolean;
};

/** A period's reporting window in force (scheduled, else the default rule). */
export class GetWindowQuery extends Query<WindowInForce> {
  constructor(readonly period: string) {
    super();
  }
}
