/**
 * `npm start`: the whole platform on one machine with the embedded defaults (no Docker, no installed database):
 * one embedded PostgreSQL under `.data/` (CRM_DATA_DIR), then every service of scripts/services.ts as its own
 * process on its own port. From the sources through ts-node (`npm start`) or from the build
 * (`npm run build && npm run start:dist`). See scripts/launcher/launcher.ts.
 */
import { SERVICES } from './services';
import { launch } from './launcher/launcher';

void launch({ services: SERVICES });
