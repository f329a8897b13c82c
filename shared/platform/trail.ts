import { Entity, PrimaryKey, Property, Utils, wrap } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { GraphQLError, type GraphQLFieldResolver } from 'graphql';
import { Authorized, Ctx, Directive, Field, Int, ObjectType, Query, Resolver } from 'type-graphql';
import type { Identity } from './auth.js';
import * as clock from './clock.js';
import { sha256Hex } from '../domain/draw.js';

/**
 * The trail (全程留痕): every root Mutation field of every subgraph with a database appends one
 * entry to that database's `trail` table — who (token subject, roles, department), what (the
 * operation and a SHA-256 digest of its arguments, never the arguments themselves), when, the
 * outcome ('ok' or the error code), a digest of the result, and before/after digests of the
 * rows the mutation changed. Entries are hash-chained:
 *
 *   hash = SHA-256( UTF-8( canonicalJson([
 *            "yiye-trail-v2", seq (decimal string), at (ISO 8601 UTC, ms), subject, roles,
 *            department ("" when none), subgraph, operation, argsDigest, beforeDigest ("" when none),
 *            afterDigest ("" when none), resultDigest ("" when none), outcome, prevHash ]) ) )
 *   as 64 lowercase hex digits (entries written before v2 keep the v1 layout: the same array
 *   without beforeDigest and afterDigest, starting "yiye-trail-v1"; `layout` says which),
 *
 * where canonicalJson is JSON with object keys sorted (code points), no whitespace, and prevHash is
 * the previous entry's hash (64 zeros for seq 1). seq starts at 1 and has no gaps. The table is
 * append-only (triggers refuse UPDATE and DELETE, TRAIL_APPEND_ONLY_SQL), and appends are
 * serialized by a transaction-scoped advisory lock, so the chain cannot fork.
 *
 * A successful mutation's entry is written in the mutation's own transaction (withTrail opens it
 * around the resolver; the resolvers' own `em.transactional` become savepoints inside it): the
 * change and its entry commit together or not at all. A refused or failed mutation is rolled back
 * and its entry (outcome = error code) is then written in a transaction of its own.
 */

export const TRAIL_GENESIS = '0'.repeat(64);
export const TRAIL_LAYOUT_V1 = 'yiye-trail-v1';
export const TRAIL_LAYOUT_VERSION = 'yiye-trail-v2';

@Entity({ tableName: 'trail' })
export class TrailEntry {
  /** 1, 2, 3 … without gaps; assigned under the advisory lock. */
  @PrimaryKey({ type: 'bigint', autoincrement: false })
  seq!: string;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  at!: Date;

  @Property({ type: 'string', length: 200 })
  subject!: string;

  @Property({ type: 'json' })
  roles!: string[];

  @Property({ type: 'string', length: 60, nullable: true })
  department?: string | null;

  @Property({ type: 'string', length: 60 })
  subgraph!: string;

  /** e.g. `Mutation.addFireRescueTarget`. */
  @Property({ type: 'string', length: 200 })
  operation!: string;

  @Property({ type: 'string', length: 64 })
  argsDigest!: string;

  @Property({ type: 'string', length: 64, nullable: true })
  resultDigest?: string | null;

  /** Hash layout of this entry (yiye-trail-v1 for entries written before the before/after digests). */
  @Property({ type: 'string', length: 20, default: TRAIL_LAYOUT_V1 })
  layout!: string;

  /** Chained SHA-256 over the old versions of the rows the mutation updated or deleted (null: none). */
  @Property({ type: 'string', length: 64, nullable: true })
  beforeDigest?: string | null;

  /** Chained SHA-256 over the new versions of the rows the mutation inserted or updated (null: none). */
  @Property({ type: 'string', length: 64, nullable: true })
  afterDigest?: string | null;

  /** 'ok' or the error code (FORBIDDEN, BAD_USER_INPUT, …). */
  @Property({ type: 'string', length: 60 })
  outcome!: string;

  @Property({ type: 'string', length: 64 })
  prevHash!: string;

  @Property({ type: 'string', length: 64 })
  hash!: string;
}

/** Installed by each subgraph's trail migration. */
export const TRAIL_APPEND_ONLY_SQL = [
  `create or replace function yiye_trail_refuse_change() returns trigger language plpgsql as $$
   begin
     raise exception 'append-only table %: % refused (the trail is immutable)', TG_TABLE_NAME, TG_OP
       using errcode = 'raise_exception';
   end $$;`,
  `create trigger trail_append_only before update or delete on "trail" for each row execute function yiye_trail_refuse_change();`,
  `create trigger trail_no_truncate before truncate on "trail" for each statement execute function yiye_trail_refuse_change();`,
];

