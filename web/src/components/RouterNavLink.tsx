import { NavLink, type NavLinkProps } from '@mantine/core';
import { createLink, type LinkComponent } from '@tanstack/react-router';
import type { Ref } from 'react';

// Mantine's NavLink rendered as a TanStack Router link, so `to`/`params` are type-checked
// against the route tree and navigation stays client-side.
interface AnchorNavLinkProps extends Omit<NavLinkProps, 'href'> {
  ref?: Ref<HTMLAnchorElement>;
}

function AnchorNavLink(props: AnchorNavLinkProps) {
  return <NavLink component="a" {...props} />;
}

const CreatedNavLink = createLink(AnchorNavLink);

export const RouterNavLink: LinkComponent<typeof AnchorNavLink> = (props) => <CreatedNavLink {...props} />;
