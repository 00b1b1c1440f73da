/**
 * Which rules can match a record, from its eventName alone: the rules whose eventNames contain it (compared
 * lower-cased, as Sigma compares values) plus every rule that does not constrain eventName, in the original rule
 * order. The lists are built once per distinct name at construction; lookups by the record's own spelling are
 * cached so that the hot path is one Map lookup.
 */
import type { CompiledRule } from './compile.js';

/** Distinct raw spellings remembered before the cache starts over (records are attacker-influenced input). */
const MAX_CACHED = 10_000;

export class RuleIndex {
  private readonly unconstrained: readonly CompiledRule[];
  private readonly byName = new Map<string, readonly CompiledRule[]>();
  private readonly cache = new Map<string, readonly CompiledRule[]>();

  constructor(rules: readonly CompiledRule[]) {
    this.unconstrained = Object.freeze(rules.filter((rule) => rule.eventNames === null));
    const names = new Set<string>();
    for (const rule of rules) for (const name of rule.eventNames ?? []) names.add(name);
    for (const name of names) {
      this.byName.set(
        name,
        Object.freeze(rules.filter((rule) => rule.eventNames === null || rule.eventNames.has(name))),
      );
    }
  }

  candidates(eventName: string): readonly CompiledRule[] {
    const cached = this.cache.get(eventName);
    if (cached !== undefined) return cached;
    const found = this.byName.get(String(eventName).toLowerCase()) ?? this.unconstrained;
    if (this.cache.size >= MAX_CACHED) this.cache.clear();
    this.cache.set(eventName, found);
    return found;
  }
}
