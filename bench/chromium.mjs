// The browser the benchmarks drive: Debian's Chromium where it is installed (or CHROMIUM_PATH),
// Playwright's own elsewhere, with the flags playwright.config.ts gives the end-to-end tests.
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export const launchChromium = () =>
  chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined),
    args: CHROMIUM_ARGS,
  });
