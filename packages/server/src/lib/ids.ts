// Identifiers are UUIDv7: made by the application, sortable by time, safe for records created offline.
import { v7 } from 'uuid';

export function newId(): string {
  return v7();
}
