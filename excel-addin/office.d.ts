// The Office JavaScript API (Excel.run, Office.onReady) as the add-in sees it: its real types, so
// calling a method Excel does not have is a compile error. Runtime enums are written as their
// string values in the code (the tests run without the Excel global).
/// <reference types="office-js" />
export {};
