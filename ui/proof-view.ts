/**
 * The proof table in the panel (issue #20): the scored sheet's rows read once, and the core's one
 * computation (core/proof.ts, what ICP_PROOF shows on the summary sheet) over the columns picked in
 * the Summary tab, drawn to fit the 300 px panel: per tier the win rate, average won amount, median
 * sales cycle, churn rate and NRR, won and lost under the tier's name, then the headline.
 */
import { html } from 'htm/preact';
import type { VNode } from 'preact';
import { type Cell, type Model, type Proof, headerKey, proofTable } from '../core/index.ts';

/** Rows read from the scored sheet at most (as many as Learn reads). */
export const PROOF_ROWS = 100_000;

/** The headers picked in the Summary tab ('' = none). */
export interface ProofPicks {
  tier: string;
  won: string;
  amount: string;
  created: string;
  closed: string;
  churned: string;
  arrNow: string;
}

/**
 * The proof of the rows read (`headers` over `rows`, dates as ISO text as every host reads them),
 * or null without a tier or won column among the headers.
 */
export function proofOfRows(headers: readonly string[], rows: readonly (readonly Cell[])[], picks: ProofPicks, model: Model): Proof | null {
  const column = (header: string) => (header ? headers.findIndex((h) => headerKey(h) === headerKey(header)) : -1);
  const list = (header: string) => {
    const at = column(header);
    return at < 0 ? undefined : rows.map((row) => row[at] ?? null);
  };
  const tiers = list(picks.tier);
  const won = list(picks.won);
  if (!tiers || !won) return null;
  return proofTable(tiers, model, { won, amount: list(picks.amount), created: list(picks.created), closed: list(picks.closed), churned: list(picks.churned), arrNow: list(picks.arrNow) });
}

const percent = (value: number | null) => (value === null ? '–' : `${Math.round(value * 100)}%`);
const compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });
/** Amounts of 10,000 and more in short (40.7K, 1.2M), so the column stays narrow. */
const amount = (value: number | null) => (value === null ? '–' : Math.abs(value) >= 10_000 ? compact.format(value) : Math.round(value).toLocaleString('en-US'));
const days = (value: number | null) => (value === null ? '–' : String(Math.round(value * 10) / 10));

/** The table and its headline, as the panel shows them. */
export function ProofTable({ proof, sheet }: { proof: Proof; sheet: string }): VNode {
  return html`<figure class="proof" data-testid="proof">
    <figcaption class="proof-caption">Proof by tier: "${sheet}"</figcaption>
    <div class="proof-scroll">
      <table class="proof-table" data-testid="proof-table">
        <thead>
          <tr>
            <th scope="col">Tier</th>
            <th scope="col" title="Won ÷ (won + lost)">Win rate</th>
            <th scope="col" title="Average amount of won deals">Avg deal</th>
            <th scope="col" title="Median sales cycle of won deals: days from created to closed">Days</th>
            <th scope="col" title="Share of won accounts that churned">Churn</th>
            <th scope="col" title="Net revenue retention: ARR now ÷ amount at close, won deals">NRR</th>
          </tr>
        </thead>
        <tbody>
          ${proof.rows.map(
            (row) => html`<tr class=${row.tier === 'Total' ? 'proof-total' : ''} data-testid="proof-row">
              <th scope="row">
                <span class="proof-tier">${row.tier}</span>
                <span class="proof-counts">${row.won} won · ${row.lost} lost${row.accounts > row.won + row.lost ? ` · ${row.accounts - row.won - row.lost} open` : ''}</span>
              </th>
              <td>${percent(row.winRate)}</td>
              <td>${amount(row.avgWonAmount)}</td>
              <td>${days(row.medianCycleDays)}</td>
              <td>${percent(row.churnRate)}</td>
              <td>${percent(row.nrr)}</td>
            </tr>`,
          )}
        </tbody>
      </table>
    </div>
    <p class="proof-headline" data-testid="proof-headline">${proof.headline}</p>
  </figure>`;
}
