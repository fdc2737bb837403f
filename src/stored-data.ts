// The warm-start reader, kept apart so the page API can load it without the engine link.
export { storedData } from './engine-link/stored-data';
