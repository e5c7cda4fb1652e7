// The volunteer function's handlers, one module per section of the work.
export * from './registration'
export * from './requests'
export * from './hall'
export * from './records'
export * from './reports'
export * from './certificates'
export * from './national-record'
export * from './excellent'
