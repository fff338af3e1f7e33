/** Reading a saved plan file (`apply PLANFILE`, `show PLANFILE`). */
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import type { CliContext } from './context';
import type { Plan } from '../model/types';
import { OktaOuError } from '../errors';
import { parsePlanJson } from '../render/json';

export async function readPlanFile(ctx: CliContext, file: string): Promise<Plan> {
  let text: string;
  try {
    text = await fs.readFile(path.resolve(ctx.cwd, file), 'utf8');
  } catch (e) {
    throw new OktaOuError('PLAN_NOT_FOUND', `cannot read plan file ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, {
      hint: 'save a plan with `okta-ou plan --out FILE`',
    });
  }
  return parsePlanJson(text, file);
}
