export * from './nations';
export * from './politicalStatus';
export * from './education';
export * from './personCategory';
export * from './secondment';
