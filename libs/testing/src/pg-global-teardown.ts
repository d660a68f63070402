import { pgGlobalTeardown } from './pg-global-setup';

export default pgGlobalTeardown;
