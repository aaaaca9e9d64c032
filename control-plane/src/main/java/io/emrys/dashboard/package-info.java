/**
 * Dashboards: the Spark UIs behind GetDashboardForJobRun's URLs. Start at
 * {@link io.emrys.dashboard.DashboardService} (mounted under {@code /dashboard/}: live UIs through a streaming
 * reverse proxy, ended runs through {@link io.emrys.dashboard.SparkHistoryServer}), then
 * {@link io.emrys.dashboard.RunUi} (what a run attempt offers) and {@link io.emrys.dashboard.EmrysDashboards}
 * (the URL handed to clients).
 */
package io.emrys.dashboard;
