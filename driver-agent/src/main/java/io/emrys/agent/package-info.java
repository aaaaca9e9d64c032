/**
 * Code that runs inside Spark's JVMs, started by the control plane from the runtime folder's {@code agent/}
 * directory. It talks to the control plane only through files in its work folder, so that nothing is lost
 * while the control plane restarts.
 */
package io.emrys.agent;
