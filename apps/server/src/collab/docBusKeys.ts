/** Every Redis key and channel of the document bus, built in one place. */
export const docUpdatesStream = (prefix: string, docName: string) =>
  `${prefix}:doc:${encodeURIComponent(docName)}:updates`;
export const docEventsChannel = (prefix: string, docName: string) =>
  `${prefix}:doc:${encodeURIComponent(docName)}:events`;
