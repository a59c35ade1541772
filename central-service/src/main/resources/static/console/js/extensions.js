// Where features plug in (secondary zones, shares, transfers, DNSSEC): a page of the main
// navigation, or a panel of a zone's page. A feature's module registers itself here and is
// imported by app.js.

const pages = [];
const zonePanels = [];

/**
 * A page: { id, title, route (a RegExp on the hash after '#/'), render(main, match), admin }.
 * Its title goes into the navigation unless nav is false.
 */
export function registerPage(page) {
  pages.push(page);
}

/**
 * A panel of the zone page: { id, title, render(container, zone), applies(zone) }. render may
 * return (or resolve to) update(zone, changed), called with each zone the page polls; changed
 * is true when its status or serial moved.
 */
export function registerZonePanel(panel) {
  zonePanels.push(panel);
}

export function registeredPages() {
  return pages;
}

export function registeredZonePanels(zone) {
  return zonePanels.filter((panel) => !panel.applies || panel.applies(zone));
}
