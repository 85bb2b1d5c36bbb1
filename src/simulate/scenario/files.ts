/** Scenario files sit beside their spec: `x.yaml` is tested by `x.test.yaml` (docs/testing.md). */

export function isScenarioFile(file: string): boolean {
  return /\.test\.ya?ml$/.test(file);
}

export function specOfScenarioFile(file: string): string {
  return file.replace(/\.test\.(ya?ml)$/, '.$1');
}

export function scenarioFileOf(spec: string): string {
  return /\.ya?ml$/.test(spec) ? spec.replace(/\.(ya?ml)$/, '.test.$1') : `${spec}.test.yaml`;
}
