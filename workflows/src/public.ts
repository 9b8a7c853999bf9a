// What clients (API, tests, CLI) import: messages and types, never workflow implementations.
export * from './application/application.messages';
export type { ApplicationWorkflowInput, ApplicationWorkflowResult } from './application/application.workflow';
export * from './activities.contract';
export const TASK_QUEUE = 'corridor';
