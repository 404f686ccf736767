// Share of page views (caniuse-lite's usage data, global and one country) by what a browser shows:
// AVIF, WebP but not AVIF, neither. `node browsers.js REGION` prints one JSON line.
const lite = require("caniuse-lite");
const region = process.argv[2] || "VN";
const agents = lite.agents;
const avif = lite.feature(lite.features.avif).stats;
const webp = lite.feature(lite.features.webp).stats;
const latest = (browser) => {  // regional data file "latest only" browsers (Android Chrome, UC) as version "0"
  const versions = Object.keys(agents[browser].release_date || {});
  return versions[versions.length - 1];
};
const shows = (stats, browser, version) => {
  const row = stats[browser] || {};
  const flag = row[version] || (version === "0" ? row[latest(browser)] : undefined) || "n";
  return flag.startsWith("y") || flag.startsWith("a");  // yes, or partial (animated AVIF, lossless WebP missing)
};
function shares(usage) {
  const out = { avif: 0, webp_only: 0, neither: 0, unknown: 0 };
  for (const [browser, versions] of Object.entries(usage)) {
    for (const [version, share] of Object.entries(versions)) {
      if (!share) continue;
      if (!agents[browser]) { out.unknown += share; continue; }
      if (shows(avif, browser, version)) out.avif += share;
      else if (shows(webp, browser, version)) out.webp_only += share;
      else out.neither += share;
    }
  }
  return out;
}
const globalUsage = {};
for (const [browser, info] of Object.entries(agents)) globalUsage[browser] = info.usage_global;
const local = lite.region(require(`caniuse-lite/data/regions/${region}.js`));
console.log(JSON.stringify({ version: require("caniuse-lite/package.json").version, global: shares(globalUsage),
  [region]: shares(local) }));
