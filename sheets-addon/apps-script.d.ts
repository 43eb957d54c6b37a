// The Apps Script services (SpreadsheetApp, LockService, …) as the server code sees them:
// their real signatures, so calling a method Apps Script does not have is a compile error.
/// <reference types="google-apps-script" />
export {};