/**
 * Before/after digests, captured by the database itself (so native UPDATEs and raw SQL are seen
 * too): an AFTER ROW trigger on every table of the subgraph's schema folds each changed row, as
 * JSON, into two transaction-local settings, only while a mutation's transaction has switched
 * capture on (`yiye.capture`). For each row, in the order the changes happen:
 *   before := hex(SHA-256(UTF-8(before || table || ':' || row_to_json(OLD))))   (UPDATE, DELETE)
 *   after  := hex(SHA-256(UTF-8(after  || table || ':' || row_to_json(NEW))))   (INSERT, UPDATE)
 * starting from ''. A rolled-back savepoint takes its changes back out. The trail itself is not
 * captured. Installed by a migration; `yiye_install_change_capture()` also runs whenever a
 * subgraph opens its database, so tables of later migrations are covered.
 */
export const CHANGE_CAPTURE_SQL = [
  `create or replace function yiye_capture_change() returns trigger language plpgsql as $$
   begin
     if coalesce(current_setting('yiye.capture', true), '') <> 'on' then return null; end if;
     if TG_OP in ('UPDATE', 'DELETE') then
       perform set_config('yiye.before', encode(sha256(convert_to(coalesce(current_setting('yiye.before', true), '') || TG_TABLE_NAME || ':' || row_to_json(OLD)::text, 'UTF8')), 'hex'), true);
     end if;
     if TG_OP in ('INSERT', 'UPDATE') then
       perform set_config('yiye.after', encode(sha256(convert_to(coalesce(current_setting('yiye.after', true), '') || TG_TABLE_NAME || ':' || row_to_json(NEW)::text, 'UTF8')), 'hex'), true);
     end if;
     return null;
   end $$;`,
  `create or replace function yiye_install_change_capture() returns void language plpgsql as $$
   declare t record;
   begin
     for t in select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
              where n.nspname = current_schema() and c.relkind in ('r', 'p')
                and c.relname not in ('trail', 'mikro_orm_migrations')
                and not exists (select 1 from pg_trigger g where g.tgrelid = c.oid and g.tgname = 'yiye_capture')
     loop
       execute format('create trigger yiye_capture after insert or update or delete on %I for each row execute function yiye_capture_change()', t.relname);
     end loop;
   end $$;`,
  `select yiye_install_change_capture();`,
];

// ---------------------------------------------------------------------------------------------
// Canonical JSON and digests

/** JSON with sorted keys and no whitespace; undefined and functions dropped, Dates as ISO strings. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(canonicalValue(value, new WeakSet(), 0)) ?? 'null';
}

function canonicalValue(value: unknown, seen: WeakSet<object>, depth: number): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (typeof value !== 'object') return typeof value === 'function' || typeof value === 'symbol' ? null : value;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (Buffer.isBuffer(value)) return value.toString('base64');
  if (depth > 20) return '[depth]';
  if (seen.has(value)) return '[cycle]';
  seen.add(value);
  try {
    // A MikroORM entity: its data (references as their keys), not the ORM's internals.
    if (Utils.isEntity(value)) return canonicalValue(wrap(value as object).toObject(), seen, depth + 1);
    if (Array.isArray(value as unknown)) return (value as unknown[]).map((v) => canonicalValue(v, seen, depth + 1));
    if (typeof (value as { toJSON?: unknown }).toJSON === 'function') {
      return canonicalValue((value as { toJSON: () => unknown }).toJSON(), seen, depth + 1);
    }
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v === undefined || typeof v === 'function' || key.startsWith('__')) continue;
      out[key] = canonicalValue(v, seen, depth + 1);
    }
    return out;
  } finally {
    seen.delete(value);
  }
}

export const digest = (value: unknown) => sha256Hex(canonicalJson(value));

export interface TrailFields {
  subject: string;
  roles: string[];
  department?: string | null;
  subgraph: string;
  operation: string;
  argsDigest: string;
  resultDigest?: string | null;
  outcome: string;
  beforeDigest?: string | null;
  afterDigest?: string | null;
  /** Absent means the current layout (v2). */
  layout?: string;
}

export interface TrailRecord extends TrailFields {
  seq: string;
  at: Date;
  prevHash: string;
  hash: string;
}

/** The bytes the hash is taken over (see the layout at the top of this file). */
export function trailHashInput(e: Omit<TrailRecord, 'hash'>): string {
  const head = [String(e.seq), e.at.toISOString(), e.subject, e.roles, e.department ?? '', e.subgraph, e.operation, e.argsDigest];
  const tail = [e.resultDigest ?? '', e.outcome, e.prevHash];
  if ((e.layout ?? TRAIL_LAYOUT_VERSION) === TRAIL_LAYOUT_V1) return canonicalJson([TRAIL_LAYOUT_V1, ...head, ...tail]);
  return canonicalJson([TRAIL_LAYOUT_VERSION, ...head, e.beforeDigest ?? '', e.afterDigest ?? '', ...tail]);
}

