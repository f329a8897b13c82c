/**
 * GraphQL enum values are the internal kebab-case strings in UPPER_SNAKE_CASE
 * ('fire-rescue' ↔ FIRE_RESCUE, 'awaiting-review' ↔ AWAITING_REVIEW): tests that compare an
 * answer with database rows or internal constants convert with these.
 */
export const gqlEnum = (internal: string) => internal.toUpperCase().replace(/-/g, '_');
export const internalOf = (value: string) => value.toLowerCase().replace(/_/g, '-');
