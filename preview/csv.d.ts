/** The sample CSVs, bundled as text by esbuild (`loader: { '.csv': 'text' }`). */
declare module '*.csv' {
  const text: string;
  export default text;
}
