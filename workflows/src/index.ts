export { applicationWorkflow } from './application/application.workflow';
export { certificateWorkflow } from './certificate/certificate.workflow';
export { sessionWorkflow } from './session/session.workflow';
