export * from './shared/actor';
export * from './shared/domain-error';
export * from './shared/ids';
export * from './shared/levels';
export * from './shared/duration';
export * from './shared/iso-time';
export * from './shared/text';

export * from './scheme/certification-scheme';
export * from './scheme/scheme-durations';
export * from './scheme/scoring';
export * from './scheme/eligibility';

export * from './recognition/recognition-agreement';
export * from './recognition/recognition-check';

export * from './reference/reference-data.schema';
export * from './reference/load-reference-data';
export * from './reference/reference-lookup';
export * from './reference/shipped-reference-data';

export * from './application/application.events';
export * from './application/application.commands';
export * from './application/application.context';
export * from './application/application.decider';

export * from './assessment-session/conflict-of-interest';
export * from './assessment-session/session.events';
export * from './assessment-session/session.commands';
export * from './assessment-session/session.decider';

export * from './certificate/certificate.events';
export * from './certificate/certificate.commands';
export * from './certificate/certificate.decider';

export * from './event-codec';
