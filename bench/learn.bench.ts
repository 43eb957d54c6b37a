// `npm run bench -- learn`: learning and validating a 41-row model on a 50,000-row history.
// Budget (issue #5): under 2 s for the whole learnFromHistory call.
import { learnFromHistory } from '../core/learner.ts';
import { WIDE_MODEL, wideHistory } from '../test/fixtures/learn/wide.ts';

const ROWS = 50_000;
const BUDGET_MS = 2_000;

function peakRssMb(): string {
  return (process.resourceUsage().maxRSS / 1024).toFixed(0);
}

export default async function (): Promise<void> {
  const history = wideHistory(ROWS, 42);
  const modelRows = WIDE_MODEL.length - 1;
  const variants = [
    { name: 'time split (closed dates)', columns: { outcome: 'Outcome', amount: 'Amount', created: 'Created', closed: 'Closed' } },
    { name: '5-fold (no closed dates)', columns: { outcome: 'Outcome', amount: 'Amount', created: 'Created' } },
  ];
  // One warm-up run so the JIT has seen the code, as a panel's second click would.
  learnFromHistory({ modelGrid: WIDE_MODEL, historyGrid: history.slice(0, 2_001), columns: variants[0]!.columns });
  for (const variant of variants) {
    const started = performance.now();
    const report = learnFromHistory({ modelGrid: WIDE_MODEL, historyGrid: history, columns: variant.columns });
    const ms = performance.now() - started;
    if (!report.ok) throw new Error(report.problem);
    const rate = Math.round(ROWS / (ms / 1000)).toLocaleString('en-US');
    const verdict = ms < BUDGET_MS ? 'within' : 'OVER';
    console.log(
      `learn ${ROWS.toLocaleString('en-US')} rows × ${modelRows}-row model, ${variant.name}: ${ms.toFixed(0)} ms · ${rate} rows/s · ` +
        `peak RSS ${peakRssMb()} MB · ${verdict} the ${BUDGET_MS / 1000} s budget · validation AUC ${report.validation.current.auc?.toFixed(3)} → ${report.validation.suggested.auc?.toFixed(3)}`,
    );
  }
}
