/** CSS files imported for their side effect: esbuild inlines them into the panel page. */
declare module '*.css';
