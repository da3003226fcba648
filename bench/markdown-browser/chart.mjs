// A hand-written SVG of the browser bench: median per-update cost (log scale) against the
// answer's length for each library, from the whole-stream run (a capped peer's line stops
// where its time ran out), with the 30/60/120 KB window medians as dots.

const COLORS = {
  floor: '#6b7280',
  rivulet: '#2563eb',
  'react-markdown': '#dc2626',
  streamdown: '#16a34a',
}
const escape = (s) => String(s).replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`)

export function chart(results) {
  const W = 800
  const H = 420
  const pad = { left: 64, right: 200, top: 36, bottom: 48 }
  const libs = Object.entries(results.libraries)
  const all = libs
    .flatMap(([, r]) => [
      ...r.series.map(([, ms]) => ms),
      ...Object.values(r.windows).map((w) => w.p50),
    ])
    .filter((v) => v > 0)
  const lo = Math.pow(10, Math.floor(Math.log10(Math.min(...all))))
  const hi = Math.pow(10, Math.ceil(Math.log10(Math.max(...all))))
  const maxX = results.document.chars
  const x = (chars) => pad.left + (chars / maxX) * (W - pad.left - pad.right)
  const y = (ms) =>
    pad.top +
    (1 - Math.log10(Math.max(ms, lo) / lo) / Math.log10(hi / lo)) * (H - pad.top - pad.bottom)
  const parts = []
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" font-family="system-ui, sans-serif" font-size="12">`,
    `<rect width="${W}" height="${H}" fill="#fff"/>`,
    `<text x="${pad.left}" y="20" font-size="14" font-weight="600">Per-update cost (render + commit) against answer length, median per 4 KB</text>`,
  )
  for (let v = lo; v <= hi * 1.0001; v *= 10) {
    parts.push(
      `<line x1="${pad.left}" x2="${W - pad.right}" y1="${y(v)}" y2="${y(v)}" stroke="#e5e7eb"/>`,
      `<text x="${pad.left - 6}" y="${y(v) + 4}" text-anchor="end">${v >= 1 ? v : v.toPrecision(1)} ms</text>`,
    )
  }
  for (let kb = 0; kb <= maxX / 1000; kb += 20) {
    parts.push(
      `<line x1="${x(kb * 1000)}" x2="${x(kb * 1000)}" y1="${pad.top}" y2="${H - pad.bottom}" stroke="#f3f4f6"/>`,
      `<text x="${x(kb * 1000)}" y="${H - pad.bottom + 16}" text-anchor="middle">${kb} KB</text>`,
    )
  }
  parts.push(
    `<text x="${(pad.left + W - pad.right) / 2}" y="${H - 10}" text-anchor="middle">answer length</text>`,
  )
  libs.forEach(([name, r], i) => {
    const color = COLORS[name] ?? '#000'
    const points = r.series.map(([chars, ms]) => `${x(chars).toFixed(1)},${y(ms).toFixed(1)}`)
    parts.push(
      `<polyline fill="none" stroke="${color}" stroke-width="2" points="${points.join(' ')}"/>`,
    )
    for (const [chars, w] of Object.entries(r.windows))
      parts.push(`<circle cx="${x(Number(chars))}" cy="${y(w.p50)}" r="4" fill="${color}"/>`)
    const label = `${name}${r.stream.error ? ' (threw)' : r.stream.completed ? '' : ' (capped)'}`
    parts.push(
      `<rect x="${W - pad.right + 12}" y="${pad.top + i * 22}" width="14" height="4" fill="${color}"/>`,
      `<text x="${W - pad.right + 32}" y="${pad.top + i * 22 + 6}">${escape(label)}</text>`,
    )
  })
  parts.push(
    `<text x="${W - pad.right + 12}" y="${pad.top + libs.length * 22 + 10}" fill="#6b7280">dots: median of 200</text>`,
    `<text x="${W - pad.right + 12}" y="${pad.top + libs.length * 22 + 26}" fill="#6b7280">updates at 30/60/120 KB</text>`,
    '</svg>',
  )
  return parts.join('\n') + '\n'
}
