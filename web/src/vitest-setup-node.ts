// The Node project's setup (vite.config.ts): IndexedDB for the device's queries, and no DOM.
import 'fake-indexeddb/auto';
