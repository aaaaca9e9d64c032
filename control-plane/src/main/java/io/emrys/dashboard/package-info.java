/**
 * Dashboards: the Spark UIs behind GetDashboardForJobRun's URLs. Start at
 * {@link io.emrys.dashboard.DashboardService} (mounted under {@code /dashboard/}: live UIs through a streaming
 * reverse proxy, ended runs through {@link io.emrys.dashboard.SparkHistoryServer}), then
 * {@link io.emrys.dashboard.RunUi} (what a run attempt offers) and {@link io.emrys.dashboard.EmrysDashboards}
 * (the URL handed to clients).
 * <p>Layering: an edge adapter: implements {@code api.serverless}'s Dashboards port and reads {@code jobrun}'s and {@code session}'s values and {@code compute}; wired only by {@code server} (held by {@code io.emrys.ArchitectureTest}).
 */
package io.emrys.dashboard;
