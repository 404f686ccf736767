"""Making the site plan (`plan.SitePlan`): `site.plan_site` calls one module per kind of page, on a shared `Planner`."""
