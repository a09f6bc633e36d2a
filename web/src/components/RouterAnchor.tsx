import { Anchor, type AnchorProps } from '@mantine/core';
import { createLink, type LinkComponent } from '@tanstack/react-router';
import type { AnchorHTMLAttributes, Ref } from 'react';

// Mantine's Anchor rendered as a TanStack Router link: a real href (new tab, copy link, middle click), client-side
// navigation on a plain click, and `to`/`params` type-checked against the route tree.
interface RoutedAnchorProps extends AnchorProps, Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'color' | 'style'> {
  ref?: Ref<HTMLAnchorElement>;
}

function RoutedAnchor(props: RoutedAnchorProps) {
  return <Anchor component="a" {...props} />;
}

const CreatedAnchor = createLink(RoutedAnchor);

export const RouterAnchor: LinkComponent<typeof RoutedAnchor> = (props) => <CreatedAnchor {...props} />;
