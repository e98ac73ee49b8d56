// Vitest setup for the web project: an in-memory IndexedDB (the offline store's tests open it directly).
import 'fake-indexeddb/auto';
