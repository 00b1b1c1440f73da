/** The count conditions of correlation rules: whether a count satisfies one, and how to say it. */
import type { CountCondition } from './model.js';

export function conditionHolds(condition: CountCondition, count: number): boolean {
  if (condition.gt !== undefined && !(count > condition.gt)) return false;
  if (condition.gte !== undefined && !(count >= condition.gte)) return false;
  if (condition.lt !== undefined && !(count < condition.lt)) return false;
  if (condition.lte !== undefined && !(count <= condition.lte)) return false;
  if (condition.eq !== undefined && count !== condition.eq) return false;
  return true;
}

/** True when a larger count can never turn a holding condition false (only lower bounds). */
export function isMonotone(condition: CountCondition): boolean {
  return condition.lt === undefined && condition.lte === undefined && condition.eq === undefined;
}

export function describeCondition(condition: CountCondition): string {
  const words: Record<keyof CountCondition, string> = { gt: '>', gte: '≥', lt: '<', lte: '≤', eq: '=' };
  return (Object.keys(words) as (keyof CountCondition)[])
    .filter((key) => condition[key] !== undefined)
    .map((key) => `${words[key]} ${condition[key]}`)
    .join(' and ');
}
