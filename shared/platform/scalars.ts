import { GraphQLError, GraphQLScalarType, Kind, type GraphQLSchema, type ValueNode } from 'graphql';

/**
 * The API's two time scalars, defined once. `Date` is a county calendar day, `DateTime` an instant.
 * A malformed value is BAD_USER_INPUT with a bilingual message (the field is named by the edge).
 */

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for 'YYYY-MM-DD' naming a real day of the Gregorian calendar. */
export function isCalendarDay(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const m = DAY.exec(value);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day); // Date.UTC would read years 0–99 as 1900–1999
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

const badDate = (value: unknown) =>
  new GraphQLError(
    `日期应为真实存在的“YYYY-MM-DD”，收到${JSON.stringify(value)} / a date must be a real day written YYYY-MM-DD, got ${JSON.stringify(value)}`,
    { extensions: { code: 'BAD_USER_INPUT', reason: 'date' } },
  );

function parseDay(value: unknown): string {
  if (!isCalendarDay(value)) throw badDate(value);
  return value;
}

export const DateScalar = new GraphQLScalarType<string, string>({
  name: 'Date',
  description: "A calendar day (日期) in the county, written 'YYYY-MM-DD' (e.g. 2026-11-16); must be a real day.",
  serialize(value) {
    // Stored as 'YYYY-MM-DD' text; a stamp is reduced to its UTC day only if it is already one.
    if (value instanceof Date) return value.toISOString().slice(0, 10);
    if (typeof value === 'string' && isCalendarDay(value.slice(0, 10))) return value.slice(0, 10);
    throw new GraphQLError(`Date cannot represent ${JSON.stringify(value)}`);
  },
  parseValue: parseDay,
  parseLiteral(ast: ValueNode) {
    // A plain Error: graphql-js then reports it with the literal's location (a GraphQLError it would pass on bare).
    if (ast.kind !== Kind.STRING || !isCalendarDay(ast.value)) throw new Error(badDate((ast as { value?: unknown }).value ?? ast.kind).message);
    return ast.value;
  },
});

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

const badDateTime = (value: unknown) =>
  new GraphQLError(
    `时间应为带时区的ISO 8601时间，如“2026-11-16T10:00:00+08:00”，收到${JSON.stringify(value)} / a date-time must be ISO 8601 with an offset, e.g. 2026-11-16T10:00:00+08:00, got ${JSON.stringify(value)}`,
    { extensions: { code: 'BAD_USER_INPUT', reason: 'date-time' } },
  );

function parseInstant(value: unknown): Date {
  if (typeof value !== 'string' || !INSTANT.test(value) || !isCalendarDay(value.slice(0, 10))) throw badDateTime(value);
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) throw badDateTime(value);
  return d;
}

export const DateTimeScalar = new GraphQLScalarType<Date, string>({
  name: 'DateTime',
  description: "An instant (时间), ISO 8601 with an offset on input; always returned in UTC with 'Z' (e.g. 2026-11-16T02:00:00.000Z).",
  serialize(value) {
    const d = value instanceof Date ? value : typeof value === 'string' || typeof value === 'number' ? new Date(value) : undefined;
    if (!d || Number.isNaN(d.getTime())) throw new GraphQLError(`DateTime cannot represent ${JSON.stringify(value)}`);
    return d.toISOString();
  },
  parseValue: parseInstant,
  parseLiteral(ast: ValueNode) {
    if (ast.kind !== Kind.STRING) throw new Error(badDateTime((ast as { value?: unknown }).value ?? ast.kind).message);
    try {
      return parseInstant(ast.value);
    } catch (e) {
      throw new Error((e as Error).message);
    }
  },
});

/** For buildSchema's `scalarsMap`: a JS `Date` field is a `DateTime` unless it names another scalar. */
export const SCALARS_MAP = [{ type: Date, scalar: DateTimeScalar }];

/**
 * A schema built from SDL (the gateway's API schema) knows these scalars by name only: give it
 * their parsing and serialising, in place.
 */
export function withOwnScalars(schema: GraphQLSchema): GraphQLSchema {
  for (const own of [DateScalar, DateTimeScalar]) {
    const type = schema.getType(own.name);
    if (type instanceof GraphQLScalarType) Object.assign(type, { serialize: own.serialize, parseValue: own.parseValue, parseLiteral: own.parseLiteral });
  }
  return schema;
}
