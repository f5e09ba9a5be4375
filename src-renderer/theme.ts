/**
 * The Mantine theme, with the colours that WCAG AA asks for (text at least 4.5:1 against what
 * it sits on). Mantine's defaults fall short in places: dimmed text (gray 6 on white, 3.3:1),
 * white on a filled button or badge of most colours (teal 6, 2.6:1), a light badge's text on
 * its tint (orange 9 on orange 1, 3.6:1). Rather than fix each screen, the shades are chosen
 * here by measuring: for every colour, the first shade from the usual one on that reaches 4.5:1,
 * darkened further where none does. The accessibility end-to-end test runs axe on every screen.
 */
import {
  Alert,
  Badge,
  createTheme,
  darken,
  DEFAULT_THEME,
  luminance,
  Notification,
  FileInput,
  Modal,
  TableScrollContainer,
  type CSSVariablesResolver,
  type MantineColorsTuple,
} from '@mantine/core';

const AA = 4.5;

export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** The first of the shades (in order) that reads at AA on every background; else the last, darkened until it does. */
function readable(shades: string[], backgrounds: string[]): string {
  const reads = (c: string) => backgrounds.every((bg) => contrast(c, bg) >= AA);
  const found = shades.find(reads);
  if (found) return found;
  let c = shades[shades.length - 1]!;
  for (let step = 0.05; step <= 1 && !reads(c); step += 0.05) c = darken(shades[shades.length - 1]!, step);
  return c;
}

/** The lightest shade (from `from` on) that reads at AA against the backgrounds, for dark schemes: lighten by going down the scale. */
function readableOnDark(tuple: MantineColorsTuple, backgrounds: string[], from: number): string {
  for (let i = from; i >= 0; i--) if (backgrounds.every((bg) => contrast(tuple[i]!, bg) >= AA)) return tuple[i]!;
  return tuple[0];
}

const colors = DEFAULT_THEME.colors;
const WHITE = DEFAULT_THEME.white;
const dark = colors.dark;

function schemeVariables(): { light: Record<string, string>; dark: Record<string, string> } {
  const light: Record<string, string> = {};
  const darkVars: Record<string, string> = {};
  for (const [name, tuple] of Object.entries(colors)) {
    // Filled buttons, badges and coloured text carry white text, or sit on white.
    const filled = readable([tuple[6], tuple[7], tuple[8], tuple[9]], [WHITE]);
    light[`--mantine-color-${name}-filled`] = filled;
    light[`--mantine-color-${name}-text`] = filled;
    light[`--mantine-color-${name}-outline`] = filled;
    light[`--mantine-color-${name}-filled-hover`] = darken(filled, 0.1);
    // A light badge, button or the current page's link: dark text on the colour's tint (shade 1,
    // shade 2 under the pointer), or on white round it.
    light[`--mantine-color-${name}-light-color`] = readable([tuple[9]], [tuple[1], tuple[2], WHITE]);
    darkVars[`--mantine-color-${name}-filled`] = filled;
    darkVars[`--mantine-color-${name}-filled-hover`] = darken(filled, 0.1);
    // Coloured text in the dark scheme sits on the body (dark 7) or a card or input (dark 6).
    darkVars[`--mantine-color-${name}-text`] = readableOnDark(tuple, [dark[7], dark[6]], 4);
  }
  const indigo = light['--mantine-color-indigo-filled']!;
  return {
    light: {
      ...light,
      '--mantine-color-dimmed': readable([colors.gray[6], colors.gray[7]], [WHITE, colors.gray[0], colors.gray[1]]),
      // A placeholder is text a person has to read too (a Select's "Any client").
      '--mantine-color-placeholder': readable([colors.gray[6], colors.gray[7]], [WHITE]),
      '--mantine-color-error': light['--mantine-color-red-filled']!,
      '--mantine-color-anchor': indigo,
    },
    dark: {
      ...darkVars,
      '--mantine-color-dimmed': readableOnDark(dark, [dark[7], dark[6]], 2),
      '--mantine-color-placeholder': readableOnDark(dark, [dark[6]], 3),
      '--mantine-color-error': readableOnDark(colors.red, [dark[7], dark[6]], 6),
    },
  };
}

const variables = schemeVariables();

export const cssVariablesResolver: CSSVariablesResolver = () => ({ variables: {}, light: variables.light, dark: variables.dark });

export const theme = createTheme({
  primaryColor: 'indigo',
  defaultRadius: 'md',
  components: {
    // A table wider than the page scrolls sideways; a keyboard must reach it to scroll it
    // (WCAG 2.1.1), and it shows where focus is like every other control.
    // Close buttons are icons: give them words.
    Notification: Notification.extend({ defaultProps: { closeButtonProps: { 'aria-label': 'Dismiss' } } }),
    Modal: Modal.extend({ defaultProps: { closeButtonProps: { 'aria-label': 'Close' } } }),
    Alert: Alert.extend({ defaultProps: { closeButtonLabel: 'Dismiss' } }),
    FileInput: FileInput.extend({ defaultProps: { clearButtonProps: { 'aria-label': 'Clear the chosen file' } } }),
    // A badge is as wide as its word: Mantine cuts a squeezed badge's label with an ellipsis ("GUE…").
    Badge: Badge.extend({ styles: { root: { flexShrink: 0, maxWidth: 'none', overflow: 'visible' }, label: { overflow: 'visible', textOverflow: 'clip' } } }),
    TableScrollContainer: TableScrollContainer.extend({
      defaultProps: { scrollAreaProps: { viewportProps: { tabIndex: 0, className: 'mantine-focus-auto' } } },
    }),
  },
});