export const trailHash = (e: Omit<TrailRecord, 'hash'>) => sha256Hex(trailHashInput(e));

// ---------------------------------------------------------------------------------------------
// Appending

/** Runs one SQL statement with $1… parameters and returns its rows. */
export type TrailSql = (text: string, params?: unknown[]) => Promise<Record<string, unknown>[]>;

/** `em`'s connection, inside `em`'s current transaction when it has one. */
function emSql(em: EntityManager, ctx: unknown = em.getTransactionContext()): TrailSql {
  // MikroORM's execute takes `?` placeholders.
  return async (text, params = []) =>
    (await em.getConnection().execute(text.replace(/\$\d+/g, '?'), params as unknown[], 'all', ctx as never)) as Record<string, unknown>[];
}

/** Appends one entry; must run inside a transaction (the advisory lock is transaction-scoped). */
export async function appendTrail(sql: TrailSql, fields: TrailFields, at = clock.now()): Promise<TrailRecord> {
  await sql(`select pg_advisory_xact_lock(hashtext('yiye:trail'))`);
  // `trail.seq`, not `seq`: ORDER BY would take the text alias and put '9' after '10'.
  const last = (await sql('select seq::text as seq, hash from trail order by trail.seq desc limit 1'))[0] as { seq: string; hash: string } | undefined;
  const entry: Omit<TrailRecord, 'hash'> = {
    seq: String(last ? BigInt(last.seq) + 1n : 1n),
    at,
    subject: fields.subject,
    roles: fields.roles,
    department: fields.department ?? null,
    subgraph: fields.subgraph,
    operation: fields.operation,
    argsDigest: fields.argsDigest,
    resultDigest: fields.resultDigest ?? null,
    outcome: fields.outcome,
    layout: TRAIL_LAYOUT_VERSION,
    beforeDigest: fields.beforeDigest ?? null,
    afterDigest: fields.afterDigest ?? null,
    prevHash: last?.hash ?? TRAIL_GENESIS,
  };
  const record = { ...entry, hash: trailHash(entry) };
  await sql(
    `insert into trail (seq, at, subject, roles, department, subgraph, operation, args_digest, result_digest, outcome, layout, before_digest, after_digest, prev_hash, hash)
     values ($1, $2, $3, $4::jsonb, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)`,
    [
      record.seq, record.at, record.subject, JSON.stringify(record.roles), record.department, record.subgraph, record.operation, record.argsDigest,
      record.resultDigest, record.outcome, record.layout, record.beforeDigest, record.afterDigest, record.prevHash, record.hash,
    ],
  );
  return record;
}

const errorCode = (e: unknown) =>
  String((e instanceof GraphQLError ? e.extensions?.code : (e as { extensions?: { code?: unknown } })?.extensions?.code) ?? 'INTERNAL_SERVER_ERROR');

/**
 * Wraps a root Mutation resolver (shared/platform/subgraph.ts does this for every one): opens the
 * transaction, runs the resolver, appends the entry and commits; on an error rolls back and
 * records the refusal in a transaction of its own.
 */
export function withTrail<C extends { identity: Identity; em?: EntityManager }>(
  subgraph: string,
  resolve: GraphQLFieldResolver<unknown, C>,
): GraphQLFieldResolver<unknown, C> {
  return async (root, args, ctx, info) => {
    const em = ctx.em;
    if (!em) return resolve(root, args, ctx, info);
    const fields = {
      subject: ctx.identity.subject,
      roles: ctx.identity.roles,
      department: ctx.identity.department ?? null,
      subgraph,
      operation: `${info.parentType.name}.${info.fieldName}`,
      argsDigest: digest(args),
    };
    await em.begin();
    try {
      // Switch on the database's change capture for this transaction (CHANGE_CAPTURE_SQL).
      await emSql(em)(`select set_config('yiye.capture', 'on', true)`);
      const result = await resolve(root, args, ctx, info);
      const [changed] = await emSql(em)(
        `select nullif(current_setting('yiye.before', true), '') as before, nullif(current_setting('yiye.after', true), '') as after`,
      );
      await appendTrail(emSql(em), {
        ...fields,
        resultDigest: digest(result),
        outcome: 'ok',
        beforeDigest: (changed?.before as string | null) ?? null,
        afterDigest: (changed?.after as string | null) ?? null,
      });
      await em.commit();
      return result;
    } catch (e) {
      if (em.isInTransaction()) await em.rollback().catch(() => {});
      try {
        await em.getConnection().transactional((trx) => appendTrail(emSql(em, trx), { ...fields, resultDigest: null, outcome: errorCode(e) }));
      } catch (trailError) {
        console.error(`[${subgraph}] could not record a refused mutation in the trail`, trailError);
      }
      throw e;
    }
  };
}

