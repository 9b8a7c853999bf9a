// What clients (API, tests, CLI) import: messages and types, never workflow implementations.
export * from './application/application.messages';
export type { ApplicationWorkflowInput, ApplicationWorkflowResult } from './application/application.workflow';
export * from './certificate/certificate.messages';
export type { CertificateWorkflowInput } from './certificate/certificate.workflow';
export * from './session/session.messages';
export type { SessionWorkflowInput } from './session/session.workflow';
export * from './activities.contract';
export const TASK_QUEUE = 'corridor';
