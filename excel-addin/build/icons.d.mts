export const ICON_SIZES: number[];
export function encodePng(size: number, pixel: (x: number, y: number) => [number, number, number, number]): Buffer;
export function iconPng(size: number): Buffer;
