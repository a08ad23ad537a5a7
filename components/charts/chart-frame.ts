// What the two time charts share: full-width, responsive, named for screen readers (recharts'
// accessibility layer makes the chart one tab stop), the same grid and axis text.
export function chartFrame(name: string) {
  return {
    responsive: true,
    style: { width: "100%", height: "100%" },
    "aria-label": `${name}. Focus the chart and use the arrow keys to read each point.`,
    margin: { top: 4, right: 8, bottom: 0, left: 0 },
  };
}

export const GRID = { strokeDasharray: "3 3", vertical: false, stroke: "#e4e4e7" };
export const AXIS_TICK = { fontSize: 12, fill: "#52525b" };
