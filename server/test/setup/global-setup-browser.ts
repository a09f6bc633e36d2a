import type { TestProject } from 'vitest/node';
import { chromiumAvailable } from './engines.ts';

export default function setup(project: TestProject) {
  project.provide('chromium', chromiumAvailable());
}
