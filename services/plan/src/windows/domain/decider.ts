import type { Decider } from '@crm/decider';
import type { WindowCommand } from './commands';
import { decideWindow } from './decide';
import type { WindowEvent } from './events';
import { evolveWindow, initialWindowState, type WindowState } from './state';

/** The Secretariat's decider for a `planWindows-<period>` stream. */
export const windowDecider: Decider<WindowCommand, WindowEvent, WindowState> = {
  decide: decideWindow,
  evolve: evolveWindow,
  initialState: initialWindowState,
};
