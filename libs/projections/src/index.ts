export * from './projection';
export * from './projector';
export { ProjectionStalledError, ProjectionTimeoutError, type RebuildProgress } from './projection-runner';
export * from './projection-failure';
export type { ProjectorLogger } from './projector-logger';
export * from './rebuild-projections';
export * from './read-models/applications.projection';
export * from './read-models/certificates.projection';
export * from './read-models/certification-stats.projection';
