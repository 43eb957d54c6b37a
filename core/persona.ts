/** Personas (SPEC §1): a contact's job title matched against persona rows, first match wins. */
import type { Model } from './model.ts';
import { makeTest } from './rules.ts';
import { normalizeText } from './text.ts';
import { type Cell, isErrorText, readText } from './values.ts';

export interface PersonaMatcher {
  /** The persona label for a title, or '' when none matches. */
  match(title: Cell): string;
}

/** Persona rows only take text rules (the model reader enforces it), so a title is read as text. */
export function personaMatcher(model: Model): PersonaMatcher {
  const rows = model.personas.map((entry) => ({
    name: entry.name,
    test: makeTest(entry.rule!, entry.operand, { asOf: 0 }) as (title: string) => number,
  }));
  return {
    match(title) {
      const text = isErrorText(title) ? null : readText(title);
      if (text === null) return '';
      const normalized = normalizeText(text);
      for (const row of rows) if (row.test(normalized) > 0) return row.name;
      return '';
    },
  };
}
