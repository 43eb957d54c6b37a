/** Bundles a panel entry into one self-contained HTML page (scripts and styles inlined). */
export function buildPanelHtml(options: { entry: string; title: string; define?: Record<string, string> }): Promise<string>;
