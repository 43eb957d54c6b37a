/**
 * The standalone panel page (dist/panel/index.html): the panel on an in-memory workbook, for
 * trying it in a browser, tests and screenshots (ui/standalone-page.ts says how to configure it).
 */
import { openStandalone } from './standalone-page.ts';

openStandalone();
