import { createTheme, type MantineColorsTuple } from '@mantine/core';

// "Pétrole": a deep blue-teal. Calm and serious enough for accounting and
// compliance screens, distinct from the default Mantine blue. Shade 7 is the
// brand colour (#0b5c73); lighter shades are for backgrounds and hovers.
const petrole: MantineColorsTuple = [
  '#e7f5f8',
  '#cfe7ee',
  '#a2cfdc',
  '#71b5c8',
  '#4a9fb7',
  '#3191ac',
  '#1f7f99',
  '#0b5c73',
  '#084c60',
  '#053b4b',
];

export const theme = createTheme({
  primaryColor: 'petrole',
  primaryShade: { light: 7, dark: 5 },
  colors: { petrole },
  defaultRadius: 'md',
  fontFamily:
    'Inter, ui-sans-serif, system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  headings: { fontWeight: '650' },
  cursorType: 'pointer',
});
