export { applicationWorkflow } from './application/application.workflow';
