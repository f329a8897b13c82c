import { Directive, Field, InputType, Int, ObjectType } from 'type-graphql';

/** Sampling ratios per credit-risk class, the same type wherever items and tasks show them. */
@ObjectType('SamplingRatios', {
  description: 'Sampling ratio per credit-risk class, in basis points (1/100 of a percent): 500 = 5 %, 10000 = 100 %.',
})
@Directive('@shareable')
export class SamplingRatios {
  @Field(() => Int, { description: 'Class A (low risk), basis points.' })
  A!: number;

  @Field(() => Int, { description: 'Class B (medium risk), basis points.' })
  B!: number;

  @Field(() => Int, { description: 'Class C (higher risk), basis points.' })
  C!: number;

  @Field(() => Int, { description: 'Class D (high risk), basis points.' })
  D!: number;
}

@InputType('SamplingRatiosInput', { description: 'Basis points per credit-risk class, 0–10000: 500 = 5 %.' })
export class SamplingRatiosInput {
  @Field(() => Int, { description: 'Class A (low risk).' })
  A!: number;

  @Field(() => Int, { description: 'Class B.' })
  B!: number;

  @Field(() => Int, { description: 'Class C.' })
  C!: number;

  @Field(() => Int, { description: 'Class D (high risk).' })
  D!: number;
}
