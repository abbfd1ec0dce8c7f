// Charts for the report pages (Apache ECharts, served by the hub from npm): an SVG bar or line
// chart with a title and a legend, which prints as it shows.

// The chart library, or null when it is not installed (the tables still show).
export async function loadCharts() {
  try {
    return await import('/office/vendor/echarts.esm.min.js');
  } catch (e) {
    return null;
  }
}

export function chart(echarts, element, title, labels, series) {
  const c = echarts.init(element, null, { renderer: 'svg' });
  c.setOption({
    color: ['#1a4f8b', '#2f9e69', '#c0392b', '#d68910'],
    title: { text: title, left: 10, top: 8, textStyle: { fontSize: 14 } },
    tooltip: { trigger: 'axis' },
    legend: { top: 36 },
    grid: { left: 48, right: 16, top: 72, bottom: 56 },
    xAxis: { type: 'category', data: labels, axisLabel: { interval: 0, rotate: labels.length > 8 ? 40 : 0 } },
    yAxis: { type: 'value' },
    animation: false,
    series: series.map(([name, data, type]) => ({ name, data, type: type || 'bar' })),
  });
  return c;
}

// Keeps `charts` sized to the window and the printed page; answers the page's clean-up, which
// stops that and frees them.
export function keepSized(charts) {
  const resize = () => charts.forEach((c) => c.resize());
  window.addEventListener('resize', resize);
  window.addEventListener('beforeprint', resize);
  return () => {
    window.removeEventListener('resize', resize);
    window.removeEventListener('beforeprint', resize);
    charts.forEach((c) => c.dispose());
  };
}
