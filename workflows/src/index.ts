export { applicationWorkflow } from './application/application.workflow';
export { certificateWorkflow } from './certificate/certificate.workflow';
