import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Where kubectl lives on our machines (`packages/toolchain/ensure-kubectl.sh` installs it). */
export const KUBECTL = process.env.KUBECTL ?? '/usr/bin/kubectl';

export interface KubectlResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** kubectl as one user: a kubeconfig of its own, arguments, and an optional manifest on stdin. */
export function kubectlAs(kubeconfig: string) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gatehouse-kubectl-'));
  const file = path.join(dir, 'kubeconfig');
  fs.writeFileSync(file, kubeconfig);
  return (args: string[], stdin?: string): Promise<KubectlResult> =>
    new Promise((resolve, reject) => {
      const child = spawn(KUBECTL, ['--kubeconfig', file, ...args], {
        env: { ...process.env, HOME: dir },
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', d => (stdout += d));
      child.stderr.on('data', d => (stderr += d));
      child.on('error', reject);
      child.on('close', code => resolve({ code: code ?? -1, stdout, stderr }));
      child.stdin.end(stdin ?? '');
    });
}
