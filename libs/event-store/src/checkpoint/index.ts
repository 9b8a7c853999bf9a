export * from './merkle-tree';
export * from './log-leaf';
export * from './checkpoint-ledger';
export * from './log-consistency';
