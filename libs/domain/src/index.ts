export * from './shared/actor';
export * from './shared/domain-error';
export * from './shared/ids';
export * from './shared/levels';
export * from './application/application.events';
export * from './application/application.commands';
export * from './application/application.decider';
export * from './event-codec';
