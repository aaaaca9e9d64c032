/**
 * The process: {@link io.emrys.server.Main} (the {@code emrys server} command), {@link io.emrys.server.EmrysConfig}
 * (every setting and its default) and {@link io.emrys.server.EmrysServer}, the composition root that assembles each
 * concept's module ({@link io.emrys.server.SparkComputeModule}, {@code JobRunModule}, {@code SessionModule}), starts and
 * stops them, and holds no domain logic. Start reading there to see how the packages fit together.
 * <p>Layering: the composition root: may use every package and is used by none (held by {@code io.emrys.ArchitectureTest}).
 */
package io.emrys.server;