// ---------------------------------------------------------------------------------------------
// Verifying

export interface TrailCheck {
  entries: number;
  ok: boolean;
  /** The first entry that does not match (its hash, its link to the previous one, or its seq). */
  firstBrokenSeq: string | null;
  reason: string | null;
}

/** Walks the whole chain in seq order, 1,000 entries at a time. */
export async function verifyTrailWith(sql: TrailSql): Promise<TrailCheck> {
  let prevHash = TRAIL_GENESIS;
  let expected = 1n;
  let entries = 0;
  for (;;) {
    const rows = await sql(
      `select seq::text as seq, at, subject, roles, department, subgraph, operation, args_digest, result_digest, outcome, layout, before_digest, after_digest, prev_hash, hash
       from trail where trail.seq >= $1 order by trail.seq limit 1000`,
      [expected.toString()],
    );
    if (rows.length === 0) break;
    for (const r of rows) {
      const seq = String(r.seq);
      const broken = (reason: string): TrailCheck => ({ entries, ok: false, firstBrokenSeq: seq, reason });
      if (BigInt(seq) !== expected) return broken(`seq ${expected} is missing (next entry is ${seq})`);
      const entry: Omit<TrailRecord, 'hash'> = {
        seq,
        at: new Date(r.at as string | Date),
        subject: String(r.subject),
        roles: (typeof r.roles === 'string' ? JSON.parse(r.roles) : r.roles) as string[],
        department: (r.department as string | null) ?? null,
        subgraph: String(r.subgraph),
        operation: String(r.operation),
        argsDigest: String(r.args_digest),
        resultDigest: (r.result_digest as string | null) ?? null,
        outcome: String(r.outcome),
        layout: r.layout == null ? TRAIL_LAYOUT_VERSION : String(r.layout),
        beforeDigest: (r.before_digest as string | null) ?? null,
        afterDigest: (r.after_digest as string | null) ?? null,
        prevHash: String(r.prev_hash),
      };
      if (entry.prevHash !== prevHash) return broken(`prevHash does not match the hash of entry ${expected - 1n}`);
      const hash = trailHash(entry);
      if (hash !== r.hash) return broken('hash does not match the entry (the entry was changed)');
      prevHash = hash;
      expected++;
      entries++;
    }
  }
  // Entries with seq < 1 would have been skipped above; count them as a break.
  const stray = await sql('select seq::text as seq from trail where trail.seq < 1 order by trail.seq limit 1');
  if (stray.length) return { entries, ok: false, firstBrokenSeq: String(stray[0].seq), reason: 'seq below 1' };
  return { entries, ok: true, firstBrokenSeq: null, reason: null };
}

export const verifyTrail = (em: EntityManager) => verifyTrailWith(emSql(em, undefined));

// ---------------------------------------------------------------------------------------------
// GraphQL: `<subgraph>Trail` on every subgraph with a database

@Directive('@shareable')
@ObjectType('TrailVerification', { description: "The check of one subgraph's hash-chained trail (全程留痕)." })
export class TrailVerification {
  @Field(() => String, { description: 'The service whose trail it is.' })
  subgraph!: string;

  @Field(() => Int, { description: 'Entries checked (up to the first broken one).' })
  entries!: number;

  @Field(() => Boolean, { description: 'True when every hash and link checks.' })
  ok!: boolean;

  @Field(() => String, { nullable: true, description: 'seq of the first entry that does not verify.' })
  firstBrokenSeq?: string | null;

  @Field(() => String, { nullable: true, description: 'Why (as recorded).' })
  reason?: string | null;
}

const camel = (name: string) => name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
/** The field prefix of a service's things: the joint-inspection service's is `joint` (API conventions, naming). */
const trailPrefix = (subgraph: string) => (subgraph === 'joint-inspection' ? 'joint' : camel(subgraph));
const trailResolvers = new Map<string, Function>();

/** The resolver of `<camelName>Trail` for one subgraph (one class per subgraph name). */
export function trailResolver(subgraph: string): Function {
  const existing = trailResolvers.get(subgraph);
  if (existing) return existing;
  @Resolver()
  class TrailResolver {
    @Query(() => TrailVerification, {
      nullable: true,
      name: `${trailPrefix(subgraph)}Trail`,
      description: `Verifies ${subgraph}'s trail (全程留痕): recomputes every hash and link, names the first broken entry. Coordinators and analysts.`,
    })
    @Authorized('trail:read')
    async verify(@Ctx() ctx: { em: EntityManager }): Promise<TrailVerification> {
      return Object.assign(new TrailVerification(), { subgraph, ...(await verifyTrail(ctx.em)) });
    }
  }
  trailResolvers.set(subgraph, TrailResolver);
  return TrailResolver;
}
