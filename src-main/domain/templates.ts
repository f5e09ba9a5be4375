/**
 * Message templates with {{placeholders}}. The set of placeholders is closed: a template
 * naming one we do not know is refused when it is saved, not discovered when it is sent.
 */
import { TEMPLATE_PLACEHOLDERS } from '../../src-preload/contract';

export const PLACEHOLDERS = TEMPLATE_PLACEHOLDERS;
export type Placeholder = (typeof PLACEHOLDERS)[number];
export type TemplateValues = Record<Placeholder, string>;

const TAG = /\{\{\s*([^{}]*?)\s*\}\}/g;

export function unknownPlaceholders(template: string): string[] {
  const unknown = new Set<string>();
  for (const [, name] of template.matchAll(TAG)) {
    if (!(PLACEHOLDERS as readonly string[]).includes(name!)) unknown.add(name!);
  }
  return [...unknown];
}

export function renderTemplate(template: string, values: TemplateValues): string {
  return template.replace(TAG, (whole, name: string) => ((PLACEHOLDERS as readonly string[]).includes(name) ? values[name as Placeholder] : whole));
}
