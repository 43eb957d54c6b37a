export interface CustomFunctionSource {
  id: string;
  description: string;
  parameters: { name: string; description: string; optional: boolean }[];
  returns: string;
}
export function functionName(id: string): string;
export function jsdocSource(functions: CustomFunctionSource[], global: string): string;
export function generateMetadata(source: string): Promise<{
  json: string;
  metadata: { functions: { id: string; name: string }[] };
  associate: { functionName: string; id: string }[];
}>;
