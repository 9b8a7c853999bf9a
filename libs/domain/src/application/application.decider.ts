import type { ApplicationCommand } from './application.commands';
import { ApplicationContext, type ApplicationContextInput, type SchemePin } from './application.context';
import type { ApplicationEvent } from './application.events';
import { CLOSED_APPLICATION_STATUSES, type ApplicationState } from './application.state';
import { decideAssessment } from './decide-assessment';
import { decideCertification } from './decide-certification';
import { decideRecognition } from './decide-recognition';
import { decideRegistration } from './decide-registration';
import { decideReview } from './decide-review';
import { decideTraining } from './decide-training';
import { refuse } from '../shared/domain-error';

// The thin slice imported state, evolve and the number from this module; they stay reachable here.
export { certificateNumberFor } from './decide-certification';
export {
  CLOSED_APPLICATION_STATUSES,
  evolveApplication,
  initialApplicationState,
  replayApplication,
  type ApplicationState,
  type ApplicationStatus,
  type RecognitionSummary,
} from './application.state';

function pinOf(command: ApplicationCommand, state: ApplicationState): () => SchemePin {
  return () => {
    if (command.type === 'RegisterApplication')
      return { standardCode: command.standardCode, level: command.level, version: command.schemeVersion };
    if (state.standardCode === undefined || state.level === undefined || state.schemeVersion === undefined)
      refuse('invalid-transition', 'the application is not registered');
    return { standardCode: state.standardCode, level: state.level, version: state.schemeVersion };
  };
}

/**
 * Decides what a command means for an application: the events to record, or a DomainError with a
 * stable code. Pure: the same command, state and context always give the same answer.
 */
export function decideApplication(
  command: ApplicationCommand,
  state: ApplicationState,
  context: ApplicationContextInput = {},
): ApplicationEvent[] {
  const ctx = new ApplicationContext(context, pinOf(command, state));
  if (command.type === 'RegisterApplication') return decideRegistration(command, state, ctx);
  if (state.status === 'new') refuse('invalid-transition', 'the application is not registered');
  if (CLOSED_APPLICATION_STATUSES.includes(state.status))
    refuse('application-closed', `the application is closed (${state.status})`);
  switch (command.type) {
    case 'ApproveEligibility':
    case 'RejectEligibility':
    case 'RequestInformation':
    case 'ProvideInformation':
    case 'WithdrawForSilence':
    case 'EscalateReview':
      return decideReview(command, state, ctx);
    case 'EnrolInTraining':
    case 'RecordTrainingHours':
    case 'SignOffTraining':
    case 'RecognisePriorLearning':
      return decideTraining(command, state, ctx);
    case 'BookAssessment':
    case 'CancelAssessmentBooking':
    case 'RecordAssessmentResult':
      return decideAssessment(command, state, ctx);
    case 'CheckRecognition':
      return decideRecognition(command, state, ctx);
    case 'DecideCertification':
    case 'DenyCertification':
      return decideCertification(command, state, ctx);
  }
}
