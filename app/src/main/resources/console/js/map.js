// The camera map. With a tile server configured on the node (console.map_tiles) the cameras are drawn on its
// tiles; without one, on a plain schematic: the positions in metres around their centre, with a scale bar, no
// background at all (nothing is ever fetched from outside the node). Other pages and features add their own
// markers with addLayer(name, items), e.g. open complaints.

import { h } from './dom.js';
import { leafletLib } from './vendor.js';
import { tr } from './i18n.js';

const M_PER_DEG_LAT = 110_574;   // metres per degree of latitude (WGS 84, near the equator: Jambi is at 1.6 deg S)

/**
 * Draws the map into el. data: the answer of GET /console-api/board/map ({tiles, cameras}).
 * Returns { addLayer(name, items), remove(), placed, unplaced }; items: [{lat, lon, label, detail?, color?}].
 */
export async function cameraMap(el, data) {
  const L = await leafletLib();
  const placed = data.cameras.filter(c => c.position);
  const unplaced = data.cameras.filter(c => !c.position);
  const box = h('div', { class: 'map ' + (data.tiles ? 'tiled' : 'schematic'), id: 'camera-map' });
  el.replaceChildren(box);

  const schematic = !data.tiles;
  const lat0 = placed.length ? placed.reduce((s, c) => s + c.position.lat, 0) / placed.length : -1.61;
  const lon0 = placed.length ? placed.reduce((s, c) => s + c.position.lon, 0) / placed.length : 103.61;
  const mPerDegLon = 111_320 * Math.cos(lat0 * Math.PI / 180);
  // schematic: CRS.Simple with one unit per metre, so the scale bar reads metres
  const at = schematic ? (lat, lon) => L.latLng((lat - lat0) * M_PER_DEG_LAT, (lon - lon0) * mPerDegLon)
    : (lat, lon) => L.latLng(lat, lon);

  const map = L.map(box, schematic
    ? { crs: L.CRS.Simple, minZoom: -6, maxZoom: 4, zoomSnap: 0.25, attributionControl: false }
    : { maxZoom: 19 });
  if (data.tiles) {
    map.attributionControl.setPrefix(false);   // the provider's credit only: no link out of the console
    L.tileLayer(data.tiles.url, { attribution: data.tiles.attribution || '', maxZoom: 19 }).addTo(map);
  }
  L.control.scale({ metric: true, imperial: false }).addTo(map);
  const control = L.control.layers(null, {}, { collapsed: false }).addTo(map);

  function markers(items, className, color) {
    const group = L.layerGroup();
    for (const it of items) {
      L.circleMarker(at(it.lat, it.lon), { radius: 8, color: it.color || color, weight: 2, fillOpacity: 0.7, className })
        .bindTooltip(it.label, { permanent: className === 'camera-marker', direction: 'right' })
        .bindPopup(it.detail ? it.label + ' — ' + it.detail : it.label)
        .addTo(group);
    }
    return group;
  }

  const cameras = markers(placed.map(c => ({ lat: c.position.lat, lon: c.position.lon, label: c.name || c.id,
    detail: (c.location || c.id) + (c.streaming ? tr(' · mengalir', ' · streaming') : tr(' · tidak mengalir', ' · not streaming')),
    color: c.streaming ? '#2e7d32' : '#c62828' })), 'camera-marker', '#1565c0').addTo(map);
  control.addOverlay(cameras, tr('Kamera', 'Cameras'));

  if (placed.length > 1) {
    map.fitBounds(L.latLngBounds(placed.map(c => at(c.position.lat, c.position.lon))), { padding: [40, 40] });
  } else {
    map.setView(placed.length ? at(placed[0].position.lat, placed[0].position.lon) : at(lat0, lon0),
      schematic ? -1 : 16);
  }

  const layers = new Map();
  return {
    map, placed, unplaced,
    /** Adds (or replaces) a named layer of markers, shown and listed in the layer switch. */
    addLayer(name, items, color = '#6a1b9a') {
      const old = layers.get(name);
      if (old) { control.removeLayer(old); old.remove(); }
      const group = markers(items.filter(i => i.lat != null && i.lon != null), 'layer-marker', color).addTo(map);
      control.addOverlay(group, name);
      layers.set(name, group);
      return group;
    },
    remove() { map.remove(); },
  };
}
