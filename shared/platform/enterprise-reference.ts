import { Directive, Field, ObjectType } from 'type-graphql';

/**
 * `Enterprise` as seen by a subgraph that does not own it: only the key. Market supervision's
 * register owns the entity; other subgraphs add their own fields to it with field resolvers.
 *
 * A factory, not a class: type-graphql keeps field resolvers on the class, so a class shared by
 * several subgraphs would carry every subgraph's fields when they are built in one process
 * (`npm run compose`, tests). Each subgraph makes its own.
 */
export function defineEnterpriseReference() {
  @ObjectType('Enterprise')
  @Directive('@key(fields: "uscc")')
  class EnterpriseReference {
    @Field(() => String, { description: '统一社会信用代码 (USCC, GB 32100-2015).' })
    uscc!: string;
  }
  return EnterpriseReference;
}

export type EnterpriseReference = { uscc: string };

export const enterpriseReferenceResolver = {
  Enterprise: { __resolveReference: (ref: { uscc: string }) => ({ uscc: ref.uscc }) },
};
