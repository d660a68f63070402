// The referral pipeline read models: projection, dashboards, aggregates.
export * from './entities';
export * from './pipeline-rows';
export * from './pipeline.projection';
export * from './referral-read-models';
export * from './read-models.module';
export * from './queries/dashboard.queries';
export * from './views/aggregates';
export * from './views/overdue';
export * from './views/pipeline-counts';
export * from './views/referred-children';
export * from './views/semester';
export * from './views/timings';
