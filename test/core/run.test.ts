// The one function runner every host calls (core/run.ts): required arguments checked with one
// sentence, Excel's blank-as-0 undone by what each argument reads, the model read once per call.
import { describe, expect, it, vi } from 'vitest';
import { type FunctionDecl, isIcpError } from '../../core/index.ts';
import * as modelModule from '../../core/model.ts';
import { callFunction, requireFunction } from '../../core/run.ts';

// Every read of a model, counted (the real reader runs).
vi.mock('../../core/model.ts', async (original) => {
  const actual = await original<typeof import('../../core/model.ts')>();
  return { ...actual, readModel: vi.fn(actual.readModel) };
});
import { SPEC_EXAMPLE, SPEC_HEADERS, SPEC_PROSPECT, modelGrid } from '../fixtures/workbook.ts';

const MODEL = modelGrid(SPEC_EXAMPLE);

describe('the function runner', () => {
  it('names a missing required argument in one sentence, spelled as the host spells the function', () => {
    const score = requireFunction('SCORE');
    const sentence = (spell?: (fn: FunctionDecl) => string) => {
      try {
        callFunction(score, [[SPEC_PROSPECT]], { serialDates: false, ...(spell ? { spell } : {}) });
      } catch (error) {
        expect(isIcpError(error)).toBe(true);
        return (error as Error).message;
      }
      throw new Error('no error');
    };
    expect(sentence()).toBe('ICP_SCORE needs its headers argument: The header row over those columns, e.g. A1:H1.');
    expect(sentence((fn) => `ICP.${fn.id}`)).toBe('ICP.SCORE needs its headers argument: The header row over those columns, e.g. A1:H1.');
  });

  it('names every function when asked for one that is not declared', () => {
    expect(() => requireFunction('ICP_SCOR')).toThrow(/^ICP_SCOR is not one of the ICP functions \(ICP_SCORE, ICP_TIER, /);
  });

  it('reads zeros as blanks by what a parameter reads, whatever it is called', () => {
    const summary = requireFunction('SUMMARY');
    // The same declaration with its outcome parameter renamed: the policy follows `reads`, not the name.
    const renamed: FunctionDecl = {
      ...summary,
      parameters: summary.parameters.map((p) => (p.reads === 'outcomes' ? { ...p, name: 'closed as' } : p)),
      run: (args) => args[2] as never,
    };
    const won = [[0], ['Won']];
    expect(callFunction(renamed, [[['Priority'], ['Priority']], MODEL, won], { serialDates: true, zerosAreBlank: true })).toEqual([[null], ['Won']]);
    // Without the Excel policy, a 0 stays a 0.
    expect(callFunction(renamed, [[['Priority'], ['Priority']], MODEL, won], { serialDates: true })).toEqual([[0], ['Won']]);
  });

  it('reads the model once per call, Excel’s zero policy included', () => {
    const reads = vi.mocked(modelModule.readModel);
    const args = [[[450, 'SaaS', 'HubSpot; Gong', 0, 'yes']], [SPEC_HEADERS], MODEL];
    for (const options of [{ serialDates: true, zerosAreBlank: true }, { serialDates: false }]) {
      reads.mockClear();
      expect(callFunction(requireFunction('SCORE'), args, options)).toEqual([[85]]);
      expect(reads).toHaveBeenCalledTimes(1);
    }
  });

  it('scores as the declaration does', () => {
    expect(callFunction(requireFunction('ICP_SCORE'), [[SPEC_PROSPECT], [SPEC_HEADERS], MODEL], { serialDates: false })).toEqual([[85]]);
  });
});
