export { initialFacilitationState, meetingStateFor, type FacilitationResult, type FloorContext } from './state.js';
export * from './timers.js';
export * from './speakingTime.js';
export * from './floor.js';
export * from './speakingQueue.js';
export * from './tourDeTable.js';
export * from './intervision.js';
export * from './agenda.js';
export * from './agendaTemplates.js';
