import type { AmountBounds, IssueKey } from '../schema.js';
import type { ElementStrings } from './strings.js';

/** The sentence for a validation issue, in the table's language. */
export function describeIssue(
  issue: IssueKey,
  strings: ElementStrings,
  formatAmount: (amount: number) => string,
  bounds: AmountBounds,
): string {
  switch (issue) {
    case 'amountTooSmall':
      return strings.amountTooSmall(formatAmount(bounds.minAmount ?? 0.01));
    case 'amountTooLarge':
      return strings.amountTooLarge(formatAmount(bounds.maxAmount ?? 0));
    case 'invalid':
      return strings.misconfigured;
    default:
      return strings[issue];
  }
}
