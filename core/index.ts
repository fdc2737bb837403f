// The pure core: every entitlement rule as plain functions over plain data.
export * from './model';
export * from './periods';
export * from './wire';
export * from './decide';
export * from './rollover';
export * from './fallback';
export * from './results';
export * from './partition';
export * from './sync-policy';
export * from './table';
export * from './protocol';
