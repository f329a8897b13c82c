import { Directive, Field, ObjectType } from 'type-graphql';

/**
 * The "department contract": what every department subgraph answers to the joint-inspection
 * service, with the same shape everywhere so that a new department gets it for free. Contract
 * fields are @inaccessible: composed into the supergraph but never offered to clients through
 * the gateway; only services call them, directly and with the service role.
 */
@ObjectType('DepartmentTarget', { description: "One business in one department's target directory." })
@Directive('@shareable')
@Directive('@inaccessible')
export class DepartmentTarget {
  @Field(() => String)
  department!: string;

  @Field(() => String)
  uscc!: string;

  @Field(() => String, { description: 'Date the business entered the directory (YYYY-MM-DD).' })
  supervisedSince!: string;
}

/** Name of the contract query, identical in every department subgraph. */
export const CONTRACT_TARGETS_QUERY = 'departmentTargets';
