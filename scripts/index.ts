export * from './services';
export { launch, readyLines, type LaunchOptions } from './launcher/launcher';
export {
  Supervisor,
  DEFAULT_RESTART_POLICY,
  type RestartPolicy,
  type RunningService,
} from './launcher/supervisor';
